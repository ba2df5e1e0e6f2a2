import FolioRuntime

/// Decides whether a cell is ready to run, from the same scanner and parser the interpreter uses.
///
/// Incomplete: a bracket, string or block comment is open, the last line ends in an operator, or
/// every syntax error is at the end of input. Invalid: an error that more text cannot fix.
struct CompletenessChecker {
    static let indentUnit = "    "

    static func check(_ code: String) -> Completeness {
        let scalars = Array(code.unicodeScalars)
        var lexer = Lexer(scalars: scalars, sourceID: 0)
        let tokens = lexer.scanAll()
        let currentIndent = indentation(ofLastLineIn: code)
        if lexer.endsInsideLiteral { return .incomplete(indent: currentIndent) }
        guard let open = openBrackets(tokens) else { return .invalid }
        if !open.isEmpty {
            return .incomplete(indent: String(repeating: indentUnit, count: open.count))
        }
        if let last = tokens.last(where: { $0.kind != .newline && $0.kind != .endOfInput }),
           case .symbol(let symbol) = last.kind, continuationSymbols.contains(symbol) {
            return .incomplete(indent: currentIndent.isEmpty ? indentUnit : currentIndent)
        }
        var parser = Parser(tokens: tokens, scalars: scalars)
        _ = parser.parseProgram()
        if parser.issues.isEmpty { return .complete }
        if parser.issues.allSatisfy(\.atEndOfInput) { return .incomplete(indent: currentIndent) }
        return .invalid
    }

    /// The brackets still open at the end, or nil when a closing bracket does not match.
    private static func openBrackets(_ tokens: [Token]) -> [String]? {
        let pairs = [")": "(", "]": "[", "}": "{"]
        var stack: [String] = []
        for token in tokens {
            guard case .symbol(let symbol) = token.kind else { continue }
            if ["(", "[", "{"].contains(symbol) {
                stack.append(symbol)
            } else if let opener = pairs[symbol] {
                guard stack.last == opener else { return nil }
                stack.removeLast()
            }
        }
        return stack
    }

    private static func indentation(ofLastLineIn code: String) -> String {
        let lastLine = code.split(separator: "\n", omittingEmptySubsequences: false).last ?? ""
        return String(lastLine.prefix(while: { $0 == " " || $0 == "\t" }))
    }
}
