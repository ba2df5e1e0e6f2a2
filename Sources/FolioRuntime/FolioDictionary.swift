/// A dictionary that keeps insertion order, as Python's does, so printing is deterministic.
public struct FolioDictionary: Equatable {
    public private(set) var keys: [Value] = []
    public private(set) var values: [Value] = []
    private var positions: [DictionaryKey: Int] = [:]

    public init() {}

    public var count: Int { keys.count }

    public subscript(key: DictionaryKey) -> Value? {
        guard let position = positions[key] else { return nil }
        return values[position]
    }

    public mutating func set(_ value: Value, for key: DictionaryKey) {
        if let position = positions[key] {
            values[position] = value
        } else {
            positions[key] = keys.count
            keys.append(key.value)
            values.append(value)
        }
    }

    /// Removes `key`, returning its value; O(n) because order is kept.
    @discardableResult
    public mutating func remove(_ key: DictionaryKey) -> Value? {
        guard let position = positions.removeValue(forKey: key) else { return nil }
        let removed = values.remove(at: position)
        keys.remove(at: position)
        for index in position..<keys.count {
            if let shiftedKey = try? DictionaryKey(keys[index]) {
                positions[shiftedKey] = index
            }
        }
        return removed
    }

    public static func == (left: FolioDictionary, right: FolioDictionary) -> Bool {
        guard left.count == right.count else { return false }
        for (key, position) in left.positions {
            guard let other = right[key], other == left.values[position] else { return false }
        }
        return true
    }
}

/// A value usable as a dictionary key: scalars, strings, ranges and records of those.
///
/// `1` and `1.0` are the same key, as in Python, because they compare equal.
public struct DictionaryKey: Hashable {
    public let value: Value

    public init(_ value: Value) throws {
        guard DictionaryKey.isHashable(value) else {
            throw FolioError(.TypeError, "a \(value.typeName) cannot be a dictionary key")
        }
        self.value = value
    }

    private static func isHashable(_ value: Value) -> Bool {
        switch value {
        case .none, .bool, .int, .double, .string, .range: return true
        case .record(let record): return record.values.allSatisfy(isHashable)
        default: return false
        }
    }

    public static func == (left: DictionaryKey, right: DictionaryKey) -> Bool {
        left.value == right.value
    }

    public func hash(into hasher: inout Hasher) {
        switch value {
        case .int(let integer): hasher.combine(Double(integer))
        case .double(let number): hasher.combine(number)
        case .bool(let flag): hasher.combine(flag)
        case .string(let text): hasher.combine(text)
        case .range(let range): hasher.combine(range)
        case .record(let record): hasher.combine(record.fields)
        default: hasher.combine(0)
        }
    }
}
