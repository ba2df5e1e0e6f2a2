#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FolioRuntime

#if canImport(Glibc)
/// glibc's `pthread_getattr_np` is a GNU extension the Swift Glibc module does not export.
@_silgen_name("pthread_getattr_np")
private func linuxThreadAttributes(_ thread: pthread_t, _ attributes: UnsafeMutablePointer<pthread_attr_t>) -> Int32
#endif

/// Stops recursion before the native stack runs out, whatever thread runs the cell.
///
/// The recursion limit is sized for the kernel's 512 MiB execution thread; a test or host running a
/// cell on a smaller stack is still protected because every DSL call also checks how much native
/// stack is left.
final class NativeStackGuard {
    /// Keep this much stack free for the error path, builtins and the host.
    private static let reserve = 256 * 1024
    private var lowestSafeAddress: UInt = 0

    /// Records the bounds of the current thread's stack.
    func start() {
        guard let bounds = NativeStackGuard.currentThreadStack() else {
            lowestSafeAddress = 0
            return
        }
        lowestSafeAddress = bounds.low + UInt(NativeStackGuard.reserve)
    }

    /// True when the stack pointer is still above the safety margin.
    @inline(__always)
    func hasRoom() -> Bool {
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { pointer in
            UInt(bitPattern: pointer) > lowestSafeAddress
        }
    }

    private static func currentThreadStack() -> (low: UInt, high: UInt)? {
        #if canImport(Glibc)
        var attributes = pthread_attr_t()
        guard linuxThreadAttributes(pthread_self(), &attributes) == 0 else { return nil }
        defer { pthread_attr_destroy(&attributes) }
        var address: UnsafeMutableRawPointer?
        var size = 0
        guard pthread_attr_getstack(&attributes, &address, &size) == 0, let address else { return nil }
        let low = UInt(bitPattern: address)
        return (low, low + UInt(size))
        #elseif canImport(Darwin)
        let high = UInt(bitPattern: pthread_get_stackaddr_np(pthread_self()))
        let size = UInt(pthread_get_stacksize_np(pthread_self()))
        return (high - size, high)
        #else
        return nil
        #endif
    }
}
