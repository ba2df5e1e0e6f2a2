import Foundation

/// Short, consistent tick labels: `0.25`, `1.5k`, `2M`, `1e-3`, with a true minus sign.
///
/// One axis shares one style: values of 1000 or more take an SI-like suffix (k, M, G) chosen
/// from the largest tick, values all below 0.01 in magnitude use `1e-3` notation, and the
/// rest print as decimals with just enough digits for the tick step, trailing zeros removed.
public enum TickFormatter {
    /// The typographic minus sign (U+2212), as in printed papers.
    static let minus = "\u{2212}"

    private static let suffixes: [(scale: Double, suffix: String)] = [
        (1e9, "G"), (1e6, "M"), (1e3, "k"),
    ]

    /// Labels for ticks `values` spaced `step` apart.
    public static func labels(_ values: [Double], step: Double) -> [String] {
        let largest = values.map { abs($0) }.max() ?? 0
        if largest >= 1e12 || (largest > 0 && largest < 0.01) {
            return values.map { scientific($0) }
        }
        if let unit = suffixes.first(where: { largest >= $0.scale }) {
            return values.map { value in
                let scaled = decimal(value / unit.scale, step: step / unit.scale)
                return scaled == "0" ? "0" : scaled + unit.suffix
            }
        }
        return values.map { decimal($0, step: step) }
    }

    /// The label of one log-scale tick, formatted on its own (`0.01`, `1`, `10k`, `1e-5`).
    public static func logLabel(_ value: Double) -> String {
        labels([value], step: value).first ?? ""
    }

    /// `value` with as many decimals as `step` needs (at most 8), trailing zeros removed.
    public static func decimal(_ value: Double, step: Double) -> String {
        let places = decimalPlaces(for: step)
        let text = trimmed(NumberText.format(abs(value), decimals: min(places, 6)))
        if text == "0" { return "0" }
        return value < 0 ? minus + text : text
    }

    /// Scientific notation with up to three significant digits: `2.5e-4`, `1e15`.
    public static func scientific(_ value: Double) -> String {
        guard value != 0, value.isFinite else { return "0" }
        var exponent = Int(floor(log10(abs(value))))
        var mantissa = abs(value) / pow(10, Double(exponent))
        mantissa = (mantissa * 100).rounded() / 100
        if mantissa >= 10 {
            mantissa /= 10
            exponent += 1
        }
        let sign = value < 0 ? minus : ""
        let exponentText = exponent < 0 ? "-" + String(-exponent) : String(exponent)
        return sign + NumberText.format(mantissa, decimals: 2) + "e" + exponentText
    }

    /// The fewest decimal places that represent `step` exactly (to 1e-6 relative).
    static func decimalPlaces(for step: Double) -> Int {
        guard step.isFinite, step > 0 else { return 0 }
        for places in 0...6 {
            let scaled = step * pow(10, Double(places))
            if abs(scaled - scaled.rounded()) < 1e-6 * max(scaled, 1) { return places }
        }
        return 6
    }

    private static func trimmed(_ text: String) -> String {
        text == "-0" ? "0" : text
    }
}
