import FolioRuntime

/// Builtins that inspect and convert values: `type`, `str`, `len`, `int`, `float`.
enum ConversionBuiltins {
    static let all: [BuiltinFunction] = [type, str, len, int, float]

    static let type = BuiltinFunction(
        "type", [Parameter("value")],
        doc: DocEntry("The name of a value's type, as a String.", example: "type(1.5)   // \"Double\"")
    ) { arguments, _ in
        .string(arguments.value(0).typeName)
    }

    static let str = BuiltinFunction(
        "str", [Parameter("value")],
        doc: DocEntry("The value as text, as print shows it.", example: "str(42) + \"!\"   // \"42!\"")
    ) { arguments, _ in
        .string(arguments.value(0).description)
    }

    static let len = BuiltinFunction(
        "len", [Parameter("value")],
        doc: DocEntry("The number of elements of an array, dictionary, range or record, or of characters of a string.",
                      example: "len([1, 2, 3])   // 3")
    ) { arguments, _ in
        let value = arguments.value(0)
        switch value {
        case .array(let elements): return .int(elements.count)
        case .string(let text): return .int(text.count)
        case .dictionary(let dictionary): return .int(dictionary.count)
        case .range(let range): return .int(range.count)
        case .record(let record): return .int(record.values.count)
        case .native(let object):
            if let elements = try object.elements() { return .int(elements.count) }
        default: break
        }
        throw arguments.typeError(0, expected: "a collection or String", got: value)
    }

    static let int = BuiltinFunction(
        "int", [Parameter("value")],
        doc: DocEntry("Converts to Int: Doubles are truncated toward zero, Strings parsed, Bools are 0 or 1.",
                      example: "int(3.9)   // 3")
    ) { arguments, _ in
        let value = arguments.value(0)
        switch value {
        case .int: return value
        case .bool(let flag): return .int(flag ? 1 : 0)
        case .double(let number):
            guard let converted = Int(exactly: number.rounded(.towardZero)) else {
                throw FolioError(.ValueError, "int(): \(Value.format(number)) cannot be converted to Int")
            }
            return .int(converted)
        case .string(let text):
            let trimmed = text.trimmingWhitespace()
            guard let converted = Int(trimmed) else { throw FolioError(.ValueError, "int(): \(value.repr) is not an integer") }
            return .int(converted)
        default:
            throw arguments.typeError(0, expected: "a number, Bool or String", got: value)
        }
    }

    static let float = BuiltinFunction(
        "float", [Parameter("value")],
        doc: DocEntry("Converts to Double: Ints exactly when they fit, Strings parsed.", example: "float(\"2.5\")   // 2.5")
    ) { arguments, _ in
        let value = arguments.value(0)
        switch value {
        case .double: return value
        case .int(let integer): return .double(Double(integer))
        case .bool(let flag): return .double(flag ? 1 : 0)
        case .string(let text):
            guard let converted = Double(text.trimmingWhitespace()) else {
                throw FolioError(.ValueError, "float(): \(value.repr) is not a number")
            }
            return .double(converted)
        default:
            throw arguments.typeError(0, expected: "a number, Bool or String", got: value)
        }
    }
}

extension String {
    /// Trims spaces, tabs and line breaks from both ends (without Foundation).
    func trimmingWhitespace() -> String {
        let whitespace: Set<Character> = [" ", "\t", "\n", "\r"]
        var slice = Substring(self)
        while let first = slice.first, whitespace.contains(first) { slice.removeFirst() }
        while let last = slice.last, whitespace.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
