import FolioAutograd
import FolioTensor
import FolioTestSupport
import XCTest

/// `det(shape, k)` of CONVENTIONS.md as an `f64` tensor, mapped through `transform` (to keep
/// inputs inside an op's domain).
func deterministicTensor(_ shape: [Int], offset: Double, transform: (Double) -> Double = { $0 }) -> Tensor {
    let count = shape.reduce(1, *)
    let values = deterministicValues(count: count, offset: offset).map(transform)
    return (try? Tensor(values, shape: shape, dtype: .f64)) ?? Tensor([], dtype: .f64)
}

/// Fails with a readable list of the first differing elements when `actual` and `expected`
/// differ by more than `atol + rtol * |expected|` anywhere.
func assertAllClose(_ actual: Tensor, _ expected: Tensor, rtol: Double = 1e-5, atol: Double = 1e-7,
                    _ context: @autoclosure () -> String = "", file: StaticString = #filePath, line: UInt = #line) {
    guard actual.shape == expected.shape else {
        XCTFail("\(context()): shape \(formatShape(actual.shape)) != expected \(formatShape(expected.shape))", file: file, line: line)
        return
    }
    let left = actual.toArray(), right = expected.toArray()
    var report: [String] = []
    var failures = 0
    for index in left.indices {
        let difference = Swift.abs(left[index] - right[index])
        let allowed = atol + rtol * Swift.abs(right[index])
        guard !(difference <= allowed) else { continue }
        failures += 1
        if report.count < 6 { report.append("  [\(index)] got \(left[index]), expected \(right[index]) (|diff| \(difference))") }
    }
    if failures > 0 {
        let header = "\(context()): \(failures) of \(left.count) elements differ (rtol \(rtol), atol \(atol))"
        XCTFail(([header] + report).joined(separator: "\n"), file: file, line: line)
    }
}

/// Float64 central-difference gradient check.
///
/// The scalar checked is `sum_k sum(outputs[k] * w_k)` with fixed deterministic weights `w_k`
/// (so every output element and every output of a multi-output op is exercised), or whatever
/// `f` returns if it is already a scalar. Analytic gradients come from `gradients(of:...)`;
/// numeric ones from `(L(x + h e_i) - L(x - h e_i)) / 2h` for every element of every input.
enum GradCheck {
    /// Reduces `outputs` to the weighted scalar described above.
    static func weightedSum(_ outputs: [Variable]) throws -> Variable {
        var total: Variable?
        for (index, output) in outputs.enumerated() {
            if output.count == 1 && outputs.count == 1 { return try output.sum() }
            let weights = deterministicTensor(output.shape, offset: 0.3 + Double(index), transform: { 0.5 + $0 })
            let term = try (output * Variable.constant(weights.cast(to: output.dtype))).sum()
            total = try total.map { try $0 + term } ?? term
        }
        return try total ?? Variable.constant(Tensor(scalar: 0, dtype: .f64))
    }

    /// Checks the gradients of `weightedSum(f(inputs))` with respect to every input.
    static func check(_ name: String, inputs: [Tensor], step: Double = 1e-6, rtol: Double = 1e-5, atol: Double = 1e-6,
                      file: StaticString = #filePath, line: UInt = #line,
                      _ f: @escaping ([Variable]) throws -> [Variable]) throws {
        let loss: ([Variable]) throws -> Variable = { try weightedSum(f($0)) }
        let analytic = try grad(loss, argnums: Array(inputs.indices))(inputs.map { Variable($0) })
        for (position, input) in inputs.enumerated() {
            let numeric = try numericGradient(loss, inputs: inputs, position: position, step: step)
            assertAllClose(analytic[position].value.cast(to: .f64), numeric, rtol: rtol, atol: atol,
                           "\(name): gradient of input \(position)", file: file, line: line)
        }
    }

    /// Checks the gradient of `<∇L(x), v>` (fixed directions `v`) against central differences of
    /// it, `L` being the case's weighted loss: rules made of differentiable ops must
    /// differentiate again.
    static func checkSecondOrder(_ testCase: PrimitiveCase, file: StaticString = #filePath, line: UInt = #line) throws {
        let directions = testCase.inputs.enumerated().map { deterministicTensor($0.element.shape, offset: 2.0 + Double($0.offset)) }
        let directional: ([Variable]) throws -> [Variable] = { args in
            let loss: ([Variable]) throws -> Variable = { try weightedSum(testCase.run($0)) }
            let gradients = try grad(loss, argnums: Array(args.indices))(args)
            var total = try (gradients[0] * Variable.constant(directions[0])).sum()
            for index in gradients.indices.dropFirst() {
                total = try total + (gradients[index] * Variable.constant(directions[index])).sum()
            }
            return [total]
        }
        try check("second order \(testCase.name)", inputs: testCase.inputs, rtol: 1e-4, atol: 1e-5,
                  file: file, line: line, directional)
    }

    /// Central differences of `loss` with respect to `inputs[position]`, in float64.
    static func numericGradient(_ loss: ([Variable]) throws -> Variable, inputs: [Tensor], position: Int,
                                step: Double) throws -> Tensor {
        let base = inputs[position]
        let values = base.toArray()
        var result = Array(repeating: 0.0, count: values.count)
        for index in values.indices {
            var shifted = values
            shifted[index] = values[index] + step
            let upper = try evaluate(loss, inputs, position, try Tensor(shifted, shape: base.shape, dtype: base.dtype))
            shifted[index] = values[index] - step
            let lower = try evaluate(loss, inputs, position, try Tensor(shifted, shape: base.shape, dtype: base.dtype))
            result[index] = (upper - lower) / (2 * step)
        }
        return try Tensor(result, shape: base.shape, dtype: .f64)
    }

    private static func evaluate(_ loss: ([Variable]) throws -> Variable, _ inputs: [Tensor], _ position: Int,
                                 _ replacement: Tensor) throws -> Double {
        var arguments = inputs.map { Variable($0) }
        arguments[position] = Variable(replacement)
        // Not under noGrad: losses that contain gradients (PDE residuals) need recording.
        return try loss(arguments).item()
    }
}
