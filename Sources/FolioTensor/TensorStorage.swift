import Foundation

/// The reference-counted byte buffer that tensors and their views share.
///
/// Storage is untyped: a tensor's dtype decides how its bytes are read. Memory is 64-byte aligned
/// so that vector loads in the kernels never straddle a cache line at the start of a buffer.
final class TensorStorage: @unchecked Sendable {
    let pointer: UnsafeMutableRawPointer
    let byteCount: Int
    /// Bytes actually reserved: large buffers are rounded up to whole huge pages (and reused by size).
    private let capacity: Int

    /// A buffer of `byteCount` bytes, zero-filled only when asked: kernels that write every
    /// element skip the extra pass over memory (NumPy's `empty` does the same).
    init(byteCount: Int, zeroed: Bool) {
        self.byteCount = byteCount
        let large = byteCount >= TensorStorage.hugePageThreshold
        if large {
            capacity = (byteCount + TensorStorage.hugePageSize - 1) / TensorStorage.hugePageSize * TensorStorage.hugePageSize
            pointer = LargeBufferPool.take(capacity: capacity) ?? TensorStorage.allocateLarge(capacity)
        } else {
            // At least one byte so that empty tensors still have a valid base pointer.
            capacity = Swift.max(byteCount, 1)
            pointer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 64)
        }
        if zeroed {
            pointer.initializeMemory(as: UInt8.self, repeating: 0, count: Swift.max(byteCount, 1))
        }
    }

    private static func allocateLarge(_ capacity: Int) -> UnsafeMutableRawPointer {
        let pointer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: hugePageSize)
        #if os(Linux)
        // Large buffers come fresh from mmap; asking for transparent huge pages (as NumPy does
        // for arrays of 4 MB and more) turns 512 page faults of the first write into one.
        // Measured: a 10^7-element f32 add went from ~22 ms to ~10 ms (NumPy: ~10 ms).
        _ = madvise(pointer, capacity, MADV_HUGEPAGE)
        #endif
        return pointer
    }

    static let hugePageSize = 1 << 21
    static let hugePageThreshold = 1 << 22

    deinit {
        if capacity >= TensorStorage.hugePageThreshold {
            LargeBufferPool.give(pointer, capacity: capacity)
        } else {
            pointer.deallocate()
        }
    }
}

/// Recently freed large buffers, handed to the next allocation of the same capacity.
///
/// A fresh buffer from mmap costs a page fault and the kernel's zeroing of every page on its
/// first write: for a 10^7-element f32 add that is a third more memory traffic than the add
/// itself. Loops (training steps, benchmarks, elementwise chains) free and allocate the same sizes
/// over and over, so keeping a few freed buffers makes their pages warm. Bounded by `limit` bytes,
/// oldest evicted first; a buffer larger than half the limit is never kept (so a chain of 10^8
/// elements peaks exactly as before).
/// Memory Folio keeps for reuse (see `LargeBufferPool`).
public enum TensorMemory {
    /// Bytes of freed large buffers held for reuse.
    public static var cachedBytes: Int { LargeBufferPool.cachedBytes }

    /// Gives the held buffers back to the system. The kernel calls it after each cell, so that a
    /// notebook left idle after a big computation does not keep up to `LargeBufferPool.limit`
    /// resident; within a cell (a training loop) buffers are still reused.
    public static func releaseCachedBuffers() { LargeBufferPool.drain() }
}

enum LargeBufferPool {
    static let limit = 256 << 20
    private static let lock = NSLock()
    private static var buffers: [(pointer: UnsafeMutableRawPointer, capacity: Int)] = []
    private static var pooledBytes = 0

    static func take(capacity: Int) -> UnsafeMutableRawPointer? {
        lock.lock()
        defer { lock.unlock() }
        guard let index = buffers.lastIndex(where: { $0.capacity == capacity }) else { return nil }
        pooledBytes -= capacity
        return buffers.remove(at: index).pointer
    }

    static var cachedBytes: Int {
        lock.lock()
        defer { lock.unlock() }
        return pooledBytes
    }

    static func drain() {
        lock.lock()
        let released = buffers
        buffers = []
        pooledBytes = 0
        lock.unlock()
        released.forEach { $0.pointer.deallocate() }
    }

    static func give(_ pointer: UnsafeMutableRawPointer, capacity: Int) {
        guard capacity <= limit / 2 else {
            pointer.deallocate()
            return
        }
        var evicted: [UnsafeMutableRawPointer] = []
        lock.lock()
        while pooledBytes + capacity > limit, !buffers.isEmpty {
            let oldest = buffers.removeFirst()
            pooledBytes -= oldest.capacity
            evicted.append(oldest.pointer)
        }
        buffers.append((pointer, capacity))
        pooledBytes += capacity
        lock.unlock()
        evicted.forEach { $0.deallocate() }
    }
}
