import Foundation

/// Spines, ticks, tick labels and titles: everything around the data.
extension Axes {
    func drawSpinesAndTicks(_ layout: AxesLayout, style: Style, to svg: inout SVGWriter) {
        let frame = layout.frame
        var spines = PathBuilder()
        if marks.contains(where: { $0.fillsFrame }) {
            // Images fill the frame; a closed box reads better than two loose spines.
            spines.polygon([Point(x: frame.x, y: frame.y), Point(x: frame.maxX, y: frame.y),
                            Point(x: frame.maxX, y: frame.maxY), Point(x: frame.x, y: frame.maxY)])
        } else {
            spines.move(to: Point(x: frame.x, y: frame.y))
            spines.line(to: Point(x: frame.x, y: frame.maxY))
            spines.line(to: Point(x: frame.maxX, y: frame.maxY))
        }
        var ticks = PathBuilder()
        appendTicks(layout.xTicks.major, length: style.tickLength, layout: layout, horizontal: true, to: &ticks)
        appendTicks(layout.xTicks.minor, length: style.minorTickLength, layout: layout, horizontal: true, to: &ticks)
        appendTicks(layout.yTicks.major, length: style.tickLength, layout: layout, horizontal: false, to: &ticks)
        appendTicks(layout.yTicks.minor, length: style.minorTickLength, layout: layout, horizontal: false, to: &ticks)
        let stroke: [(String, String)] = [("fill", "none"), ("stroke", style.spineColor.hexText),
                                          ("stroke-width", NumberText.format(style.spineWidth)), ("stroke-linecap", "square")]
        svg.element("path", [("d", spines.data)] + stroke)
        if !ticks.isEmpty { svg.element("path", [("d", ticks.data)] + stroke) }
        svg.newline()
    }

    /// Outward ticks on the bottom (horizontal) or left spine.
    private func appendTicks(_ values: [Double], length: Double, layout: AxesLayout, horizontal: Bool, to path: inout PathBuilder) {
        let frame = layout.frame
        for value in values {
            if horizontal {
                guard let x = layout.xScale.map(value), x >= frame.x - 0.5, x <= frame.maxX + 0.5 else { continue }
                path.move(to: Point(x: x, y: frame.maxY))
                path.line(to: Point(x: x, y: frame.maxY + length))
            } else {
                guard let y = layout.yScale.map(value), y >= frame.y - 0.5, y <= frame.maxY + 0.5 else { continue }
                path.move(to: Point(x: frame.x, y: y))
                path.line(to: Point(x: frame.x - length, y: y))
            }
        }
    }

    func drawTickLabels(_ layout: AxesLayout, options: AxesRenderOptions, style: Style, to svg: inout SVGWriter) {
        let frame = layout.frame
        svg.open("g", [("fill", style.textColor.hexText)])
        if options.showsXTickLabels {
            let baseline = frame.maxY + style.tickLength + style.tickPadding + style.capHeight
            svg.open("g", [("text-anchor", "middle")])
            for (value, text) in zip(layout.xTicks.major, layout.xTicks.labels) {
                guard let x = layout.xScale.map(value) else { continue }
                svg.text(text, [("x", NumberText.format(x)), ("y", NumberText.format(baseline))])
            }
            svg.close("g")
        }
        if options.showsYTickLabels {
            let right = frame.x - style.tickLength - style.tickPadding
            svg.open("g", [("text-anchor", "end")])
            for (value, text) in zip(layout.yTicks.major, layout.yTicks.labels) {
                guard let y = layout.yScale.map(value) else { continue }
                svg.text(text, [("x", NumberText.format(right)), ("y", NumberText.format(y + style.capHeight / 2))])
            }
            svg.close("g")
        }
        svg.close("g")
        svg.newline()
    }

    func drawTitles(_ layout: AxesLayout, cell: Rect, style: Style, to svg: inout SVGWriter) {
        let frame = layout.frame
        let centreX = frame.x + frame.width / 2
        let centreY = frame.y + frame.height / 2
        let labelSize = NumberText.format(style.labelFontSize)
        svg.open("g", [("fill", style.textColor.hexText), ("text-anchor", "middle")])
        if let title = title {
            svg.text(title, [("x", NumberText.format(centreX)), ("y", NumberText.format(frame.y - 9)),
                             ("font-size", NumberText.format(style.titleFontSize))])
        }
        if let xLabel = xLabel {
            let baseline = cell.maxY - style.padding - 2
            svg.text(xLabel, [("x", NumberText.format(centreX)), ("y", NumberText.format(baseline)), ("font-size", labelSize)])
        }
        if let yLabel = yLabel {
            let baseline = cell.x + style.padding + style.labelFontSize * 0.8
            let transform = "translate(" + NumberText.format(baseline) + " " + NumberText.format(centreY) + ") rotate(-90)"
            svg.text(yLabel, [("x", "0"), ("y", "0"), ("font-size", labelSize), ("transform", transform)])
        }
        svg.close("g")
        svg.newline()
    }
}
