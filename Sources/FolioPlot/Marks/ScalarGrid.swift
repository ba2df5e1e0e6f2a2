import Foundation

/// A sampled scalar field z(x, y) on a rectilinear grid: `values[row * columns + column]` is z at
/// (`x[column]`, `y[row]`), with `x` and `y` strictly increasing.
public struct ScalarGrid {
    public let values: [Double]
    public let x: [Double]
    public let y: [Double]

    public var rows: Int { y.count }
    public var columns: Int { x.count }

    /// Throws unless the sizes agree, the grid is at least 2×2 and coordinates increase.
    public init(values: [Double], rows: Int, columns: Int, x: [Double]? = nil, y: [Double]? = nil, mark: String) throws {
        guard rows >= 2, columns >= 2, rows * columns == values.count else {
            throw PlotError.invalidArgument(mark: mark, message: "\(values.count) values do not fill a \(rows)×\(columns) grid (at least 2×2)")
        }
        let xs = x ?? (0..<columns).map(Double.init)
        let ys = y ?? (0..<rows).map(Double.init)
        try Validate.length(xs, columns, argument: "x", mark: mark)
        try Validate.length(ys, rows, argument: "y", mark: mark)
        for (name, coordinates) in [("x", xs), ("y", ys)] {
            let increasing = zip(coordinates, coordinates.dropFirst()).allSatisfy { $0 < $1 && $0.isFinite && $1.isFinite }
            if !increasing {
                throw PlotError.invalidArgument(mark: mark, message: "\(name) coordinates must be finite and strictly increasing")
            }
        }
        try Validate.someFinite(values, mark: mark)
        self.values = values
        self.x = xs
        self.y = ys
    }

    func value(row: Int, column: Int) -> Double {
        values[row * columns + column]
    }

    /// Bilinear interpolation at (px, py); nil outside the grid or next to a NaN.
    func interpolated(x px: Double, y py: Double) -> Double? {
        guard let column = ScalarGrid.cell(containing: px, in: x), let row = ScalarGrid.cell(containing: py, in: y) else { return nil }
        let tx = (px - x[column]) / (x[column + 1] - x[column])
        let ty = (py - y[row]) / (y[row + 1] - y[row])
        let bottom = value(row: row, column: column) * (1 - tx) + value(row: row, column: column + 1) * tx
        let top = value(row: row + 1, column: column) * (1 - tx) + value(row: row + 1, column: column + 1) * tx
        let result = bottom * (1 - ty) + top * ty
        return result.isFinite ? result : nil
    }

    /// Index i with coordinates[i] ≤ value ≤ coordinates[i + 1], by bisection.
    static func cell(containing value: Double, in coordinates: [Double]) -> Int? {
        guard let first = coordinates.first, let last = coordinates.last, value >= first, value <= last else { return nil }
        var low = 0
        var high = coordinates.count - 1
        while high - low > 1 {
            let middle = (low + high) / 2
            if coordinates[middle] <= value { low = middle } else { high = middle }
        }
        return low
    }

    /// Iso-line segments at `level` in data coordinates, by marching squares. Saddle cells
    /// are resolved with the cell-centre average; cells touching a NaN are skipped.
    public func isolineSegments(at level: Double) -> [(Point, Point)] {
        var segments: [(Point, Point)] = []
        for row in 0..<(rows - 1) {
            for column in 0..<(columns - 1) {
                segments += cellSegments(row: row, column: column, level: level)
            }
        }
        return segments
    }

    private func cellSegments(row: Int, column: Int, level: Double) -> [(Point, Point)] {
        // Corners counter-clockwise from bottom-left; edge k joins corner k and k + 1.
        let corners = [
            (x[column], y[row], value(row: row, column: column)),
            (x[column + 1], y[row], value(row: row, column: column + 1)),
            (x[column + 1], y[row + 1], value(row: row + 1, column: column + 1)),
            (x[column], y[row + 1], value(row: row + 1, column: column)),
        ]
        guard corners.allSatisfy({ $0.2.isFinite }) else { return [] }
        var caseIndex = 0
        for (bit, corner) in corners.enumerated() where corner.2 > level {
            caseIndex |= 1 << bit
        }
        func edge(_ index: Int) -> Point {
            let start = corners[index]
            let end = corners[(index + 1) % 4]
            let t = (level - start.2) / (end.2 - start.2)
            return Point(x: start.0 + t * (end.0 - start.0), y: start.1 + t * (end.1 - start.1))
        }
        let centreAbove = corners.reduce(0) { $0 + $1.2 } / 4 > level
        return MarchingSquares.edgePairs(caseIndex: caseIndex, centreAbove: centreAbove).map { (edge($0.0), edge($0.1)) }
    }
}

/// The marching-squares case table: which cell edges a contour crosses for each corner pattern.
enum MarchingSquares {
    /// Edge pairs for corner pattern `caseIndex` (bit k set when corner k is above the level).
    static func edgePairs(caseIndex: Int, centreAbove: Bool) -> [(Int, Int)] {
        switch caseIndex {
        case 1, 14: return [(3, 0)]
        case 2, 13: return [(0, 1)]
        case 3, 12: return [(3, 1)]
        case 4, 11: return [(1, 2)]
        case 6, 9: return [(0, 2)]
        case 7, 8: return [(3, 2)]
        // Saddles: the centre decides whether the two high corners are joined.
        case 5: return centreAbove ? [(0, 1), (2, 3)] : [(3, 0), (1, 2)]
        case 10: return centreAbove ? [(3, 0), (1, 2)] : [(0, 1), (2, 3)]
        default: return []
        }
    }
}
