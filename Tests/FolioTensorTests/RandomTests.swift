import FolioTensor
import XCTest

final class RandomTests: XCTestCase {
    /// Random123's `kat_vectors` for Philox4x32-10 (also used by TensorFlow's philox tests).
    func testPhiloxKnownAnswerVectors() {
        let zero = PhiloxGenerator.block(counter: (0, 0, 0, 0), key: (0, 0))
        XCTAssertEqual([zero.0, zero.1, zero.2, zero.3], [0x6627_E8D5, 0xE169_C58D, 0xBC57_AC4C, 0x9B00_DBD8])
        let ones = PhiloxGenerator.block(counter: (.max, .max, .max, .max), key: (.max, .max))
        XCTAssertEqual([ones.0, ones.1, ones.2, ones.3], [0x408F_276D, 0x41C8_3B0E, 0xA20B_C7C6, 0x6D54_51FD])
        let pi = PhiloxGenerator.block(counter: (0x243F_6A88, 0x85A3_08D3, 0x1319_8A2E, 0x0370_7344), key: (0xA409_3822, 0x299F_31D0))
        XCTAssertEqual([pi.0, pi.1, pi.2, pi.3], [0xD16C_FE09, 0x94FD_CCEB, 0x5001_E420, 0x2412_6EA1])
    }

    /// Values from `reference/philox_reference.py`, an independent Python implementation.
    func testDistributionsArePinnedAcrossMachines() throws {
        XCTAssertEqual(try Tensor.rand([4], seed: 42).toArray(),
                       [0.6129598617553711, 0.4685865044593811, 0.07323169708251953, 0.3408614993095398])
        XCTAssertEqual(try Tensor.rand([4], dtype: .f64, seed: 42).toArray(),
                       [0.6129598801477738, 0.07323173687503892, 0.9877186516453577, 0.513906146990624])
        XCTAssertEqual(try Tensor.randint(-5, 7, shape: [4], seed: 42).toArray(of: Int64.self), [2, -5, 6, 1])
        assertTensor(try Tensor.randn([4], dtype: .f64, seed: 42),
                     [1.2345418209781556, 0.6118499302684758, -2.9550533674680803, -0.25885655924451106], rtol: 1e-15)
    }

    func testGeneratorStreamsAdvanceAndSeedsRepeat() throws {
        var generator = PhiloxGenerator(seed: 7)
        let first = try Tensor.randn([3, 5], generator: &generator)
        let second = try Tensor.randn([3, 5], generator: &generator)
        XCTAssertNotEqual(first.toArray(), second.toArray())
        var replay = PhiloxGenerator(seed: 7)
        XCTAssertEqual(try Tensor.randn([3, 5], generator: &replay).toArray(), first.toArray())
        let big = try Tensor.rand([200_001], seed: 3)
        let bigAgain = try Tensor.rand([200_001], seed: 3)
        XCTAssertEqual(big.toArray(), bigAgain.toArray())
    }

    func testMomentsAndRanges() throws {
        let normals = try Tensor.randn([100_000], dtype: .f64, seed: 1)
        XCTAssertEqual(try normals.mean().item().doubleValue, 0, accuracy: 0.02)
        XCTAssertEqual(try normals.std().item().doubleValue, 1, accuracy: 0.02)
        let uniforms = try Tensor.rand([100_000], seed: 2)
        XCTAssertGreaterThanOrEqual(try uniforms.min().item().doubleValue, 0)
        XCTAssertLessThan(try uniforms.max().item().doubleValue, 1)
        XCTAssertEqual(try uniforms.mean().item().doubleValue, 0.5, accuracy: 0.01)
        let integers = try Tensor.randint(3, 6, shape: [10_000], seed: 4).toArray(of: Int64.self)
        XCTAssertEqual(Set(integers), [3, 4, 5])
        var generator = PhiloxGenerator(seed: 5)
        let flags = try Tensor.bernoulli(Tensor(scalar: 0.25), shape: [20_000], generator: &generator)
        XCTAssertEqual(try flags.cast(to: .f64).mean().item().doubleValue, 0.25, accuracy: 0.02)
        let order = try Tensor.permutation(50, seed: 9).toArray(of: Int64.self)
        XCTAssertEqual(order.sorted(), Array(0..<50))
        XCTAssertNotEqual(order, Array(0..<50))
    }

    func testBadRandomArgumentsThrow() {
        assertThrowsKind(.value) { try Tensor.randint(3, 3, shape: [2], seed: 0) }
        assertThrowsKind(.shape) { try Tensor.rand([-1], seed: 0) }
        assertThrowsKind(.type) { try Tensor.randn([2], dtype: .i64, seed: 0) }
        var generator = PhiloxGenerator(seed: 0)
        assertThrowsKind(.value) { try Tensor.bernoulli(Tensor([1.5]), generator: &generator) }
    }
}
