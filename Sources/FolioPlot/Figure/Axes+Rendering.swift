import Foundation

/// Per-axes choices the figure makes when subplots share axes.
struct AxesRenderOptions {
    var xDomain: Interval?
    var yDomain: Interval?
    var showsXTickLabels = true
    var showsYTickLabels = true
}

/// Where everything of one axes goes, computed before anything is drawn.
struct AxesLayout {
    let frame: Rect
    let xScale: AxisScale
    let yScale: AxisScale
    let xTicks: Ticks
    let yTicks: Ticks
    let colorbar: Colorbar?
}

extension Axes {
    /// Draws this axes into `cell` (its share of the figure).
    func render(in cell: Rect, options: AxesRenderOptions, style: Style, idPrefix: String, to svg: inout SVGWriter) {
        let layout = self.layout(in: cell, options: options, style: style)
        let context = DrawingContext(frame: layout.frame, xScale: layout.xScale, yScale: layout.yScale, idPrefix: idPrefix)
        svg.open("g", [("class", "axes")])
        svg.newline()
        if showsGrid { drawGrid(layout, style: style, to: &svg) }
        drawMarks(context, to: &svg)
        drawSpinesAndTicks(layout, style: style, to: &svg)
        drawTickLabels(layout, options: options, style: style, to: &svg)
        drawTitles(layout, cell: cell, style: style, to: &svg)
        let entries = legendEntries
        if showsLegend ?? !entries.isEmpty, !entries.isEmpty {
            let legend = Legend(entries: entries, style: style)
            let occupied = marks.flatMap { $0.occupiedPoints(in: context) }
            legend.draw(at: legend.placement(in: layout.frame, avoiding: occupied), to: &svg)
            svg.newline()
        }
        layout.colorbar?.draw(beside: layout.frame, idPrefix: idPrefix, to: &svg)
        svg.close("g")
        svg.newline()
    }

    /// Frame, scales and ticks: ticks are chosen for a first guess of the frame, margins are
    /// then sized to the tick labels, and ticks are chosen again for the final frame.
    func layout(in cell: Rect, options: AxesRenderOptions, style: Style) -> AxesLayout {
        let domains = self.domains()
        let xDomain = options.xDomain ?? domains.x
        let yDomain = options.yDomain ?? domains.y
        let colorbar = showsColorbar ? colorScale.map { Colorbar(scale: $0, label: colorbarLabel, style: style) } : nil
        var frame = cell.inset(left: 50, top: 20, right: 20 + (colorbar?.width ?? 0), bottom: 40)
        var xTicks = AxisTicks(domain: xDomain, kind: xScale, length: frame.width, horizontal: true, categories: xCategories, integers: integerTicks, style: style)
        var yTicks = AxisTicks(domain: yDomain, kind: yScale, length: frame.height, horizontal: false, categories: nil, integers: integerTicks, style: style)
        for _ in 0..<2 {
            frame = self.frame(in: cell, xTicks: xTicks, yTicks: yTicks, colorbar: colorbar, options: options, style: style)
            xTicks = AxisTicks(domain: xDomain, kind: xScale, length: frame.width, horizontal: true, categories: xCategories, integers: integerTicks, style: style)
            yTicks = AxisTicks(domain: yDomain, kind: yScale, length: frame.height, horizontal: false, categories: nil, integers: integerTicks, style: style)
        }
        let xAxis = AxisScale(kind: xScale, domain: xDomain, rangeStart: frame.x, rangeEnd: frame.maxX)
        let yAxis = yInverted
            ? AxisScale(kind: yScale, domain: yDomain, rangeStart: frame.y, rangeEnd: frame.maxY)
            : AxisScale(kind: yScale, domain: yDomain, rangeStart: frame.maxY, rangeEnd: frame.y)
        return AxesLayout(frame: frame, xScale: xAxis, yScale: yAxis, xTicks: xTicks.ticks, yTicks: yTicks.ticks, colorbar: colorbar)
    }

    private func frame(in cell: Rect, xTicks: AxisTicks, yTicks: AxisTicks, colorbar: Colorbar?,
                       options: AxesRenderOptions, style: Style) -> Rect {
        let titleSpace = title == nil ? style.capHeight / 2 + 2 : style.titleFontSize + 10
        let yLabelSpace = yLabel == nil ? 0 : style.labelFontSize + 6
        // Space is kept for hidden tick labels too, so that subplots sharing an axis get frames
        // of the same size and therefore the same ticks.
        let yTickSpace = yTicks.widestLabel(style: style) + style.tickPadding
        let xTickSpace = style.tickPadding + style.capHeight + 2
        let xLabelSpace = xLabel == nil ? 0 : style.labelFontSize + 8
        // The last x tick label is centred on the frame's right edge and would stick out by half.
        let overhang = xTicks.widestLabel(style: style) / 2
        let right = colorbar.map { $0.width } ?? max(overhang, 4)
        return cell.inset(left: style.padding + yLabelSpace + yTickSpace + style.tickLength,
                          top: style.padding + titleSpace,
                          right: style.padding + right,
                          bottom: style.padding + style.tickLength + xTickSpace + xLabelSpace)
    }

    private func drawMarks(_ context: DrawingContext, to svg: inout SVGWriter) {
        let frame = context.frame
        let clipID = context.idPrefix + "-clip" + NumberText.format(frame.x, decimals: 0) + "-" + NumberText.format(frame.y, decimals: 0)
        svg.open("defs")
        svg.open("clipPath", [("id", clipID)])
        svg.element("rect", [("x", NumberText.format(frame.x)), ("y", NumberText.format(frame.y)),
                             ("width", NumberText.format(frame.width)), ("height", NumberText.format(frame.height))])
        svg.close("clipPath")
        svg.close("defs")
        svg.open("g", [("class", "marks"), ("clip-path", "url(#" + clipID + ")")])
        svg.newline()
        for mark in marks {
            mark.draw(in: context, to: &svg)
            svg.newline()
        }
        svg.close("g")
        svg.newline()
    }

    private func drawGrid(_ layout: AxesLayout, style: Style, to svg: inout SVGWriter) {
        var path = PathBuilder()
        let frame = layout.frame
        for value in layout.xTicks.major {
            guard let x = layout.xScale.map(value) else { continue }
            path.move(to: Point(x: x, y: frame.y))
            path.line(to: Point(x: x, y: frame.maxY))
        }
        for value in layout.yTicks.major {
            guard let y = layout.yScale.map(value) else { continue }
            path.move(to: Point(x: frame.x, y: y))
            path.line(to: Point(x: frame.maxX, y: y))
        }
        guard !path.isEmpty else { return }
        svg.element("path", [("d", path.data), ("stroke", style.gridColor.hexText), ("stroke-width", "0.6")])
        svg.newline()
    }
}
