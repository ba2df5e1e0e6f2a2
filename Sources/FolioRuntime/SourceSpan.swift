/// A range of program text: offsets in Unicode scalars into one registered source (a cell or a file).
public struct SourceSpan: Equatable, Hashable, Sendable {
    /// Which source the offsets refer to; the session keeps the text so old cells can still be quoted.
    public var sourceID: Int
    public var start: Int
    public var end: Int

    public init(sourceID: Int, start: Int, end: Int) {
        self.sourceID = sourceID
        self.start = start
        self.end = max(start, end)
    }

    /// The smallest span covering both; spans from different sources keep the first.
    public func merged(with other: SourceSpan) -> SourceSpan {
        guard other.sourceID == sourceID else { return self }
        return SourceSpan(sourceID: sourceID, start: min(start, other.start), end: max(end, other.end))
    }
}
