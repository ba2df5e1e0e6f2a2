import FolioKernel
import Foundation

/// A transport that records what the core sends and feeds it queued stdin and shell messages,
/// so the protocol core is tested without sockets (as xeus tests against a mock server).
final class InMemoryTransport: KernelTransport, @unchecked Sendable {
    struct Sent {
        var channel: Channel
        var message: Message
        var type: String { message.messageType }
        var content: [String: Any] {
            (try? JSONSerialization.jsonObject(with: message.content)) as? [String: Any] ?? [:]
        }
        var parentID: String? {
            let parent = (try? JSONSerialization.jsonObject(with: message.parentHeader)) as? [String: Any]
            return parent?["msg_id"] as? String
        }
    }

    private let lock = NSLock()
    private var sentMessages: [Sent] = []
    var stdinQueue: [Message] = []
    var pendingShell: [Message] = []
    private(set) var stopped = false
    /// Called when an input_request is sent, to simulate the frontend answering.
    var onInputRequest: ((Message) -> Message?)?

    var sent: [Sent] { lock.withLock { sentMessages } }

    func send(_ message: Message, on channel: Channel) {
        lock.withLock { sentMessages.append(Sent(channel: channel, message: message)) }
        if channel == .stdin, let answer = onInputRequest?(message) {
            lock.withLock { stdinQueue.append(answer) }
        }
    }

    func receiveStdin(timeout: Double) -> Message? {
        let next: Message? = lock.withLock { stdinQueue.isEmpty ? nil : stdinQueue.removeFirst() }
        if next == nil { Thread.sleep(forTimeInterval: min(timeout, 0.01)) }
        return next
    }

    func takePendingShellMessages() -> [Message] {
        lock.withLock {
            defer { pendingShell = [] }
            return pendingShell
        }
    }

    func stop() { lock.withLock { stopped = true } }

    func clear() { lock.withLock { sentMessages = [] } }
}

/// Builds client messages the way jupyter_client would.
enum ClientMessage {
    static func make(_ type: String, _ content: [String: Any], id: String = UUID().uuidString,
                     identity: String = "client-1") -> Message {
        let header = Header(messageID: id, session: "client-session", username: "tester",
                            date: "2026-11-29T00:00:00.000000Z", messageType: type, version: "5.3")
        let body = (try? JSONSerialization.data(withJSONObject: content)) ?? Data("{}".utf8)
        return Message(identities: [Data(identity.utf8)], header: header, parentHeader: Data("{}".utf8),
                       metadata: Data("{}".utf8), content: body)
    }

    static func execute(_ code: String, silent: Bool = false, storeHistory: Bool = true,
                        allowStdin: Bool = true, stopOnError: Bool = true, id: String = UUID().uuidString) -> Message {
        make("execute_request", ["code": code, "silent": silent, "store_history": storeHistory,
                                 "allow_stdin": allowStdin, "stop_on_error": stopOnError, "user_expressions": [:]],
             id: id)
    }
}
