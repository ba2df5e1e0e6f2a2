import Foundation

// Typed contents of the requests the core handles. Optional fields take the defaults the messaging
// spec gives; a missing required field is a decoding error, answered with an error reply.

public struct ExecuteRequest: Decodable, Sendable {
    public var code: String
    public var silent: Bool
    public var storeHistory: Bool
    public var allowStdin: Bool
    public var stopOnError: Bool
    public var userExpressions: [String: String]

    enum CodingKeys: String, CodingKey {
        case code, silent, storeHistory = "store_history", allowStdin = "allow_stdin"
        case stopOnError = "stop_on_error", userExpressions = "user_expressions"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decode(String.self, forKey: .code)
        silent = try container.decodeIfPresent(Bool.self, forKey: .silent) ?? false
        // A silent execution is never stored, whatever store_history says.
        let requestedHistory = try container.decodeIfPresent(Bool.self, forKey: .storeHistory) ?? true
        storeHistory = !silent && requestedHistory
        allowStdin = try container.decodeIfPresent(Bool.self, forKey: .allowStdin) ?? true
        stopOnError = try container.decodeIfPresent(Bool.self, forKey: .stopOnError) ?? true
        userExpressions = (try? container.decodeIfPresent([String: String].self, forKey: .userExpressions)) ?? [:]
    }
}

public struct CodeAtCursorRequest: Decodable, Sendable {
    public var code: String
    public var cursorPosition: Int
    public var detailLevel: Int

    enum CodingKeys: String, CodingKey { case code, cursorPosition = "cursor_pos", detailLevel = "detail_level" }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decode(String.self, forKey: .code)
        let scalarCount = code.unicodeScalars.count
        // Clients may omit the cursor (end of code) or send one past the end; clamp rather than trust it.
        let requested = try container.decodeIfPresent(Int.self, forKey: .cursorPosition) ?? scalarCount
        cursorPosition = min(max(requested, 0), scalarCount)
        detailLevel = try container.decodeIfPresent(Int.self, forKey: .detailLevel) ?? 0
    }
}

public struct IsCompleteRequest: Decodable, Sendable {
    public var code: String
}

public struct HistoryRequest: Decodable, Sendable {
    public enum AccessType: String, Decodable, Sendable { case range, tail, search }
    public var output: Bool
    public var raw: Bool
    public var accessType: AccessType
    public var session: Int
    public var start: Int
    public var stop: Int?
    public var count: Int?
    public var pattern: String
    public var unique: Bool

    enum CodingKeys: String, CodingKey {
        case output, raw, accessType = "hist_access_type", session, start, stop, count = "n", pattern, unique
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        output = try container.decodeIfPresent(Bool.self, forKey: .output) ?? false
        raw = try container.decodeIfPresent(Bool.self, forKey: .raw) ?? true
        accessType = try container.decode(AccessType.self, forKey: .accessType)
        session = (try? container.decodeIfPresent(Int.self, forKey: .session)) ?? 0
        start = (try? container.decodeIfPresent(Int.self, forKey: .start)) ?? 0
        stop = try? container.decodeIfPresent(Int.self, forKey: .stop)
        count = try? container.decodeIfPresent(Int.self, forKey: .count)
        pattern = (try? container.decodeIfPresent(String.self, forKey: .pattern)) ?? "*"
        unique = (try? container.decodeIfPresent(Bool.self, forKey: .unique)) ?? false
    }
}

public struct ShutdownRequest: Decodable, Sendable {
    public var restart: Bool
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        restart = try container.decodeIfPresent(Bool.self, forKey: .restart) ?? false
    }
    enum CodingKeys: String, CodingKey { case restart }
}

public struct CommOpen: Decodable, Sendable {
    public var commID: String
    public var targetName: String
    enum CodingKeys: String, CodingKey { case commID = "comm_id", targetName = "target_name" }
}

public struct InputReply: Decodable, Sendable {
    public var value: String
}
