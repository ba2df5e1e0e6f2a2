import Foundation

/// How data values are spaced along an axis.
public enum ScaleKind: Equatable {
    case linear
    /// Base-10 logarithmic; values that are zero or negative are not drawn.
    case log
}

/// Maps data values on one axis to SVG coordinates.
public struct AxisScale: Equatable {
    public let kind: ScaleKind
    /// The visible data interval (positive on a log scale).
    public let domain: Interval
    /// SVG coordinate of `domain.lower`.
    public let rangeStart: Double
    /// SVG coordinate of `domain.upper`.
    public let rangeEnd: Double

    public init(kind: ScaleKind, domain: Interval, rangeStart: Double, rangeEnd: Double) {
        self.kind = kind
        self.domain = domain
        self.rangeStart = rangeStart
        self.rangeEnd = rangeEnd
    }

    /// The SVG coordinate of `value`, or nil when it cannot be placed (NaN, or ≤ 0 on a log scale).
    public func map(_ value: Double) -> Double? {
        guard let position = transformed(value),
              let lower = transformed(domain.lower),
              let upper = transformed(domain.upper) else { return nil }
        let span = upper - lower
        let fraction = span != 0 ? (position - lower) / span : 0.5
        return rangeStart + fraction * (rangeEnd - rangeStart)
    }

    /// The data value at SVG coordinate `coordinate` (the inverse of `map`).
    public func invert(_ coordinate: Double) -> Double {
        let lower = transformed(domain.lower) ?? 0
        let upper = transformed(domain.upper) ?? 1
        let extent = rangeEnd - rangeStart
        let fraction = extent != 0 ? (coordinate - rangeStart) / extent : 0
        let position = lower + fraction * (upper - lower)
        return kind == .log ? pow(10, position) : position
    }

    /// Position in the scale's linear space: the value itself, or its log10.
    func transformed(_ value: Double) -> Double? {
        guard value.isFinite else { return nil }
        switch kind {
        case .linear: return value
        case .log: return value > 0 ? log10(value) : nil
        }
    }

    /// Widens `interval` by `fraction` of its span on each side (in the scale's own space),
    /// except at `sticky` edges such as the zero baseline of bars. A degenerate interval is
    /// opened up so it still has ticks.
    static func padded(_ interval: Interval, kind: ScaleKind, fraction: Double, sticky: [Double]) -> Interval {
        switch kind {
        case .linear:
            var lower = interval.lower
            var upper = interval.upper
            if upper - lower == 0 {
                let half = lower == 0 ? 1 : abs(lower) * 0.1
                return Interval(lower - half, upper + half)
            }
            let pad = (upper - lower) * fraction
            if !sticky.contains(lower) { lower -= pad }
            if !sticky.contains(upper) { upper += pad }
            return Interval(lower, upper)
        case .log:
            let lowerLog = log10(max(interval.lower, Double.leastNormalMagnitude))
            let upperLog = log10(max(interval.upper, Double.leastNormalMagnitude))
            if upperLog - lowerLog == 0 {
                return Interval(pow(10, lowerLog - 1), pow(10, upperLog + 1))
            }
            let pad = (upperLog - lowerLog) * fraction
            let lower = sticky.contains(interval.lower) ? interval.lower : pow(10, lowerLog - pad)
            let upper = sticky.contains(interval.upper) ? interval.upper : pow(10, upperLog + pad)
            return Interval(lower, upper)
        }
    }
}
