import FolioKernel
import Foundation

/// Out-of-band reasons to interrupt or stop: signals and the death of the process that launched us.
extension KernelServer {
    /// SIGINT interrupts the running execution (the kernel survives); SIGTERM stops cleanly.
    /// Signals are ignored at process level and delivered to dispatch sources instead, so the handlers
    /// run as ordinary code rather than inside an async-signal context.
    func installSignalHandlers() -> [DispatchSourceProtocol] {
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let queue = DispatchQueue(label: "folio.signals")
        let interrupt = DispatchSource.makeSignalSource(signal: SIGINT, queue: queue)
        interrupt.setEventHandler { [handler] in handler.value.interrupt() }
        let terminate = DispatchSource.makeSignalSource(signal: SIGTERM, queue: queue)
        terminate.setEventHandler { [transport] in transport.stop() }
        interrupt.resume()
        terminate.resume()
        return [interrupt, terminate]
    }

    func restoreSignalDefaults() {
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }

    /// Stops when the parent goes away, so a crashed frontend leaves no orphan kernel: the pid in
    /// `JPY_PARENT_PID` if set (as ipykernel's ParentPollerUnix), else a change of `getppid()` unless we
    /// were already re-parented to init at start.
    func watchParentProcess() -> [DispatchSourceProtocol] {
        let parentFromEnvironment = ProcessInfo.processInfo.environment["JPY_PARENT_PID"].flatMap { Int32($0) }
        let originalParent = getppid()
        guard parentFromEnvironment != nil || originalParent != 1 else { return [] }
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "folio.parent-watch"))
        timer.schedule(deadline: .now() + 1, repeating: 1)
        timer.setEventHandler { [transport] in
            if let parent = parentFromEnvironment {
                guard kill(parent, 0) != 0 && errno == ESRCH else { return }
                logWire("parent process \(parent) exited; stopping")
            } else {
                guard getppid() != originalParent else { return }
                logWire("parent process \(originalParent) exited; stopping")
            }
            transport.stop()
        }
        timer.resume()
        return [timer]
    }
}
