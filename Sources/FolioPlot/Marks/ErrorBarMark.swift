import Foundation

/// Points with vertical (and optionally horizontal) error bars with caps.
public struct ErrorBarMark: Mark {
    public let x: [Double]
    public let y: [Double]
    /// Distance below and above each y value.
    public let yBelow: [Double]
    public let yAbove: [Double]
    /// Distance left and right of each x value, when given.
    public let xError: [Double]?
    public var color: Color
    /// Half-width of the caps in px.
    public var capSize: Double
    public var label: String?

    /// Symmetric errors use `yError` alone; asymmetric ones pass `yErrorAbove` as well.
    public init(x: [Double], y: [Double], yError: [Double], yErrorAbove: [Double]? = nil, xError: [Double]? = nil,
                color: Color, capSize: Double = 3, label: String? = nil) throws {
        try Validate.nonEmpty(y, mark: "errorbar")
        try Validate.length(x, y.count, argument: "x", mark: "errorbar")
        try Validate.length(yError, y.count, argument: "yerr", mark: "errorbar")
        if let above = yErrorAbove { try Validate.length(above, y.count, argument: "yerr (upper)", mark: "errorbar") }
        if let xError = xError { try Validate.length(xError, y.count, argument: "xerr", mark: "errorbar") }
        self.x = x
        self.y = y
        self.yBelow = yError.map { abs($0) }
        self.yAbove = (yErrorAbove ?? yError).map { abs($0) }
        self.xError = xError?.map { abs($0) }
        self.color = color
        self.capSize = capSize
        self.label = label
    }

    public var legendKey: LegendKey? { .marker(color: color) }

    public func extent(xScale: ScaleKind, yScale: ScaleKind) -> DataExtent {
        let lows = zip(y, yBelow).map { $0 - $1 }
        let highs = zip(y, yAbove).map { $0 + $1 }
        var xs = x
        if let xError = xError {
            xs += zip(x, xError).map { $0 - $1 } + zip(x, xError).map { $0 + $1 }
        }
        return DataExtent.of(x: xs, y: lows + highs + y, xScale: xScale, yScale: yScale)
    }

    public func draw(in context: DrawingContext, to svg: inout SVGWriter) {
        var bars = PathBuilder()
        var dots = PathBuilder()
        for index in 0..<y.count {
            guard let centre = context.point(x[index], y[index]) else { continue }
            dots.dot(at: centre)
            if let low = context.yScale.map(y[index] - yBelow[index]), let high = context.yScale.map(y[index] + yAbove[index]) {
                appendWhisker(to: &bars, from: Point(x: centre.x, y: low), to: Point(x: centre.x, y: high), vertical: true)
            }
            if let xError = xError, let left = context.xScale.map(x[index] - xError[index]),
               let right = context.xScale.map(x[index] + xError[index]) {
                appendWhisker(to: &bars, from: Point(x: left, y: centre.y), to: Point(x: right, y: centre.y), vertical: false)
            }
        }
        if !bars.isEmpty {
            svg.element("path", [("d", bars.data), ("fill", "none"), ("stroke", color.hexText), ("stroke-width", "1.2")])
        }
        if !dots.isEmpty {
            svg.element("path", [("d", dots.data), ("stroke", color.hexText), ("stroke-width", "5"), ("stroke-linecap", "round")])
        }
    }

    public func occupiedPoints(in context: DrawingContext) -> [Point] {
        context.sample(x: x, y: y)
    }

    /// A bar from `start` to `end` with a cap across each end.
    private func appendWhisker(to path: inout PathBuilder, from start: Point, to end: Point, vertical: Bool) {
        path.move(to: start)
        path.line(to: end)
        guard capSize > 0 else { return }
        for tip in [start, end] {
            let offset = vertical ? Point(x: capSize, y: 0) : Point(x: 0, y: capSize)
            path.move(to: Point(x: tip.x - offset.x, y: tip.y - offset.y))
            path.line(to: Point(x: tip.x + offset.x, y: tip.y + offset.y))
        }
    }
}
