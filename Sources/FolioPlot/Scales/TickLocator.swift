import Foundation

/// Tick positions for one axis: labelled major ticks and unlabelled minor ones.
public struct Ticks: Equatable {
    public var major: [Double]
    public var minor: [Double]
    public var labels: [String]

    public init(major: [Double], minor: [Double] = [], labels: [String]) {
        self.major = major
        self.minor = minor
        self.labels = labels
    }
}

/// Chooses "nice" tick positions (Heckbert 1990, with Wilkinson's 2.5 step as in
/// Talbot, Lin & Hanrahan 2010) and log-scale decades.
public enum TickLocator {
    /// Step multipliers tried in each decade, with a small penalty for the less round ones.
    private static let niceSteps: [(multiplier: Double, penalty: Double)] = [
        (1, 0), (2, 0.1), (2.5, 0.6), (5, 0.05), (10, 0),
    ]

    /// Linear ticks inside `domain`, about `target` of them, at multiples of a nice step.
    /// With `integers`, only whole-number steps are used (image rows and columns).
    public static func linear(_ domain: Interval, target: Int, integers: Bool = false) -> (values: [Double], step: Double) {
        let span = domain.upper - domain.lower
        guard span > 0, span.isFinite else { return ([domain.lower], 1) }
        let wanted = Double(max(target, 2))
        let rough = span / wanted
        let magnitude = pow(10, floor(log10(rough)))
        var best: (values: [Double], step: Double, score: Double)?
        for candidate in niceSteps {
            let step = candidate.multiplier * magnitude
            if integers && step.rounded() != step { continue }
            let values = multiples(of: step, in: domain)
            let score = abs(Double(values.count) - wanted) + candidate.penalty
            if values.count >= 2, score < (best?.score ?? .infinity) {
                best = (values, step, score)
            }
        }
        if let best = best { return (best.values, best.step) }
        // Very narrow or awkward domains: fall back to the two ends.
        return ([domain.lower, domain.upper], span)
    }

    /// Every multiple of `step` inside `domain` (with a tolerance for rounding at the ends).
    static func multiples(of step: Double, in domain: Interval) -> [Double] {
        let tolerance = step * 1e-9
        let first = ((domain.lower - tolerance) / step).rounded(.up)
        let last = ((domain.upper + tolerance) / step).rounded(.down)
        guard first <= last, last - first < 1_000 else { return [] }
        return stride(from: first, through: last, by: 1).map { index in
            // Multiplying the integer index avoids drift from repeated addition.
            let value = index * step
            return abs(value) < tolerance ? 0 : value
        }
    }

    /// Log-scale ticks: labelled decades (thinned to about `target`), minor ticks at 2…9 × 10^k.
    /// Narrow domains that hold fewer than two decades get 1-2-5 ticks, then linear ones.
    public static func log(_ domain: Interval, target: Int) -> Ticks {
        guard domain.lower > 0, domain.upper > domain.lower else {
            let linearTicks = linear(domain, target: target)
            return Ticks(major: linearTicks.values, labels: TickFormatter.labels(linearTicks.values, step: linearTicks.step))
        }
        let lowerExponent = Int(floor(log10(domain.lower)))
        let upperExponent = Int(ceil(log10(domain.upper)))
        let decades = (lowerExponent...upperExponent).map { pow(10, Double($0)) }
        let insideDecades = decades.filter { contains(domain, $0) }
        let oneTwoFive = decades.flatMap { [$0, 2 * $0, 5 * $0] }.filter { contains(domain, $0) }
        // Two or three decades leave the axis bare; label 1-2-5 steps instead when they fit.
        if insideDecades.count < 4 && oneTwoFive.count >= 3 && oneTwoFive.count <= max(target, 4) + 2 {
            return Ticks(major: oneTwoFive, minor: minorTicks(decades: decades, domain: domain).filter { !oneTwoFive.contains($0) },
                         labels: oneTwoFive.map(TickFormatter.logLabel))
        }
        if insideDecades.count >= 2 {
            let stride = max(1, Int((Double(insideDecades.count) / Double(max(target, 2))).rounded(.up)))
            let major = insideDecades.enumerated().filter { $0.offset % stride == 0 }.map { $0.element }
            let minor = stride == 1 ? minorTicks(decades: decades, domain: domain) : []
            return Ticks(major: major, minor: minor, labels: major.map(TickFormatter.logLabel))
        }
        if oneTwoFive.count >= 2 {
            return Ticks(major: oneTwoFive, labels: oneTwoFive.map(TickFormatter.logLabel))
        }
        let linearTicks = linear(domain, target: target)
        return Ticks(major: linearTicks.values, labels: TickFormatter.labels(linearTicks.values, step: linearTicks.step))
    }

    private static func minorTicks(decades: [Double], domain: Interval) -> [Double] {
        decades.flatMap { decade in (2...9).map { Double($0) * decade } }.filter { contains(domain, $0) }
    }

    private static func contains(_ domain: Interval, _ value: Double) -> Bool {
        let tolerance = 1e-9 * value
        return value >= domain.lower - tolerance && value <= domain.upper + tolerance
    }
}
