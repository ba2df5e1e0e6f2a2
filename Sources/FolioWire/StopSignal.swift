import Foundation

/// A one-shot, thread-safe "please stop" flag that also wakes the thread waiting in `KernelServer.run`.
final class StopSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var requested = false
    private let semaphore = DispatchSemaphore(value: 0)

    var isRequested: Bool {
        lock.lock()
        defer { lock.unlock() }
        return requested
    }

    /// Asks for a stop; only the first call wakes `waitForRequest`.
    func request() {
        lock.lock()
        let first = !requested
        requested = true
        lock.unlock()
        if first { semaphore.signal() }
    }

    func waitForRequest() {
        semaphore.wait()
    }
}

/// Lets a thread's body report that it finished, so teardown can wait for it with a deadline
/// (Foundation's `Thread` has no join).
final class ThreadCompletion: @unchecked Sendable {
    private let semaphore = DispatchSemaphore(value: 0)

    func finish() { semaphore.signal() }

    /// Whether the thread finished before `deadline`.
    func wait(until deadline: DispatchTime) -> Bool {
        semaphore.wait(timeout: deadline) == .success
    }
}
