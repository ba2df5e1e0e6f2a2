import Foundation

/// One plot: a set of marks sharing an x and a y scale, with title, labels, legend and colorbar.
///
/// `Axes` is a class so that `figure[0].line(...)` changes the figure that holds it, as
/// builder code in a notebook expects.
public final class Axes {
    public var title: String?
    public var xLabel: String?
    public var yLabel: String?
    public var xScale: ScaleKind = .linear
    public var yScale: ScaleKind = .linear
    /// Fixed axis limits; nil derives them from the data with 5 % padding.
    public var xLimits: Interval?
    public var yLimits: Interval?
    /// Runs the y axis downwards (set by `imshow` so row 0 is at the top).
    public var yInverted = false
    /// nil shows a legend whenever a mark has a label.
    public var showsLegend: Bool?
    /// Light lines at the major ticks, under the data.
    public var showsGrid = false
    /// Labels the x axis with these names at 0, 1, 2, … instead of numbers (bar charts).
    public var xCategories: [String]?
    /// Ticks at whole numbers only (set by `imshow`, whose axes count rows and columns).
    public var integerTicks = false
    /// Title of the colorbar drawn for a colour-mapped mark.
    public var colorbarLabel: String?
    /// False hides the colorbar whatever the marks want.
    public var showsColorbar = true
    public var palette = Palette.okabeIto
    public private(set) var marks: [Mark] = []
    /// How many series have taken a palette colour so far; the next one takes the next colour.
    private(set) var paletteUses = 0

    public init() {}

    /// Adds any mark, including one defined outside this library.
    public func add(_ mark: Mark) {
        marks.append(mark)
    }

    /// Adds a mark made by one of the plotting calls, advancing the palette if it took a colour from it.
    func commit(_ mark: Mark, usedPalette: Bool) {
        marks.append(mark)
        if usedPalette { paletteUses += 1 }
    }

    /// The scale the colorbar shows: that of the first colour-mapped mark that wants a colorbar.
    var colorScale: ColorScale? {
        for mark in marks {
            if let mapped = mark as? ColorMappedMark, mapped.showsColorbar, let scale = mapped.colorScale { return scale }
        }
        return nil
    }

    /// Legend entries, in the order the marks were added.
    var legendEntries: [(key: LegendKey, text: String)] {
        marks.compactMap { mark in
            guard let text = mark.label, !text.isEmpty, let key = mark.legendKey else { return nil }
            return (key, text)
        }
    }

    /// The x and y intervals shown: fixed limits, else the padded union of the marks' extents.
    public func domains() -> (x: Interval, y: Interval) {
        var xData: Interval?
        var yData: Interval?
        var stickyX: [Double] = []
        var stickyY: [Double] = []
        for mark in marks {
            let extent = mark.extent(xScale: xScale, yScale: yScale)
            xData = Interval.union(xData, extent.x)
            yData = Interval.union(yData, extent.y)
            stickyX += extent.stickyX
            stickyY += extent.stickyY
        }
        let x = xLimits ?? Axes.padded(xData, kind: xScale, sticky: stickyX)
        let y = yLimits ?? Axes.padded(yData, kind: yScale, sticky: stickyY)
        return (x, y)
    }

    private static func padded(_ data: Interval?, kind: ScaleKind, sticky: [Double]) -> Interval {
        guard let data = data else { return kind == .log ? Interval(1, 10) : Interval(0, 1) }
        // A sticky value only holds the edge if the data actually ends there.
        let holding = sticky.filter { $0 == data.lower || $0 == data.upper }
        return AxisScale.padded(data, kind: kind, fraction: 0.05, sticky: holding)
    }
}
