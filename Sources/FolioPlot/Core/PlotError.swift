import Foundation

/// Everything that can go wrong while building or rendering a figure.
///
/// Every case names the mark or argument at fault, so a language binding can show the
/// message to a notebook user unchanged.
public enum PlotError: Error, Equatable, CustomStringConvertible {
    /// A mark was given no data at all.
    case emptyData(mark: String)
    /// Two arrays that must pair up element by element have different lengths.
    case lengthMismatch(mark: String, argument: String, expected: Int, actual: Int)
    /// All values were NaN or infinite, so there is nothing to draw or no range to derive.
    case noFiniteValues(mark: String)
    /// An argument is outside its allowed range (the message says which and why).
    case invalidArgument(mark: String, message: String)
    /// A subplot index outside the figure's grid.
    case axesIndexOutOfRange(index: Int, count: Int)

    public var description: String {
        switch self {
        case .emptyData(let mark):
            return "\(mark): no data to plot"
        case .lengthMismatch(let mark, let argument, let expected, let actual):
            return "\(mark): \(argument) has \(actual) values but \(expected) were expected"
        case .noFiniteValues(let mark):
            return "\(mark): every value is NaN or infinite"
        case .invalidArgument(let mark, let message):
            return "\(mark): \(message)"
        case .axesIndexOutOfRange(let index, let count):
            return "figure: axes index \(index) is out of range (the figure has \(count) axes)"
        }
    }
}

extension PlotError: LocalizedError {
    public var errorDescription: String? { description }
}

/// Argument checks shared by every mark, so their messages read the same everywhere.
enum Validate {
    /// Throws unless `values` is non-empty.
    static func nonEmpty(_ values: [Double], mark: String) throws {
        if values.isEmpty { throw PlotError.emptyData(mark: mark) }
    }

    /// Throws unless `values` has exactly `count` elements.
    static func length(_ values: [Double], _ count: Int, argument: String, mark: String) throws {
        if values.count != count {
            throw PlotError.lengthMismatch(mark: mark, argument: argument, expected: count, actual: values.count)
        }
    }

    /// Throws unless at least one value is finite.
    static func someFinite(_ values: [Double], mark: String) throws {
        if !values.contains(where: { $0.isFinite }) { throw PlotError.noFiniteValues(mark: mark) }
    }

    /// Throws unless `value` is finite and strictly positive.
    static func positive(_ value: Double, argument: String, mark: String) throws {
        if !(value.isFinite && value > 0) {
            throw PlotError.invalidArgument(mark: mark, message: "\(argument) must be a positive number, got \(value)")
        }
    }
}
