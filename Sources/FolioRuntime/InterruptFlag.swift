import Synchronization

/// The one flag an interrupt sets; loop back-edges, calls and long native work poll it.
///
/// Lock-free so that a signal handler or the control thread can set it while the interpreter
/// thread reads it on every iteration without contention.
public final class InterruptFlag: @unchecked Sendable {
    /// Usable from inlinable code so polling it in the interpreter's loops is one inlined atomic load.
    @usableFromInline let requested = Atomic<Bool>(false)

    public init() {}

    public func request() {
        requested.store(true, ordering: .relaxed)
    }

    public func clear() {
        requested.store(false, ordering: .relaxed)
    }

    @inlinable
    public var isRequested: Bool {
        requested.load(ordering: .relaxed)
    }

    /// Throws `Interrupted` when an interrupt is pending, clearing it so the session stays usable.
    public func check() throws {
        if requested.load(ordering: .relaxed) {
            requested.store(false, ordering: .relaxed)
            throw FolioError(.Interrupted, "execution was interrupted")
        }
    }
}
