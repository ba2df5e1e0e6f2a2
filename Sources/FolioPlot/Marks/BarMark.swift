import Foundation

/// Vertical bars centred at `positions`, rising from `bottoms` by `heights` (negative heights
/// hang down). Grouped and stacked bar charts are several bar marks with shifted positions
/// or bottoms; see `Axes.bars`.
public struct BarMark: Mark {
    public let positions: [Double]
    public let heights: [Double]
    public let bottoms: [Double]
    /// Bar width in data units.
    public var width: Double
    public var color: Color
    public var opacity: Double
    /// Width of a white outline separating touching bars (histograms), 0 for none.
    public var separator: Double
    public var label: String?

    public init(positions: [Double], heights: [Double], bottoms: [Double]? = nil, width: Double = 0.8,
                color: Color, opacity: Double = 1, separator: Double = 0, label: String? = nil) throws {
        try Validate.nonEmpty(heights, mark: "bar")
        try Validate.length(positions, heights.count, argument: "positions", mark: "bar")
        if let bottoms = bottoms { try Validate.length(bottoms, heights.count, argument: "bottom", mark: "bar") }
        try Validate.positive(width, argument: "width", mark: "bar")
        self.positions = positions
        self.heights = heights
        self.bottoms = bottoms ?? Array(repeating: 0, count: heights.count)
        self.width = width
        self.color = color
        self.opacity = opacity
        self.separator = separator
        self.label = label
    }

    public var legendKey: LegendKey? { .box(color: color, opacity: opacity) }

    /// The tops of the bars (bottom + height), for stacking the next series.
    public var tops: [Double] {
        zip(bottoms, heights).map { $0 + $1 }
    }

    public func extent(xScale: ScaleKind, yScale: ScaleKind) -> DataExtent {
        let half = width / 2
        let edges = positions.flatMap { [$0 - half, $0 + half] }
        let ends = bottoms + tops
        let extent = DataExtent.of(x: edges, y: ends, xScale: xScale, yScale: yScale)
        let baselines = Array(Set(bottoms.filter { $0.isFinite })).sorted()
        return DataExtent(x: extent.x, y: extent.y, stickyY: baselines)
    }

    public func draw(in context: DrawingContext, to svg: inout SVGWriter) {
        var path = PathBuilder()
        for rect in rectangles(in: context) {
            path.polygon([
                Point(x: rect.x, y: rect.y), Point(x: rect.maxX, y: rect.y),
                Point(x: rect.maxX, y: rect.maxY), Point(x: rect.x, y: rect.maxY),
            ])
        }
        guard !path.isEmpty else { return }
        var attributes: [(String, String)] = [("d", path.data), ("fill", color.hexText)]
        if opacity < 1 { attributes.append(("fill-opacity", NumberText.unit(opacity))) }
        if separator > 0 {
            attributes += [("stroke", "#ffffff"), ("stroke-width", NumberText.format(separator)),
                           ("stroke-linejoin", "miter")]
        }
        svg.element("path", attributes)
    }

    public func occupiedPoints(in context: DrawingContext) -> [Point] {
        rectangles(in: context).flatMap { rect -> [Point] in
            // A few points up each bar, so a tall bar counts more than a short one.
            (0...4).map { step in
                let fraction = Double(step) / 4
                return Point(x: rect.x + rect.width / 2, y: rect.y + fraction * rect.height)
            }
        }
    }

    /// SVG rectangles of the drawable bars; a baseline that a log axis cannot show is pinned to
    /// the bottom of the frame.
    func rectangles(in context: DrawingContext) -> [Rect] {
        var result: [Rect] = []
        let half = width / 2
        let floor = context.frame.maxY
        for index in 0..<heights.count {
            let position = positions[index]
            guard let left = context.xScale.map(position - half),
                  let right = context.xScale.map(position + half),
                  let top = context.yScale.map(bottoms[index] + heights[index]) else { continue }
            let base = context.yScale.map(bottoms[index]) ?? floor
            let rect = Rect(x: min(left, right), y: min(top, base),
                            width: abs(right - left), height: abs(base - top))
            result.append(rect)
        }
        return result
    }
}
