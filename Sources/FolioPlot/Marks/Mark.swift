import Foundation

/// Something drawn inside an axes: a line, a set of bars, an image.
///
/// Adding a mark is one file conforming to this protocol: it reports the data it covers, draws
/// itself through the context's scales into the SVG writer, and says how it looks in a legend.
public protocol Mark {
    /// Legend text; marks without a label are left out of the legend.
    var label: String? { get }
    /// How the legend shows this mark, or nil if it never appears there.
    var legendKey: LegendKey? { get }
    /// The data region this mark covers, for choosing axis limits.
    func extent(xScale: ScaleKind, yScale: ScaleKind) -> DataExtent
    /// Draws the mark. Marks must draw only through `context`'s scales and `svg`.
    func draw(in context: DrawingContext, to svg: inout SVGWriter)
    /// A sample (a few thousand at most) of SVG points the mark covers, so the legend can be
    /// placed where it hides the least data.
    func occupiedPoints(in context: DrawingContext) -> [Point]
}

/// The swatch a legend draws for a mark.
public enum LegendKey: Equatable {
    /// A line segment, with one marker in its middle if the line has markers.
    case line(color: Color, width: Double, dash: String?, marker: Marker? = nil)
    case marker(color: Color, shape: MarkerShape = .circle)
    case box(color: Color, opacity: Double)
}

/// The data region a mark covers, in data units.
public struct DataExtent {
    public var x: Interval?
    public var y: Interval?
    /// Values that axis padding must not go past (for example the zero baseline of bars).
    public var stickyX: [Double]
    public var stickyY: [Double]

    public init(x: Interval?, y: Interval?, stickyX: [Double] = [], stickyY: [Double] = []) {
        self.x = x
        self.y = y
        self.stickyX = stickyX
        self.stickyY = stickyY
    }

    /// The extent of finite (and, on a log scale, positive) values.
    static func of(x: [Double], y: [Double], xScale: ScaleKind, yScale: ScaleKind) -> DataExtent {
        DataExtent(x: Interval.enclosing(usable(x, xScale)), y: Interval.enclosing(usable(y, yScale)))
    }

    static func usable(_ values: [Double], _ scale: ScaleKind) -> [Double] {
        scale == .log ? values.filter { $0 > 0 } : values
    }
}

/// What a mark may use while drawing: the plot frame and the two scales.
public struct DrawingContext {
    public let frame: Rect
    public let xScale: AxisScale
    public let yScale: AxisScale
    /// A prefix unique to this figure, for ids such as gradients (ids must not clash when
    /// several figures share one notebook page).
    let idPrefix: String

    /// The SVG point of data point (x, y), or nil if either coordinate cannot be placed.
    public func point(_ x: Double, _ y: Double) -> Point? {
        guard let px = xScale.map(x), let py = yScale.map(y) else { return nil }
        return Point(x: px, y: py)
    }

    /// Every `stride`-th mappable point, for legend placement.
    func sample(x: [Double], y: [Double], limit: Int = 2_000) -> [Point] {
        let count = min(x.count, y.count)
        guard count > 0 else { return [] }
        let stride = max(1, count / limit)
        var points: [Point] = []
        var index = 0
        while index < count {
            if let point = point(x[index], y[index]) { points.append(point) }
            index += stride
        }
        return points
    }
}

/// Line dash patterns by name, as a language binding passes them.
public enum LineStyle: String, CaseIterable {
    case solid, dashed, dotted, dashdot

    /// The SVG `stroke-dasharray` for a line of `width`, or nil for solid.
    func dashArray(width: Double) -> String? {
        let unit = max(width, 1)
        switch self {
        case .solid: return nil
        case .dashed: return NumberText.format(3.7 * unit, decimals: 1) + " " + NumberText.format(1.6 * unit, decimals: 1)
        case .dotted: return NumberText.format(1 * unit, decimals: 1) + " " + NumberText.format(1.65 * unit, decimals: 1)
        case .dashdot: return [6.4, 1.6, 1, 1.6].map { NumberText.format($0 * unit, decimals: 1) }.joined(separator: " ")
        }
    }
}

extension Mark {
    /// Whether the mark covers its whole data rectangle (images, filled contours); such axes
    /// get a closed frame instead of two spines.
    public var fillsFrame: Bool { false }
}
