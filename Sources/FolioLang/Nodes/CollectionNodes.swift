import FolioRuntime

/// Array, dictionary and record literals.

final class ArrayNode: Evaluable {
    let elements: ExpressionList
    init(elements: [Evaluable]) { self.elements = ExpressionList(elements) }

    override func evaluate(_ interpreter: Interpreter) throws -> Value {
        .array(try elements.evaluateAll(interpreter))
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

    override func evaluate(_ interpreter: Interpreter) throws -> Value {
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
    /// Shared by every record built here, which lets member reads recognise them by buffer identity.
    let fields: [String]
    let values: ExpressionList

    init(fields: [String], values: [Evaluable]) {
        self.fields = fields
        self.values = ExpressionList(values)
    }

    override func evaluate(_ interpreter: Interpreter) throws -> Value {
        .record(Record(fields: fields, values: try values.evaluateAll(interpreter)))
    }
}

/// `object.name`: record fields, native members and the methods of builtin types.
final class MemberNode: Evaluable {
    let object: Evaluable
    let name: String
    let span: SourceSpan
    /// The slot when `object` is a plain local: a record is then read in place, without copying it.
    let localSlot: Int?
    /// The field list of the last record read here, its buffer's address and the field's index in
    /// it. Records built by one record expression share their field array, so the next read only
    /// compares addresses; holding `cachedFields` keeps that buffer (and so the address) in use.
    @exclusivity(unchecked) private var cachedFields: [String] = []
    @exclusivity(unchecked) private var cachedAddress: UnsafePointer<String>?
    @exclusivity(unchecked) private var cachedIndex = 0

    init(object: Evaluable, name: String, span: SourceSpan) {
        self.object = object
        self.name = name
        self.span = span
        localSlot = (object as? LocalGetNode)?.slot
    }

    override func evaluate(_ interpreter: Interpreter) throws -> Value {
        if let localSlot {
            switch (interpreter.stack.slots + (interpreter.frameBase &+ localSlot)).pointee {
            case .record(let record):
                if let field = recordField(record) { return field }
            default:
                break
            }
        }
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
        let address = record.fields.withUnsafeBufferPointer { $0.baseAddress }
        if let address, address == cachedAddress, cachedIndex < record.values.count {
            return record.values[cachedIndex]
        }
        guard let index = record.index(of: name), index < record.values.count else { return nil }
        cachedFields = record.fields
        cachedAddress = cachedFields.withUnsafeBufferPointer { $0.baseAddress }
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

    override func evaluate(_ interpreter: Interpreter) throws -> Value {
        let receiver = try object.evaluate(interpreter)
        let evaluated = try indices.map { try $0.evaluate(interpreter) }
        do {
            return try Subscripting.get(receiver, evaluated)
        } catch let error as FolioError {
            throw error.located(at: span)
        }
    }
}
