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
        var writer = ReprWriter()
        writer.write(self)
        return writer.text
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

    /// The MIME bundle a cell shows for this value; native objects may add richer types.
    public var mimeBundle: MimeBundle {
        if case .native(let object) = self { return object.mimeBundle }
        if let table = RecordTable.html(for: self) { return MimeBundle(data: ["text/plain": repr, "text/html": table]) }
        return MimeBundle(plainText: repr)
    }
}
