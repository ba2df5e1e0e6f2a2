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
        var span = range ?? Interval.enclosing(finite) ?? Interval(0, 1)
        if span.upper == span.lower { span = Interval(span.lower - 0.5, span.upper + 0.5) }
        let width = (span.upper - span.lower) / Double(count)
        edges = (0...count).map { span.lower + Double($0) * width }
        var counts = Array(repeating: 0.0, count: count)
        for value in finite where value >= span.lower && value <= span.upper {
            let bin = min(Int((value - span.lower) / width), count - 1)
            counts[bin] += 1
        }
        let total = counts.reduce(0, +)
        heights = density && total > 0 ? counts.map { $0 / (total * width) } : counts
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
        let width = (edges.last ?? 1) - (edges.first ?? 0)
        let binWidth = width / Double(max(centres.count, 1))
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
