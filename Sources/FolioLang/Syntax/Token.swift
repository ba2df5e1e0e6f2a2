import FolioRuntime

/// The reserved words. Labels and record fields may still be keywords, as in Swift.
enum Keyword: String, CaseIterable {
    case `let`, `var`, `func`, model, `if`, `else`, `for`, `in`, `while`, `break`, `continue`, `return`
    case `true`, `false`, `nil`
}

/// One piece of a string literal: literal text or an interpolated expression's tokens.
enum StringSegment {
    case text(String)
    case code([Token], SourceSpan)
}

enum TokenKind: Equatable {
    case identifier(String)
    case keyword(Keyword)
    case integer(Int)
    case double(Double)
    /// A string literal; more than one segment (or a code segment) means interpolation.
    case string([StringSegment])
    /// An operator or punctuation mark, spelled as in the source (`+`, `..<`, `(`, `->`).
    case symbol(String)
    case newline
    case endOfInput
    /// Text the scanner could not read; the parser reports it as a SyntaxError.
    case invalid(String)

    static func == (left: TokenKind, right: TokenKind) -> Bool {
        switch (left, right) {
        case let (.identifier(a), .identifier(b)): return a == b
        case let (.keyword(a), .keyword(b)): return a == b
        case let (.integer(a), .integer(b)): return a == b
        case let (.double(a), .double(b)): return a == b
        case let (.symbol(a), .symbol(b)): return a == b
        case (.newline, .newline), (.endOfInput, .endOfInput), (.string, .string): return true
        case let (.invalid(a), .invalid(b)): return a == b
        default: return false
        }
    }
}

struct Token {
    var kind: TokenKind
    var span: SourceSpan
    /// `///` lines directly above this token, kept so `help(f)` can show a user function's doc.
    var docComment: String?

    func isSymbol(_ spelling: String) -> Bool {
        if case .symbol(let symbol) = kind { return symbol == spelling }
        return false
    }

    func isKeyword(_ keyword: Keyword) -> Bool {
        if case .keyword(let word) = kind { return word == keyword }
        return false
    }

    var identifierName: String? {
        if case .identifier(let name) = kind { return name }
        return nil
    }

    /// A name usable as a label or record field: identifiers and keywords alike.
    var labelName: String? {
        switch kind {
        case .identifier(let name): return name
        case .keyword(let keyword): return keyword.rawValue
        default: return nil
        }
    }
}

/// Operators after which a line break does not end the statement.
let continuationSymbols: Set<String> = [
    "+", "-", "*", "/", "%", "**", "@", "=", "+=", "-=", "*=", "/=", "%=", "==", "!=", "<", "<=", ">", ">=",
    "&&", "||", "..<", "...", ",", ".", "?", ":", "->",
]
