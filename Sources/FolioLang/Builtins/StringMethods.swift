import FolioRuntime

/// The methods of strings.
enum StringMethods {
    static let names = ["count", "isEmpty", "split", "join", "upper", "lower", "contains", "hasPrefix", "hasSuffix",
                        "replace", "strip", "characters", "enumerated"]

    static func member(_ name: String, _ text: String) -> Value? {
        switch name {
        case "count": return .int(text.count)
        case "isEmpty": return .bool(text.isEmpty)
        case "characters": return .array(text.map { .string(String($0)) })
        case "upper": return BuiltinMethods.bound(name, [], "The text in upper case.") { _, _ in .string(text.uppercased()) }
        case "lower": return BuiltinMethods.bound(name, [], "The text in lower case.") { _, _ in .string(text.lowercased()) }
        case "strip":
            return BuiltinMethods.bound(name, [], "The text without leading and trailing whitespace.") { _, _ in
                .string(text.trimmingWhitespace())
            }
        case "split": return split(text)
        case "join":
            return BuiltinMethods.bound(name, [Parameter("elements")], "The elements as text, separated by this string.") { arguments, _ in
                .string(try Sequences.require(arguments.value(0), for: "join").map(\.description).joined(separator: text))
            }
        case "contains", "hasPrefix", "hasSuffix": return test(name, text)
        case "enumerated": return BuiltinMethods.enumerated(.string(text))
        case "replace":
            return BuiltinMethods.bound(name, [Parameter("old"), Parameter("new")], "The text with every `old` replaced by `new`.") { arguments, _ in
                let old = try arguments.string(0, default: "")
                guard !old.isEmpty else { throw FolioError(.ValueError, "replace(): the text to replace is empty") }
                return .string(text.split(separator: old, omittingEmptySubsequences: false)
                    .joined(separator: try arguments.string(1, default: "")))
            }
        default: return nil
        }
    }

    private static func split(_ text: String) -> Value {
        BuiltinMethods.bound("split", [Parameter("separator", defaultText: "nil")],
                             "The pieces between separators; without one, splits on runs of whitespace.") { arguments, _ in
            if let separator = arguments[0], !separator.isNone {
                let separatorText = try arguments.string(0, default: " ")
                guard !separatorText.isEmpty else { throw FolioError(.ValueError, "split(): the separator is empty") }
                return .array(text.split(separator: separatorText, omittingEmptySubsequences: false).map { .string(String($0)) })
            }
            return .array(text.split(whereSeparator: { $0.isWhitespace }).map { .string(String($0)) })
        }
    }

    private static func test(_ name: String, _ text: String) -> Value {
        BuiltinMethods.bound(name, [Parameter("other")], "Whether the text \(name == "contains" ? "contains" : name == "hasPrefix" ? "starts with" : "ends with") the other.") { arguments, _ in
            let other = try arguments.string(0, default: "")
            switch name {
            case "contains": return .bool(other.isEmpty || text.contains(other))
            case "hasPrefix": return .bool(text.hasPrefix(other))
            default: return .bool(text.hasSuffix(other))
            }
        }
    }
}
