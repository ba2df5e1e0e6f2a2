import FolioLang
import FolioRuntime
import FolioTensor
import XCTest

/// Builtins that talk to the frontend through SessionHost: streams, input, display, pages.
final class HostInteractionTests: XCTestCase {
    func testPrintAndEprintGoToTheirStreams() {
        let host = RecordingHost()
        _ = Session().execute("print(\"out\"); eprint(\"err\", 1, separator: \"-\")", cellNumber: 1, host: host)
        XCTAssertEqual(host.stdout, "out\n")
        XCTAssertEqual(host.stderr, "err-1\n")
    }

    func testProgressBarAdvancesInOneDisplayAndStaysWhereTheLoopStopped() throws {
        let host = RecordingHost()
        let outcome = Session().execute("var seen = []\nfor x in progress([10, 20, 30], label: \"items\") { seen.append(x) }\nseen",
                                        cellNumber: 1, host: host)
        XCTAssertEqual(outcome.plainValue, "[10, 20, 30]")
        let first = try XCTUnwrap(host.displays.first)
        XCTAssertEqual(host.displays.count, 1, "one display, then updates of it")
        XCTAssertTrue(first.bundle.data["text/plain"]?.hasPrefix("[------------------------] items  0/3") ?? false)
        let last = try XCTUnwrap(host.updates.last)
        XCTAssertEqual(last.id, try XCTUnwrap(first.id))
        XCTAssertTrue(last.bundle.data["text/plain"]?.hasPrefix("[########################] items  3/3") ?? false)
        XCTAssertTrue(last.bundle.data["text/html"]?.contains("<progress value=\"100\" max=\"100\"") ?? false)

        let broken = RecordingHost()
        _ = Session().execute("for x in progress(0..<4) { if x == 1 { break } }", cellNumber: 1, host: broken)
        let stopped = try XCTUnwrap(broken.updates.last?.bundle.data["text/plain"])
        XCTAssertTrue(stopped.contains("2/4") && stopped.hasSuffix("(stopped)"), stopped)
        let failing = Session().execute("progress(5)", cellNumber: 1, host: RecordingHost())
        XCTAssertEqual(failing.errorReport?.kind, "TypeError")
    }

    /// Large buffers freed during a cell are reused within it and given back when it ends.
    func testACellGivesItsCachedBuffersBack() {
        let outcome = Session().execute("var total = 0.0\nfor i in 0..<3 { total = total + ones([4000000]).sum().item }\ntotal",
                                        cellNumber: 1, host: RecordingHost())
        XCTAssertEqual(outcome.plainValue, "12000000.0")
        XCTAssertEqual(TensorMemory.cachedBytes, 0)
    }

    func testInputReadsALineWithItsPrompt() {
        let host = RecordingHost()
        host.inputLines = ["Ada"]
        let outcome = Session().execute("let name = input(\"Name: \")\n\"hi \\(name)\"", cellNumber: 1, host: host)
        XCTAssertEqual(host.prompts, ["Name: "])
        XCTAssertEqual(outcome.plainValue, "\"hi Ada\"")
    }

    func testInputWithoutStdinIsAClearRuntimeError() throws {
        let outcome = Session().execute("input(\"x\")", cellNumber: 3, host: RecordingHost())
        let report = try XCTUnwrap(outcome.errorReport)
        XCTAssertEqual(report.kind, "RuntimeError")
        XCTAssertTrue(report.message.contains("does not accept input"))
        XCTAssertEqual(report.traceback.first, "RuntimeError: \(report.message)")
    }

    func testHelpAddsAPageAndPrintsNothing() throws {
        let host = RecordingHost()
        guard case .value(let value, let pages) = Session().execute("help(print)", cellNumber: 1, host: host) else {
            return XCTFail("help failed")
        }
        XCTAssertNil(value)
        XCTAssertEqual(host.stdout, "")
        let page = try XCTUnwrap(pages.first)
        XCTAssertTrue(page.data["text/plain"]?.hasPrefix("print(items..., separator: \" \", terminator: \"\\n\")") ?? false)
        XCTAssertNotNil(page.data["text/markdown"])
    }

    func testHelpOfAUserFunctionShowsItsDocComment() throws {
        let session = Session()
        _ = session.execute("/// Doubles a number.\nfunc double(x) { x * 2 }", cellNumber: 1, host: RecordingHost())
        guard case .value(_, let pages) = session.execute("help(double)", cellNumber: 2, host: RecordingHost()) else {
            return XCTFail("help failed")
        }
        XCTAssertEqual(pages.first?.data["text/plain"], "func double(x)\n\nDoubles a number.")
    }

    func testDisplayUpdateAndClear() {
        let host = RecordingHost()
        _ = Session().execute("""
        display(1.5)
        display("a", id: "p")
        update_display("b", id: "p")
        clear_output(wait: true)
        """, cellNumber: 1, host: host)
        XCTAssertEqual(host.displays.map(\.bundle), [MimeBundle(plainText: "1.5"), MimeBundle(plainText: "\"a\"")])
        XCTAssertEqual(host.displays.map(\.id), [nil, "p"])
        XCTAssertEqual(host.updates.map(\.id), ["p"])
        XCTAssertEqual(host.clears, [true])
    }

    func testTimeRunsTheBlockPrintsAndReturnsSeconds() {
        let host = RecordingHost()
        let outcome = Session().execute("var ran = false\nlet s = time { ran = true }\n[ran, s >= 0.0, s < 1.0]",
                                        cellNumber: 1, host: host)
        XCTAssertEqual(outcome.plainValue, "[true, true, true]")
        XCTAssertTrue(host.stdout.hasPrefix("wall time: "), host.stdout)
    }
}
