import Foundation

/// The inputs (and text outputs) of this kernel session, answering `history_request`s.
/// Written from the shell thread and read from either channel, so access is locked.
public final class History: @unchecked Sendable {
    public struct Entry: Equatable, Sendable {
        public var line: Int
        public var input: String
        public var output: String?
    }

    /// Jupyter numbers sessions; this kernel keeps one, so every entry belongs to session 1.
    public static let sessionNumber = 1

    private var entries: [Entry] = []
    private let lock = NSLock()

    public init() {}

    public func record(line: Int, input: String) {
        lock.withLock { entries.append(Entry(line: line, input: input, output: nil)) }
    }

    public func recordOutput(line: Int, output: String) {
        lock.withLock {
            if let index = entries.lastIndex(where: { $0.line == line }) { entries[index].output = output }
        }
    }

    public var all: [Entry] { lock.withLock { entries } }

    /// The entries a request selects, oldest first.
    public func select(_ request: HistoryRequest) -> [Entry] {
        let snapshot = all
        switch request.accessType {
        case .tail:
            return Array(snapshot.suffix(max(request.count ?? 10, 0)))
        case .range:
            // Session 0 and negative offsets name the current session in IPython; others have no entries.
            guard request.session <= 0 || request.session == History.sessionNumber else { return [] }
            let stop = request.stop ?? Int.max
            return snapshot.filter { $0.line >= request.start && $0.line < stop }
        case .search:
            var matches = snapshot.filter { GlobPattern(request.pattern).matches($0.input) }
            if request.unique {
                var seen = Set<String>()
                matches = matches.reversed().filter { seen.insert($0.input).inserted }.reversed()
            }
            if let count = request.count { matches = Array(matches.suffix(max(count, 0))) }
            return matches
        }
    }

    /// The `history` field of a reply: `[session, line, input]` or `[session, line, [input, output]]`.
    public static func encode(_ entries: [Entry], withOutput: Bool) -> JSONValue {
        .array(entries.map { entry in
            let session = JSONValue.int(History.sessionNumber)
            let line = JSONValue.int(entry.line)
            guard withOutput else { return [session, line, .string(entry.input)] }
            let output: JSONValue = entry.output.map { .string($0) } ?? .null
            return [session, line, [.string(entry.input), output]]
        })
    }
}

/// Shell-style glob matching (`*`, `?`, `[abc]`, `[!a-z]`) over a whole string, as IPython's
/// history search does through SQLite's GLOB.
public struct GlobPattern {
    private let pattern: [Unicode.Scalar]

    public init(_ pattern: String) { self.pattern = Array(pattern.unicodeScalars) }

    public func matches(_ text: String) -> Bool {
        let characters = Array(text.unicodeScalars)
        var patternIndex = 0, textIndex = 0
        var starPattern = -1, starText = 0
        while textIndex < characters.count {
            if patternIndex < pattern.count, pattern[patternIndex] == "*" {
                starPattern = patternIndex
                starText = textIndex
                patternIndex += 1
            } else if patternIndex < pattern.count,
                      let next = matchOne(at: patternIndex, against: characters[textIndex]) {
                patternIndex = next
                textIndex += 1
            } else if starPattern >= 0 {
                patternIndex = starPattern + 1
                starText += 1
                textIndex = starText
            } else {
                return false
            }
        }
        while patternIndex < pattern.count, pattern[patternIndex] == "*" { patternIndex += 1 }
        return patternIndex == pattern.count
    }

    /// Matches one pattern element at `index` against `scalar`; returns the index after the element.
    private func matchOne(at index: Int, against scalar: Unicode.Scalar) -> Int? {
        switch pattern[index] {
        case "?": return index + 1
        case "[": return matchClass(at: index, against: scalar)
        default: return pattern[index] == scalar ? index + 1 : nil
        }
    }

    private func matchClass(at index: Int, against scalar: Unicode.Scalar) -> Int? {
        var cursor = index + 1
        let negated = cursor < pattern.count && (pattern[cursor] == "!" || pattern[cursor] == "^")
        if negated { cursor += 1 }
        var found = false
        var first = true
        while cursor < pattern.count, pattern[cursor] != "]" || first {
            first = false
            let low = pattern[cursor]
            if cursor + 2 < pattern.count, pattern[cursor + 1] == "-", pattern[cursor + 2] != "]" {
                if low.value <= scalar.value && scalar.value <= pattern[cursor + 2].value { found = true }
                cursor += 3
            } else {
                if low == scalar { found = true }
                cursor += 1
            }
        }
        // An unclosed bracket is a literal "[".
        guard cursor < pattern.count else { return scalar == "[" ? index + 1 : nil }
        return found != negated ? cursor + 1 : nil
    }
}
