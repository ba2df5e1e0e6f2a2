/// A parsed `einsum` subscripts string such as `"bij,bjk->bik"` or `"...ij,...jk"`.
///
/// Labels are ASCII letters; `...` stands for the broadcast axes of each operand and is given
/// synthetic labels, aligned from the right as NumPy does. Without `->` the output is the
/// ellipsis axes followed by the letters that occur exactly once, in ASCII order (NumPy's
/// implicit mode).
struct EinsumSubscripts {
    /// Labels of each operand's axes, in order.
    let inputs: [[Character]]
    /// Labels of the result's axes, in order.
    let output: [Character]

    init(_ text: String, ranks: [Int]) throws {
        let compact = text.filter { !$0.isWhitespace }
        let sides = compact.components(separatedBy: "->")
        guard sides.count <= 2 else {
            throw EinsumSubscripts.error("'->' may appear only once in \"\(text)\"")
        }
        let terms = sides[0].components(separatedBy: ",")
        guard terms.count == ranks.count else {
            throw EinsumSubscripts.error("\"\(text)\" names \(terms.count) operands but \(ranks.count) were given")
        }
        let parsed = try zip(terms, ranks).map { try EinsumSubscripts.parseTerm($0, rank: $1) }
        let ellipsisRank = zip(parsed, ranks).map { term, rank in term.hasEllipsis ? rank - term.letters.count : 0 }.max() ?? 0
        inputs = zip(parsed, ranks).map { term, rank in
            term.expanded(ellipsisLabels: EinsumSubscripts.ellipsisLabels(count: rank - term.letters.count, of: ellipsisRank))
        }
        let broadcastLabels = EinsumSubscripts.ellipsisLabels(count: ellipsisRank, of: ellipsisRank)
        if sides.count == 2 {
            let term = try EinsumSubscripts.parseTerm(sides[1], rank: nil)
            output = term.expanded(ellipsisLabels: broadcastLabels)
            let known = Set(inputs.joined())
            for label in term.letters where !known.contains(label) {
                throw EinsumSubscripts.error("output label '\(label)' does not appear in any input of \"\(text)\"")
            }
            guard Set(output).count == output.count else {
                throw EinsumSubscripts.error("the output of \"\(text)\" repeats a label")
            }
        } else {
            var counts: [Character: Int] = [:]
            for label in inputs.joined() where label.isASCII { counts[label, default: 0] += 1 }
            output = broadcastLabels + counts.filter { $0.value == 1 }.keys.sorted()
        }
    }

    private struct Term {
        var letters: [Character]
        /// Position of `...` among the letters, if present.
        var ellipsisPosition: Int?
        var hasEllipsis: Bool { ellipsisPosition != nil }

        func expanded(ellipsisLabels: [Character]) -> [Character] {
            guard let position = ellipsisPosition else { return letters }
            return Array(letters[..<position]) + ellipsisLabels + Array(letters[position...])
        }
    }

    private static func parseTerm(_ term: String, rank: Int?) throws -> Term {
        var letters: [Character] = []
        var ellipsis: Int?
        var rest = Substring(term)
        while let character = rest.first {
            if rest.hasPrefix("...") {
                guard ellipsis == nil else { throw error("\"\(term)\" has more than one '...'") }
                ellipsis = letters.count
                rest = rest.dropFirst(3)
                continue
            }
            guard character.isASCII, character.isLetter else {
                throw error("invalid character '\(character)' in subscripts \"\(term)\" (use letters and '...')")
            }
            letters.append(character)
            rest = rest.dropFirst()
        }
        if let rank {
            let fits = ellipsis == nil ? letters.count == rank : letters.count <= rank
            guard fits else {
                throw error("subscripts \"\(term)\" have \(letters.count) labels for an operand of rank \(rank)")
            }
        }
        return Term(letters: letters, ellipsisPosition: ellipsis)
    }

    /// Labels for the last `count` of `total` broadcast axes (right-aligned), outside ASCII.
    private static func ellipsisLabels(count: Int, of total: Int) -> [Character] {
        ((total - count)..<total).map { Character(Unicode.Scalar(0x100 + $0) ?? "~") }
    }

    static func error(_ message: String) -> TensorError {
        TensorError.invalidArgument(op: "einsum", message: message)
    }
}
