import FolioRuntime

/// Properties and non-mutating methods of the builtin types (`xs.count`, `s.split(",")`,
/// `xs.map { }`). In-place methods such as `append` are in `MutatingMethods`.
enum BuiltinMethods {
    static func method(_ name: String, of receiver: Value) -> Value? {
        switch receiver {
        case .array(let elements): return arrayMember(name, elements)
        case .string(let text): return StringMethods.member(name, text)
        case .dictionary(let dictionary): return dictionaryMember(name, dictionary)
        case .range(let range): return rangeMember(name, range)
        default: return nil
        }
    }

    static func names(for receiver: Value) -> [String] {
        switch receiver {
        case .array: return arrayNames + Array(MutatingMethods.names)
        case .string: return StringMethods.names
        case .dictionary: return ["count", "isEmpty", "keys", "values", "get", "contains", "enumerated"] + ["pop", "remove", "clear"]
        case .range: return ["count", "enumerated"]
        default: return []
        }
    }

    static let arrayNames = ["count", "isEmpty", "first", "last", "contains", "index", "map", "filter", "reduce",
                             "sorted", "reversed", "joined", "sum", "min", "max", "enumerated"]

    /// A method value bound to its receiver.
    static func bound(_ name: String, _ parameters: [Parameter], _ summary: String,
                      _ body: @escaping BuiltinFunction.Body) -> Value {
        .function(BuiltinFunction(name, parameters, doc: DocEntry(summary), body: body))
    }

    private static func arrayMember(_ name: String, _ elements: [Value]) -> Value? {
        switch name {
        case "count": return .int(elements.count)
        case "isEmpty": return .bool(elements.isEmpty)
        case "first": return elements.first ?? .none
        case "last": return elements.last ?? .none
        case "contains":
            return bound(name, [Parameter("element")], "Whether the array contains the element.") { arguments, _ in
                .bool(elements.contains(arguments.value(0)))
            }
        case "index":
            return bound(name, [Parameter("of", .labelled)], "The first index of the element, or nil.") { arguments, _ in
                elements.firstIndex(of: arguments.value(0)).map { .int($0) } ?? .none
            }
        case "joined":
            return bound(name, [Parameter("separator", .labelled, defaultText: "\"\"")], "The elements as text, joined.") { arguments, _ in
                .string(elements.map(\.description).joined(separator: try arguments.string(0, default: "")))
            }
        case "map", "filter", "reduce", "sorted", "reversed", "sum", "min", "max":
            return delegating(name, receiver: .array(elements))
        case "enumerated": return enumerated(.array(elements))
        default: return nil
        }
    }

    /// `xs.map(f)` is `map(xs, f)`: the method forwards to the free builtin (`builtinName`, by
    /// default the method's own name) with the receiver first.
    static func delegating(_ name: String, to builtinName: String? = nil, receiver: Value) -> Value? {
        let target = builtinName ?? name
        guard let builtin = BuiltinLibrary.functions.first(where: { $0.name == target }) else { return nil }
        let parameters = Array(builtin.parameters.dropFirst())
        let summary = builtin.doc?.summary ?? ""
        return bound(name, parameters, summary) { arguments, context in
            var positional = [receiver]
            var labels: [String] = []
            var labelled: [Value] = []
            for (index, parameter) in parameters.enumerated() {
                guard let value = arguments[index] else { continue }
                if parameter.style == .labelled {
                    labels.append(parameter.name)
                    labelled.append(value)
                } else {
                    positional.append(value)
                }
            }
            positional += arguments.variadic
            return try builtin.call(Arguments(positional: positional, labels: labels, labelled: labelled), context: context)
        }
    }

    /// `xs.enumerated()` is `enumerate(xs)`, Swift's spelling of Python's builtin, on every
    /// builtin sequence type that has methods (arrays, strings, dictionaries, ranges).
    static func enumerated(_ receiver: Value) -> Value? {
        delegating("enumerated", to: "enumerate", receiver: receiver)
    }

    private static func rangeMember(_ name: String, _ range: FolioRange) -> Value? {
        switch name {
        case "count": return .int(range.count)
        case "enumerated": return enumerated(.range(range))
        default: return nil
        }
    }

    private static func dictionaryMember(_ name: String, _ dictionary: FolioDictionary) -> Value? {
        switch name {
        case "count": return .int(dictionary.count)
        case "isEmpty": return .bool(dictionary.count == 0)
        case "keys": return .array(dictionary.keys)
        case "values": return .array(dictionary.values)
        case "enumerated": return enumerated(.dictionary(dictionary))
        case "contains":
            return bound(name, [Parameter("key")], "Whether the dictionary has the key.") { arguments, _ in
                .bool(dictionary[try DictionaryKey(arguments.value(0))] != nil)
            }
        case "get":
            return bound(name, [Parameter("key"), Parameter("default", defaultText: "nil")],
                         "The value for the key, or the default.") { arguments, _ in
                dictionary[try DictionaryKey(arguments.value(0))] ?? arguments[1] ?? .none
            }
        default: return nil
        }
    }
}
