import FolioRuntime

/// A syntax error and whether more text could still fix it (what is-complete needs to know).
struct SyntaxIssue {
    var error: FolioError
    /// The parser ran out of input: typing more could complete the program.
    var atEndOfInput: Bool
}

/// Recursive descent, one method per precedence level (Crafting Interpreters' jlox).
///
/// After an error the parser records it, synchronizes to the next statement and goes on, so one
/// cell reports all its syntax errors at once.
struct Parser {
    struct Failure: Error {}

    var tokens: [Token]
    var current = 0
    var issues: [SyntaxIssue] = []
    let scalars: [Unicode.Scalar]
    /// Deeply nested input must not overflow the Swift stack: past this depth it is a SyntaxError.
    static let maximumNesting = 200
    var nesting = 0
    /// Inside `if`/`while`/`for` headers a `{` opens the body, not a trailing closure.
    var allowsTrailingClosure = true

    init(tokens: [Token], scalars: [Unicode.Scalar]) {
        self.tokens = tokens
        self.scalars = scalars
    }

    // MARK: Token access

    var peek: Token { tokens[min(current, tokens.count - 1)] }

    func peek(ahead offset: Int) -> Token {
        tokens[min(current + offset, tokens.count - 1)]
    }

    var previous: Token { tokens[max(0, min(current - 1, tokens.count - 1))] }

    var isAtEnd: Bool { peek.kind == .endOfInput }

    @discardableResult
    mutating func advance() -> Token {
        let token = peek
        if !isAtEnd { current += 1 }
        return token
    }

    func check(_ symbol: String) -> Bool { peek.isSymbol(symbol) }

    mutating func match(_ symbol: String) -> Bool {
        guard check(symbol) else { return false }
        advance()
        return true
    }

    mutating func match(_ keyword: Keyword) -> Bool {
        guard peek.isKeyword(keyword) else { return false }
        advance()
        return true
    }

    mutating func expect(_ symbol: String, _ message: String) throws -> Token {
        guard check(symbol) else { throw error(message) }
        return advance()
    }

    mutating func skipNewlines() {
        while peek.kind == .newline || check(";") { advance() }
    }

    /// Records an error at the current token; the caller throws the result to unwind to `synchronize`.
    mutating func error(_ message: String, at token: Token? = nil) -> Failure {
        let token = token ?? peek
        if case .invalid(let lexical) = token.kind {
            record(lexical, span: token.span, atEnd: token.span.end >= scalars.count && lexical.hasPrefix("unterminated multi-line"))
        } else {
            let found = Parser.describe(token)
            record("\(message), found \(found)", span: token.span, atEnd: token.kind == .endOfInput)
        }
        return Failure()
    }

    mutating func record(_ message: String, span: SourceSpan, atEnd: Bool = false) {
        issues.append(SyntaxIssue(error: FolioError(.SyntaxError, message, span: span), atEndOfInput: atEnd))
    }

    static func describe(_ token: Token) -> String {
        switch token.kind {
        case .identifier(let name): return "'\(name)'"
        case .keyword(let keyword): return "'\(keyword.rawValue)'"
        case .integer(let value): return "'\(value)'"
        case .double(let value): return "'\(value)'"
        case .string: return "a string"
        case .symbol(let symbol): return "'\(symbol)'"
        case .newline: return "end of line"
        case .endOfInput: return "end of input"
        case .invalid(let message): return message
        }
    }

    mutating func enterNesting() throws {
        nesting += 1
        if nesting > Parser.maximumNesting {
            record("expression is nested too deeply (more than \(Parser.maximumNesting) levels)", span: peek.span)
            throw Failure()
        }
    }

    func text(of span: SourceSpan) -> String {
        let lower = max(0, min(span.start, scalars.count))
        let upper = max(lower, min(span.end, scalars.count))
        return String(String.UnicodeScalarView(scalars[lower..<upper]))
    }

    // MARK: Program

    /// Parses a whole cell, collecting every syntax error.
    mutating func parseProgram() -> [Stmt] {
        var statements: [Stmt] = []
        skipNewlines()
        while !isAtEnd {
            if check("}") || check(")") || check("]") {
                record("unmatched '\(Parser.describe(peek).dropFirst().dropLast())'", span: peek.span)
                advance()
            } else if let statement = parseStatementRecovering() {
                statements.append(statement)
            }
            skipNewlines()
        }
        return statements
    }

    mutating func parseStatementRecovering() -> Stmt? {
        let savedNesting = nesting
        do {
            let statement = try parseStatement()
            try expectStatementEnd()
            return statement
        } catch {
            nesting = savedNesting
            allowsTrailingClosure = true
            synchronize()
            return nil
        }
    }

    private mutating func expectStatementEnd() throws {
        if peek.kind == .newline || check(";") || check("}") || isAtEnd { return }
        throw error("expected end of statement (a new line or ';')")
    }

    /// Skips to the start of the next statement: past a line break or `;`, or to a `}` or keyword.
    mutating func synchronize() {
        var depth = 0
        while !isAtEnd {
            let token = peek
            if depth == 0, token.kind == .newline || token.isSymbol(";") { return }
            if depth == 0, token.isSymbol("}") { return }
            if token.isSymbol("{") { depth += 1 }
            if token.isSymbol("}") { depth -= 1 }
            advance()
        }
    }
}
