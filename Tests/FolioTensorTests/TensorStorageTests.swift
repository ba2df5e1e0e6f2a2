import FolioTensor
import XCTest

/// Large buffers are reused after they are freed (LargeBufferPool): reuse must never leak old values.
final class TensorStorageTests: XCTestCase {
    func testReusedLargeBuffersAreZeroedWhenAskedAndOverwrittenOtherwise() throws {
        let count = 3 << 20  // 12 MiB of f32: above the huge-page threshold
        for _ in 0..<3 {
            do { _ = try Tensor.full(shape: [count], value: 7) }  // freed at once, so pooled
            let zeros = try Tensor.zeros([count]).toArray(of: Float.self)
            XCTAssertEqual(zeros.count, count)
            XCTAssertTrue(zeros.allSatisfy { $0 == 0 }, "zeros() handed back a buffer with old values")
            do { _ = try Tensor.full(shape: [count], value: 7) }
            let ramp = try Tensor.arange(0, Double(count)).exp().toArray(of: Float.self)
            XCTAssertEqual(ramp[0], 1)
            XCTAssertEqual(ramp[1], Float(M_E), accuracy: 1e-6)
        }
    }

    func testManyLiveLargeTensorsStayDistinct() throws {
        // Freed and live buffers interleaved: a live buffer is never handed out again.
        var tensors: [Tensor] = []
        for index in 0..<12 {
            _ = try Tensor.full(shape: [2 << 20], value: -1)
            tensors.append(try Tensor.full(shape: [2 << 20], value: Double(index)))
        }
        for (index, tensor) in tensors.enumerated() {
            let values = try tensor.toArray(of: Float.self)
            XCTAssertEqual(values.first, Float(index))
            XCTAssertEqual(values.last, Float(index))
        }
    }

    /// Freed large buffers are held until `releaseCachedBuffers`, which gives all of them back.
    func testReleasingCachedBuffersEmptiesThePool() throws {
        TensorMemory.releaseCachedBuffers()
        do { _ = try Tensor.full(shape: [3 << 20], value: 1) }
        XCTAssertGreaterThanOrEqual(TensorMemory.cachedBytes, 12 << 20)
        TensorMemory.releaseCachedBuffers()
        XCTAssertEqual(TensorMemory.cachedBytes, 0)
        // Allocation after a release still works (fresh buffers).
        XCTAssertEqual(try Tensor.full(shape: [3 << 20], value: 2).sum().toArray(), [Double(6 << 20)])
    }
}
