import Foundation

/// Formats the elements of one tensor consistently, the way NumPy's `array2string` does:
/// one style for the whole tensor (integral floats as `1.`, fixed point with up to four decimals
/// and trailing zeros evened out, or scientific when magnitudes are very large or small), every
/// element right-aligned to the widest, and IEEE specials as `nan`, `inf`, `-inf`.
struct ElementFormatter {
    private enum FloatStyle {
        case integral
        case fixed(decimals: Int)
        case scientific
    }

    static let precision = 4
    private let dtype: DType
    private let style: FloatStyle

    /// A formatter fitted to `values` (the elements that will be printed).
    init(dtype: DType, values: [ScalarValue]) {
        self.dtype = dtype
        let reals: [Double] = values.flatMap { value -> [Double] in
            if case let .complex(number) = value { return [number.real, number.imaginary] }
            return [value.doubleValue]
        }
        style = ElementFormatter.chooseStyle(reals.filter { $0.isFinite })
    }

    private static func chooseStyle(_ finite: [Double]) -> FloatStyle {
        let magnitudes = finite.map { abs($0) }
        let largest = magnitudes.max() ?? 0
        let smallest = magnitudes.filter { $0 > 0 }.min() ?? 0
        if finite.allSatisfy({ $0 == $0.rounded() }) && largest < 1e16 { return .integral }
        if largest >= 1e8 || (smallest > 0 && smallest < 1e-4) { return .scientific }
        let decimals = finite.map { value -> Int in
            let text = String(format: "%.\(precision)f", value)
            let fraction = text.split(separator: ".").last ?? ""
            return fraction.reversed().drop(while: { $0 == "0" }).count
        }.max() ?? 0
        return .fixed(decimals: max(decimals, 1))
    }

    /// The text of one element, before alignment.
    func format(_ value: ScalarValue) -> String {
        switch value {
        case let .bool(flag): return flag ? "true" : "false"
        case let .int(number): return String(number)
        case let .double(number): return formatReal(number)
        case let .complex(number):
            let sign = number.imaginary < 0 || (number.imaginary == 0 && number.imaginary.sign == .minus) ? "-" : "+"
            return formatReal(number.real) + sign + formatReal(abs(number.imaginary)) + "j"
        }
    }

    private func formatReal(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        switch style {
        case .integral: return String(format: "%.0f", value) + "."
        case let .fixed(decimals): return String(format: "%.\(decimals)f", value)
        case .scientific: return String(format: "%.\(ElementFormatter.precision)e", value)
        }
    }

    /// Shortest text that reads back as the same Double (`0.1`, `1e-05`, `nan`, `inf`).
    static func shortest(_ value: Double) -> String {
        value.description
    }

    /// Shortest round-trip text of a complex number, as `1.0+2.0j`.
    static func complex(_ value: Complex<Double>) -> String {
        let sign = value.imaginary.sign == .minus ? "-" : "+"
        return shortest(value.real) + sign + shortest(abs(value.imaginary)) + "j"
    }
}
