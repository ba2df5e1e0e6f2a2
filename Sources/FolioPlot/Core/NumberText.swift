import Foundation

/// Fixed-precision decimal text for coordinates, independent of locale and platform.
///
/// `String(format:)` and `description` are avoided: the first is slow for 10^5 numbers and
/// the second prints shortest round-trip digits (`0.30000000000000004`), which would make
/// tiny float differences show up as different bytes.
enum NumberText {
    private static let powers: [Double] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000]

    /// `value` rounded to `decimals` places (0...6) with trailing zeros removed: `12.5`, `3`, `-0.25`.
    static func format(_ value: Double, decimals: Int = 2) -> String {
        guard value.isFinite else { return "0" }
        let places = min(max(decimals, 0), powers.count - 1)
        let scale = powers[places]
        let scaled = (value * scale).rounded()
        guard abs(scaled) < 9e15 else {
            // Clamped inside Int64 (a 1e300 line width or a tiny ylim must not trap); no renderer
            // places anything 9e18 px away differently from farther.
            return String(Int64(min(max(value.rounded(), -9e18), 9e18)))
        }
        var units = Int64(scaled)
        if units == 0 { return "0" }
        let negative = units < 0
        units = abs(units)
        let divisor = Int64(scale)
        let whole = units / divisor
        var fraction = units % divisor
        var digits = places
        while digits > 0 && fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        var text = negative ? "-" : ""
        text += String(whole)
        if digits > 0 {
            let fractionText = String(fraction)
            let padding = String(repeating: "0", count: digits - fractionText.count)
            text += "." + padding + fractionText
        }
        return text
    }

    /// Colour channel or opacity text with three decimals at most.
    static func unit(_ value: Double) -> String {
        format(min(max(value, 0), 1), decimals: 3)
    }
}
