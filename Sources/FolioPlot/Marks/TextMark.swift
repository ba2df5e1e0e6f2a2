import Foundation

/// A text annotation at a data position.
public struct TextMark: Mark {
    /// Which point of the text sits at the position.
    public enum Anchor: String {
        case start, middle, end
    }

    public let x: Double
    public let y: Double
    public let text: String
    public var anchor: Anchor
    public var fontSize: Double
    public var color: Color

    public init(x: Double, y: Double, text: String, anchor: Anchor = .start, fontSize: Double = 10,
                color: Color = .ink) throws {
        guard x.isFinite, y.isFinite else {
            throw PlotError.invalidArgument(mark: "text", message: "the position (\(x), \(y)) must be finite")
        }
        try Validate.positive(fontSize, argument: "fontsize", mark: "text")
        self.x = x
        self.y = y
        self.text = text
        self.anchor = anchor
        self.fontSize = fontSize
        self.color = color
    }

    public var label: String? { nil }
    public var legendKey: LegendKey? { nil }

    public func extent(xScale: ScaleKind, yScale: ScaleKind) -> DataExtent {
        DataExtent.of(x: [x], y: [y], xScale: xScale, yScale: yScale)
    }

    public func draw(in context: DrawingContext, to svg: inout SVGWriter) {
        guard let point = context.point(x, y) else { return }
        // Shift down by about a third of the size so the position is the text's vertical middle.
        let baseline = point.y + fontSize * 0.35
        var attributes: [(String, String)] = [("x", NumberText.format(point.x)), ("y", NumberText.format(baseline))]
        if anchor != .start { attributes.append(("text-anchor", anchor.rawValue)) }
        if fontSize != 10 { attributes.append(("font-size", NumberText.format(fontSize))) }
        attributes.append(("fill", color.hexText))
        svg.text(text, attributes)
    }

    public func occupiedPoints(in context: DrawingContext) -> [Point] {
        guard let point = context.point(x, y) else { return [] }
        let width = TextMetrics.width(of: text, fontSize: fontSize)
        let start: Double
        switch anchor {
        case .start: start = point.x
        case .middle: start = point.x - width / 2
        case .end: start = point.x - width
        }
        return (0...8).map { Point(x: start + Double($0) / 8 * width, y: point.y) }
    }
}
