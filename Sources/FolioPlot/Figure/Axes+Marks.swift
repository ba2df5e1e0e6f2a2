import Foundation

/// The plotting calls a notebook makes, one per mark type. Each validates its input and throws
/// a `PlotError` naming the argument at fault.
extension Axes {
    /// A line of `y` against 0, 1, 2, … (`plot(y)`).
    public func line(_ y: [Double], color: Color? = nil, width: Double = 1.5, style: LineStyle = .solid,
                     marker: Marker? = nil, label: String? = nil) throws {
        let x = (0..<y.count).map(Double.init)
        try line(x: x, y: y, color: color, width: width, style: style, marker: marker, label: label)
    }

    /// A line through (x, y) (`plot(x, y, label:)`), with `marker` drawn at its points.
    public func line(x: [Double], y: [Double], color: Color? = nil, width: Double = 1.5, style: LineStyle = .solid,
                     marker: Marker? = nil, label: String? = nil) throws {
        let mark = try LineMark(x: x, y: y, color: color ?? palette.color(at: seriesIndex), width: width,
                                style: style, marker: marker, label: label)
        commit(mark, usedPalette: color == nil)
    }

    /// Markers (dots by default), optionally coloured by `values` (with a colorbar) and sized by `sizes`.
    public func scatter(x: [Double], y: [Double], values: [Double]? = nil, sizes: [Double]? = nil,
                        color: Color? = nil, colormap: Colormap = .viridis, size: Double = 5,
                        marker: MarkerShape = .circle, opacity: Double? = nil, label: String? = nil) throws {
        let mark = try ScatterMark(x: x, y: y, color: color ?? palette.color(at: seriesIndex), values: values,
                                   sizes: sizes, colormap: colormap, diameter: size, shape: marker, opacity: opacity,
                                   label: label)
        commit(mark, usedPalette: color == nil)
    }

    /// One series of bars. With `categories`, bars sit at 0, 1, 2, … and the x axis shows the names.
    public func bar(_ heights: [Double], positions: [Double]? = nil, categories: [String]? = nil,
                    bottom: [Double]? = nil, width: Double = 0.8, color: Color? = nil, label: String? = nil) throws {
        if let categories = categories { try checkCategories(categories, count: heights.count) }
        let x = positions ?? (0..<heights.count).map(Double.init)
        let mark = try BarMark(positions: x, heights: heights, bottoms: bottom, width: width,
                               color: color ?? palette.color(at: seriesIndex), label: label)
        if let categories = categories { xCategories = categories }
        commit(mark, usedPalette: color == nil)
    }

    /// Several series of bars per category, side by side (`.grouped`) or on top of each other (`.stacked`).
    public func bars(_ series: [[Double]], labels: [String]? = nil, categories: [String]? = nil,
                     layout: BarLayout = .grouped, width: Double = 0.8) throws {
        guard let count = series.first?.count, count > 0 else { throw PlotError.emptyData(mark: "bar") }
        if let labels = labels, labels.count != series.count {
            throw PlotError.invalidArgument(mark: "bar", message: "\(labels.count) labels for \(series.count) series")
        }
        if let categories = categories { try checkCategories(categories, count: count) }
        var marks: [BarMark] = []
        var bottoms = Array(repeating: 0.0, count: count)
        let slot = width / Double(series.count)
        for (index, heights) in series.enumerated() {
            try Validate.length(heights, count, argument: "series \(index)", mark: "bar")
            let color = palette.color(at: seriesIndex + index)
            let label = labels?[index]
            let mark: BarMark
            switch layout {
            case .grouped:
                let offset = (Double(index) + 0.5) * slot - width / 2
                let x = (0..<count).map { Double($0) + offset }
                mark = try BarMark(positions: x, heights: heights, width: slot * 0.92, color: color, label: label)
            case .stacked:
                let x = (0..<count).map(Double.init)
                mark = try BarMark(positions: x, heights: heights, bottoms: bottoms, width: width, color: color, label: label)
                bottoms = mark.tops
            }
            marks.append(mark)
        }
        // Added only once every series is valid, so a bad call leaves the axes unchanged.
        marks.forEach { commit($0, usedPalette: true) }
        if let categories = categories { xCategories = categories }
    }

    /// A histogram of `values` with `bins` equal bins (Sturges' rule when nil), as counts or densities.
    public func hist(_ values: [Double], bins: Int? = nil, range: Interval? = nil, density: Bool = false,
                     color: Color? = nil, opacity: Double = 1, label: String? = nil) throws {
        let mark = try HistogramMark(values: values, bins: bins, range: range, density: density,
                                     color: color ?? palette.color(at: seriesIndex), opacity: opacity, label: label)
        commit(mark, usedPalette: color == nil)
    }

    /// The band between `lower` and `upper` over `x`.
    public func fillBetween(x: [Double], lower: [Double], upper: [Double], color: Color? = nil,
                            opacity: Double = 0.25, label: String? = nil) throws {
        let mark = try FillBetweenMark(x: x, lower: lower, upper: upper, color: color ?? palette.color(at: seriesIndex),
                                       opacity: opacity, label: label)
        commit(mark, usedPalette: color == nil)
    }

    /// Points with error bars: symmetric `yError`, or `yError` below and `yErrorAbove` above.
    public func errorbar(x: [Double], y: [Double], yError: [Double], yErrorAbove: [Double]? = nil,
                         xError: [Double]? = nil, color: Color? = nil, label: String? = nil) throws {
        let mark = try ErrorBarMark(x: x, y: y, yError: yError, yErrorAbove: yErrorAbove, xError: xError,
                                    color: color ?? palette.color(at: seriesIndex), label: label)
        commit(mark, usedPalette: color == nil)
    }

    /// A horizontal reference line across the plot.
    public func hline(_ y: Double, color: Color = .ink, style: LineStyle = .dashed, label: String? = nil) throws {
        add(try ReferenceLineMark(.horizontal, at: y, color: color, style: style, label: label))
    }

    /// A vertical reference line across the plot.
    public func vline(_ x: Double, color: Color = .ink, style: LineStyle = .dashed, label: String? = nil) throws {
        add(try ReferenceLineMark(.vertical, at: x, color: color, style: style, label: label))
    }

    /// Text at data position (x, y).
    public func text(_ text: String, x: Double, y: Double, anchor: TextMark.Anchor = .start,
                     fontSize: Double = 10, color: Color = .ink) throws {
        add(try TextMark(x: x, y: y, text: text, anchor: anchor, fontSize: fontSize, color: color))
    }

    /// Index of the next palette colour.
    private var seriesIndex: Int { paletteUses }

    private func checkCategories(_ categories: [String], count: Int) throws {
        if categories.count != count {
            throw PlotError.invalidArgument(mark: "bar", message: "\(categories.count) categories for \(count) bars")
        }
    }
}

/// How `Axes.bars` arranges several series.
public enum BarLayout: String, Equatable {
    case grouped, stacked
}
