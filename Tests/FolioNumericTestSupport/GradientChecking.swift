import FolioAutograd
import FolioNN
import FolioTensor
import FolioTestSupport
import XCTest

/// Central-difference gradient checks in float64 for losses and layers.
public enum GradientChecking {
    /// Compares `backward` of scalar `f(x)` with central differences at every entry of `x`.
    public static func check(_ f: (Variable) throws -> Variable, at x: Tensor, step: Double = 1e-6, tolerance: Double = 1e-6,
                      what: String = "input", file: StaticString = #filePath, line: UInt = #line) throws {
        let leaf = Variable(x, requiresGrad: true)
        try f(leaf).backward()
        let analytic = try XCTUnwrap(leaf.grad, "no gradient reached the input", file: file, line: line).toArray()
        let numeric = try numericGradient(at: x, step: step) { try f(Variable($0)).item() }
        assertClose(analytic, numeric, tolerance: tolerance, what: what, file: file, line: line)
    }

    /// Checks the gradient of `loss(model(input))` with respect to every parameter of `model`.
    public static func checkParameters(of model: Module, input: Tensor, loss: (Variable) throws -> Variable,
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

    public static func numericGradient(at x: Tensor, step: Double, _ f: (Tensor) throws -> Double) throws -> [Double] {
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

    public static func assertClose(_ actual: [Double], _ expected: [Double], tolerance: Double, what: String,
                            file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(actual.count, expected.count, what, file: file, line: line)
        for (index, (left, right)) in zip(actual, expected).enumerated() where abs(left - right) > tolerance * (1 + abs(right)) {
            XCTFail("\(what)[\(index)]: analytic \(left) vs numeric \(right)", file: file, line: line)
            return
        }
    }
}

/// `det(shape, k)` of CONVENTIONS.md as a float64 tensor: `sin(0.37 * arange(n) + k)` reshaped.
public func detTensor(_ shape: [Int], _ k: Double) throws -> Tensor {
    try Tensor(deterministicValues(count: shape.reduce(1, *), offset: k), shape: shape, dtype: .f64)
}

/// Asserts `actual` matches `expected` elementwise within `atol + rtol·|expected|` (NumPy's allclose),
/// reporting the first index that differs.
public func assertAllClose(_ actual: Tensor, _ expected: [Double], shape: [Int]? = nil, rtol: Double = 1e-4, atol: Double = 1e-5,
                           _ what: String = "value", file: StaticString = #filePath, line: UInt = #line) {
    if let shape { XCTAssertEqual(actual.shape, shape, "\(what): shape", file: file, line: line) }
    let values = actual.toArray()
    XCTAssertEqual(values.count, expected.count, "\(what): element count", file: file, line: line)
    for (index, (left, right)) in zip(values, expected).enumerated() where !(abs(left - right) <= atol + rtol * abs(right)) {
        XCTFail("\(what)[\(index)]: got \(left), expected \(right)", file: file, line: line)
        return
    }
}
