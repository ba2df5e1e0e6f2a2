import Foundation

/// A cancellation token that long tensor kernels poll, so that a notebook's interrupt stops them.
///
/// There is no global flag. The caller (the language runtime) owns a token and either passes it
/// explicitly or — the usual way — binds it for the duration of a cell with
/// `TensorCancellation.$current.withValue(token) { ... }`, a task-local value (bound to the
/// current thread when there is no Swift task). Kernels read `current` on the calling thread
/// between chunks of work (matrices of a batch, images of a convolution, rows of a sort, FFT
/// lines) and throw `TensorError.interrupted`; worker threads never read it. Elementwise ops
/// on one array finish in milliseconds and are checked only where they start.
public final class TensorCancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false
    private let probe: (@Sendable () -> Bool)?

    /// A token that is cancelled by `cancel()`.
    public init() {
        probe = nil
    }

    /// A token that reads someone else's flag (e.g. the runtime's atomic interrupt flag).
    public init(probe: @escaping @Sendable () -> Bool) {
        self.probe = probe
    }

    /// The token bound for the current task (or thread); `nil` means "never cancelled".
    @TaskLocal public static var current: TensorCancellation?

    /// Asks every kernel that polls this token to stop.
    public func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
    }

    /// Clears a previous `cancel()`, for reuse in the next cell.
    public func reset() {
        lock.lock()
        cancelled = false
        lock.unlock()
    }

    public var isCancelled: Bool {
        lock.lock()
        let flag = cancelled
        lock.unlock()
        return flag || (probe?() ?? false)
    }

    /// Throws `TensorError.interrupted(op:)` if the current token has been cancelled.
    @inline(__always)
    public static func check(_ op: @autoclosure () -> String) throws {
        if let token = current, token.isCancelled { throw TensorError.interrupted(op: op()) }
    }
}
