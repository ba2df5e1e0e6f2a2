import Foundation

/// A matrix drawn as an image (heatmap) through a colormap, embedded as one PNG.
public struct ImageMark: ColorMappedMark {
    /// Where row 0 goes: at the top, as in a matrix or photo, or at the bottom, as in a plot.
    public enum Origin: Equatable {
        case upper, lower
    }

    public let values: [Double]
    public let rows: Int
    public let columns: Int
    public let origin: Origin
    /// Data rectangle covered: x from the left of column 0 to the right of the last column, y likewise for rows.
    public let xRange: Interval
    public let yRange: Interval
    public let colorScale: ColorScale?
    /// Whether row 0 is at `yRange.lower`. True by default, where `.upper` is achieved by
    /// flipping the y axis (so row r is at y = r, as in matplotlib); with an explicit `yRange`
    /// and `.upper`, row 0 goes to `yRange.upper` and the axis keeps its direction.
    let rowZeroAtLower: Bool
    /// Whether the axes should run y downwards for this image.
    public let invertsYAxis: Bool
    /// False leaves the colorbar out, so the image gets its width (small multiples).
    public var showsColorbar: Bool

    /// `values` are row-major, `rows × columns`. By default cell (r, c) is centred on (c, r).
    public init(values: [Double], rows: Int, columns: Int, colormap: Colormap = .viridis, lower: Double? = nil,
                upper: Double? = nil, origin: Origin = .upper, xRange: Interval? = nil, yRange: Interval? = nil,
                colorbar: Bool = true) throws {
        try Validate.nonEmpty(values, mark: "imshow")
        guard rows > 0, columns > 0, rows * columns == values.count else {
            throw PlotError.invalidArgument(mark: "imshow",
                                            message: "\(values.count) values do not fill a \(rows)×\(columns) image")
        }
        try Validate.someFinite(values, mark: "imshow")
        self.values = values
        self.rows = rows
        self.columns = columns
        self.origin = origin
        self.xRange = xRange ?? Interval(-0.5, Double(columns) - 0.5)
        self.yRange = yRange ?? Interval(-0.5, Double(rows) - 0.5)
        rowZeroAtLower = origin == .lower || yRange == nil
        invertsYAxis = origin == .upper && yRange == nil
        colorScale = ColorScale.covering(values, colormap: colormap, lower: lower, upper: upper)
        showsColorbar = colorbar
    }

    public var label: String? { nil }
    public var legendKey: LegendKey? { nil }
    public var fillsFrame: Bool { true }

    public func extent(xScale: ScaleKind, yScale: ScaleKind) -> DataExtent {
        DataExtent(x: xRange, y: yRange, stickyX: [xRange.lower, xRange.upper], stickyY: [yRange.lower, yRange.upper])
    }

    public func draw(in context: DrawingContext, to svg: inout SVGWriter) {
        guard let scale = colorScale,
              let left = context.xScale.map(xRange.lower), let right = context.xScale.map(xRange.upper),
              let first = context.yScale.map(yRange.lower), let last = context.yScale.map(yRange.upper) else { return }
        // The raster is written top-down, so find which data row lands at the top of the screen.
        let rowZeroY = rowZeroAtLower ? first : last
        let otherY = rowZeroAtLower ? last : first
        let rowZeroOnTop = rowZeroY < otherY
        let columnZeroOnLeft = left < right
        let table = scale.colormap.table(count: 256)
        var raster = RasterImage(width: columns, height: rows)
        for row in 0..<rows {
            let sourceRow = rowZeroOnTop ? row : rows - 1 - row
            for column in 0..<columns {
                let sourceColumn = columnZeroOnLeft ? column : columns - 1 - column
                let value = values[sourceRow * columns + sourceColumn]
                let color = value.isFinite ? table[Int((scale.fraction(value) * 255).rounded())] : RasterImage.missing
                raster.set(column: column, row: row, to: color)
            }
        }
        let rect = Rect(x: min(left, right), y: min(first, last), width: abs(right - left), height: abs(last - first))
        raster.enlarged(by: raster.enlargement(toCover: rect)).write(over: rect, to: &svg)
    }

    public func occupiedPoints(in context: DrawingContext) -> [Point] {
        // An image fills its area; a legend on top of it always hides data.
        guard let left = context.xScale.map(xRange.lower), let right = context.xScale.map(xRange.upper),
              let top = context.yScale.map(yRange.lower), let bottom = context.yScale.map(yRange.upper) else { return [] }
        return (0...10).flatMap { row in
            (0...10).map { column in
                Point(x: left + Double(column) / 10 * (right - left), y: top + Double(row) / 10 * (bottom - top))
            }
        }
    }
}
