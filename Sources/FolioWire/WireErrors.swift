import Foundation

/// Why a connection file could not be used; the CLI prints the description and exits 1.
public enum ConnectionError: Error, Equatable, CustomStringConvertible {
    case unreadableFile(path: String, reason: String)
    case invalidFile(path: String, reason: String)
    case unsupportedSignatureScheme(String)
    case unsupportedTransport(String)
    case invalidPort(name: String, value: Int)

    public var description: String {
        switch self {
        case .unreadableFile(let path, let reason):
            return "cannot read connection file \(path): \(reason)"
        case .invalidFile(let path, let reason):
            return "connection file \(path) is not valid: \(reason)"
        case .unsupportedSignatureScheme(let scheme):
            return "unsupported signature_scheme \"\(scheme)\": only hmac-sha256 is supported"
        case .unsupportedTransport(let transport):
            return "unsupported transport \"\(transport)\": expected tcp or ipc"
        case .invalidPort(let name, let value):
            return "\(name) \(value) is not a port number (0-65535)"
        }
    }
}

/// A ZeroMQ call that failed while setting up or tearing down sockets.
public struct SocketError: Error, Equatable, CustomStringConvertible {
    /// What was being done, e.g. `bind tcp://127.0.0.1:5555`.
    public var operation: String
    /// libzmq's `zmq_strerror` text.
    public var reason: String

    public var description: String { "zmq \(operation) failed: \(reason)" }
}

/// Why a received multipart message was dropped. Parsing never traps on wire input.
enum FrameError: Error, Equatable, CustomStringConvertible {
    case missingDelimiter
    case tooFewFrames(afterDelimiter: Int)
    case badSignature
    case invalidHeader(String)

    var description: String {
        switch self {
        case .missingDelimiter:
            return "no <IDS|MSG> delimiter frame"
        case .tooFewFrames(let count):
            return "\(count) frames after <IDS|MSG>, expected at least 5 (signature, header, parent_header, metadata, content)"
        case .badSignature:
            return "signature does not match (wrong key or tampered message)"
        case .invalidHeader(let reason):
            return "header is not a valid message header: \(reason)"
        }
    }
}

/// One line on stderr, prefixed so it is recognisable among a frontend's logs.
func logWire(_ text: String) {
    FileHandle.standardError.write(Data("folio: \(text)\n".utf8))
}
