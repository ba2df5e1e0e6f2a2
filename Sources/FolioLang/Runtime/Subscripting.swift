import FolioRuntime

/// Reading and writing `x[i]` for the builtin types; native objects answer for themselves.
enum Subscripting {
    static func get(_ receiver: Value, _ indices: [SubscriptIndex]) throws -> Value {
        if case .native(let object) = receiver {
            if let result = try object.subscriptGet(indices) { return result }
            throw FolioError(.TypeError, "a value of type \(receiver.typeName) cannot be subscripted")
        }
        guard indices.count == 1 else {
            throw FolioError(.IndexError, "\(receiver.typeName) takes one index, got \(indices.count)")
        }
        switch (receiver, indices[0]) {
        case let (.array(elements), .index(index)):
            return elements[try position(index, count: elements.count, receiver)]
        case let (.array(elements), .slice(start, stop, step)):
            return .array(try SubscriptIndex.sliceIndices(start: start, stop: stop, step: step, count: elements.count).map { elements[$0] })
        case let (.string(text), .index(index)):
            let characters = Array(text)
            return .string(String(characters[try position(index, count: characters.count, receiver)]))
        case let (.string(text), .slice(start, stop, step)):
            let characters = Array(text)
            let selected = try SubscriptIndex.sliceIndices(start: start, stop: stop, step: step, count: characters.count)
            return .string(String(selected.map { characters[$0] }))
        case let (.dictionary(dictionary), .index(key)):
            return dictionary[try DictionaryKey(key)] ?? .none
        case let (.record(record), .index(.int(index))):
            return record.values[try SubscriptIndex.resolve(index, count: record.values.count, typeName: "Record")]
        case let (.range(range), .index(index)):
            return .int(range.element(at: try position(index, count: range.count, receiver)))
        default:
            throw FolioError(.TypeError, "a value of type \(receiver.typeName) cannot be subscripted with \(describe(indices[0]))")
        }
    }

    /// Returns the receiver with `receiver[indices] = value` applied (value semantics: the caller stores it back).
    static func set(_ receiver: Value, _ indices: [SubscriptIndex], to value: Value) throws -> Value {
        if case .native(let object) = receiver {
            if try object.subscriptSet(indices, to: value) { return receiver }
            throw FolioError(.TypeError, "a value of type \(receiver.typeName) does not support subscript assignment")
        }
        guard indices.count == 1 else {
            throw FolioError(.IndexError, "\(receiver.typeName) takes one index, got \(indices.count)")
        }
        switch (receiver, indices[0]) {
        case (.array(var elements), .index(let index)):
            let resolved = try position(index, count: elements.count, receiver)
            elements[resolved] = value
            return .array(elements)
        case (.dictionary(var dictionary), .index(let key)):
            dictionary.set(value, for: try DictionaryKey(key))
            return .dictionary(dictionary)
        default:
            throw FolioError(.TypeError, "a value of type \(receiver.typeName) does not support assignment to \(describe(indices[0]))")
        }
    }

    private static func position(_ index: Value, count: Int, _ receiver: Value) throws -> Int {
        guard case .int(let integer) = index else {
            throw FolioError(.TypeError, "\(receiver.typeName) indices must be Int, got \(index.typeName)")
        }
        return try SubscriptIndex.resolve(integer, count: count, typeName: receiver.typeName)
    }

    private static func describe(_ index: SubscriptIndex) -> String {
        switch index {
        case .index(let value): return "a \(value.typeName)"
        case .slice: return "a slice"
        case .ellipsis: return "'...'"
        }
    }
}
