/// How values print: `description` is what `print` and interpolation show (strings bare),
/// `repr` is what a cell's value and container elements show (strings quoted).
extension Value: CustomStringConvertible {
    public var description: String {
        switch self {
        case .string(let text): return text
        default: return repr
        }
    }

    public var repr: String {
        switch self {
        case .none: return "nil"
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let integer): return String(integer)
        case .double(let number): return Value.format(number)
        case .string(let text): return Value.quoted(text)
        case .array(let elements): return "[" + elements.map(\.repr).joined(separator: ", ") + "]"
        case .dictionary(let dictionary): return Value.format(dictionary)
        case .record(let record): return Value.format(record)
        case .range(let range): return "\(range.lower)\(range.isClosed ? "..." : "..<")\(range.upper)"
        case .function(let function): return "<function \(function.name)>"
        case .native(let object): return object.plainText
        }
    }

    /// Shortest round-tripping decimal, as Python prints floats (`0.1`, `1.0`, `1e+20`, `nan`, `inf`).
    public static func format(_ number: Double) -> String {
        if number.isNaN { return "nan" }
        if number.isInfinite { return number < 0 ? "-inf" : "inf" }
        return number.description
    }

    public static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case "\0": result += "\\0"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    private static func format(_ dictionary: FolioDictionary) -> String {
        if dictionary.count == 0 { return "[:]" }
        let pairs = zip(dictionary.keys, dictionary.values).map { key, value in "\(key.repr): \(value.repr)" }
        return "[" + pairs.joined(separator: ", ") + "]"
    }

    private static func format(_ record: Record) -> String {
        // Unlabelled tuples (from zip, enumerate, `(a, b)`) show as `(1, "a")`.
        if record.fields.enumerated().allSatisfy({ String($0.offset) == $0.element }) {
            return "(" + record.values.map(\.repr).joined(separator: ", ") + ")"
        }
        let fields = zip(record.fields, record.values).map { field, value in "\(field): \(value.repr)" }
        return "(" + fields.joined(separator: ", ") + ")"
    }

    /// The MIME bundle a cell shows for this value; native objects may add richer types.
    public var mimeBundle: MimeBundle {
        if case .native(let object) = self { return object.mimeBundle }
        return MimeBundle(plainText: repr)
    }
}
