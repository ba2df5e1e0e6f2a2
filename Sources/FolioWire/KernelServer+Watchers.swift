import FolioKernel
import Foundation

/// Out-of-band reasons to interrupt or stop: signals and the death of the process that launched us.
extension KernelServer {
    /// SIGINT interrupts the running execution (the kernel survives); SIGTERM stops cleanly.
    ///
    /// Deviation from the usual `signal(SIG_IGN)` + `DispatchSource.makeSignalSource`: on Linux,
    /// libdispatch watches signals with signalfd, and a signal whose disposition is SIG_IGN is discarded
    /// before signalfd can see it (measured: the source never fired). So a minimal C handler writes the
    /// signal number to a self-pipe (write(2) is async-signal-safe) and a dispatch source reads it.
    func installSignalHandlers() -> [DispatchSourceProtocol] {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else {
            logWire("cannot create the signal pipe; SIGINT and SIGTERM keep their default action")
            return []
        }
        for end in ends {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        let source = DispatchSource.makeReadSource(fileDescriptor: ends[0], queue: DispatchQueue(label: "folio.signals"))
        source.setEventHandler { [handler, transport] in
            var numbers = [UInt8](repeating: 0, count: 16)
            let count = read(ends[0], &numbers, numbers.count)
            for number in numbers.prefix(max(count, 0)) {
                if Int32(number) == SIGINT { handler.value.interrupt() } else { transport.stop() }
            }
        }
        source.setCancelHandler {
            ends.forEach { close($0) }
        }
        signalPipeWriteEnd = ends[1]
        source.resume()
        signal(SIGINT, forwardSignalToPipe)
        signal(SIGTERM, forwardSignalToPipe)
        return [source]
    }

    /// Called before the pipe's source is cancelled (which closes the pipe), so no signal is
    /// written to a closed or reused descriptor.
    func restoreSignalDefaults() {
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
        signalPipeWriteEnd = -1
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

/// Write end of the self-pipe; set before the handler is installed.
private nonisolated(unsafe) var signalPipeWriteEnd: Int32 = -1

/// Runs in signal context: only async-signal-safe calls (write) are allowed here.
private func forwardSignalToPipe(_ number: Int32) {
    var byte = UInt8(truncatingIfNeeded: number)
    _ = write(signalPipeWriteEnd, &byte, 1)
}
