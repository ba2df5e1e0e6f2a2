import FolioLang
import FolioRuntime
import XCTest

/// Walks `Scripts/*.folio` (Crafting Interpreters' test runner): each script is run cell by cell
/// (cells separated by a `// cell` line) and its stdout, plus each cell's shown value, must equal
/// the `// expect: ` lines; `// error: Kind` (or `// error: Kind: part of message`) lines list the
/// errors the cells raise, in order. Scripts run on a 512 MiB stack, as in the kernel.
final class ScriptTests: XCTestCase {
    struct Expectations {
        var output: [String] = []
        var errors: [(kind: String, fragment: String?)] = []
    }

    func testScripts() throws {
        let directory = try XCTUnwrap(Bundle.module.url(forResource: "Scripts", withExtension: nil))
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "folio" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        XCTAssertGreaterThan(files.count, 10, "the script directory should hold one script per feature")
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            ScriptTests.check(script: text, name: file.lastPathComponent)
        }
    }

    static func expectations(in text: String) -> Expectations {
        var result = Expectations()
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let range = line.range(of: "// expect: ") {
                result.output.append(String(line[range.upperBound...]))
            } else if line.hasSuffix("// expect:") {
                result.output.append("")
            } else if let range = line.range(of: "// error: ") {
                let spec = line[range.upperBound...]
                let parts = spec.split(separator: ":", maxSplits: 1)
                let fragment = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : nil
                result.errors.append((String(parts[0]).trimmingCharacters(in: .whitespaces), fragment))
            }
        }
        return result
    }

    static func cells(in text: String) -> [String] {
        var cells: [String] = [""]
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.trimmingCharacters(in: .whitespaces) == "// cell" {
                cells.append("")
            } else {
                cells[cells.count - 1] += line + "\n"
            }
        }
        return cells
    }

    static func check(script text: String, name: String) {
        let expected = ScriptTests.expectations(in: text)
        let (output, errors) = onLargeStack { () -> (String, [ErrorReport]) in
            let session = Session()
            let host = RecordingHost()
            var reports: [ErrorReport] = []
            for (index, cell) in ScriptTests.cells(in: text).enumerated() {
                switch session.execute(cell, cellNumber: index + 1, host: host) {
                case .value(let bundle, _):
                    if let plain = bundle?.data["text/plain"] { host.stdout += plain + "\n" }
                case .error(let report):
                    reports.append(report)
                }
            }
            return (host.stdout, reports)
        }
        var lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        XCTAssertEqual(lines, expected.output, "\(name): output differs")
        XCTAssertEqual(errors.map(\.kind), expected.errors.map(\.kind),
                       "\(name): errors differ:\n\(errors.map { $0.traceback.joined(separator: "\n") }.joined(separator: "\n\n"))")
        for (report, expectation) in zip(errors, expected.errors) {
            if let fragment = expectation.fragment {
                XCTAssertTrue(report.message.contains(fragment), "\(name): '\(report.message)' lacks '\(fragment)'")
            }
        }
    }
}
