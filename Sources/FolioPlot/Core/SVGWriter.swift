import Foundation

/// Writes SVG 1.1 markup into a string, escaping every text and attribute value.
///
/// Attributes are an ordered list of pairs, never a dictionary, so output bytes do not depend
/// on hashing order: the same figure always gives the same SVG.
public struct SVGWriter {
    /// The markup written so far.
    public private(set) var output = ""

    public init() {}

    /// Opens an element: `<name a="v">`.
    public mutating func open(_ name: String, _ attributes: [(String, String)] = []) {
        output += "<" + name
        appendAttributes(attributes)
        output += ">"
    }

    /// Closes an element opened with `open`.
    public mutating func close(_ name: String) {
        output += "</" + name + ">"
    }

    /// Writes a self-closing element: `<name a="v"/>`.
    public mutating func element(_ name: String, _ attributes: [(String, String)]) {
        output += "<" + name
        appendAttributes(attributes)
        output += "/>"
    }

    /// Writes a `<text>` element whose content is escaped.
    public mutating func text(_ content: String, _ attributes: [(String, String)]) {
        open("text", attributes)
        output += SVGWriter.escape(content)
        close("text")
    }

    /// Starts a new line; used between top-level groups so diffs of goldens stay readable.
    public mutating func newline() {
        output += "\n"
    }

    /// Appends trusted markup (only the writer's own callers build it from escaped parts).
    mutating func appendRaw(_ markup: String) {
        output += markup
    }

    private mutating func appendAttributes(_ attributes: [(String, String)]) {
        for (key, value) in attributes {
            output += " " + key + "=\"" + SVGWriter.escape(value) + "\""
        }
    }

    /// Escapes the five XML special characters and drops control characters XML 1.0 forbids.
    public static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            case "\t", "\n", "\r": escaped.unicodeScalars.append(scalar)
            default:
                // XML 1.0 has no way to encode other C0 controls, even as references.
                if scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return escaped
    }
}
