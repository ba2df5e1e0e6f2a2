import FolioLang
import FolioRuntime
import Foundation
import XCTest

/// Feeds thousands of random and mutated programs to the scanner, parser, resolver, interpreter
/// and tooling; the only requirement is that nothing crashes. Endless loops are stopped by the
/// interrupt flag, which also exercises interruption at arbitrary points.
final class FuzzTests: XCTestCase {
    /// SplitMix64: deterministic, so a failure reproduces.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    final class DiscardingHost: SessionHost {
        func write(_ text: String, to stream: OutputStreamName) {}
        func display(_ bundle: MimeBundle, displayID: String?) {}
        func updateDisplay(_ bundle: MimeBundle, displayID: String) {}
        func clearOutput(wait: Bool) {}
        func readLine(prompt: String, password: Bool) throws -> String {
            throw FolioError(.RuntimeError, "no input in fuzz tests")
        }
    }

    static let fragments = [
        "let ", "var ", "func ", "if ", "else ", "for ", " in ", "while ", "break", "continue", "return ", "{", "}",
        "(", ")", "[", "]", ",", ":", ";", "\n", ".", "..<", "...", "+", "-", "*", "/", "%", "**", "@", "=", "+=",
        "==", "<", "&&", "||", "!", "?", "\"", "\\(", "x", "y", "f", "xs", "0", "1", "-1", "2.5", "9223372036854775807",
        "nil", "true", "print(", "len(", "range(", "sorted(", "map(", "{ a in ", "$", "\"\"\"", "/*", "*/", "//", "é", "😀",
        "(a: 1, b: 2)", "[1, 2, 3]", "[\"k\": 1]", "xs.append(", "help(", "input(", "0x", "1e308", "\\u{", "\\x",
    ]

    func testRandomAndMutatedProgramsNeverCrash() throws {
        var generator = Generator(state: 20_260_101)
        let corpus = try scriptCorpus()
        var programs: [String] = []
        for _ in 0..<1_200 {
            programs.append(mutate(corpus.randomElement(using: &generator) ?? "", &generator))
        }
        for _ in 0..<1_200 {
            programs.append(randomProgram(&generator))
        }
        let seed = generator.next()
        let survived = onLargeStack { FuzzTests.run(programs, seed: seed) }
        XCTAssertEqual(survived, programs.count)
    }

    private static func run(_ programs: [String], seed: UInt64) -> Int {
        var generator = Generator(state: seed)
        let host = DiscardingHost()
        var session = Session()
        var count = 0
        for (index, program) in programs.enumerated() {
            if index % 100 == 0 { session = Session() }
            let watchdog = DispatchWorkItem { [session] in session.interruptFlag.request() }
            DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(30), execute: watchdog)
            let started = Date()
            _ = session.execute(program, cellNumber: index, host: host)
            watchdog.cancel()
            if Date().timeIntervalSince(started) > 1 {
                FileHandle.standardError.write("fuzz: program \(index) took \(Date().timeIntervalSince(started)) s:\n\(program)\n".data(using: .utf8)!)
            }
            let length = program.unicodeScalars.count
            let cursor = Int.random(in: 0...length, using: &generator)
            _ = session.complete(program, cursor: cursor)
            _ = session.inspect(program, cursor: cursor, detailLevel: Int.random(in: 0...1, using: &generator))
            _ = session.isComplete(program)
            _ = session.complete(program, cursor: length + 5)
            count += 1
        }
        return count
    }

    private func scriptCorpus() throws -> [String] {
        let directory = try XCTUnwrap(Bundle.module.url(forResource: "Scripts", withExtension: nil))
        return try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "folio" }
            .map { try String(contentsOf: $0, encoding: .utf8) }
    }

    private func mutate(_ text: String, _ generator: inout Generator) -> String {
        var scalars = Array(text.unicodeScalars)
        for _ in 0..<Int.random(in: 1...6, using: &generator) {
            let position = scalars.isEmpty ? 0 : Int.random(in: 0..<scalars.count, using: &generator)
            switch Int.random(in: 0..<4, using: &generator) {
            case 0:
                let end = min(scalars.count, position + Int.random(in: 1...20, using: &generator))
                if position < end { scalars.removeSubrange(position..<end) }
            case 1:
                let fragment = FuzzTests.fragments.randomElement(using: &generator) ?? ""
                scalars.insert(contentsOf: fragment.unicodeScalars, at: position)
            case 2:
                let end = min(scalars.count, position + Int.random(in: 1...40, using: &generator))
                if position < end { scalars.insert(contentsOf: scalars[position..<end], at: position) }
            default:
                if position < scalars.count { scalars[position] = "}" }
            }
        }
        return String(String.UnicodeScalarView(scalars))
    }

    /// A program from a small grammar: declarations, loops, functions and calls over random expressions.
    private func randomProgram(_ generator: inout Generator) -> String {
        var lines = ["var x = 1", "var xs = [1, 2]", "func f(a, b: 2) { a * b }"]
        for _ in 0..<Int.random(in: 1...8, using: &generator) {
            lines.append(randomStatement(&generator, depth: 0))
        }
        return lines.joined(separator: "\n")
    }

    private func randomStatement(_ generator: inout Generator, depth: Int) -> String {
        let expression = randomExpression(&generator, depth: 0)
        switch Int.random(in: 0..<8, using: &generator) {
        case 0: return "x = \(expression)"
        case 1: return "print(\(expression))"
        case 2 where depth < 3: return "if \(expression) { \(randomStatement(&generator, depth: depth + 1)) } else { x += 1 }"
        case 3 where depth < 3: return "for i in 0..<\(Int.random(in: -2...50, using: &generator)) { \(randomStatement(&generator, depth: depth + 1)) }"
        case 4 where depth < 3: return "while x < 100 { x += 1; \(randomStatement(&generator, depth: depth + 1)) }"
        case 5: return "xs.append(\(expression))"
        case 6: return "let v\(Int.random(in: 0..<3, using: &generator)) = \(expression)"
        default: return expression
        }
    }

    private func randomExpression(_ generator: inout Generator, depth: Int) -> String {
        let leaves = ["x", "1", "0", "-3", "2.5", "nil", "true", "\"s\"", "xs", "xs[0]", "9223372036854775807", "0.0", "[]", "(a: 1)"]
        if depth > 4 || Int.random(in: 0..<3, using: &generator) == 0 {
            return leaves.randomElement(using: &generator) ?? "x"
        }
        let left = randomExpression(&generator, depth: depth + 1)
        let right = randomExpression(&generator, depth: depth + 1)
        let operators = ["+", "-", "*", "/", "%", "**", "==", "<", "&&", "||", "..<"]
        switch Int.random(in: 0..<6, using: &generator) {
        case 0: return "f(\(left), b: \(right))"
        case 1: return "(\(left) ? \(right) : x)"
        case 2: return "[\(left), \(right)]"
        case 3: return "\"\\(\(left))\""
        case 4: return "len(\(left))"
        default: return "(\(left) \(operators.randomElement(using: &generator) ?? "+") \(right))"
        }
    }
}
