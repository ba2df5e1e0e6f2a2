import Foundation

/// The reference-counted byte buffer that tensors and their views share.
///
/// Storage is untyped: a tensor's dtype decides how its bytes are read. Memory is 64-byte aligned
/// so that vector loads in the kernels never straddle a cache line at the start of a buffer.
final class TensorStorage: @unchecked Sendable {
    let pointer: UnsafeMutableRawPointer
    let byteCount: Int

    /// A buffer of `byteCount` bytes, zero-filled only when asked: kernels that write every
    /// element skip the extra pass over memory (NumPy's `empty` does the same).
    init(byteCount: Int, zeroed: Bool) {
        self.byteCount = byteCount
        // Allocate at least one byte so that empty tensors still have a valid base pointer.
        pointer = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(byteCount, 1), alignment: 64)
        if zeroed {
            pointer.initializeMemory(as: UInt8.self, repeating: 0, count: Swift.max(byteCount, 1))
        }
    }

    deinit {
        pointer.deallocate()
    }
}
