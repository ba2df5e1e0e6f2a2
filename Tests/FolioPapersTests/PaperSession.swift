import FolioLang
import FolioRuntime
import XCTest

/// A session for paper tests: runs cells and keeps what they printed, so a test can run a doc
/// example or a notebook-like snippet through the language exactly as a user would.
final class PaperSession: SessionHost {
    let session = Session()
    var output = ""
    var displays: [MimeBundle] = []

    func write(_ text: String, to stream: OutputStreamName) { output += text }
    func display(_ bundle: MimeBundle, displayID: String?) { displays.append(bundle) }
    func updateDisplay(_ bundle: MimeBundle, displayID: String) {}
    func clearOutput(wait: Bool) {}
    func readLine(prompt: String, password: Bool) throws -> String {
        throw FolioError(.RuntimeError, "input() is not available in paper tests")
    }

    /// Runs `code`; returns the value's text/plain (or "" for none), failing the test on an error.
    @discardableResult
    func run(_ code: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        switch session.execute(code, cellNumber: nil, host: self) {
        case .value(let bundle, _): return bundle?.data["text/plain"] ?? ""
        case .error(let report):
            XCTFail("\(report.kind): \(report.message)\n--- in:\n\(code)", file: file, line: line)
            return ""
        }
    }

    /// Runs `code` expecting an error; returns "Kind: message".
    func error(_ code: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        if case .error(let report) = session.execute(code, cellNumber: nil, host: self) {
            return "\(report.kind): \(report.message)"
        }
        XCTFail("expected an error from:\n\(code)", file: file, line: line)
        return ""
    }
}
