@testable import FolioLang
import FolioRuntime
import XCTest

/// Every core builtin is documented, and every example line of the form `code   // shown` shows
/// exactly that (as the cell's value or, for printing builtins, as its output).
final class CoreBuiltinTests: XCTestCase {
    private var coreBuiltins: [BuiltinFunction] {
        OutputBuiltins.all + ConversionBuiltins.all + MathBuiltins.all + CollectionBuiltins.all + ControlBuiltins.all
    }

    func testEveryCoreBuiltinHasSummaryAndExample() {
        for function in coreBuiltins {
            XCTAssertFalse(function.doc?.summary.isEmpty ?? true, "\(function.name) has no summary")
            XCTAssertFalse(function.doc?.example.isEmpty ?? true, "\(function.name) has no example")
        }
    }

    func testEveryCoreExampleShowsWhatItsCommentSays() {
        for function in coreBuiltins {
            for line in (function.doc?.example ?? "").split(separator: "\n") {
                let parts = line.components(separatedBy: "   // ")
                let host = RecordingHost()
                host.inputLines = ["Ada"]
                let outcome = Session().execute(parts[0], cellNumber: 1, host: host)
                XCTAssertNil(outcome.errorReport, "\(function.name): \(parts[0]) failed: \(outcome.errorReport?.message ?? "")")
                guard parts.count == 2 else { continue }
                let shown = outcome.plainValue ?? host.stdout.trimmingCharacters(in: .newlines)
                XCTAssertEqual(shown, parts[1], "\(function.name): \(parts[0])")
            }
        }
    }

    func testBuiltinNamesAreUnique() {
        let names = coreBuiltins.map(\.name)
        XCTAssertEqual(names.count, Set(names).count)
    }
}
