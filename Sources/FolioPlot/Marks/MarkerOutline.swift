import Foundation

/// One marker's path around its data point: the offset to its first vertex, then relative
/// commands that are the same at every point, so a mark formats them once and writes
/// `M x y` plus that tail per point.
struct MarkerOutline {
    /// How the path is painted: filled, stroked, or as round-capped dots.
    enum Paint: Equatable {
        /// Zero-length subpaths with round caps: a disc of the stroke width, 14 bytes a point.
        case dot(diameter: Double)
        case fill
        case stroke(width: Double)
    }

    let start: Point
    let tail: String
    let paint: Paint

    init(dotOf diameter: Double) {
        start = Point(x: 0, y: 0)
        tail = "h0"
        paint = .dot(diameter: diameter)
    }

    /// A closed polygon through `vertices` (offsets from the data point).
    init(polygon vertices: [(Double, Double)]) {
        let first = vertices.first ?? (0, 0)
        start = Point(x: first.0, y: first.1)
        let steps = zip(vertices, vertices.dropFirst()).map { MarkerOutline.pair($1.0 - $0.0, $1.1 - $0.1) }
        tail = "l" + steps.joined(separator: " ") + "z"
        paint = .fill
    }

    /// Separate straight strokes, each from its first offset to its second.
    init(strokes: [((Double, Double), (Double, Double))], size: Double) {
        let first = strokes.first?.0 ?? (0, 0)
        start = Point(x: first.0, y: first.1)
        var text = ""
        var current = first
        for (index, stroke) in strokes.enumerated() {
            if index > 0 { text += "m" + MarkerOutline.pair(stroke.0.0 - current.0, stroke.0.1 - current.1) }
            text += "l" + MarkerOutline.pair(stroke.1.0 - stroke.0.0, stroke.1.1 - stroke.0.1)
            current = stroke.1
        }
        tail = text
        // matplotlib strokes these at 1 pt whatever their size; growing with the size keeps
        // large crosses from looking spindly (and is 1 px at the default size).
        paint = .stroke(width: max(1, size / Marker.defaultSize))
    }

    /// The SVG paint attributes in `color`; `opacity` below 1 adds the matching opacity.
    func attributes(color: Color, opacity: Double = 1) -> [(String, String)] {
        var attributes: [(String, String)]
        let opacityName: String
        switch paint {
        case .dot(let diameter):
            attributes = [("stroke", color.hexText), ("stroke-width", NumberText.format(diameter)), ("stroke-linecap", "round")]
            opacityName = "stroke-opacity"
        case .fill:
            attributes = [("fill", color.hexText)]
            opacityName = "fill-opacity"
        case .stroke(let width):
            attributes = [("fill", "none"), ("stroke", color.hexText), ("stroke-width", NumberText.format(width))]
            opacityName = "stroke-opacity"
        }
        if opacity < 1 { attributes.append((opacityName, NumberText.unit(opacity))) }
        return attributes
    }

    private static func pair(_ x: Double, _ y: Double) -> String {
        NumberText.format(x) + " " + NumberText.format(y)
    }
}
