import Foundation

/// A vertical colour scale beside a plot, with ticks and an optional title.
struct Colorbar {
    let scale: ColorScale
    let label: String?
    let style: Style

    /// Ticks along the bar: the band boundaries for discrete scales, else nice values.
    var ticks: Ticks {
        let domain = Interval(scale.lower, scale.upper)
        if let boundaries = scale.boundaries, boundaries.count <= 12 {
            let step = zip(boundaries, boundaries.dropFirst()).map { $1 - $0 }.min() ?? 1
            return Ticks(major: boundaries, labels: TickFormatter.labels(boundaries, step: step))
        }
        let (values, step) = TickLocator.linear(domain, target: 5)
        return Ticks(major: values, labels: TickFormatter.labels(values, step: step))
    }

    /// Horizontal room the bar, its tick labels and its title take, gap to the plot included.
    var width: Double {
        let widest = ticks.labels.map { TextMetrics.width(of: $0, fontSize: style.fontSize) }.max() ?? 0
        let title = label == nil ? 0 : style.labelFontSize + 6
        return style.colorbarGap + style.colorbarWidth + style.tickLength + style.tickPadding + widest + title
    }

    /// Draws the bar to the right of `frame`, as tall as it.
    func draw(beside frame: Rect, idPrefix: String, to svg: inout SVGWriter) {
        let bar = Rect(x: frame.maxX + style.colorbarGap, y: frame.y, width: style.colorbarWidth, height: frame.height)
        let axis = AxisScale(kind: .linear, domain: Interval(scale.lower, scale.upper), rangeStart: bar.maxY, rangeEnd: bar.y)
        svg.open("g", [("class", "colorbar")])
        if let boundaries = scale.boundaries {
            drawBands(boundaries, bar: bar, axis: axis, to: &svg)
        } else {
            // One gradient per subplot: ids are document-wide, and a shared one would paint every
            // colorbar of the figure with the first subplot's colormap.
            let id = idPrefix + "-cbar" + NumberText.format(bar.x, decimals: 0) + "-" + NumberText.format(bar.y, decimals: 0)
            drawGradient(bar: bar, id: id, to: &svg)
        }
        svg.element("rect", [("x", NumberText.format(bar.x)), ("y", NumberText.format(bar.y)),
                             ("width", NumberText.format(bar.width)), ("height", NumberText.format(bar.height)),
                             ("fill", "none"), ("stroke", style.spineColor.hexText), ("stroke-width", NumberText.format(style.spineWidth))])
        drawTicks(bar: bar, axis: axis, to: &svg)
        svg.close("g")
    }

    private func drawGradient(bar: Rect, id: String, to svg: inout SVGWriter) {
        svg.open("defs")
        svg.open("linearGradient", [("id", id), ("x1", "0"), ("y1", "1"), ("x2", "0"), ("y2", "0")])
        for (position, color) in zip(scale.colormap.positions, scale.colormap.anchors) {
            svg.element("stop", [("offset", NumberText.unit(position)), ("stop-color", color.hexText)])
        }
        svg.close("linearGradient")
        svg.close("defs")
        svg.element("rect", [("x", NumberText.format(bar.x)), ("y", NumberText.format(bar.y)),
                             ("width", NumberText.format(bar.width)), ("height", NumberText.format(bar.height)),
                             ("fill", "url(#" + id + ")")])
    }

    private func drawBands(_ boundaries: [Double], bar: Rect, axis: AxisScale, to svg: inout SVGWriter) {
        let count = boundaries.count - 1
        for index in 0..<count {
            guard let low = axis.map(boundaries[index]), let high = axis.map(boundaries[index + 1]) else { continue }
            let fraction = count > 1 ? Double(index) / Double(count - 1) : 0.5
            svg.element("rect", [("x", NumberText.format(bar.x)), ("y", NumberText.format(min(low, high))),
                                 ("width", NumberText.format(bar.width)), ("height", NumberText.format(abs(low - high))),
                                 ("fill", scale.colormap.color(at: fraction).hexText)])
        }
    }

    private func drawTicks(bar: Rect, axis: AxisScale, to svg: inout SVGWriter) {
        var path = PathBuilder()
        let ticks = self.ticks
        var labels = SVGWriter()
        let labelX = bar.maxX + style.tickLength + style.tickPadding
        for (value, text) in zip(ticks.major, ticks.labels) {
            guard let y = axis.map(value) else { continue }
            path.move(to: Point(x: bar.maxX, y: y))
            path.line(to: Point(x: bar.maxX + style.tickLength, y: y))
            labels.text(text, [("x", NumberText.format(labelX)), ("y", NumberText.format(y + style.capHeight / 2))])
        }
        svg.element("path", [("d", path.data), ("stroke", style.spineColor.hexText), ("stroke-width", NumberText.format(style.spineWidth))])
        svg.open("g", [("fill", style.textColor.hexText)])
        svg.appendRaw(labels.output)
        if let label = label {
            let widest = ticks.labels.map { TextMetrics.width(of: $0, fontSize: style.fontSize) }.max() ?? 0
            let x = labelX + widest + 4 + style.labelFontSize * 0.75
            let y = bar.y + bar.height / 2
            svg.text(label, [("x", "0"), ("y", "0"), ("font-size", NumberText.format(style.labelFontSize)),
                             ("text-anchor", "middle"),
                             ("transform", "translate(" + NumberText.format(x) + " " + NumberText.format(y) + ") rotate(90)")])
        }
        svg.close("g")
    }
}
