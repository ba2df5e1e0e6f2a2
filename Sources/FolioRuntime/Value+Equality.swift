/// Structural equality as `==` sees it: numbers compare by value across Int and Double,
/// containers element by element, functions and native objects by identity unless they say otherwise.
extension Value: Equatable {
    public static func == (left: Value, right: Value) -> Bool {
        switch (left, right) {
        case (.none, .none): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.int(a), .int(b)): return a == b
        case let (.double(a), .double(b)): return a == b
        case let (.int(a), .double(b)): return exactlyEqual(a, b)
        case let (.double(a), .int(b)): return exactlyEqual(b, a)
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.dictionary(a), .dictionary(b)): return a == b
        case let (.record(a), .record(b)): return a == b
        case let (.range(a), .range(b)): return a == b
        case let (.function(a), .function(b)): return a === b
        case let (.native(a), .native(b)): return a.isEqual(to: b)
        default: return false
        }
    }

    /// Compares without rounding the Int (a Double cannot hold every Int exactly).
    private static func exactlyEqual(_ integer: Int, _ number: Double) -> Bool {
        guard let exact = Int(exactly: number) else { return false }
        return exact == integer
    }
}
