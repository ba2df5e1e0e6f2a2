import Foundation

/// The reference-counted, zero-initialised byte buffer that tensors and their views share.
///
/// Storage is untyped: a tensor's dtype decides how its bytes are read. Memory is 64-byte aligned
/// so that vector loads in the kernels never straddle a cache line at the start of a buffer.
final class TensorStorage: @unchecked Sendable {
    let pointer: UnsafeMutableRawPointer
    let byteCount: Int

    init(byteCount: Int) {
        self.byteCount = byteCount
        // Allocate at least one byte so that empty tensors still have a valid base pointer.
        pointer = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(byteCount, 1), alignment: 64)
        pointer.initializeMemory(as: UInt8.self, repeating: 0, count: Swift.max(byteCount, 1))
    }

    deinit {
        pointer.deallocate()
    }
}
