import FolioKernel
@testable import FolioWire
import Foundation

/// A tiny protocol core for socket tests: answers every request with `<type>_reply` on the same
/// channel, welcomes iopub subscribers, and stops on `shutdown_request`.
final class ReplyingHandler: MessageHandler, @unchecked Sendable {
    let transport: KernelTransport
    private let lock = NSLock()
    private var counts: [String: Int] = [:]

    init(transport: KernelTransport) { self.transport = transport }

    func count(_ event: String) -> Int {
        lock.lock()
        defer { lock.unlock() }
        return counts[event, default: 0]
    }

    private func record(_ event: String) {
        lock.lock()
        counts[event, default: 0] += 1
        lock.unlock()
    }

    func handle(_ message: Message, on channel: Channel) {
        record("\(channel)")
        let type = message.messageType.replacingOccurrences(of: "_request", with: "_reply")
        transport.send(Message(identities: message.identities, header: makeHeader(type),
                               parentHeader: JSONCoding.encode(message.header), metadata: Data("{}".utf8),
                               content: replyContent(to: message, on: channel)), on: channel)
        if message.messageType == "shutdown_request" { transport.stop() }
    }

    /// Request types that exercise one transport feature each; anything else gets `status: ok`.
    private func replyContent(to message: Message, on channel: Channel) -> Data {
        switch message.messageType {
        case "hang_request":
            // An execution that ignores the stop request for longer than the grace period.
            Thread.sleep(forTimeInterval: 10)
        case "input_test_request":
            transport.send(Message(identities: message.identities, header: makeHeader("input_request"),
                                   parentHeader: JSONCoding.encode(message.header), metadata: Data("{}".utf8),
                                   content: Data(#"{"prompt":"? ","password":false}"#.utf8)), on: .stdin)
            return transport.receiveStdin(timeout: 5)?.content ?? Data(#"{"status":"no input"}"#.utf8)
        case "drain_request":
            Thread.sleep(forTimeInterval: 0.5)
            let pending = transport.takePendingShellMessages().map(\.messageType)
            return JSONCoding.encode(["pending": pending])
        case "stack_request":
            return JSONCoding.encode(["stack": currentThreadStackSize()])
        default:
            break
        }
        return Data(#"{"status":"ok","channel":"\#(channel.rawValue)"}"#.utf8)
    }

    func iopubSubscribed(topic: String) {
        record("subscribed")
        transport.send(Message(identities: [Data()], header: makeHeader("iopub_welcome"), parentHeader: Data("{}".utf8),
                               metadata: Data("{}".utf8), content: Data(#"{"subscription":"\#(topic)"}"#.utf8)),
                       on: .iopub)
    }

    func interrupt() { record("interrupt") }
    func didStart() { record("started") }
}

func makeHeader(_ type: String, session: String = "test-session") -> Header {
    Header(messageID: UUID().uuidString, session: session, username: "test", date: MessageDate.now(),
           messageType: type, version: "5.3")
}

/// Free TCP ports on 127.0.0.1, found by binding port 0 (all held open together so they differ).
func freePorts(_ count: Int) -> [Int] {
    var descriptors: [Int32] = []
    defer { descriptors.forEach { close($0) } }
    return (0..<count).map { _ in
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        descriptors.append(descriptor)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                _ = bind(descriptor, raw, length)
                _ = getsockname(descriptor, raw, &length)
            }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// The stack size the running thread was actually created with. `pthread_getattr_np` is a GNU
/// extension that the Glibc module does not export, hence the look-up by name.
func currentThreadStackSize() -> Int {
    typealias GetAttributes = @convention(c) (pthread_t, UnsafeMutablePointer<pthread_attr_t>) -> Int32
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "pthread_getattr_np") else { return -1 }
    let getAttributes = unsafeBitCast(symbol, to: GetAttributes.self)
    var attributes = pthread_attr_t()
    guard getAttributes(pthread_self(), &attributes) == 0 else { return -1 }
    defer { pthread_attr_destroy(&attributes) }
    var size = 0
    pthread_attr_getstacksize(&attributes, &size)
    return size
}
