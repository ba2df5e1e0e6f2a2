import FolioTensor
import XCTest

/// `choice`, `categorical` and cancellation. Random results are checked by properties
/// (frequencies, uniqueness, determinism) since the algorithms are Folio's own on Philox.
final class SamplingTests: XCTestCase {
    private func frequencies(_ picks: Tensor, categories: Int) -> [Double] {
        var counts = [Double](repeating: 0, count: categories)
        for pick in picks.toArray(of: Int64.self) { counts[Int(pick)] += 1 }
        return counts.map { $0 / Double(picks.count) }
    }

    func testChoiceWithReplacementFollowsWeights() throws {
        let weights = Tensor([1, 0, 3, 6], dtype: .f64)
        let picks = try Tensor.choice(4, shape: [20000], weights: weights, seed: 3)
        XCTAssertEqual(picks.dtype, .i64)
        assertClose(frequencies(picks, categories: 4), [0.1, 0, 0.3, 0.6], rtol: 0, atol: 0.015)
        XCTAssertEqual(try Tensor.choice(4, shape: [5], weights: weights, seed: 3).toArray(),
                       try Tensor.choice(4, shape: [5], weights: weights, seed: 3).toArray())
        let uniform = try Tensor.choice(3, shape: [2, 6000], seed: 1)
        XCTAssertEqual(uniform.shape, [2, 6000])
        assertClose(frequencies(uniform, categories: 3), [1.0 / 3, 1.0 / 3, 1.0 / 3], rtol: 0, atol: 0.02)
    }

    func testChoiceWithoutReplacementIsDistinct() throws {
        let picks = try Tensor.choice(10, shape: [10], replace: false, seed: 5).toArray(of: Int64.self)
        XCTAssertEqual(Set(picks).count, 10)
        let weighted = try Tensor.choice(5, shape: [3], replace: false, weights: Tensor([0, 1, 1, 1, 5]), seed: 2)
        let distinct = Set(weighted.toArray(of: Int64.self))
        XCTAssertEqual(distinct.count, 3)
        XCTAssertFalse(distinct.contains(0))
        // The heavy item is first far more often than a fair share.
        var heavyFirst = 0
        for seed in 0..<400 where try Tensor.choice(5, shape: [2], replace: false, weights: Tensor([1, 1, 1, 1, 6]), seed: UInt64(seed)).toArray(of: Int64.self)[0] == 4 {
            heavyFirst += 1
        }
        XCTAssertEqual(Double(heavyFirst) / 400, 0.6, accuracy: 0.08)
        var generator = PhiloxGenerator(seed: 9)
        let rows = try Tensor.choice(from: Tensor.arange(12).reshape([4, 3]), shape: [2], replace: false, generator: &generator)
        XCTAssertEqual(rows.shape, [2, 3])
    }

    func testChoiceMisuseRaisesValueErrors() {
        assertThrowsKind(.value) { try Tensor.choice(3, shape: [4], replace: false, seed: 0) }
        assertThrowsKind(.value) { try Tensor.choice(3, shape: [3], replace: false, weights: Tensor([1, 0, 1]), seed: 0) }
        assertThrowsKind(.value) { try Tensor.choice(2, shape: [1], weights: Tensor([-1, 2]), seed: 0) }
        assertThrowsKind(.shape) { try Tensor.choice(3, shape: [1], weights: Tensor([1, 2]), seed: 0) }
        assertThrowsKind(.value) { try Tensor.choice(0, shape: [1], seed: 0) }
    }

    func testCategoricalFromProbabilitiesAndLogitsAgreeInDistribution() throws {
        var generator = PhiloxGenerator(seed: 11)
        let probabilities = try Tensor(rows: [[0.2, 0.8, 0], [0.5, 0.25, 0.25]], dtype: .f64)
        let fromProbabilities = try Tensor.categorical(probabilities: probabilities, samples: 8000, generator: &generator)
        XCTAssertEqual(fromProbabilities.shape, [2, 8000])
        let logits = try probabilities.log()
        let fromLogits = try Tensor.categorical(logits: logits, samples: 8000, generator: &generator)
        for (row, expected) in [[0.2, 0.8, 0], [0.5, 0.25, 0.25]].enumerated() {
            assertClose(frequencies(try fromProbabilities.slice([.at(row)]), categories: 3), expected, rtol: 0, atol: 0.02)
            assertClose(frequencies(try fromLogits.slice([.at(row)]), categories: 3), expected, rtol: 0, atol: 0.02)
        }
        XCTAssertEqual(try Tensor.categorical(logits: logits, generator: &generator).shape, [2])
        assertThrowsKind(.value) { try Tensor.categorical(logits: Tensor([-Double.infinity]), generator: &generator) }
        assertThrowsKind(.shape) { try Tensor.categorical(probabilities: Tensor.zeros([2, 0]), generator: &generator) }
    }

    func testCancelledTokenInterruptsKernels() throws {
        let token = TensorCancellation()
        let a = try Tensor.ones([4, 8, 8])
        try TensorCancellation.$current.withValue(token) {
            XCTAssertEqual(try a.matmul(a).shape, [4, 8, 8])
            token.cancel()
            let message = assertThrowsKind(.interrupted) { try a.matmul(a) }
            XCTAssertEqual(message, "matmul: interrupted")
            assertThrowsKind(.interrupted) { try Tensor.forward(.unary(.exp), [a]) }
            token.reset()
            XCTAssertNoThrow(try Tensor.forward(.unary(.exp), [a]))
        }
        token.cancel()
        XCTAssertNoThrow(try a.matmul(a), "an unbound token cancels nothing")
        let external = TensorCancellation(probe: { true })
        TensorCancellation.$current.withValue(external) {
            assertThrowsKind(.interrupted) { try a.matmul(a) }
        }
    }
}

/// Cancellation reaches the batched kernels: linear algebra, FFT lines, convolutions.
final class CancellationTests: XCTestCase {
    func testBatchedKernelsStopWhenCancelled() throws {
        let token = TensorCancellation()
        token.cancel()
        let matrices = try det([3, 4, 4], 0) + Tensor.eye(4, dtype: .f64)
        try TensorCancellation.$current.withValue(token) {
            for body in [{ _ = try matrices.inverse() }, { _ = try matrices.svd() }, { _ = try matrices.determinant() },
                         { _ = try matrices.fft() }, { _ = try matrices.unsqueeze(1).conv2d(det([2, 1, 2, 2], 1)) },
                         { _ = try Tensor.einsum("bij,bjk->bik", [matrices, matrices]) }] as [() throws -> Void] {
                assertThrowsKind(.interrupted) { try body() }
            }
        }
        XCTAssertNoThrow(try matrices.inverse())
    }
}
