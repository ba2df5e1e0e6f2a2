import FolioLang
import FolioRuntime
import Foundation

/// A SessionHost that records everything a cell does, for assertions.
final class RecordingHost: SessionHost {
    var stdout = ""
    var stderr = ""
    var displays: [(bundle: MimeBundle, id: String?)] = []
    var updates: [(bundle: MimeBundle, id: String)] = []
    var clears: [Bool] = []
    var prompts: [String] = []
    /// Lines `readLine` returns in order; when empty, input is refused as a frontend without stdin would.
    var inputLines: [String] = []

    func write(_ text: String, to stream: OutputStreamName) {
        switch stream {
        case .stdout: stdout += text
        case .stderr: stderr += text
        }
    }

    func display(_ bundle: MimeBundle, displayID: String?) {
        displays.append((bundle, displayID))
    }

    func updateDisplay(_ bundle: MimeBundle, displayID: String) {
        updates.append((bundle, displayID))
    }

    func clearOutput(wait: Bool) {
        clears.append(wait)
    }

    func readLine(prompt: String, password: Bool) throws -> String {
        prompts.append(prompt)
        guard !inputLines.isEmpty else {
            throw FolioError(.RuntimeError, "input() is not available: this frontend does not accept input")
        }
        return inputLines.removeFirst()
    }
}

/// Runs `body` on a thread with the kernel's 512 MiB stack, as deep recursion needs.
func onLargeStack<T>(_ body: @escaping () -> T) -> T {
    var result: T?
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        result = body()
        done.signal()
    }
    thread.stackSize = 512 << 20
    thread.start()
    done.wait()
    return result!
}

extension CellOutcome {
    /// The text/plain of the value, or nil.
    var plainValue: String? {
        if case .value(let bundle, _) = self { return bundle?.data["text/plain"] }
        return nil
    }

    var errorReport: ErrorReport? {
        if case .error(let report) = self { return report }
        return nil
    }
}
