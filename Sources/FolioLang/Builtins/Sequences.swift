import FolioRuntime

/// Turning any iterable value into its elements, for builtins that accept "a sequence".
enum Sequences {
    /// The elements of an array, range, string (characters), dictionary (keys), record or iterable
    /// native object; nil for values that are not sequences.
    static func elements(of value: Value) throws -> [Value]? {
        switch value {
        case .array(let elements): return elements
        case .range(let range):
            guard range.count <= Value.maximumArrayCount else {
                throw FolioError(.ValueError, "range of \(range.count) elements is too large to materialize")
            }
            return (0..<range.count).map { .int(range.element(at: $0)) }
        case .string(let text): return text.map { .string(String($0)) }
        case .dictionary(let dictionary): return dictionary.keys
        case .record(let record): return record.values
        case .native(let object): return try object.elements()
        default: return nil
        }
    }

    static func require(_ value: Value, for function: String) throws -> [Value] {
        guard let elements = try elements(of: value) else {
            throw FolioError(.TypeError, "\(function)() expects a sequence, got \(value.typeName)")
        }
        return elements
    }

    /// A pair as `for (a, b) in ...` and `zip`/`enumerate` produce: a record with fields `0` and `1`.
    static func tuple(_ values: [Value]) -> Value {
        .record(Record(fields: values.indices.map(String.init), values: values))
    }
}
