import Foundation

/// The four socket channels a kernel answers on (the heartbeat is handled entirely by the wire).
public enum Channel: String, Sendable, CaseIterable {
    case shell, control, stdin, iopub
}

/// A message header as the Jupyter messaging spec defines it.
public struct Header: Codable, Equatable, Sendable {
    public var messageID: String
    public var session: String
    public var username: String
    public var date: String
    public var messageType: String
    public var version: String

    enum CodingKeys: String, CodingKey {
        case messageID = "msg_id", session, username, date, messageType = "msg_type", version
    }

    public init(messageID: String, session: String, username: String, date: String, messageType: String,
                version: String) {
        self.messageID = messageID
        self.session = session
        self.username = username
        self.date = date
        self.messageType = messageType
        self.version = version
    }

    /// Headers from clients must name an id and a type; the rest is filled in when missing.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        messageID = try container.decode(String.self, forKey: .messageID)
        messageType = try container.decode(String.self, forKey: .messageType)
        session = (try? container.decodeIfPresent(String.self, forKey: .session)) ?? ""
        username = (try? container.decodeIfPresent(String.self, forKey: .username)) ?? ""
        date = (try? container.decodeIfPresent(String.self, forKey: .date)) ?? ""
        version = (try? container.decodeIfPresent(String.self, forKey: .version)) ?? ""
    }
}

/// One Jupyter message. The JSON parts other than the header stay as the exact bytes received or
/// to be sent, so signing covers exactly what travels and content is decoded once, into a typed struct.
public struct Message: Sendable {
    /// ZeroMQ routing identities (ROUTER sockets) or the topic (iopub).
    public var identities: [Data]
    public var header: Header
    public var parentHeader: Data
    public var metadata: Data
    public var content: Data
    public var buffers: [Data]

    public init(identities: [Data], header: Header, parentHeader: Data, metadata: Data, content: Data,
                buffers: [Data] = []) {
        self.identities = identities
        self.header = header
        self.parentHeader = parentHeader
        self.metadata = metadata
        self.content = content
        self.buffers = buffers
    }

    public var messageType: String { header.messageType }

    /// Decodes the content as `type`; a missing or ill-typed field throws a `DecodingError`.
    public func decodeContent<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONCoding.decode(type, from: content)
    }
}

/// Formats message dates as ISO 8601 with microseconds in UTC, as jupyter_client writes them.
public enum MessageDate {
    public static func now() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        var seconds = spec.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        // Every message carries a date: digits are written directly, not through String(format:).
        var text: [UInt8] = []
        text.reserveCapacity(27)
        append(Int(parts.tm_year) + 1900, width: 4, to: &text, then: "-")
        append(Int(parts.tm_mon) + 1, width: 2, to: &text, then: "-")
        append(Int(parts.tm_mday), width: 2, to: &text, then: "T")
        append(Int(parts.tm_hour), width: 2, to: &text, then: ":")
        append(Int(parts.tm_min), width: 2, to: &text, then: ":")
        append(Int(parts.tm_sec), width: 2, to: &text, then: ".")
        append(Int(spec.tv_nsec / 1000), width: 6, to: &text, then: "Z")
        return String(decoding: text, as: UTF8.self)
    }

    private static func append(_ value: Int, width: Int, to text: inout [UInt8], then separator: Unicode.Scalar) {
        var digits = [UInt8](repeating: UInt8(ascii: "0"), count: width)
        var remaining = max(value, 0)
        for index in stride(from: width - 1, through: 0, by: -1) {
            digits[index] = UInt8(ascii: "0") + UInt8(remaining % 10)
            remaining /= 10
        }
        text.append(contentsOf: digits)
        text.append(UInt8(ascii: separator))
    }
}
