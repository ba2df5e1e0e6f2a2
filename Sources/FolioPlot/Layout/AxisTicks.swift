import Foundation

/// Ticks for one axis, chosen so their labels fit the space the axis has.
struct AxisTicks {
    let ticks: Ticks

    /// Ticks for `domain` on an axis `length` px long. Horizontal axes thin their ticks until
    /// labels are at least a gap apart; vertical axes aim for one tick per ~45 px.
    init(domain: Interval, kind: ScaleKind, length: Double, horizontal: Bool, categories: [String]?, integers: Bool = false,
         style: Style) {
        if let categories = categories {
            let positions = (0..<categories.count).map(Double.init).filter { $0 >= domain.lower && $0 <= domain.upper }
            ticks = Ticks(major: positions, labels: positions.map { categories[Int($0)] })
            return
        }
        let spacing = horizontal ? 80.0 : 45.0
        var target = max(2, min(10, Int(length / spacing) + 1))
        var candidate = AxisTicks.ticks(domain: domain, kind: kind, target: target, integers: integers)
        while horizontal && target > 2 && !AxisTicks.fits(candidate, length: length, domain: domain, style: style) {
            target -= 1
            candidate = AxisTicks.ticks(domain: domain, kind: kind, target: target, integers: integers)
        }
        ticks = candidate
    }

    private static func ticks(domain: Interval, kind: ScaleKind, target: Int, integers: Bool) -> Ticks {
        switch kind {
        case .log:
            return TickLocator.log(domain, target: target)
        case .linear:
            let (values, step) = TickLocator.linear(domain, target: target, integers: integers)
            return Ticks(major: values, labels: TickFormatter.labels(values, step: step))
        }
    }

    /// Whether neighbouring labels leave at least 8 px between them (estimated widths).
    private static func fits(_ ticks: Ticks, length: Double, domain: Interval, style: Style) -> Bool {
        guard ticks.major.count > 1 else { return true }
        let widest = ticks.labels.map { TextMetrics.width(of: $0, fontSize: style.fontSize) }.max() ?? 0
        let pixelsPerTick = length / Double(ticks.major.count)
        return widest + 8 <= pixelsPerTick
    }

    /// Widest label in px.
    func widestLabel(style: Style) -> Double {
        ticks.labels.map { TextMetrics.width(of: $0, fontSize: style.fontSize) }.max() ?? 0
    }
}
