/// "Did you mean ...?" for misspelled names, labels and members.
public enum SpellingSuggestion {
    /// The candidate closest to `name` by edit distance, if close enough to be a plausible typo.
    public static func nearest(to name: String, among candidates: [String]) -> String? {
        let target = Array(name.lowercased().unicodeScalars)
        let allowed = max(1, min(3, target.count / 3))
        var best: (candidate: String, distance: Int)?
        // An abbreviation (`sep` for `separator`) is a likelier intent than an unrelated short name.
        if target.count >= 3, let expansion = candidates.first(where: { $0.lowercased().hasPrefix(name.lowercased()) && $0 != name }) {
            return expansion
        }
        for candidate in candidates where candidate != name {
            let distance = editDistance(target, Array(candidate.lowercased().unicodeScalars))
            if distance <= allowed, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// `"; did you mean 'x'?"` or the empty string.
    public static func hint(for name: String, among candidates: [String]) -> String {
        guard let suggestion = nearest(to: name, among: candidates) else { return "" }
        return "; did you mean '\(suggestion)'?"
    }

    /// Levenshtein distance with adjacent transpositions counted as one edit.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                var distance = min(previous[j] + 1, current[j - 1] + 1, substitution)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    distance = min(distance, previousPrevious[j - 2] + 1)
                }
                current[j] = distance
            }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }
}
