import Foundation

/// The Jupyter protocol core: routes typed requests to handlers, brackets each with busy/idle,
/// counts executions, keeps history and talks to a `LanguageKernel`. It knows no sockets (the
/// transport is injected) and no language.
public final class Kernel: MessageHandler, @unchecked Sendable {
    public static let protocolVersion = "5.4"

    public let sessionID: String
    let language: LanguageKernel
    let transport: KernelTransport
    let history = History()
    let username: String
    /// Set by interrupts; execution waits (input) poll it. Cleared when an execution starts.
    let interruptFlag = LockedFlag()
    /// Executions so far that stored history: the `In[n]` counter. Touched by the shell thread only.
    var executionCount = 0

    public init(language: LanguageKernel, transport: KernelTransport, sessionID: String = UUID().uuidString) {
        self.language = language
        self.transport = transport
        self.sessionID = sessionID
        self.username = ProcessInfo.processInfo.environment["USER"] ?? "folio"
    }

    // MARK: MessageHandler

    /// Publishes nothing. The spec's one-off `starting` status races with the iopub welcome
    /// (JEP 65): a client that subscribes while the kernel starts would see `starting` before its
    /// `iopub_welcome`, and a subscriber can trust iopub only from the welcome on. Clients learn the
    /// kernel is up from `kernel_info_reply` and the welcome instead.
    public func didStart() {}

    public func iopubSubscribed(topic: String) {
        publish(.iopubWelcome, content: ["subscription": .string(topic)], parent: nil)
    }

    public func interrupt() {
        interruptFlag.set()
        language.interrupt()
    }

    public func handle(_ message: Message, on channel: Channel) {
        guard let type = MessageType(rawValue: message.messageType) else {
            log("ignoring message of unknown type '\(message.messageType)' on \(channel.rawValue)")
            return
        }
        publish(.status, content: ["execution_state": "busy"], parent: message)
        defer { publish(.status, content: ["execution_state": "idle"], parent: message) }
        let request = Request(message: message, channel: channel)
        if channel == .control && !Kernel.handledOnControl.contains(type) {
            replyError(to: request, type: type, name: "UnsupportedRequest",
                       value: "\(type.rawValue) is answered on the shell channel, not on control")
            return
        }
        dispatch(type, request)
    }

    /// Requests that never touch the language session, so they are safe on the control thread
    /// while the shell thread executes.
    static let handledOnControl: Set<MessageType> = [
        .kernelInfoRequest, .shutdownRequest, .interruptRequest, .historyRequest, .commInfoRequest,
        .connectRequest, .debugRequest,
    ]

    func dispatch(_ type: MessageType, _ message: Request) {
        switch type {
        case .executeRequest: decoded(ExecuteRequest.self, message, type) { handleExecute(message, $0) }
        case .completeRequest: decoded(CodeAtCursorRequest.self, message, type) { handleComplete(message, $0) }
        case .inspectRequest: decoded(CodeAtCursorRequest.self, message, type) { handleInspect(message, $0) }
        case .isCompleteRequest: decoded(IsCompleteRequest.self, message, type) { handleIsComplete(message, $0) }
        case .historyRequest: decoded(HistoryRequest.self, message, type) { handleHistory(message, $0) }
        case .shutdownRequest: decoded(ShutdownRequest.self, message, type) { handleShutdown(message, $0) }
        case .commOpen: decoded(CommOpen.self, message, type) { handleCommOpen(message, $0) }
        case .kernelInfoRequest: reply(to: message, type: .kernelInfoReply, content: kernelInfoContent())
        case .interruptRequest:
            interrupt()
            reply(to: message, type: .interruptReply, content: ["status": "ok"])
        case .commInfoRequest:
            reply(to: message, type: .commInfoReply, content: ["status": "ok", "comms": .emptyObject])
        case .connectRequest, .debugRequest:
            replyError(to: message, type: type, name: "UnsupportedRequest",
                       value: "Folio does not support \(type.rawValue)")
        case .commMessage, .commClose:
            break  // No comm targets exist, so no comm is open: nothing to deliver to.
        case .executeReply, .inspectReply, .completeReply, .historyReply, .isCompleteReply, .commInfoReply,
             .kernelInfoReply, .shutdownReply, .interruptReply, .connectReply, .debugReply, .status, .stream,
             .displayData, .updateDisplayData, .executeInput, .executeResult, .error, .clearOutput,
             .iopubWelcome, .inputRequest, .inputReply:
            log("ignoring \(type.rawValue): a kernel does not receive it as a request")
        }
    }

    /// Decodes a request's content, or answers with an error reply that names what was wrong.
    private func decoded<T: Decodable>(_ contentType: T.Type, _ message: Request, _ type: MessageType,
                                       then body: (T) -> Void) {
        do {
            body(try message.message.decodeContent(contentType))
        } catch {
            let reason = Kernel.describe(error)
            log("bad \(type.rawValue) content: \(reason)")
            replyError(to: message, type: type, name: "BadRequest", value: "invalid \(type.rawValue) content: \(reason)")
        }
    }

    static func describe(_ error: Error) -> String {
        guard let decoding = error as? DecodingError else { return String(describing: error) }
        switch decoding {
        case .keyNotFound(let key, _): return "missing field '\(key.stringValue)'"
        case .typeMismatch(let type, let context):
            return "field '\(context.codingPath.map(\.stringValue).joined(separator: "."))' is not \(type)"
        case .valueNotFound(_, let context):
            return "field '\(context.codingPath.map(\.stringValue).joined(separator: "."))' is null"
        case .dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? "content is not a JSON object" : "field '\(path)' is invalid"
        @unknown default: return String(describing: decoding)
        }
    }

    func log(_ text: String) {
        FileHandle.standardError.write(Data("folio: \(text)\n".utf8))
    }
}

/// A request together with the channel it arrived on, where its reply goes.
struct Request {
    let message: Message
    let channel: Channel
}

/// A boolean flag safe to set from any thread.
final class LockedFlag: @unchecked Sendable {
    private var value = false
    private let lock = NSLock()
    func set() { lock.withLock { value = true } }
    func clear() { lock.withLock { value = false } }
    var isSet: Bool { lock.withLock { value } }
}
