import FolioRuntime

/// One evaluated step of a path below a variable: `.field` or `[indices]`.
enum PathStep {
    case member(String)
    case `subscript`([SubscriptIndex])
}

/// Changes a value in place at the end of a path (`grid[i][j] = v`, `d[k].append(x)`).
///
/// Each container is taken out of its parent before it is changed, so it is uniquely referenced
/// and Swift's copy-on-write does not copy it: assigning one element of a large array is O(1).
/// Native objects have reference semantics: the step reads their member, updates it and writes it
/// back only when it is a value (a tensor's `x[0] = 1` goes to the tensor's own subscript).
enum ValueUpdate {
    typealias Transform = (inout Value) throws -> Value

    static func update(_ container: inout Value, _ path: ArraySlice<PathStep>, _ transform: Transform) throws -> Value {
        guard let step = path.first else { return try transform(&container) }
        let rest = path.dropFirst()
        // Switching on a small tag rather than on `container` itself: a switch subject is a copy
        // that would keep the collection shared (and copied on write) for the whole update.
        switch Kind(container) {
        case .native:
            guard case .native(let object) = container else { return .none }
            return try updateNative(object, step, rest, transform)
        case .array: return try updateArray(&container, step, rest, transform)
        case .dictionary: return try updateDictionary(&container, step, rest, transform)
        case .record: return try updateRecord(&container, step, rest, transform)
        case .other: throw cannotChange(container, step)
        }
    }

    private enum Kind {
        case native, array, dictionary, record, other

        init(_ value: Value) {
            switch value {
            case .native: self = .native
            case .array: self = .array
            case .dictionary: self = .dictionary
            case .record: self = .record
            default: self = .other
            }
        }
    }

    private static func cannotChange(_ container: Value, _ step: PathStep) -> FolioError {
        switch step {
        case .member(let name):
            return FolioError(.TypeError, "cannot assign to member '\(name)' of a \(container.typeName)")
        case .subscript:
            return FolioError(.TypeError, "a value of type \(container.typeName) does not support subscript assignment")
        }
    }

    private static func updateNative(_ object: NativeObject, _ step: PathStep, _ rest: ArraySlice<PathStep>,
                                     _ transform: Transform) throws -> Value {
        let original: Value
        switch step {
        case .member(let name): original = try MemberAccess.member(name, of: .native(object))
        case .subscript(let indices):
            // The last step into a native object goes through its own subscript assignment.
            if rest.isEmpty {
                var element = (try? Subscripting.get(.native(object), indices)) ?? .none
                let result = try transform(&element)
                _ = try Subscripting.set(.native(object), indices, to: element)
                return result
            }
            original = try Subscripting.get(.native(object), indices)
        }
        var child = original
        let result = try update(&child, rest, transform)
        if case .native(let before) = original, case .native(let after) = child, before === after { return result }
        switch step {
        case .member(let name): try object.setMember(named: name, to: child)
        case .subscript(let indices): _ = try Subscripting.set(.native(object), indices, to: child)
        }
        return result
    }

    private static func singleIndex(_ step: PathStep, _ container: Value) throws -> Value {
        guard case .subscript(let indices) = step else {
            throw FolioError(.TypeError, "cannot assign to a member of a \(container.typeName)")
        }
        guard indices.count == 1, case .index(let index) = indices[0] else {
            throw FolioError(.TypeError, "a \(container.typeName) element is assigned with one index (slices are read-only)")
        }
        return index
    }

    private static func updateArray(_ container: inout Value, _ step: PathStep, _ rest: ArraySlice<PathStep>,
                                    _ transform: Transform) throws -> Value {
        let indexValue = try singleIndex(step, container)
        guard case .array(var elements) = container else { return .none }
        guard case .int(let index) = indexValue else {
            throw FolioError(.TypeError, "Array indices must be Int, got \(indexValue.typeName)")
        }
        let position = try SubscriptIndex.resolve(index, count: elements.count, typeName: "Array")
        container = .none
        defer { container = .array(elements) }
        return try update(&elements[position], rest, transform)
    }

    private static func updateDictionary(_ container: inout Value, _ step: PathStep, _ rest: ArraySlice<PathStep>,
                                         _ transform: Transform) throws -> Value {
        let key = try DictionaryKey(try singleIndex(step, container))
        guard case .dictionary(var dictionary) = container else { return .none }
        guard var child = dictionary[key] ?? (rest.isEmpty ? Value.none : nil) else {
            throw FolioError(.IndexError, "key \(key.value.repr) is not in the Dictionary")
        }
        container = .none
        if dictionary[key] != nil { dictionary.set(.none, for: key) }
        defer { container = .dictionary(dictionary) }
        let result = try update(&child, rest, transform)
        dictionary.set(child, for: key)
        return result
    }

    private static func updateRecord(_ container: inout Value, _ step: PathStep, _ rest: ArraySlice<PathStep>,
                                     _ transform: Transform) throws -> Value {
        guard case .record(var record) = container else { return .none }
        let position: Int
        switch step {
        case .member(let name):
            guard let index = record.index(of: name) else {
                let hint = SpellingSuggestion.hint(for: name, among: record.fields)
                throw FolioError(.TypeError, "the record has no field '\(name)'\(hint)")
            }
            position = index
        case .subscript:
            guard case .int(let index) = try singleIndex(step, container) else {
                throw FolioError(.TypeError, "Record indices must be Int")
            }
            position = try SubscriptIndex.resolve(index, count: record.values.count, typeName: "Record")
        }
        container = .none
        defer { container = .record(record) }
        return try update(&record.values[position], rest, transform)
    }
}
