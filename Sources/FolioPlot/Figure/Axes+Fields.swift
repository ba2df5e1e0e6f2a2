import Foundation

/// Plotting calls for 2-D fields: images and contours.
extension Axes {
    /// A row-major `rows × columns` matrix as an image through `colormap`, with a colorbar unless
    /// `colorbar` is false. `lower`/`upper` fix the colour range (default: the data's). With
    /// `.upper` origin, row 0 is at the top and the y axis runs downwards, as for a matrix.
    public func imshow(_ values: [Double], rows: Int, columns: Int, colormap: Colormap = .viridis,
                       lower: Double? = nil, upper: Double? = nil, origin: ImageMark.Origin = .upper,
                       colorbar: Bool = true) throws {
        let mark = try ImageMark(values: values, rows: rows, columns: columns, colormap: colormap,
                                 lower: lower, upper: upper, origin: origin, colorbar: colorbar)
        add(mark)
        integerTicks = true
        if mark.invertsYAxis { yInverted = true }
    }

    /// `imshow` for a nested array, whose rows must all have the same length.
    public func imshow(_ matrix: [[Double]], colormap: Colormap = .viridis, lower: Double? = nil,
                       upper: Double? = nil, origin: ImageMark.Origin = .upper, colorbar: Bool = true) throws {
        let (values, rows, columns) = try Axes.flatten(matrix, mark: "imshow")
        try imshow(values, rows: rows, columns: columns, colormap: colormap, lower: lower, upper: upper, origin: origin,
                   colorbar: colorbar)
    }

    /// Contour lines of a row-major grid (`values[row * columns + column]` at (`x[column]`, `y[row]`)).
    /// Lines take colours from `colormap` by level unless `color` is given.
    public func contour(_ values: [Double], rows: Int, columns: Int, x: [Double]? = nil, y: [Double]? = nil,
                        levels: [Double]? = nil, levelCount: Int = 8, colormap: Colormap = .viridis,
                        color: Color? = nil, width: Double = 1) throws {
        let grid = try ScalarGrid(values: values, rows: rows, columns: columns, x: x, y: y, mark: "contour")
        add(try ContourMark(grid: grid, levels: levels, levelCount: levelCount, filled: false,
                            colormap: colormap, lineColor: color, lineWidth: width))
    }

    /// Filled contour bands of a row-major grid, with a stepped colorbar.
    public func contourf(_ values: [Double], rows: Int, columns: Int, x: [Double]? = nil, y: [Double]? = nil,
                         levels: [Double]? = nil, levelCount: Int = 8, colormap: Colormap = .viridis) throws {
        let grid = try ScalarGrid(values: values, rows: rows, columns: columns, x: x, y: y, mark: "contourf")
        add(try ContourMark(grid: grid, levels: levels, levelCount: levelCount, filled: true, colormap: colormap))
    }

    /// Row-major values and the shape of a rectangular nested array.
    static func flatten(_ matrix: [[Double]], mark: String) throws -> ([Double], Int, Int) {
        guard let columns = matrix.first?.count, columns > 0 else { throw PlotError.emptyData(mark: mark) }
        for (index, row) in matrix.enumerated() where row.count != columns {
            throw PlotError.invalidArgument(mark: mark, message: "row \(index) has \(row.count) values but row 0 has \(columns)")
        }
        return (matrix.flatMap { $0 }, matrix.count, columns)
    }
}
