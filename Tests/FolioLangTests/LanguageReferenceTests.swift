import FolioLang
import FolioRuntime
import XCTest

/// Runs every ```folio example of docs/language.md as a script, with the same `// expect:` and
/// `// error:` rules as the script tests, so the reference cannot drift from the implementation.
final class LanguageReferenceTests: XCTestCase {
    func testEveryExampleInTheReferenceRuns() throws {
        let reference = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/language.md")
        let text = try String(contentsOf: reference, encoding: .utf8)
        let examples = LanguageReferenceTests.examples(in: text)
        XCTAssertGreaterThanOrEqual(examples.count, 8)
        for (index, example) in examples.enumerated() {
            ScriptTests.check(script: example, name: "docs/language.md example \(index + 1)")
        }
    }

    static func examples(in markdown: String) -> [String] {
        var examples: [String] = []
        var current: [Substring]?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line.hasPrefix("```folio") {
                current = []
            } else if current != nil, line.hasPrefix("```") {
                examples.append((current ?? []).joined(separator: "\n"))
                current = nil
            } else {
                current?.append(line)
            }
        }
        return examples
    }
}
