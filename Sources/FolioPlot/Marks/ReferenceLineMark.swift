import Foundation

/// A horizontal (`hline`) or vertical (`vline`) line across the whole plot at a data value.
public struct ReferenceLineMark: Mark {
    public enum Orientation: Equatable {
        case horizontal, vertical
    }

    public let orientation: Orientation
    public let value: Double
    public var color: Color
    public var width: Double
    public var style: LineStyle
    public var label: String?

    public init(_ orientation: Orientation, at value: Double, color: Color, width: Double = 1,
                style: LineStyle = .dashed, label: String? = nil) throws {
        let mark = orientation == .horizontal ? "hline" : "vline"
        guard value.isFinite else {
            throw PlotError.invalidArgument(mark: mark, message: "the position must be finite, got \(value)")
        }
        try Validate.positive(width, argument: "width", mark: mark)
        self.orientation = orientation
        self.value = value
        self.color = color
        self.width = width
        self.style = style
        self.label = label
    }

    public var legendKey: LegendKey? {
        .line(color: color, width: width, dash: style.dashArray(width: width))
    }

    public func extent(xScale: ScaleKind, yScale: ScaleKind) -> DataExtent {
        let interval = Interval(value, value)
        switch orientation {
        case .horizontal: return DataExtent(x: nil, y: yScale == .log && value <= 0 ? nil : interval)
        case .vertical: return DataExtent(x: xScale == .log && value <= 0 ? nil : interval, y: nil)
        }
    }

    public func draw(in context: DrawingContext, to svg: inout SVGWriter) {
        let frame = context.frame
        var path = PathBuilder()
        switch orientation {
        case .horizontal:
            guard let y = context.yScale.map(value) else { return }
            path.move(to: Point(x: frame.x, y: y))
            path.line(to: Point(x: frame.maxX, y: y))
        case .vertical:
            guard let x = context.xScale.map(value) else { return }
            path.move(to: Point(x: x, y: frame.y))
            path.line(to: Point(x: x, y: frame.maxY))
        }
        var attributes: [(String, String)] = [("d", path.data), ("stroke", color.hexText),
                                              ("stroke-width", NumberText.format(width))]
        if let dash = style.dashArray(width: width) { attributes.append(("stroke-dasharray", dash)) }
        svg.element("path", attributes)
    }

    public func occupiedPoints(in context: DrawingContext) -> [Point] {
        let frame = context.frame
        return (0...20).compactMap { step in
            let fraction = Double(step) / 20
            switch orientation {
            case .horizontal:
                return context.yScale.map(value).map { Point(x: frame.x + fraction * frame.width, y: $0) }
            case .vertical:
                return context.xScale.map(value).map { Point(x: $0, y: frame.y + fraction * frame.height) }
            }
        }
    }
}
