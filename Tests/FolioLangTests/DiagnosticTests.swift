import FolioLang
import FolioRuntime
import XCTest

/// Errors render exactly in DESIGN.md's format, with tracebacks of DSL frames.
final class DiagnosticTests: XCTestCase {
    func testCaretUnderTheFailingExpression() throws {
        let outcome = Session().execute("let a = 1\nlet h = a / 0\n", cellNumber: 4, host: RecordingHost())
        let report = try XCTUnwrap(outcome.errorReport)
        XCTAssertEqual(report.kind, "ZeroDivisionError")
        XCTAssertEqual(report.traceback, [
            "ZeroDivisionError: division by zero: 1 / 0",
            "  --> cell[4]:2:9",
            "  |",
            "2 | let h = a / 0",
            "  |         ^^^^^",
        ])
    }

    func testGutterWidensForLongLineNumbers() throws {
        let code = String(repeating: "\n", count: 11) + "undefined_name"
        let report = try XCTUnwrap(Session().execute(code, cellNumber: 1, host: RecordingHost()).errorReport)
        XCTAssertEqual(Array(report.traceback.dropFirst()), [
            "   --> cell[1]:12:1",
            "   |",
            "12 | undefined_name",
            "   | ^^^^^^^^^^^^^^",
        ])
    }

    func testSeveralSyntaxErrorsAreAllReported() throws {
        let report = try XCTUnwrap(Session().execute("let = 1\nprint(2\nlet ok = 3\nvar = 4", cellNumber: 2,
                                                     host: RecordingHost()).errorReport)
        XCTAssertEqual(report.kind, "SyntaxError")
        let headers = report.traceback.filter { $0.hasPrefix("SyntaxError:") }
        XCTAssertEqual(headers.count, 2, report.traceback.joined(separator: "\n"))
    }

    func testTracebackNamesTheFunctionsAndCallSites() throws {
        let session = Session()
        _ = session.execute("func inner(x) {\n    return x / 0\n}\nfunc outer() { inner(1) }", cellNumber: 1, host: RecordingHost())
        let report = try XCTUnwrap(session.execute("outer()", cellNumber: 2, host: RecordingHost()).errorReport)
        XCTAssertEqual(report.traceback, [
            "ZeroDivisionError: division by zero: 1 / 0",
            "  --> cell[1]:2:12",
            "  |",
            "2 |     return x / 0",
            "  |            ^^^^^",
            "  = in inner, called at cell[1]:4:16",
            "  = in outer, called at cell[2]:1:1",
        ])
    }

    func testFileNamesLocateErrorsOfScripts() throws {
        let report = try XCTUnwrap(Session().execute("nope", sourceName: "train.folio", host: RecordingHost()).errorReport)
        XCTAssertEqual(report.traceback[1], "  --> train.folio:1:1")
    }
}
