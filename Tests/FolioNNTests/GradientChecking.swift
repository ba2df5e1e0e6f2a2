import FolioAutograd
import FolioNN
import FolioTensor
import XCTest

/// Central-difference gradient checks in float64 for losses and layers.
enum GradientChecking {
    /// Compares `backward` of scalar `f(x)` with central differences at every entry of `x`.
    static func check(_ f: (Variable) throws -> Variable, at x: Tensor, step: Double = 1e-6, tolerance: Double = 1e-6,
                      what: String = "input", file: StaticString = #filePath, line: UInt = #line) throws {
        let leaf = Variable(x, requiresGrad: true)
        try f(leaf).backward()
        let analytic = try XCTUnwrap(leaf.grad, "no gradient reached the input", file: file, line: line).toArray()
        let numeric = try numericGradient(at: x, step: step) { try f(Variable($0)).item() }
        assertClose(analytic, numeric, tolerance: tolerance, what: what, file: file, line: line)
    }

    /// Checks the gradient of `loss(model(input))` with respect to every parameter of `model`.
    static func checkParameters(of model: Module, input: Tensor, loss: (Variable) throws -> Variable,
                                tolerance: Double = 1e-6, file: StaticString = #filePath, line: UInt = #line) throws {
        model.zeroGrad()
        try loss(model(Variable(input))).backward()
        for (name, parameter) in model.namedParameters {
            let analytic = try XCTUnwrap(parameter.grad, "\(name) got no gradient", file: file, line: line).toArray()
            let original = parameter.value
            let numeric = try numericGradient(at: original, step: 1e-6) { value in
                try parameter.assign(value)
                return try noGrad { try loss(model(Variable(input))).item() }
            }
            try parameter.assign(original)
            assertClose(analytic, numeric, tolerance: tolerance, what: name, file: file, line: line)
        }
    }

    static func numericGradient(at x: Tensor, step: Double, _ f: (Tensor) throws -> Double) throws -> [Double] {
        let values = x.toArray()
        return try values.indices.map { index in
            var plus = values, minus = values
            plus[index] += step
            minus[index] -= step
            let high = try f(Tensor(plus, shape: x.shape, dtype: x.dtype))
            let low = try f(Tensor(minus, shape: x.shape, dtype: x.dtype))
            return (high - low) / (2 * step)
        }
    }

    static func assertClose(_ actual: [Double], _ expected: [Double], tolerance: Double, what: String,
                            file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(actual.count, expected.count, what, file: file, line: line)
        for (index, (left, right)) in zip(actual, expected).enumerated() where abs(left - right) > tolerance * (1 + abs(right)) {
            XCTFail("\(what)[\(index)]: analytic \(left) vs numeric \(right)", file: file, line: line)
            return
        }
    }
}
