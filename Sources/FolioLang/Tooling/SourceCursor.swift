/// What surrounds a cursor position in a cell: the word being typed, a member chain before it, and
/// the call whose parentheses enclose it. Completion and inspection both start from this.
struct SourceCursor {
    let scalars: [Unicode.Scalar]
    let cursor: Int

    init(_ code: String, cursor: Int) {
        self.scalars = Array(code.unicodeScalars)
        self.cursor = max(0, min(cursor, scalars.count))
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        Lexer.isIdentifierStart(scalar) || ("0"..."9").contains(scalar)
    }

    /// Start of the identifier ending at the cursor.
    var wordStart: Int {
        var start = cursor
        while start > 0, SourceCursor.isWordScalar(scalars[start - 1]) { start -= 1 }
        return start
    }

    /// End of the identifier the cursor is in (for inspection in the middle of a word).
    var wordEnd: Int {
        var end = cursor
        while end < scalars.count, SourceCursor.isWordScalar(scalars[end]) { end += 1 }
        return end
    }

    func text(_ range: Range<Int>) -> String {
        String(String.UnicodeScalarView(scalars[range]))
    }

    /// `a.b.c` ending just before `offset`, as names, or nil if something else comes before.
    func memberChain(endingAt offset: Int) -> [String]? {
        var names: [String] = []
        var end = offset
        while true {
            var start = end
            while start > 0, SourceCursor.isWordScalar(scalars[start - 1]) { start -= 1 }
            guard start < end, !("0"..."9").contains(scalars[start]) else { return nil }
            names.insert(text(start..<end), at: 0)
            guard start > 0, scalars[start - 1] == "." else { return names }
            end = start - 1
        }
    }

    /// The member chain before the `.` that precedes the word at the cursor (`net.lay|` gives `["net"]`).
    var receiverChain: [String]? {
        let start = wordStart
        guard start > 0, scalars[start - 1] == "." else { return nil }
        return memberChain(endingAt: start - 1)
    }

    /// The callee chain of the innermost unclosed `(` before the cursor (`f(x, l|` gives `["f"]`).
    var enclosingCallee: [String]? {
        var depth = 0
        var index = cursor - 1
        while index >= 0 {
            switch scalars[index] {
            case ")", "]", "}": depth += 1
            case "[", "{": if depth == 0 { return nil } else { depth -= 1 }
            case "(":
                if depth == 0 { return memberChain(endingAt: index) }
                depth -= 1
            default: break
            }
            index -= 1
        }
        return nil
    }
}
