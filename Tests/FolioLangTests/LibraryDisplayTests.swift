import FolioLang
import FolioRuntime
import FolioTensor
import Foundation
import XCTest

/// Rich display of tensors and figures, tensor completion, and interrupts reaching tensor kernels.
final class LibraryDisplayTests: XCTestCase {
    func testTensorShowsTextAndEscapedHTMLTable() throws {
        let outcome = Session().execute("tensor([[1.5, 2], [3, 4]])", cellNumber: 1, host: RecordingHost())
        guard case .value(let bundle?, _) = outcome else { return XCTFail("no value") }
        XCTAssertEqual(bundle.data["text/plain"], "tensor([[1.5, 2.0],\n        [3.0, 4.0]], shape=(2, 2), dtype=f32)")
        let html = try XCTUnwrap(bundle.data["text/html"])
        XCTAssertTrue(html.contains("<caption>Tensor (2, 2) f32</caption>"), html)
        XCTAssertTrue(html.contains("<td style=\"text-align: right\">1.5</td>"), html)
        XCTAssertEqual(html.components(separatedBy: "<tr>").count - 1, 2)
    }

    func testLargeTensorTableIsAbbreviated() throws {
        let outcome = Session().execute("zeros(100, 100)", cellNumber: 1, host: RecordingHost())
        guard case .value(let bundle?, _) = outcome else { return XCTFail("no value") }
        let html = try XCTUnwrap(bundle.data["text/html"])
        XCTAssertEqual(html.components(separatedBy: "<tr>").count - 1, 11, "5 rows, a gap, 5 rows")
        XCTAssertTrue(html.contains("…"))
        XCTAssertLessThan(html.utf8.count, 8000)
    }

    func testRecordsShowAsTables() throws {
        let one = Session().execute("(name: \"a<b\", loss: 0.5)", cellNumber: 1, host: RecordingHost())
        guard case .value(let record?, _) = one else { return XCTFail("no value") }
        XCTAssertEqual(record.data["text/plain"], "(name: \"a<b\", loss: 0.5)")
        XCTAssertEqual(record.data["text/html"], "<table><thead><tr><th>field</th><th>value</th></tr></thead><tbody>"
                       + "<tr><td>name</td><td>a&lt;b</td></tr><tr><td>loss</td><td>0.5</td></tr></tbody></table>")
        let many = Session().execute("map(0..<100) { i in (step: i, loss: 1.0 / float(i + 1)) }", cellNumber: 1, host: RecordingHost())
        guard case .value(let array?, _) = many else { return XCTFail("no value") }
        let html = try XCTUnwrap(array.data["text/html"])
        XCTAssertTrue(html.hasPrefix("<table><caption>100 records</caption><thead><tr><th>step</th><th>loss</th></tr></thead>"), html)
        XCTAssertTrue(html.contains("… 40 more rows …") && html.contains("<td>99</td>") && !html.contains("<td>50</td>"), html)
        let mixed = Session().execute("[(a: 1), (b: 2)]", cellNumber: 1, host: RecordingHost())
        guard case .value(let plain?, _) = mixed else { return XCTFail("no value") }
        XCTAssertNil(plain.data["text/html"], "records with different fields are not a table")
    }

    func testFigureShowsSVGAndPlainText() throws {
        let outcome = Session().execute("plot([1, 2, 3])", cellNumber: 1, host: RecordingHost())
        guard case .value(let bundle?, _) = outcome else { return XCTFail("no value") }
        XCTAssertEqual(bundle.data["text/plain"], "<Figure 576×384 with 1 axes>")
        let svg = try XCTUnwrap(bundle.data["image/svg+xml"])
        XCTAssertTrue(svg.hasPrefix("<svg"))
        // The untrusted-notebook fallback: the same SVG as an <img> data URI, decodable back to it.
        let html = try XCTUnwrap(bundle.data["text/html"])
        let prefix = "<img src=\"data:image/svg+xml;base64,"
        XCTAssertTrue(html.hasPrefix(prefix) && html.hasSuffix("width=\"576\" height=\"384\" alt=\"figure\">"), html)
        let encoded = html.dropFirst(prefix.count).prefix { $0 != "\"" }
        let decoded = try XCTUnwrap(Data(base64Encoded: String(encoded)))
        XCTAssertEqual(String(decoding: decoded, as: UTF8.self), svg)
    }

    /// Axis limits take two finite numbers (nil for automatic); NaN or infinity is a ValueError, and
    /// the axes keep what they had.
    func testAxisLimitsMustBeFinite() throws {
        let session = Session()
        _ = session.execute("var f = figure()\nf[0].line([1.0, 2.0])\nf[0].xlim = [0.0, 3.0]", cellNumber: 1, host: RecordingHost())
        for (code, shown) in [("f[0].xlim = [nan, 1.0]", "[nan, 1.0]"), ("f[0].xlim = [0.0, inf]", "[0.0, inf]"),
                              ("f[0].ylim = [-inf, inf]", "[-inf, inf]")] {
            let report = try XCTUnwrap(session.execute(code, cellNumber: 2, host: RecordingHost()).errorReport, code)
            XCTAssertEqual(report.kind, "ValueError", code)
            XCTAssertTrue(report.message.contains("must be finite numbers, got \(shown)"), report.message)
        }
        XCTAssertEqual(session.execute("f[0].xlim", cellNumber: 3, host: RecordingHost()).plainValue, "[0.0, 3.0]")
        // nil (automatic) is still accepted; the cell's value is then nil, so nothing is shown.
        XCTAssertNil(session.execute("f[0].xlim = nil\nf[0].xlim", cellNumber: 4, host: RecordingHost()).plainValue)
    }

    func testSameFigureGivesSameBytes() {
        let code = "scatter(randn(30, seed: 0), randn(30, seed: 1), title: \"t\")"
        let first = Session().execute(code, cellNumber: 1, host: RecordingHost())
        let second = Session().execute(code, cellNumber: 1, host: RecordingHost())
        guard case .value(let a?, _) = first, case .value(let b?, _) = second else { return XCTFail("no value") }
        XCTAssertEqual(a.data["image/svg+xml"], b.data["image/svg+xml"])
    }

    func testCompletionOffersTensorMembers() {
        let session = Session()
        _ = session.execute("let x = ones(2)", cellNumber: 1, host: RecordingHost())
        let matches = session.complete("x.so", cursor: 4).matches
        XCTAssertTrue(matches.contains("softmax"), "\(matches)")
        XCTAssertTrue(session.complete("x.sh", cursor: 4).matches.contains("shape"))
    }

    func testSessionsHaveSeparateRandomStreams() {
        let first = Session()
        let second = Session()
        _ = first.execute("seed(5)", cellNumber: 1, host: RecordingHost())
        _ = first.execute("rand(3)", cellNumber: 2, host: RecordingHost())
        let fromSecond = second.execute("rand(3).tolist()", cellNumber: 1, host: RecordingHost()).plainValue
        let fresh = Session().execute("rand(3).tolist()", cellNumber: 1, host: RecordingHost()).plainValue
        XCTAssertEqual(fromSecond, fresh, "a fresh session starts at seed 0 whatever other sessions did")
    }

    /// The token NativeCall binds reads the session's flag, so a kernel polling it stops and the
    /// flag is cleared for the next cell.
    func testNativeCallsSeeTheInterruptFlag() {
        let context = StubContext()
        context.interruptFlag.request()
        XCTAssertThrowsError(try NativeCall.run(context) { try TensorCancellation.check("matmul") }) { error in
            XCTAssertEqual((error as? FolioError)?.kind, .Interrupted)
            XCTAssertEqual((error as? FolioError)?.message, "matmul: interrupted")
        }
        XCTAssertFalse(context.interruptFlag.isRequested)
        XCTAssertNoThrow(try NativeCall.run(context) { try TensorCancellation.check("matmul") })
    }
}

/// A call context without an interpreter, for testing native calls alone.
final class StubContext: CallContext {
    let host: SessionHost = RecordingHost()
    let interruptFlag = InterruptFlag()

    func call(_ function: Value, _ arguments: [Value]) throws -> Value { .none }

    func page(_ bundle: MimeBundle) {}
}
