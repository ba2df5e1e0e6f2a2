import FolioRuntime

/// One cell's or file's text, kept so errors can quote it even from a function defined cells ago.
struct SourceText {
    let name: String
    let scalars: [Unicode.Scalar]
    /// Offsets at which each line starts.
    let lineStarts: [Int]

    init(name: String, text: String) {
        self.name = name
        self.scalars = Array(text.unicodeScalars)
        var starts = [0]
        for (offset, scalar) in scalars.enumerated() where scalar == "\n" {
            starts.append(offset + 1)
        }
        self.lineStarts = starts
    }

    /// 1-based line and column of an offset.
    func location(of offset: Int) -> (line: Int, column: Int) {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return (low + 1, offset - lineStarts[low] + 1)
    }

    /// The text of a 1-based line, without its line break.
    func line(_ number: Int) -> String {
        guard number >= 1, number <= lineStarts.count else { return "" }
        let start = lineStarts[number - 1]
        var end = number < lineStarts.count ? lineStarts[number] - 1 : scalars.count
        end = max(start, min(end, scalars.count))
        var text = String.UnicodeScalarView(scalars[start..<end])
        if text.last == "\r" { text.removeLast() }
        return String(text)
    }
}

/// Every source a session has run, by id.
final class SourceRegistry {
    private(set) var sources: [SourceText] = []

    func register(name: String, text: String) -> Int {
        sources.append(SourceText(name: name, text: text))
        return sources.count - 1
    }

    func source(_ id: Int) -> SourceText? {
        sources.indices.contains(id) ? sources[id] : nil
    }

    /// `cell[4]:2:13`.
    func describe(_ span: SourceSpan) -> String {
        guard let source = source(span.sourceID) else { return "<unknown>" }
        let (line, column) = source.location(of: span.start)
        return "\(source.name):\(line):\(column)"
    }
}
