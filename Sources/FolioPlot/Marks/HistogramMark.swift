import Foundation

/// Equal-width bins over the finite values of a sample.
public struct Histogram: Equatable {
    /// `bins + 1` increasing bin edges.
    public let edges: [Double]
    /// Counts per bin, or densities (integrating to 1) when built with `density: true`.
    public let heights: [Double]

    /// Bins `values` (NaN and infinities ignored). The last bin includes its right edge, as in NumPy.
    public init(values: [Double], bins: Int? = nil, range: Interval? = nil, density: Bool = false) throws {
        let finite = values.filter { $0.isFinite }
        try Validate.nonEmpty(values, mark: "hist")
        try Validate.someFinite(values, mark: "hist")
        let count = bins ?? Histogram.sturges(finite.count)
        guard count >= 1, count <= 10_000 else {
            throw PlotError.invalidArgument(mark: "hist", message: "bins must be between 1 and 10000, got \(count)")
        }
        let span = try Histogram.span(range ?? Interval.enclosing(finite) ?? Interval(0, 1))
        // Halves throughout: a span beyond the largest double ([-1e308, 1e308]) stays finite,
        // and for every other span the halving is exact, so edges and bins are unchanged.
        let halfWidth = (span.upper / 2 - span.lower / 2) / Double(count)
        guard halfWidth > 0, (2 * halfWidth).isFinite else {
            let problem = halfWidth > 0 ? "too wide" : "too narrow"
            throw PlotError.invalidArgument(mark: "hist", message: "the range [\(span.lower), \(span.upper)] is \(problem) to split into \(count) bins")
        }
        edges = (0...count).map { 2 * (span.lower / 2 + Double($0) * halfWidth) }
        var counts = Array(repeating: 0.0, count: count)
        for value in finite where value >= span.lower && value <= span.upper {
            // Clamped as a Double before the Int conversion, which traps on anything out of range
            // (NaN included: Swift's max(NaN, 0) is NaN, so it is caught first).
            let position = (value / 2 - span.lower / 2) / halfWidth
            counts[position.isNaN ? 0 : Int(min(max(position, 0), Double(count - 1)))] += 1
        }
        let total = counts.reduce(0, +)
        let width = 2 * halfWidth
        heights = density && total > 0 ? counts.map { $0 / (total * width) } : counts
    }

    /// `span` widened when it is a single value (by 0.5, or relatively where 0.5 would be lost).
    private static func span(_ span: Interval) throws -> Interval {
        guard span.lower.isFinite, span.upper.isFinite else {
            throw PlotError.invalidArgument(mark: "hist", message: "range must be finite, got [\(span.lower), \(span.upper)]")
        }
        guard span.upper == span.lower else { return span }
        let pad = max(0.5, abs(span.lower) * 1e-9)
        return Interval(span.lower - pad, span.upper + pad)
    }

    /// Sturges' rule, clamped to 5...50 so small samples still look like a distribution.
    static func sturges(_ count: Int) -> Int {
        let bins = Int((log2(Double(max(count, 1))) + 1).rounded(.up))
        return min(max(bins, 5), 50)
    }
}

/// A histogram: touching bars over equal-width bins, separated by thin white lines.
public struct HistogramMark: Mark {
    public let histogram: Histogram
    private let bars: BarMark

    public init(values: [Double], bins: Int? = nil, range: Interval? = nil, density: Bool = false,
                color: Color, opacity: Double = 1, label: String? = nil) throws {
        histogram = try Histogram(values: values, bins: bins, range: range, density: density)
        let edges = histogram.edges
        let centres = zip(edges, edges.dropFirst()).map { ($0 + $1) / 2 }
        // Halved as in Histogram, so a bin of 1e308 over [-1e308, 1e308] stays finite.
        let halfWidth = (edges.last ?? 1) / 2 - (edges.first ?? 0) / 2
        let binWidth = halfWidth / Double(max(centres.count, 1)) * 2
        bars = try BarMark(positions: centres, heights: histogram.heights, width: binWidth, color: color,
                           opacity: opacity, separator: 0.6, label: label)
    }

    public var label: String? { bars.label }
    public var legendKey: LegendKey? { bars.legendKey }

    public func extent(xScale: ScaleKind, yScale: ScaleKind) -> DataExtent {
        bars.extent(xScale: xScale, yScale: yScale)
    }

    public func draw(in context: DrawingContext, to svg: inout SVGWriter) {
        bars.draw(in: context, to: &svg)
    }

    public func occupiedPoints(in context: DrawingContext) -> [Point] {
        bars.occupiedPoints(in: context)
    }
}
