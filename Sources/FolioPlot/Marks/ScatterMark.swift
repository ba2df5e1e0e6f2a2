import Foundation

/// Markers (dots by default) at (x, y), optionally coloured and sized by per-point values.
///
/// To keep 10^5 points small, markers are not one element each: points sharing a colour bin and
/// a size bin become one `<path>`, of zero-length subpaths with round caps for dots (`M x y h0`,
/// about 14 bytes per point) or of one closed outline per point for other shapes. Colour is
/// quantised to 64 levels of the colormap, which is finer than the eye separates in a marker.
public struct ScatterMark: ColorMappedMark {
    public let x: [Double]
    public let y: [Double]
    public var color: Color
    /// Per-point values mapped through `colorScale`, or nil for one colour.
    public let values: [Double]?
    /// Per-point sizes (any unit: they are rescaled so dot area follows the value), or nil.
    public let sizes: [Double]?
    /// Marker size in px when `sizes` is nil (a dot's diameter).
    public var diameter: Double
    public var shape: MarkerShape
    public var opacity: Double
    public var label: String?
    public let colorScale: ColorScale?

    static let colorLevels = 64
    /// Smallest and largest dot diameters in px when sizes vary.
    static let diameterRange = (3.0, 16.0)

    public init(x: [Double], y: [Double], color: Color, values: [Double]? = nil, sizes: [Double]? = nil,
                colormap: Colormap = .viridis, diameter: Double = 5, shape: MarkerShape = .circle,
                opacity: Double? = nil, label: String? = nil) throws {
        try Validate.nonEmpty(y, mark: "scatter")
        try Validate.length(x, y.count, argument: "x", mark: "scatter")
        if let values = values { try Validate.length(values, y.count, argument: "color values", mark: "scatter") }
        if let sizes = sizes { try Validate.length(sizes, y.count, argument: "sizes", mark: "scatter") }
        try Validate.positive(diameter, argument: "size", mark: "scatter")
        self.x = x
        self.y = y
        self.color = color
        self.values = values
        self.sizes = sizes
        self.diameter = diameter
        self.shape = shape
        // Dense clouds need transparency to show where points pile up.
        self.opacity = opacity ?? (y.count > 2_000 ? 0.5 : 1)
        self.label = label
        self.colorScale = values.flatMap { ColorScale.covering($0, colormap: colormap, lower: nil, upper: nil) }
    }

    public var legendKey: LegendKey? { .marker(color: color, shape: shape) }

    public func extent(xScale: ScaleKind, yScale: ScaleKind) -> DataExtent {
        DataExtent.of(x: x, y: y, xScale: xScale, yScale: yScale)
    }

    public func draw(in context: DrawingContext, to svg: inout SVGWriter) {
        let sizeScale = sizes.flatMap { Interval.enclosing($0) }
        var groups: [Int: PathBuilder] = [:]
        // One outline per size bin, formatted once rather than once per point.
        var outlines: [Int: MarkerOutline] = [:]
        for index in 0..<y.count {
            guard let point = context.point(x[index], y[index]) else { continue }
            let key = groupKey(index: index, sizeScale: sizeScale)
            let sizeLevel = key % 1_000
            let outline = outlines[sizeLevel] ?? shape.outline(size: Double(sizeLevel) / 2)
            outlines[sizeLevel] = outline
            groups[key, default: PathBuilder(decimals: 1)].stamp(outline, at: point)
        }
        // Sorted keys: dictionary order is not stable across runs, bytes must be.
        for key in groups.keys.sorted() {
            guard let path = groups[key], let outline = outlines[key % 1_000] else { continue }
            let color = groupColor(level: key / 1_000)
            svg.element("path", [("d", path.data)] + outline.attributes(color: color, opacity: opacity))
        }
    }

    public func occupiedPoints(in context: DrawingContext) -> [Point] {
        context.sample(x: x, y: y)
    }

    /// colour level × 1000 + diameter in half-pixels.
    private func groupKey(index: Int, sizeScale: Interval?) -> Int {
        var colorLevel = 0
        if let values = values, let scale = colorScale {
            let fraction = scale.fraction(values[index])
            colorLevel = Int((fraction * Double(ScatterMark.colorLevels - 1)).rounded())
        }
        let size = pointDiameter(index: index, sizeScale: sizeScale)
        // Clamped as a Double: a huge `size:` would trap converting to Int.
        let halfPixels = Int(min(999, max(1, (size * 2).rounded())))
        return colorLevel * 1_000 + halfPixels
    }

    private func pointDiameter(index: Int, sizeScale: Interval?) -> Double {
        guard let sizes = sizes, let scale = sizeScale else { return diameter }
        let span = scale.upper - scale.lower
        let raw = sizes[index]
        let fraction = span > 0 && raw.isFinite ? (raw - scale.lower) / span : 0.5
        let (smallest, largest) = ScatterMark.diameterRange
        // Area, not diameter, follows the value, so big values do not look quadratically bigger.
        let area = smallest * smallest + fraction * (largest * largest - smallest * smallest)
        return area.squareRoot()
    }

    private func groupColor(level: Int) -> Color {
        guard let scale = colorScale else { return color }
        let fraction = Double(level) / Double(ScatterMark.colorLevels - 1)
        return scale.colormap.color(at: fraction)
    }
}
