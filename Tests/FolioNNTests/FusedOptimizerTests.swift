import FolioAutograd
import FolioNN
import FolioTensor
import FolioTestSupport
import XCTest

/// The one-pass steps of `sgd`, `adam` and `adamw` against the same transformations composed
/// (`chain` of one transformation drops the fused step), and the buffers they reuse.
final class FusedOptimizerTests: XCTestCase {
    private func parameters(_ dtype: DType) throws -> [Parameter] {
        [Parameter(try Tensor(deterministicValues(count: 12, offset: 0.3), shape: [3, 4], dtype: dtype)),
         Parameter(try Tensor(deterministicValues(count: 4, offset: 1.7), shape: [4], dtype: dtype))]
    }

    /// Four steps on `sum((x @ W.T ... ))`-like losses; the matrix is used transposed, so its
    /// gradient arrives as a transposed view in the composed path's eyes as well.
    private func train(_ transform: GradientTransformation, dtype: DType) throws -> [[Double]] {
        let params = try parameters(dtype)
        let optimizer = try Optimizer(params, transform)
        let input = Variable(try Tensor(deterministicValues(count: 8, offset: 0.9), shape: [2, 4], dtype: dtype))
        for _ in 0..<4 {
            let hidden = try input.matmul(params[0].variable.transpose()).tanh()
            let output = try hidden.matmul(params[0].variable) + params[1].variable
            try optimizer.step((output * output).sum())
        }
        return params.map { $0.value.toArray(of: Double.self) }
    }

    func testFusedStepsEqualTheComposedTransformations() throws {
        let cases: [(String, GradientTransformation, Double)] = [
            ("sgd", sgd(0.05), 0),
            ("sgd momentum", sgd(0.05, momentum: 0.9), 0),
            ("sgd nesterov decay", sgd(0.05, momentum: 0.9, nesterov: true, weightDecay: 0.01), 0),
            ("sgd decay", sgd(0.05, weightDecay: 0.1), 0),
            ("adam", adam(0.01), 1e-6),
            ("adam decay", adam(0.01, weightDecay: 0.1), 1e-6),
            ("adamw", adamw(0.01, weightDecay: 0.1), 1e-6),
        ]
        for dtype in [DType.f32, .f64] {
            for (name, transform, tolerance) in cases {
                XCTAssertNotNil(transform.fusedStep, name)
                XCTAssertNil(chain(transform).fusedStep, name)
                let fused = try train(transform, dtype: dtype)
                let composed = try train(chain(transform), dtype: dtype)
                for (left, right) in zip(fused, composed) {
                    if tolerance == 0 {
                        XCTAssertEqual(left, right, "\(name) \(dtype)")
                    } else {
                        for (a, b) in zip(left, right) { XCTAssertEqual(a, b, accuracy: tolerance * max(1, abs(b)), "\(name) \(dtype)") }
                    }
                }
            }
        }
    }

    /// The fused step advances the state like the chain: the step count, the schedule's count,
    /// and the moments (read back from the state).
    func testFusedStateMatchesTheComposedState() throws {
        let fusedParams = try parameters(.f64), composedParams = try parameters(.f64)
        let fused = try Optimizer(fusedParams, adam(0.01))
        let composed = try Optimizer(composedParams, chain(adam(0.01)))
        for _ in 0..<2 {
            try fused.step((fusedParams[0].variable * fusedParams[0].variable).sum())
            try composed.step((composedParams[0].variable * composedParams[0].variable).sum())
        }
        XCTAssertEqual(fused.state.count, composed.state.inner[0].count)
        XCTAssertEqual(fused.state.inner.map(\.count), composed.state.inner[0].inner.map(\.count))
        let fusedMoments = try fused.state.inner[1].slot("nu").map { $0.toArray() }
        let composedMoments = try composed.state.inner[0].inner[1].slot("nu").map { $0.toArray() }
        XCTAssertEqual(fusedMoments, composedMoments)
    }

    /// Buffers are rewritten in place only when nothing else holds them: a parameter value, an
    /// optimiser state or a gradient that the user kept stays as it was.
    func testHeldValuesAndStatesAreNotOverwritten() throws {
        let params = try parameters(.f32)
        let optimizer = try Optimizer(params, adam(0.01))
        var heldValues: [[Double]] = []
        var heldTensors: [Tensor] = []
        var heldStates: [(TransformState, [Double])] = []
        for _ in 0..<4 {
            heldTensors.append(params[0].value)
            heldValues.append(params[0].value.toArray())
            let state = optimizer.state
            heldStates.append((state, try state.inner[1].slot("mu")[0].toArray()))
            try optimizer.step((params[0].variable * params[0].variable).sum() + params[1].variable.sum())
        }
        for (tensor, values) in zip(heldTensors, heldValues) { XCTAssertEqual(tensor.toArray(), values) }
        for (state, moments) in heldStates { XCTAssertEqual(try state.inner[1].slot("mu")[0].toArray(), moments) }
        XCTAssertNotEqual(params[0].value.toArray(), heldValues[0])
    }

    /// Integer or mixed dtypes are not the fused loops' business: the composed path runs.
    func testUnsupportedDTypesFallBackToTheComposedPath() throws {
        let parameter = Parameter(try Tensor([1, 2, 3], shape: [3], dtype: .f32))
        let optimizer = try Optimizer([parameter], sgd(0.5))
        parameter.grad = try Tensor([1, 1, 1], shape: [3], dtype: .f64)
        try optimizer.step()
        XCTAssertEqual(parameter.value.toArray(), [0.5, 1.5, 2.5])
        XCTAssertEqual(parameter.dtype, .f32)
    }
}
