@testable import FolioLang
import FolioRuntime
import XCTest

/// Every builtin of the tensor, autodiff and plot libraries is documented, and its example runs.
///
/// Iterates the registry itself, so a builtin added later is checked without touching this file.
final class LibraryDocTests: XCTestCase {
    func testEveryLibraryBuiltinHasSummaryAndExample() {
        for function in LibraryBuiltins.all {
            let doc = function.doc
            XCTAssertFalse(doc?.summary.isEmpty ?? true, "\(function.name) has no summary")
            XCTAssertFalse(doc?.example.isEmpty ?? true, "\(function.name) has no example")
        }
    }

    func testEveryLibraryExampleRuns() {
        let failures = onLargeStack { () -> [String] in
            var failures: [String] = []
            for function in BuiltinLibrary.functions where LibraryBuiltins.all.contains(where: { $0.name == function.name }) {
                let example = function.doc?.example ?? ""
                let outcome = Session().execute(example, cellNumber: 1, host: RecordingHost())
                if let report = outcome.errorReport {
                    failures.append("\(function.name): \(report.kind): \(report.message)\n\(example)")
                }
            }
            return failures
        }
        XCTAssertEqual(failures, [], failures.joined(separator: "\n\n"))
    }

    func testEveryTensorAndAxesMethodExampleRuns() {
        let methods = TensorMethods.all + AxesMethods.all
        let failures = onLargeStack { () -> [String] in
            methods.compactMap { method in
                let example = method.doc?.example ?? ""
                guard !example.isEmpty else { return "\(method.name): no example" }
                let report = Session().execute(example, cellNumber: 1, host: RecordingHost()).errorReport
                return report.map { "\(method.name): \($0.kind): \($0.message)" }
            }
        }
        XCTAssertEqual(failures, [])
    }

    func testLibraryNamesAppearOnceInTheBuiltinList() {
        let names = BuiltinLibrary.functions.map(\.name)
        XCTAssertEqual(names.count, Set(names).count, "duplicate builtin names: \(names.filter { name in names.filter { $0 == name }.count > 1 })")
    }

    func testHelpShowsSignatureFormulaAndExample() {
        let session = Session()
        let host = RecordingHost()
        guard case .value(_, let pages) = session.execute("help(softmax)", cellNumber: 1, host: host) else {
            return XCTFail("help(softmax) failed")
        }
        let text = pages.first?.data["text/plain"] ?? host.stdout
        XCTAssertTrue(text.contains("softmax(x, axis: -1)"), text)
        XCTAssertTrue(text.contains("exp"), text)
        XCTAssertTrue(text.contains("Example"), text)
    }

    func testHelpOfPlotListsTheMarkerCodes() {
        let host = RecordingHost()
        guard case .value(_, let pages) = Session().execute("help(plot)", cellNumber: 1, host: host) else {
            return XCTFail("help(plot) failed")
        }
        let text = pages.first?.data["text/plain"] ?? host.stdout
        XCTAssertTrue(text.contains("marker: nil, markersize: 6"), text)
        for code in ["\"o\" circle", "\"s\" square", "\"^\" triangle up", "\"D\" diamond", "\"*\" star", "\"none\""] {
            XCTAssertTrue(text.contains(code), "help(plot) lacks \(code)")
        }
    }
}
