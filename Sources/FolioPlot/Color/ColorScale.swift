import Foundation

/// Maps data values to colours through a colormap over [lower, upper]; also what a colorbar shows.
public struct ColorScale: Equatable {
    public var colormap: Colormap
    public var lower: Double
    public var upper: Double
    /// Band boundaries when colours are discrete (filled contours); the colorbar draws steps.
    public var boundaries: [Double]?

    public init(colormap: Colormap, lower: Double, upper: Double, boundaries: [Double]? = nil) {
        self.colormap = colormap
        self.lower = min(lower, upper)
        self.upper = max(lower, upper)
        self.boundaries = boundaries
    }

    /// The scale covering the finite `values`, with optional fixed ends; nil if nothing is finite.
    static func covering(_ values: [Double], colormap: Colormap, lower: Double?, upper: Double?) -> ColorScale? {
        let range = Interval.enclosing(values)
        guard let low = lower ?? range?.lower, let high = upper ?? range?.upper else { return nil }
        return ColorScale(colormap: colormap, lower: low, upper: high)
    }

    /// Position of `value` in 0...1 (clamped); NaN maps to 0.
    public func fraction(_ value: Double) -> Double {
        guard value.isFinite else { return 0 }
        // Halves: a scale over [-1e308, 1e308] spans more than the largest double; halving is
        // exact for every other scale. Callers turn the fraction into an Int, which traps on NaN,
        // so an infinite end (vmin: -inf) maps everything to the middle instead.
        let span = upper / 2 - lower / 2
        guard span > 0 else { return 0.5 }
        let position = (value / 2 - lower / 2) / span
        guard !position.isNaN else { return 0.5 }
        return min(max(position, 0), 1)
    }

    public func color(for value: Double) -> Color {
        colormap.color(at: fraction(value))
    }
}

/// A mark whose colours encode data values, so its axes can draw a colorbar.
public protocol ColorMappedMark: Mark {
    var colorScale: ColorScale? { get }
    /// Whether the axes draws a colorbar for this mark (the first mark that wants one gets it).
    var showsColorbar: Bool { get }
}

extension ColorMappedMark {
    public var showsColorbar: Bool { true }
}
