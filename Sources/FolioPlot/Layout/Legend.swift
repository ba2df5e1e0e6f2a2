import Foundation

/// A legend box: one row per labelled mark, placed in the spot of the plot that hides the
/// fewest data points (matplotlib's `loc="best"`, counted on sampled points).
struct Legend {
    let entries: [(key: LegendKey, text: String)]
    let style: Style

    private let padding = 6.0
    private let rowHeight = 15.0
    private let swatchWidth = 18.0
    private let swatchGap = 6.0
    /// Distance from the legend to the frame edge.
    private let margin = 6.0
    /// Largest marker a row shows, so big markers stay inside their row.
    private let maximumMarkerSize = 11.0

    /// The legend's size in px.
    var size: (width: Double, height: Double) {
        let widest = entries.map { TextMetrics.width(of: $0.text, fontSize: style.fontSize) }.max() ?? 0
        let width = padding + swatchWidth + swatchGap + widest + padding
        let height = padding + Double(entries.count) * rowHeight - 4 + padding
        return (width, height)
    }

    /// Candidate spots in preference order (ties go to the earlier one): the corners first.
    private func candidates(in frame: Rect) -> [Rect] {
        let (width, height) = size
        let left = frame.x + margin
        let right = frame.maxX - margin - width
        let centreX = frame.x + (frame.width - width) / 2
        let top = frame.y + margin
        let bottom = frame.maxY - margin - height
        let centreY = frame.y + (frame.height - height) / 2
        let spots = [(right, top), (left, top), (left, bottom), (right, bottom), (right, centreY),
                     (left, centreY), (centreX, bottom), (centreX, top), (centreX, centreY)]
        return spots.map { Rect(x: $0.0, y: $0.1, width: width, height: height) }
    }

    /// The candidate rectangle covering the fewest of `occupied` points.
    func placement(in frame: Rect, avoiding occupied: [Point]) -> Rect {
        var best = candidates(in: frame)[0]
        var bestCount = Int.max
        for candidate in candidates(in: frame) {
            let count = occupied.reduce(0) { $0 + (candidate.contains($1) ? 1 : 0) }
            if count < bestCount {
                best = candidate
                bestCount = count
            }
        }
        return best
    }

    /// Draws the box and its rows at `rect`.
    func draw(at rect: Rect, to svg: inout SVGWriter) {
        svg.open("g", [("class", "legend")])
        svg.element("rect", [
            ("x", NumberText.format(rect.x)), ("y", NumberText.format(rect.y)),
            ("width", NumberText.format(rect.width)), ("height", NumberText.format(rect.height)), ("rx", "2"),
            ("fill", "#ffffff"), ("fill-opacity", "0.85"), ("stroke", "#cccccc"), ("stroke-width", "0.6"),
        ])
        for (index, entry) in entries.enumerated() {
            let middle = rect.y + padding + Double(index) * rowHeight + 5.5
            drawSwatch(entry.key, left: rect.x + padding, middle: middle, to: &svg)
            let textX = rect.x + padding + swatchWidth + swatchGap
            svg.text(entry.text, [("x", NumberText.format(textX)), ("y", NumberText.format(middle + style.capHeight / 2)),
                                  ("fill", style.textColor.hexText)])
        }
        svg.close("g")
    }

    private func drawSwatch(_ key: LegendKey, left: Double, middle: Double, to svg: inout SVGWriter) {
        switch key {
        case .line(let color, let width, let dash, let marker):
            var attributes: [(String, String)] = [
                ("d", "M" + NumberText.format(left) + " " + NumberText.format(middle) + "h" + NumberText.format(swatchWidth)),
                ("stroke", color.hexText), ("stroke-width", NumberText.format(width)),
            ]
            if let dash = dash { attributes.append(("stroke-dasharray", dash)) }
            svg.element("path", attributes)
            if let marker {
                let size = min(marker.size, maximumMarkerSize)
                drawMarker(marker.shape, size: size, color: color, at: Point(x: left + swatchWidth / 2, y: middle), to: &svg)
            }
        case .marker(let color, let shape):
            drawMarker(shape, size: Marker.defaultSize, color: color, at: Point(x: left + swatchWidth / 2, y: middle), to: &svg)
        case .box(let color, let opacity):
            var attributes: [(String, String)] = [
                ("x", NumberText.format(left + 2)), ("y", NumberText.format(middle - 5)),
                ("width", NumberText.format(swatchWidth - 4)), ("height", "10"), ("fill", color.hexText),
            ]
            if opacity < 1 { attributes.append(("fill-opacity", NumberText.unit(opacity))) }
            svg.element("rect", attributes)
        }
    }

    /// One marker centred at `centre`: a `<circle>` for round shapes, else the shape's outline.
    private func drawMarker(_ shape: MarkerShape, size: Double, color: Color, at centre: Point, to svg: inout SVGWriter) {
        let outline = shape.outline(size: size)
        if case .dot(let diameter) = outline.paint {
            svg.element("circle", [("cx", NumberText.format(centre.x)), ("cy", NumberText.format(centre.y)),
                                   ("r", NumberText.format(diameter / 2)), ("fill", color.hexText)])
            return
        }
        var path = PathBuilder()
        path.stamp(outline, at: centre)
        svg.element("path", [("d", path.data)] + outline.attributes(color: color))
    }
}
