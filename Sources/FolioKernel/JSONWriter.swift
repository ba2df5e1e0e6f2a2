import Foundation

/// Writes a `JSONValue` as compact JSON with sorted keys. Every message sends four JSON parts, so
/// this direct writer replaces `JSONEncoder` (generic Codable machinery) on the hot path; the
/// output is what `JSONEncoder` with `.sortedKeys` and `.withoutEscapingSlashes` would accept back.
enum JSONWriter {
    static func data(_ value: JSONValue) -> Data {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256)
        write(value, to: &bytes)
        return Data(bytes)
    }

    private static func write(_ value: JSONValue, to bytes: inout [UInt8]) {
        switch value {
        case .null: bytes.append(contentsOf: Array("null".utf8))
        case .bool(let flag): bytes.append(contentsOf: Array((flag ? "true" : "false").utf8))
        case .int(let number): bytes.append(contentsOf: Array(String(number).utf8))
        case .double(let number):
            // JSON has no NaN or infinity: they travel as null, as in JSONValue's Codable form.
            let text = number.isFinite ? String(number) : "null"
            bytes.append(contentsOf: Array(text.utf8))
        case .string(let text): writeString(text, to: &bytes)
        case .array(let items):
            bytes.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                write(item, to: &bytes)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            bytes.append(UInt8(ascii: "{"))
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                writeString(key, to: &bytes)
                bytes.append(UInt8(ascii: ":"))
                if let member = members[key] { write(member, to: &bytes) }
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    private static func writeString(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x00..<0x20: bytes.append(contentsOf: Array(String(format: "\\u%04x", Int(byte)).utf8))
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

extension JSONCoding {
    /// JSON of a free-form value, written directly (see `JSONWriter`).
    public static func encode(_ value: JSONValue) -> Data {
        JSONWriter.data(value)
    }

    /// JSON of a message header, written directly (see `JSONWriter`).
    public static func encode(_ header: Header) -> Data {
        JSONWriter.data([
            "msg_id": .string(header.messageID), "session": .string(header.session),
            "username": .string(header.username), "date": .string(header.date),
            "msg_type": .string(header.messageType), "version": .string(header.version),
        ])
    }
}
