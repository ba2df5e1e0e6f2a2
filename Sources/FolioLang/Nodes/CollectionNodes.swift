import FolioRuntime

/// Array, dictionary and record literals.

final class ArrayNode: Evaluable {
    let elements: [Evaluable]
    init(elements: [Evaluable]) { self.elements = elements }

    func evaluate(_ interpreter: Interpreter) throws -> Value {
        var values: [Value] = []
        values.reserveCapacity(elements.count)
        for element in elements { values.append(try element.evaluate(interpreter)) }
        return .array(values)
    }
}

final class DictionaryNode: Evaluable {
    let keys: [Evaluable]
    let values: [Evaluable]
    let keySpans: [SourceSpan]

    init(keys: [Evaluable], values: [Evaluable], keySpans: [SourceSpan]) {
        self.keys = keys
        self.values = values
        self.keySpans = keySpans
    }

    func evaluate(_ interpreter: Interpreter) throws -> Value {
        var dictionary = FolioDictionary()
        for index in keys.indices {
            let key = try keys[index].evaluate(interpreter)
            let value = try values[index].evaluate(interpreter)
            do {
                dictionary.set(value, for: try DictionaryKey(key))
            } catch let error as FolioError {
                throw error.located(at: keySpans[index])
            }
        }
        return .dictionary(dictionary)
    }
}

final class RecordNode: Evaluable {
    let fields: [String]
    let values: [Evaluable]

    init(fields: [String], values: [Evaluable]) {
        self.fields = fields
        self.values = values
    }

    func evaluate(_ interpreter: Interpreter) throws -> Value {
        var evaluated: [Value] = []
        evaluated.reserveCapacity(values.count)
        for value in values { evaluated.append(try value.evaluate(interpreter)) }
        return .record(Record(fields: fields, values: evaluated))
    }
}

/// `object.name`: record fields, native members and the methods of builtin types.
final class MemberNode: Evaluable {
    let object: Evaluable
    let name: String
    let span: SourceSpan
    /// The field list of the last record read here and the field's index in it: records built by
    /// one record expression share their field array, so the next read compares buffer identity
    /// instead of searching the names.
    @exclusivity(unchecked) private var cachedFields: [String]?
    @exclusivity(unchecked) private var cachedIndex = 0

    init(object: Evaluable, name: String, span: SourceSpan) {
        self.object = object
        self.name = name
        self.span = span
    }

    func evaluate(_ interpreter: Interpreter) throws -> Value {
        let receiver = try object.evaluate(interpreter)
        if case .record(let record) = receiver, let field = recordField(record) { return field }
        do {
            return try MemberAccess.member(name, of: receiver)
        } catch let error as FolioError {
            throw error.located(at: span)
        }
    }

    @inline(__always)
    private func recordField(_ record: Record) -> Value? {
        // `==` on arrays returns at once when both share a buffer.
        if let cachedFields, cachedFields == record.fields, cachedIndex < record.values.count {
            return record.values[cachedIndex]
        }
        guard let index = record.index(of: name), index < record.values.count else { return nil }
        cachedFields = record.fields
        cachedIndex = index
        return record.values[index]
    }
}

/// `object[index]` with one integer or key index (slices come with tensors and arrays in `Subscripting`).
final class SubscriptNode: Evaluable {
    let object: Evaluable
    let indices: [SubscriptIndexNode]
    let span: SourceSpan

    init(object: Evaluable, indices: [SubscriptIndexNode], span: SourceSpan) {
        self.object = object
        self.indices = indices
        self.span = span
    }

    func evaluate(_ interpreter: Interpreter) throws -> Value {
        let receiver = try object.evaluate(interpreter)
        let evaluated = try indices.map { try $0.evaluate(interpreter) }
        do {
            return try Subscripting.get(receiver, evaluated)
        } catch let error as FolioError {
            throw error.located(at: span)
        }
    }
}
