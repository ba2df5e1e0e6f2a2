import Foundation
import FolioAutograd
import FolioTensor
import XCTest

/// The fast paths of backward: fused elementwise rules, in-place accumulation, gradients laid out
/// like their operands. Each must give what the plain rules give and never write into a tensor
/// that someone else can see.
final class FastPathTests: XCTestCase {
    /// First-order backward takes the fused rules; a recording backward takes the composites.
    /// Both must agree to the last bit, in f32 and f64.
    func testFusedRulesEqualTheComposites() throws {
        for dtype in [DType.f32, .f64] {
            let input = try deterministicTensor([3, 5], offset: 0.4) { 2 * $0 }.cast(to: dtype)
            let weights = try deterministicTensor([3, 5], offset: 1.1).cast(to: dtype)
            let activations: [(String, (Variable) throws -> Variable)] = [
                ("tanh", { try $0.tanh() }), ("sigmoid", { try $0.sigmoid() }), ("relu", { try $0.relu() }),
            ]
            for (name, activation) in activations {
                let x = Variable(input, requiresGrad: true)
                try (activation(x) * Variable(weights)).sum().backward()
                let fused = try XCTUnwrap(x.grad)
                let y = Variable(input, requiresGrad: true)
                let composite = try gradients(of: (activation(y) * Variable(weights)).sum(), withRespectTo: [y],
                                              createGraph: true)[0]
                XCTAssertEqual(fused.dtype, dtype)
                XCTAssertEqual(fused.toArray(of: Double.self), composite.value.toArray(of: Double.self), "\(name) \(dtype)")
            }
        }
    }

    /// logSoftmax's one-pass rule (first-order backward, last axis) against its composite rule
    /// (recording backward): equal to rounding of the row sums, in f32 and f64, with a cotangent
    /// that is not uniform along the rows (a weighted sum).
    func testFusedLogSoftmaxRuleMatchesTheComposite() throws {
        for dtype in [DType.f32, .f64] {
            let input = try deterministicTensor([4, 7], offset: 0.4) { 3 * $0 }.cast(to: dtype)
            let weights = try deterministicTensor([4, 7], offset: 1.1).cast(to: dtype)
            let x = Variable(input, requiresGrad: true)
            try (x.logSoftmax(axis: -1) * Variable(weights)).sum().backward()
            let fused = try XCTUnwrap(x.grad)
            let y = Variable(input, requiresGrad: true)
            let composite = try gradients(of: (y.logSoftmax(axis: 1) * Variable(weights)).sum(), withRespectTo: [y],
                                          createGraph: true)[0]
            XCTAssertEqual(fused.dtype, dtype)
            let tolerance = dtype == .f32 ? 1e-6 : 1e-15
            assertAllClose(fused.cast(to: .f64), composite.value.cast(to: .f64), rtol: tolerance, atol: tolerance, "logSoftmax \(dtype)")
        }
    }

    /// softmax's one-pass rule (first-order backward, last axis) against its composite rule
    /// (recording backward), as for logSoftmax: rows of 37 (nine blocks of its interleaved sum and
    /// a tail), -inf entries included (their gradient is 0 in both).
    func testFusedSoftmaxRuleMatchesTheComposite() throws {
        for dtype in [DType.f32, .f64] {
            var values = try deterministicTensor([3, 37], offset: 0.4) { 3 * $0 }.toArray(of: Double.self)
            values[3] = -.infinity
            values[40] = -.infinity
            let input = try Tensor(values, shape: [3, 37], dtype: dtype)
            let weights = try deterministicTensor([3, 37], offset: 1.1).cast(to: dtype)
            let x = Variable(input, requiresGrad: true)
            try (x.softmax(axis: -1) * Variable(weights)).sum().backward()
            let fused = try XCTUnwrap(x.grad)
            let y = Variable(input, requiresGrad: true)
            let composite = try gradients(of: (y.softmax(axis: 1) * Variable(weights)).sum(), withRespectTo: [y],
                                          createGraph: true)[0]
            XCTAssertEqual(fused.dtype, dtype)
            XCTAssertEqual(fused.toArray(of: Double.self)[3], 0)
            let tolerance = dtype == .f32 ? 1e-6 : 1e-15
            assertAllClose(fused.cast(to: .f64), composite.value.cast(to: .f64), rtol: tolerance, atol: tolerance, "softmax \(dtype)")
        }
    }

    /// Products big enough for the matmul rule to form both gradients at once (one per thread)
    /// give what the recording rule gives (the same products, one after the other), for a plain
    /// and a transposed weight, in f32 and f64.
    func testConcurrentMatmulGradientsEqualTheRecordingRule() throws {
        for dtype in [DType.f32, .f64] {
            let input = deterministicTensor([96, 130], offset: 0.3).cast(to: dtype)
            let weight = deterministicTensor([140, 130], offset: 0.7) { $0 / 4 }.cast(to: dtype)
            let cotangent = deterministicTensor([96, 140], offset: 1.3).cast(to: dtype)
            for transposed in [false, true] {
                func product(_ x: Variable, _ w: Variable) throws -> Variable {
                    transposed ? try x.matmul(w.transpose()) : try x.matmul(try w.reshape([130, 140]))
                }
                let x = Variable(input, requiresGrad: true), w = Variable(weight, requiresGrad: true)
                try (product(x, w) * Variable(cotangent)).sum().backward()
                let x2 = Variable(input, requiresGrad: true), w2 = Variable(weight, requiresGrad: true)
                let expected = try gradients(of: (product(x2, w2) * Variable(cotangent)).sum(), withRespectTo: [x2, w2],
                                             createGraph: true)
                let tolerance = dtype == .f32 ? 1e-5 : 1e-13
                assertAllClose(try XCTUnwrap(x.grad).cast(to: .f64), expected[0].value.cast(to: .f64), rtol: tolerance,
                               atol: tolerance, "input \(dtype) transposed \(transposed)")
                assertAllClose(try XCTUnwrap(w.grad).cast(to: .f64), expected[1].value.cast(to: .f64), rtol: tolerance,
                               atol: tolerance, "weight \(dtype) transposed \(transposed)")
            }
        }
    }

    /// relu's rule passes NaN through (as `g * sign(y)` does) and is 0 at 0.
    func testFusedReluKeepsNaNAndZero() throws {
        let x = Variable(try Tensor([-1, 0, 2, .nan], shape: [4], dtype: .f32), requiresGrad: true)
        try x.relu().sum().backward()
        let grad = try XCTUnwrap(x.grad).toArray(of: Double.self)
        XCTAssertEqual(Array(grad[0..<3]), [0, 0, 1])
        XCTAssertTrue(grad[3].isNaN)
    }

    /// A weight used by many steps (a recurrent cell) gets the sum of all contributions, added
    /// into one buffer.
    func testManyContributionsToOneWeightAddUp() throws {
        let weight = Variable(try deterministicTensor([4, 4], offset: 0.2) * 0.3, requiresGrad: true)
        let start = deterministicTensor([2, 4], offset: 0.9)
        var hidden = Variable(start)
        var inputs: [Tensor] = []
        for _ in 0..<50 {
            inputs.append(hidden.value)
            hidden = try hidden.matmul(weight)
        }
        // Linear in each use: d sum(h_50) / dW = Σ_t h_t^T (dL/dh_{t+1}); with a linear chain
        // dL/dh_{t+1} = ones @ (W^T)^(49 - t).
        try hidden.sum().backward()
        var expected = try Tensor.zeros([4, 4], dtype: .f64)
        var upstream = try Tensor.ones([2, 4], dtype: .f64)
        for step in stride(from: 49, through: 0, by: -1) {
            expected = try expected + inputs[step].transpose().matmul(upstream)
            upstream = try upstream.matmul(weight.value.transpose())
        }
        assertAllClose(try XCTUnwrap(weight.grad), expected, rtol: 1e-10, atol: 1e-12, "shared weight")
    }

    /// A `.grad` that the user holds is never written into by a later backward; one that nobody
    /// holds keeps accumulating.
    func testAHeldGradientIsNotChangedByTheNextBackward() throws {
        let x = Variable(deterministicTensor([3], offset: 0.1), requiresGrad: true)
        try (x * x).sum().backward()
        let first = try XCTUnwrap(x.grad)
        let snapshot = first.toArray(of: Double.self)
        try (x * 3.0).sum().backward()
        try (x * 3.0).sum().backward()
        XCTAssertEqual(first.toArray(of: Double.self), snapshot)
        let expected = try x.value * 2.0 + 6.0
        assertAllClose(try XCTUnwrap(x.grad), expected, "accumulated")
    }

    /// The seed and the tensors a rule passes through unchanged (`add` hands `g` to both sides)
    /// are shared, so accumulation must copy rather than write into them.
    func testSharedCotangentsAreNotWrittenInto() throws {
        let a = Variable(deterministicTensor([2, 3], offset: 0.3), requiresGrad: true)
        let b = Variable(deterministicTensor([2, 3], offset: 0.7), requiresGrad: true)
        let seed = deterministicTensor([2, 3], offset: 1.5)
        let seedValues = seed.toArray(of: Double.self)
        // a receives g twice (a + b, then + a); b receives g once.
        try (a + b + a).backward(seed: seed)
        XCTAssertEqual(seed.toArray(of: Double.self), seedValues)
        assertAllClose(try XCTUnwrap(a.grad), try seed * 2.0, "a")
        assertAllClose(try XCTUnwrap(b.grad), seed, "b")
    }

    /// `x @ W.T` (a `Linear` layer) hands `W` a dense gradient, equal to `g^T x`.
    func testTransposedOperandGetsADenseGradient() throws {
        let x = Variable(deterministicTensor([5, 3], offset: 0.2))
        let weight = Variable(deterministicTensor([4, 3], offset: 0.6), requiresGrad: true)
        let upstream = deterministicTensor([5, 4], offset: 1.3)
        try x.matmul(weight.transpose()).backward(seed: upstream)
        let grad = try XCTUnwrap(weight.grad)
        XCTAssertTrue(grad.isContiguous)
        assertAllClose(grad, try upstream.transpose().matmul(x.value), "weight")
        // And the input side, when the input itself is a transposed view.
        let xt = Variable(deterministicTensor([3, 5], offset: 0.2), requiresGrad: true)
        try xt.transpose().matmul(Variable(weight.value.transpose())).backward(seed: upstream)
        let inputGrad = try XCTUnwrap(xt.grad)
        XCTAssertTrue(inputGrad.isContiguous)
        assertAllClose(inputGrad, try upstream.matmul(weight.value).transpose(), "input")
    }
}
