import Foundation

/// The contents of a Jupyter connection file, as jupyter_client writes it.
public struct ConnectionInfo: Decodable, Equatable, Sendable {
    /// `tcp` or `ipc`.
    public var transport: String
    /// An IP address for tcp; a path prefix for ipc.
    public var ip: String
    public var shellPort: Int
    public var iopubPort: Int
    public var stdinPort: Int
    public var controlPort: Int
    public var heartbeatPort: Int
    /// The HMAC key; empty means messages are neither signed nor checked.
    public var key: String
    public var signatureScheme: String
    public var kernelName: String?

    enum CodingKeys: String, CodingKey {
        case transport, ip, key
        case shellPort = "shell_port", iopubPort = "iopub_port", stdinPort = "stdin_port"
        case controlPort = "control_port", heartbeatPort = "hb_port"
        case signatureScheme = "signature_scheme", kernelName = "kernel_name"
    }

    public init(transport: String = "tcp", ip: String, shellPort: Int, iopubPort: Int, stdinPort: Int,
                controlPort: Int, heartbeatPort: Int, key: String, signatureScheme: String = "hmac-sha256",
                kernelName: String? = nil) {
        self.transport = transport
        self.ip = ip
        self.shellPort = shellPort
        self.iopubPort = iopubPort
        self.stdinPort = stdinPort
        self.controlPort = controlPort
        self.heartbeatPort = heartbeatPort
        self.key = key
        self.signatureScheme = signatureScheme
        self.kernelName = kernelName
    }

    /// Decodes a connection file. As jupyter_client's `load_connection_info`, a missing `transport`
    /// means tcp, a missing `ip` means 127.0.0.1 and a missing `signature_scheme` means hmac-sha256;
    /// the key and the ports have no sensible default and are required.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        transport = try container.decodeIfPresent(String.self, forKey: .transport) ?? "tcp"
        ip = try container.decodeIfPresent(String.self, forKey: .ip) ?? "127.0.0.1"
        shellPort = try container.decode(Int.self, forKey: .shellPort)
        iopubPort = try container.decode(Int.self, forKey: .iopubPort)
        stdinPort = try container.decode(Int.self, forKey: .stdinPort)
        controlPort = try container.decode(Int.self, forKey: .controlPort)
        heartbeatPort = try container.decode(Int.self, forKey: .heartbeatPort)
        key = try container.decode(String.self, forKey: .key)
        signatureScheme = try container.decodeIfPresent(String.self, forKey: .signatureScheme) ?? "hmac-sha256"
        kernelName = try container.decodeIfPresent(String.self, forKey: .kernelName)
    }

    /// Reads, decodes and validates a connection file.
    public static func load(from path: String) throws -> ConnectionInfo {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "permission denied or not a file"
                                                                       : "no such file"
            throw ConnectionError.unreadableFile(path: path, reason: reason)
        }
        return try decode(data, path: path)
    }

    /// Decodes and validates connection-file JSON; `path` only names the source in errors.
    public static func decode(_ data: Data, path: String = "<data>") throws -> ConnectionInfo {
        let info: ConnectionInfo
        do {
            info = try JSONDecoder().decode(ConnectionInfo.self, from: data)
        } catch let error as DecodingError {
            throw ConnectionError.invalidFile(path: path, reason: describe(error))
        }
        try info.validate()
        return info
    }

    /// Refuses what this kernel cannot honour, so start-up fails with a clear message.
    public func validate() throws {
        guard signatureScheme == "hmac-sha256" else {
            throw ConnectionError.unsupportedSignatureScheme(signatureScheme)
        }
        guard transport == "tcp" || transport == "ipc" else {
            throw ConnectionError.unsupportedTransport(transport)
        }
        let ports = [("shell_port", shellPort), ("iopub_port", iopubPort), ("stdin_port", stdinPort),
                     ("control_port", controlPort), ("hb_port", heartbeatPort)]
        for (name, value) in ports where !(0...65535).contains(value) {
            throw ConnectionError.invalidPort(name: name, value: value)
        }
    }

    /// ZeroMQ endpoints named exactly as jupyter_client names them.
    public func endpoint(port: Int) -> String {
        transport == "ipc" ? "ipc://\(ip)-\(port)" : "tcp://\(ip):\(port)"
    }

    public var shellEndpoint: String { endpoint(port: shellPort) }
    public var iopubEndpoint: String { endpoint(port: iopubPort) }
    public var stdinEndpoint: String { endpoint(port: stdinPort) }
    public var controlEndpoint: String { endpoint(port: controlPort) }
    public var heartbeatEndpoint: String { endpoint(port: heartbeatPort) }

    /// Turns a decoding error into one sentence naming the offending field.
    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _):
            return "missing field \"\(key.stringValue)\""
        case .typeMismatch(let type, let context):
            return "field \"\(fieldPath(context))\" should be \(type)"
        case .valueNotFound(let type, let context):
            return "field \"\(fieldPath(context))\" is null, expected \(type)"
        case .dataCorrupted(let context):
            let underlying = context.underlyingError.map { " (\($0.localizedDescription))" } ?? ""
            return "not valid JSON\(underlying)"
        @unknown default:
            return "\(error)"
        }
    }

    private static func fieldPath(_ context: DecodingError.Context) -> String {
        context.codingPath.map(\.stringValue).joined(separator: ".")
    }
}
