import FolioRuntime

/// The scanner: turns source text into tokens, deciding which line breaks end statements.
///
/// A line break is dropped inside `(` and `[`, after an operator or comma, and before a line that
/// starts with `.member`, so long expressions can wrap as in Swift.
struct Lexer {
    let scalars: [Unicode.Scalar]
    let sourceID: Int
    var position: Int
    let end: Int
    var tokens: [Token] = []
    /// Open brackets, innermost last; what is-complete reports as "still open".
    var openBrackets: [Unicode.Scalar] = []
    /// The input ended inside a string literal or a block comment.
    var endsInsideLiteral = false
    private var pendingDocComment: [String] = []
    /// How many string interpolations enclose this scanner; bounded so nesting cannot exhaust the stack.
    var interpolationDepth = 0
    static let maximumInterpolationDepth = 16

    init(scalars: [Unicode.Scalar], sourceID: Int, range: Range<Int>? = nil) {
        self.scalars = scalars
        self.sourceID = sourceID
        self.position = range?.lowerBound ?? 0
        self.end = range?.upperBound ?? scalars.count
    }

    /// Scans everything, always ending with `endOfInput`.
    mutating func scanAll() -> [Token] {
        while position < end {
            scanToken()
        }
        add(.endOfInput, from: end)
        return tokens
    }

    func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        let index = position + offset
        return index < end ? scalars[index] : nil
    }

    func span(from start: Int) -> SourceSpan {
        SourceSpan(sourceID: sourceID, start: start, end: position)
    }

    mutating func add(_ kind: TokenKind, from start: Int) {
        var token = Token(kind: kind, span: SourceSpan(sourceID: sourceID, start: start, end: max(start, position)))
        if !pendingDocComment.isEmpty, kind != .newline {
            token.docComment = pendingDocComment.joined(separator: "\n")
            pendingDocComment = []
        }
        tokens.append(token)
    }

    private mutating func scanToken() {
        let start = position
        guard let scalar = peek() else { return }
        switch scalar {
        case " ", "\t", "\r":
            position += 1
        case "\n":
            position += 1
            scanLineBreak(from: start)
        case "/" where peek(1) == "/":
            scanLineComment()
        case "/" where peek(1) == "*":
            scanBlockComment()
        case "\"":
            scanString()
        case "0"..."9":
            scanNumber()
        default:
            if Lexer.isIdentifierStart(scalar) {
                scanIdentifier()
            } else {
                scanSymbol()
            }
        }
    }

    private mutating func scanLineBreak(from start: Int) {
        if let bracket = openBrackets.last, bracket != "{" { return }
        guard let last = tokens.last else { return }
        switch last.kind {
        case .newline: return
        case .symbol(let symbol) where continuationSymbols.contains(symbol) || symbol == "{" || symbol == ";": return
        default: break
        }
        if nextLineStartsWithMember() { return }
        add(.newline, from: start)
    }

    /// `.foo` at the start of the next line continues a method chain; `..<` and `...` do not.
    private func nextLineStartsWithMember() -> Bool {
        var index = position
        while index < end, [" ", "\t", "\r", "\n"].contains(scalars[index]) { index += 1 }
        guard index + 1 < end, scalars[index] == "." else { return false }
        return Lexer.isIdentifierStart(scalars[index + 1])
    }

    private mutating func scanLineComment() {
        let start = position
        while let scalar = peek(), scalar != "\n" { position += 1 }
        let text = String(String.UnicodeScalarView(scalars[start..<position]))
        if text.hasPrefix("///") {
            pendingDocComment.append(text.dropFirst(3).trimmingLeadingSpace())
        }
    }

    /// Block comments nest, as in Swift.
    private mutating func scanBlockComment() {
        var depth = 0
        while let scalar = peek() {
            if scalar == "/", peek(1) == "*" {
                depth += 1
                position += 2
            } else if scalar == "*", peek(1) == "/" {
                depth -= 1
                position += 2
                if depth == 0 { return }
            } else {
                position += 1
            }
        }
        endsInsideLiteral = true
    }

    private mutating func scanIdentifier() {
        let start = position
        while let scalar = peek(), Lexer.isIdentifierStart(scalar) || ("0"..."9").contains(scalar) { position += 1 }
        let name = String(String.UnicodeScalarView(scalars[start..<position]))
        if let keyword = Keyword(rawValue: name) {
            add(.keyword(keyword), from: start)
        } else {
            add(.identifier(name), from: start)
        }
    }

    static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar.properties.isAlphabetic
    }

    private static let symbols: [String] = [
        "..<", "...", "**=", "**", "+=", "-=", "*=", "/=", "%=", "==", "!=", "<=", ">=", "&&", "||", "->",
        "+", "-", "*", "/", "%", "@", "=", "<", ">", "!", "?", ":", ",", ";", ".", "(", ")", "[", "]", "{", "}",
    ]

    private mutating func scanSymbol() {
        let start = position
        for symbol in Lexer.symbols where matches(symbol) {
            position += symbol.unicodeScalars.count
            trackBracket(symbol)
            add(.symbol(symbol), from: start)
            return
        }
        position += 1
        add(.invalid("unexpected character '\(scalars[start])'"), from: start)
    }

    private func matches(_ symbol: String) -> Bool {
        for (offset, scalar) in symbol.unicodeScalars.enumerated() where peek(offset) != scalar {
            return false
        }
        return true
    }

    private mutating func trackBracket(_ symbol: String) {
        switch symbol {
        case "(", "[", "{": openBrackets.append(symbol.unicodeScalars.first ?? "(")
        case ")", "]", "}": if !openBrackets.isEmpty { openBrackets.removeLast() }
        default: break
        }
    }
}

extension Substring {
    func trimmingLeadingSpace() -> String {
        String(drop(while: { $0 == " " }))
    }
}
