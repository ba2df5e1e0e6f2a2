/// One position of a subscript `x[i, a:b:c, ...]`, evaluated.
public enum SubscriptIndex {
    case index(Value)
    /// Omitted parts are nil, as in NumPy's `a[::2]`.
    case slice(start: Int?, stop: Int?, step: Int?)
    case ellipsis

    /// The indices a slice selects from a sequence of `count` elements, with NumPy's clamping rules.
    public static func sliceIndices(start: Int?, stop: Int?, step: Int?, count: Int) throws -> [Int] {
        let step = step ?? 1
        guard step != 0 else { throw FolioError(.ValueError, "slice step cannot be zero") }
        func clamp(_ value: Int?, default fallback: Int, low: Int, high: Int) -> Int {
            guard var value else { return fallback }
            if value < 0 { value = value &+ count }
            return min(max(value, low), high)
        }
        var result: [Int] = []
        if step > 0 {
            var index = clamp(start, default: 0, low: 0, high: count)
            let end = clamp(stop, default: count, low: 0, high: count)
            while index < end {
                result.append(index)
                index = index.addingReportingOverflow(step).overflow ? end : index &+ step
            }
        } else {
            var index = clamp(start, default: count - 1, low: -1, high: count - 1)
            let end = clamp(stop, default: -1, low: -1, high: count - 1)
            while index > end {
                result.append(index)
                index = index.addingReportingOverflow(step).overflow ? end : index &+ step
            }
        }
        return result
    }

    /// A possibly negative index into `count` elements, checked.
    public static func resolve(_ index: Int, count: Int, typeName: String) throws -> Int {
        let resolved = index < 0 ? index &+ count : index
        guard resolved >= 0, resolved < count else {
            throw FolioError(.IndexError, "index \(index) is out of range for \(typeName) of length \(count)")
        }
        return resolved
    }
}
