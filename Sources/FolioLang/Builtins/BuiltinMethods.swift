import FolioRuntime

/// Properties and methods of the builtin types (`a.count`, `s.split(",")`).
enum BuiltinMethods {
    static func method(_ name: String, of receiver: Value) -> Value? {
        switch (receiver, name) {
        case (.array(let elements), "count"): return .int(elements.count)
        case (.array(let elements), "isEmpty"): return .bool(elements.isEmpty)
        case (.string(let text), "count"): return .int(text.count)
        case (.string(let text), "isEmpty"): return .bool(text.isEmpty)
        case (.dictionary(let dictionary), "count"): return .int(dictionary.count)
        case (.range(let range), "count"): return .int(range.count)
        default: return nil
        }
    }

    static func names(for receiver: Value) -> [String] {
        switch receiver {
        case .array, .string: return ["count", "isEmpty"]
        case .dictionary, .range: return ["count"]
        default: return []
        }
    }
}
