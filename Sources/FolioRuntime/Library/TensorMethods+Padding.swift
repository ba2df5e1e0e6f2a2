import FolioAutograd
import FolioTensor

/// Argument parsing for `pad`.
extension TensorMethods {
    /// `2` (every axis, both sides) or `[[before, after], ...]` for the last axes.
    static func padWidths(_ value: Value, rank: Int) throws -> [(before: Int, after: Int)] {
        if case .int(let width) = value { return Array(repeating: (width, width), count: rank) }
        guard case .array(let pairs) = value else {
            throw FolioError(.TypeError, "pad(widths) expects an Int or an array of [before, after] pairs, got \(value.typeName)")
        }
        return try pairs.map { pair in
            guard case .array(let sides) = pair, sides.count == 2, case .int(let before) = sides[0], case .int(let after) = sides[1] else {
                throw FolioError(.TypeError, "pad(widths): each entry must be a pair [before, after] of Ints")
            }
            guard before >= 0, after >= 0 else { throw FolioError(.ValueError, "pad(widths): widths must be non-negative") }
            return (before, after)
        }
    }
}
