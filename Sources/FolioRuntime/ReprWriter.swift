/// Builds a value's `repr` with a length budget.
///
/// Values share structure (an array appended to itself a hundred times is small in memory but
/// astronomically long as text), so printing stops after `limit` characters with `...` instead
/// of running, uninterruptible, for ever.
struct ReprWriter {
    static let limit = 1_000_000
    /// Containers nested deeper than this print as `...`, so printing never recurses without bound.
    static let maximumDepth = 100
    private(set) var text = ""
    private var truncated = false
    private var depth = 0

    mutating func write(_ value: Value) {
        guard !truncated else { return }
        if depth > ReprWriter.maximumDepth {
            text += "..."
            return
        }
        depth += 1
        defer { depth -= 1 }
        if text.utf8.count > ReprWriter.limit {
            text += "..."
            truncated = true
            return
        }
        switch value {
        case .none: text += "nil"
        case .bool(let flag): text += flag ? "true" : "false"
        case .int(let integer): text += String(integer)
        case .double(let number): text += Value.format(number)
        case .string(let string): text += Value.quoted(string)
        case .array(let elements): writeSequence(elements, open: "[", close: "]")
        case .dictionary(let dictionary): writeDictionary(dictionary)
        case .record(let record): writeRecord(record)
        case .range(let range): text += "\(range.lower)\(range.isClosed ? "..." : "..<")\(range.upper)"
        case .function(let function): text += "<function \(function.name)>"
        case .native(let object): text += object.plainText
        }
    }

    private mutating func writeSequence(_ elements: [Value], open: String, close: String) {
        text += open
        for (index, element) in elements.enumerated() {
            if index > 0 { text += ", " }
            write(element)
            if truncated { return }
        }
        text += close
    }

    private mutating func writeDictionary(_ dictionary: FolioDictionary) {
        if dictionary.count == 0 {
            text += "[:]"
            return
        }
        text += "["
        for (index, key) in dictionary.keys.enumerated() {
            if index > 0 { text += ", " }
            write(key)
            text += ": "
            write(dictionary.values[index])
            if truncated { return }
        }
        text += "]"
    }

    /// Unlabelled tuples (from zip, enumerate, `(a, b)`) show as `(1, "a")`.
    private mutating func writeRecord(_ record: Record) {
        let isTuple = record.fields.enumerated().allSatisfy { String($0.offset) == $0.element }
        if isTuple {
            writeSequence(record.values, open: "(", close: ")")
            return
        }
        text += "("
        for (index, field) in record.fields.enumerated() {
            if index > 0 { text += ", " }
            text += field + ": "
            write(record.values[index])
            if truncated { return }
        }
        text += ")"
    }
}
