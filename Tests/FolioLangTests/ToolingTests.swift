import FolioLang
import FolioRuntime
import XCTest

/// Completion, inspection and is-complete.
final class ToolingTests: XCTestCase {
    func testCompletesBuiltinsKeywordsAndGlobals() {
        let session = Session()
        _ = session.execute("let printer_count = 3", cellNumber: 1, host: RecordingHost())
        let result = session.complete("x = pri", cursor: 7)
        XCTAssertEqual(result.start, 4)
        XCTAssertEqual(result.end, 7)
        XCTAssertEqual(result.matches, ["print", "printer_count"])
        XCTAssertEqual(result.kinds, ["function", "variable"])
        XCTAssertTrue(session.complete("whi", cursor: 3).matches.contains("while"))
    }

    func testCompletesNamesDeclaredEarlierInTheCell() {
        let code = "let total_loss = 1\nfunc f(batch_size) {\n  tot"
        let result = Session().complete(code, cursor: code.unicodeScalars.count)
        XCTAssertEqual(result.matches, ["total_loss"])
        let parameter = Session().complete("func f(qz_size) { qz", cursor: 20)
        XCTAssertEqual(parameter.matches, ["qz_size"])
    }

    func testCursorCountsUnicodeScalars() {
        let code = "let s = \"é😀\"; pri"
        let cursor = code.unicodeScalars.count
        let result = Session().complete(code, cursor: cursor)
        XCTAssertEqual(result.start, cursor - 3)
        XCTAssertEqual(result.matches, ["print"])
    }

    func testCompletesRecordFieldsAndLabels() {
        let session = Session()
        _ = session.execute("let r = (loss: 1.0, accuracy: 0.5)", cellNumber: 1, host: RecordingHost())
        XCTAssertEqual(session.complete("r.ac", cursor: 4).matches, ["accuracy"])
        XCTAssertEqual(session.complete("print(1, sep", cursor: 12).matches, ["separator:"])
    }

    func testEnumeratedIsCompletedAndDocumentedLikeOtherSequenceMethods() throws {
        let session = Session()
        _ = session.execute("let xs = [3, 4]\nlet word = \"ab\"\nlet table = [\"k\": 1]\nlet span = 0..<3", cellNumber: 1, host: RecordingHost())
        for receiver in ["xs", "word", "table", "span"] {
            let code = receiver + ".enu"
            XCTAssertEqual(session.complete(code, cursor: code.unicodeScalars.count).matches, ["enumerated"], receiver)
        }
        let help = session.execute("help(xs.enumerated)", cellNumber: 2, host: RecordingHost())
        guard case .value(_, let pages) = help else { return XCTFail("help(xs.enumerated) failed") }
        let text = try XCTUnwrap(pages.first?.data["text/plain"])
        XCTAssertTrue(text.contains("enumerated(start: 0)"), text)
        XCTAssertTrue(text.contains("Pairs each element with its index"), text)
    }

    func testInspectsBuiltinsAndVariables() throws {
        let session = Session()
        _ = session.execute("let rate = 0.25", cellNumber: 1, host: RecordingHost())
        let builtin = try XCTUnwrap(session.inspect("print(", cursor: 6, detailLevel: 0))
        XCTAssertTrue(builtin.data["text/plain"]?.contains("Writes the items to standard output") ?? false)
        let variable = try XCTUnwrap(session.inspect("rate", cursor: 2, detailLevel: 0))
        XCTAssertEqual(variable.data["text/plain"], "rate: Double = 0.25")
        XCTAssertNil(session.inspect("   ", cursor: 1, detailLevel: 0))
    }

    func testIsComplete() {
        let session = Session()
        XCTAssertEqual(session.isComplete("let x = 1"), .complete)
        XCTAssertEqual(session.isComplete(""), .complete)
        XCTAssertEqual(session.isComplete("for i in 0..<3 {"), .incomplete(indent: "    "))
        XCTAssertEqual(session.isComplete("func f() {\n    if x {"), .incomplete(indent: "        "))
        XCTAssertEqual(session.isComplete("print(1,"), .incomplete(indent: "    "))
        XCTAssertEqual(session.isComplete("let s = \"\"\"\nabc"), .incomplete(indent: ""))
        XCTAssertEqual(session.isComplete("let y = 1 +"), .incomplete(indent: "    "))
        XCTAssertEqual(session.isComplete("/* open comment"), .incomplete(indent: ""))
        XCTAssertEqual(session.isComplete("let x = )"), .invalid)
        XCTAssertEqual(session.isComplete("let = 3"), .invalid)
        XCTAssertEqual(session.isComplete("print(1]"), .invalid)
        XCTAssertEqual(session.isComplete("let s = \"abc"), .invalid)
    }
}
