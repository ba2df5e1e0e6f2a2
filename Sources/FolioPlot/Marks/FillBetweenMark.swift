import Foundation

/// The band between two curves over shared x values (confidence intervals, ranges).
/// A point where either curve is not finite splits the band into separate polygons.
public struct FillBetweenMark: Mark {
    public let x: [Double]
    public let lower: [Double]
    public let upper: [Double]
    public var color: Color
    public var opacity: Double
    public var label: String?

    public init(x: [Double], lower: [Double], upper: [Double], color: Color, opacity: Double = 0.25,
                label: String? = nil) throws {
        try Validate.nonEmpty(x, mark: "fill_between")
        try Validate.length(lower, x.count, argument: "y1", mark: "fill_between")
        try Validate.length(upper, x.count, argument: "y2", mark: "fill_between")
        self.x = x
        self.lower = lower
        self.upper = upper
        self.color = color
        self.opacity = opacity
        self.label = label
    }

    public var legendKey: LegendKey? { .box(color: color, opacity: opacity) }

    public func extent(xScale: ScaleKind, yScale: ScaleKind) -> DataExtent {
        DataExtent.of(x: x, y: lower + upper, xScale: xScale, yScale: yScale)
    }

    public func draw(in context: DrawingContext, to svg: inout SVGWriter) {
        var path = PathBuilder()
        for run in runs(in: context) {
            path.polygon(run.map { $0.0 } + run.reversed().map { $0.1 })
        }
        guard !path.isEmpty else { return }
        svg.element("path", [("d", path.data), ("fill", color.hexText), ("fill-opacity", NumberText.unit(opacity))])
    }

    public func occupiedPoints(in context: DrawingContext) -> [Point] {
        runs(in: context).flatMap { run in
            run.flatMap { pair -> [Point] in
                let middle = Point(x: pair.0.x, y: (pair.0.y + pair.1.y) / 2)
                return [pair.0, middle, pair.1]
            }
        }
    }

    /// Runs of consecutive x positions where both curves can be placed: (lower point, upper point).
    private func runs(in context: DrawingContext) -> [[(Point, Point)]] {
        var runs: [[(Point, Point)]] = []
        var current: [(Point, Point)] = []
        for index in 0..<x.count {
            if let bottom = context.point(x[index], lower[index]), let top = context.point(x[index], upper[index]) {
                current.append((bottom, top))
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }
}
