import Foundation

/// A polyline through (x, y) points. NaN or infinite values (and non-positive ones on a log
/// axis) break the line, as gaps in a time series should.
public struct LineMark: Mark {
    public let x: [Double]
    public let y: [Double]
    public var color: Color
    public var width: Double
    public var style: LineStyle
    /// The marker drawn at each point, or nil for none.
    public var marker: Marker?
    public var label: String?

    /// Fewest points kept per line when downsampling, however narrow the plot.
    static let minimumKept = 1_000

    /// Throws when `x` and `y` differ in length, `y` is empty, or a size is not positive.
    public init(x: [Double], y: [Double], color: Color, width: Double = 1.5, style: LineStyle = .solid,
                marker: Marker? = nil, label: String? = nil) throws {
        try Validate.nonEmpty(y, mark: "line")
        try Validate.length(x, y.count, argument: "x", mark: "line")
        try Validate.positive(width, argument: "width", mark: "line")
        if let marker { try Validate.positive(marker.size, argument: "markersize", mark: "line") }
        self.x = x
        self.y = y
        self.color = color
        self.width = width
        self.style = style
        self.marker = marker
        self.label = label
    }

    public var legendKey: LegendKey? {
        .line(color: color, width: width, dash: style.dashArray(width: width), marker: marker)
    }

    public func extent(xScale: ScaleKind, yScale: ScaleKind) -> DataExtent {
        DataExtent.of(x: x, y: y, xScale: xScale, yScale: yScale)
    }

    public func draw(in context: DrawingContext, to svg: inout SVGWriter) {
        let runs = LineMark.runs(x: x, y: y, context: context)
        let budget = max(LineMark.minimumKept, Int(4 * context.frame.width))
        let total = runs.reduce(0) { $0 + $1.count }
        var path = PathBuilder()
        var markers = PathBuilder()
        let outline = marker.map { $0.shape.outline(size: $0.size) }
        for run in runs {
            let share = max(3, budget * run.count / max(total, 1))
            let xs = run.map { $0.x }
            let ys = run.map { $0.y }
            let kept = Downsampler.lttb(x: xs, y: ys, threshold: share)
            for (position, index) in kept.enumerated() {
                let point = run[index]
                if position == 0 { path.move(to: point) } else { path.line(to: point) }
                if let outline { markers.stamp(outline, at: point) }
            }
        }
        var attributes: [(String, String)] = [
            ("d", path.data), ("fill", "none"), ("stroke", color.hexText),
            ("stroke-width", NumberText.format(width)), ("stroke-linejoin", "round"), ("stroke-linecap", "round"),
        ]
        if let dash = style.dashArray(width: width) {
            attributes.append(("stroke-dasharray", dash))
        }
        if !path.isEmpty { svg.element("path", attributes) }
        if let outline, !markers.isEmpty {
            svg.element("path", [("d", markers.data)] + outline.attributes(color: color))
        }
    }

    public func occupiedPoints(in context: DrawingContext) -> [Point] {
        context.sample(x: x, y: y)
    }

    /// Consecutive runs of placeable points, in SVG coordinates.
    static func runs(x: [Double], y: [Double], context: DrawingContext) -> [[Point]] {
        var runs: [[Point]] = []
        var current: [Point] = []
        for index in 0..<min(x.count, y.count) {
            if let point = context.point(x[index], y[index]) {
                current.append(point)
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }
}
