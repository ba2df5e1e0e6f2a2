import FolioRuntime

/// Methods that change an array or dictionary variable in place.
enum MutatingMethods {
    static let names: Set<String> = ["append", "pop", "insert", "remove", "extend", "sort", "reverse", "clear"]

    static func isArray(_ value: Value) -> Bool {
        if case .array = value { return true }
        return false
    }

    static func applies(to value: Value) -> Bool {
        switch value {
        case .array, .dictionary: return true
        default: return false
        }
    }

    static func call(_ method: String, on value: inout Value, _ arguments: [Value], interpreter: Interpreter) throws -> Value {
        // `guard case` then clearing `value` leaves the collection uniquely referenced, so it is
        // changed in place; a `switch` would keep a copy of the subject alive and make every append O(n).
        if MutatingMethods.isArray(value) {
            guard case .array(var elements) = value else { return .none }
            value = .none
            defer { value = .array(elements) }
            return try ArrayMethods.mutate(method, &elements, arguments, interpreter: interpreter)
        }
        guard case .dictionary(var dictionary) = value else {
            throw FolioError(.TypeError, "a value of type \(value.typeName) has no method '\(method)'")
        }
        value = .none
        defer { value = .dictionary(dictionary) }
        return try DictionaryMethods.mutate(method, &dictionary, arguments)
    }
}
