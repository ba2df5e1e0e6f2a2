import Foundation

/// Contour lines (`contour`) or filled contour bands (`contourf`) of a scalar grid.
///
/// Lines are vector paths from marching squares, one `<path>` per level. Filled bands are a
/// raster: each output pixel (at twice the screen resolution) takes the band of the bilinearly
/// interpolated value, embedded as one PNG. Vector isobands would cost tens of KB and show
/// hairline seams between polygons in most renderers; the raster has neither problem, and the
/// band boundaries are then stroked as crisp vector lines on top.
public struct ContourMark: ColorMappedMark {
    public let grid: ScalarGrid
    /// Increasing contour levels. For filled contours they are the band boundaries.
    public let levels: [Double]
    public let filled: Bool
    /// A single line colour; nil colours each line by its level.
    public var lineColor: Color?
    public var lineWidth: Double
    public let colorScale: ColorScale?

    /// `levelCount` picks about that many nice levels when `levels` is nil.
    public init(grid: ScalarGrid, levels: [Double]? = nil, levelCount: Int = 8, filled: Bool,
                colormap: Colormap = .viridis, lineColor: Color? = nil, lineWidth: Double = 1) throws {
        let mark = filled ? "contourf" : "contour"
        guard let range = Interval.enclosing(grid.values) else { throw PlotError.noFiniteValues(mark: mark) }
        var chosen = (levels ?? ContourMark.niceLevels(range, count: levelCount, filled: filled)).filter { $0.isFinite }
        chosen = Array(Set(chosen)).sorted()
        guard chosen.count >= (filled ? 2 : 1) else {
            throw PlotError.invalidArgument(mark: mark, message: "needs at least \(filled ? 2 : 1) finite levels")
        }
        self.grid = grid
        self.levels = chosen
        self.filled = filled
        self.lineColor = lineColor
        self.lineWidth = lineWidth
        let low = chosen.first ?? range.lower
        let high = chosen.last ?? range.upper
        colorScale = ColorScale(colormap: colormap, lower: low, upper: high, boundaries: filled ? chosen : nil)
    }

    /// Nice levels over `range`; filled contours extend one step past each end so every value has a band.
    static func niceLevels(_ range: Interval, count: Int, filled: Bool) -> [Double] {
        let ticks = TickLocator.linear(range, target: max(count, 2))
        guard filled, let first = ticks.values.first, let last = ticks.values.last else { return ticks.values }
        var levels = ticks.values
        if first > range.lower { levels.insert(first - ticks.step, at: 0) }
        if last < range.upper { levels.append(last + ticks.step) }
        return levels
    }

    public var label: String? { nil }
    public var legendKey: LegendKey? { nil }
    public var fillsFrame: Bool { filled }

    public func extent(xScale: ScaleKind, yScale: ScaleKind) -> DataExtent {
        let x = Interval(grid.x.first ?? 0, grid.x.last ?? 1)
        let y = Interval(grid.y.first ?? 0, grid.y.last ?? 1)
        return DataExtent(x: x, y: y, stickyX: [x.lower, x.upper], stickyY: [y.lower, y.upper])
    }

    public func draw(in context: DrawingContext, to svg: inout SVGWriter) {
        if filled { drawBands(in: context, to: &svg) }
        let lineLevels = filled ? Array(levels.dropFirst().dropLast()) : levels
        for (index, level) in lineLevels.enumerated() {
            var path = PathBuilder()
            for (start, end) in grid.isolineSegments(at: level) {
                guard let from = context.point(start.x, start.y), let to = context.point(end.x, end.y) else { continue }
                path.move(to: from)
                path.line(to: to)
            }
            guard !path.isEmpty else { continue }
            let stroke = filled ? bandEdgeColor(index + 1) : (lineColor ?? colorScale?.color(for: level) ?? .ink)
            svg.element("path", [("d", path.data), ("fill", "none"), ("stroke", stroke.hexText),
                                 ("stroke-width", NumberText.format(filled ? 0.5 : lineWidth)),
                                 ("stroke-linecap", "round")])
        }
    }

    /// The colour of band `index` (between levels[index] and levels[index + 1]).
    func bandColor(_ index: Int) -> Color {
        let bandCount = levels.count - 1
        guard let scale = colorScale else { return .ink }
        let fraction = bandCount > 1 ? Double(index) / Double(bandCount - 1) : 0.5
        return scale.colormap.color(at: fraction)
    }

    /// Boundary lines take the mix of the two bands they separate, so they sharpen the edge
    /// without drawing a visible outline.
    private func bandEdgeColor(_ level: Int) -> Color {
        bandColor(level - 1).mixed(with: bandColor(level), fraction: 0.5)
    }

    private func drawBands(in context: DrawingContext, to svg: inout SVGWriter) {
        guard let left = context.xScale.map(grid.x.first ?? 0), let right = context.xScale.map(grid.x.last ?? 1),
              let bottom = context.yScale.map(grid.y.first ?? 0), let top = context.yScale.map(grid.y.last ?? 1) else { return }
        let rect = Rect(x: min(left, right), y: min(top, bottom), width: abs(right - left), height: abs(bottom - top))
        let supersampling = 2.0
        let width = max(1, min(2_048, Int((rect.width * supersampling).rounded())))
        let height = max(1, min(2_048, Int((rect.height * supersampling).rounded())))
        let bandColors = (0..<(levels.count - 1)).map(bandColor)
        var raster = RasterImage(width: width, height: height, fill: RasterImage.missing)
        for row in 0..<height {
            let screenY = rect.y + (Double(row) + 0.5) / Double(height) * rect.height
            let dataY = context.yScale.invert(screenY)
            for column in 0..<width {
                let screenX = rect.x + (Double(column) + 0.5) / Double(width) * rect.width
                let dataX = context.xScale.invert(screenX)
                guard let value = grid.interpolated(x: dataX, y: dataY) else { continue }
                let band = ContourMark.band(of: value, levels: levels)
                raster.set(column: column, row: row, to: bandColors[band])
            }
        }
        raster.write(over: rect, to: &svg)
    }

    /// Index of the band holding `value`, clamped to the outer bands.
    static func band(of value: Double, levels: [Double]) -> Int {
        var index = 0
        while index + 2 < levels.count && value >= levels[index + 1] {
            index += 1
        }
        return index
    }

    public func occupiedPoints(in context: DrawingContext) -> [Point] {
        if filled {
            let corners = stride(from: 0.0, through: 1.0, by: 0.1)
            let xs = corners.map { (grid.x.first ?? 0) + $0 * ((grid.x.last ?? 1) - (grid.x.first ?? 0)) }
            let ys = corners.map { (grid.y.first ?? 0) + $0 * ((grid.y.last ?? 1) - (grid.y.first ?? 0)) }
            return xs.flatMap { x in ys.compactMap { context.point(x, $0) } }
        }
        return levels.flatMap { grid.isolineSegments(at: $0).compactMap { context.point($0.0.x, $0.0.y) } }
    }
}
