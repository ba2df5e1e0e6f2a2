import CZeroMQ
import Foundation

/// A ZeroMQ context: owns every socket's I/O threads. The only other file-level use of libzmq is
/// `ZMQSocket` below; both live here so that `CZeroMQ` is imported from this file only.
final class ZMQContext: @unchecked Sendable {
    private let handle: UnsafeMutableRawPointer

    init() throws(SocketError) {
        guard let handle = zmq_ctx_new() else { throw ZMQSocket.lastError("context") }
        self.handle = handle
    }

    /// Makes blocking calls (the heartbeat proxy) return with ETERM; sockets must still be closed.
    func shutdown() {
        zmq_ctx_shutdown(handle)
    }

    /// Waits until every socket is closed and their pending messages are sent or their linger expired.
    func terminate() {
        while zmq_ctx_term(handle) != 0 && zmq_errno() == EINTR {}
    }

    fileprivate func makeSocket(_ type: Int32) -> UnsafeMutableRawPointer? {
        zmq_socket(handle, type)
    }
}

/// A thin, thread-safe wrapper over one libzmq socket.
///
/// libzmq sockets must not be used from two threads at once, so every call takes the socket's lock.
/// Waiting for input does not hold the lock (it polls the socket's notification descriptor), so a
/// thread that is waiting never delays another thread that sends.
final class ZMQSocket: @unchecked Sendable {
    enum Kind {
        case router, dealer, xpub, sub, rep, req

        fileprivate var zmqType: Int32 {
            switch self {
            case .router: return ZMQ_ROUTER
            case .dealer: return ZMQ_DEALER
            case .xpub: return ZMQ_XPUB
            case .sub: return ZMQ_SUB
            case .rep: return ZMQ_REP
            case .req: return ZMQ_REQ
            }
        }
    }

    private var handle: UnsafeMutableRawPointer?
    private let lock = NSLock()
    private let kind: Kind

    init(context: ZMQContext, kind: Kind) throws(SocketError) {
        guard let handle = context.makeSocket(kind.zmqType) else { throw Self.lastError("socket \(kind)") }
        self.handle = handle
        self.kind = kind
        // Oversized messages are read whole and then fail the signature check, instead of making
        // libzmq drop the peer's connection: no size limit.
        setOption(ZMQ_MAXMSGSIZE, Int64(-1))
    }

    deinit {
        close(lingerMilliseconds: 0)
    }

    func bind(_ endpoint: String) throws(SocketError) {
        let status = withHandle { zmq_bind($0, endpoint) } ?? -1
        if status != 0 { throw Self.lastError("bind \(endpoint)") }
    }

    func connect(_ endpoint: String) throws(SocketError) {
        let status = withHandle { zmq_connect($0, endpoint) } ?? -1
        if status != 0 { throw Self.lastError("connect \(endpoint)") }
    }

    // MARK: Options

    func setLinger(milliseconds: Int32) { setOption(ZMQ_LINGER, milliseconds) }
    /// XPUB: report every subscription, even repeated ones, so each new client gets a welcome.
    func setVerbose() { setOption(ZMQ_XPUB_VERBOSE, Int32(1)) }
    /// ROUTER: a client reconnecting with the same identity takes over the old connection.
    func setHandover() { setOption(ZMQ_ROUTER_HANDOVER, Int32(1)) }
    func setRoutingID(_ identity: Data) { setOption(ZMQ_ROUTING_ID, bytes: identity) }
    func subscribe(_ prefix: Data) { setOption(ZMQ_SUBSCRIBE, bytes: prefix) }

    private func setOption(_ option: Int32, _ value: Int32) {
        var value = value
        _ = withHandle { zmq_setsockopt($0, option, &value, MemoryLayout<Int32>.size) }
    }

    private func setOption(_ option: Int32, _ value: Int64) {
        var value = value
        _ = withHandle { zmq_setsockopt($0, option, &value, MemoryLayout<Int64>.size) }
    }

    private func setOption(_ option: Int32, bytes: Data) {
        _ = withHandle { socket in
            bytes.withUnsafeBytes { zmq_setsockopt(socket, option, $0.baseAddress, bytes.count) }
        }
    }

    // MARK: Sending and receiving

    /// Sends one multipart message; false if the socket is closed or libzmq refused it.
    @discardableResult
    func send(_ frames: [Data]) -> Bool {
        withHandle { socket in
            for (index, frame) in frames.enumerated() {
                let flags = index == frames.count - 1 ? 0 : ZMQ_SNDMORE
                var sent: Int32
                repeat {
                    sent = frame.withUnsafeBytes { zmq_send(socket, $0.baseAddress, frame.count, flags) }
                } while sent < 0 && zmq_errno() == EINTR
                if sent < 0 { return false }
            }
            return true
        } ?? false
    }

    /// The next whole multipart message if one has arrived, without waiting.
    func receive() -> [Data]? {
        withHandle { socket in
            var frames: [Data] = []
            repeat {
                guard let frame = Self.receiveFrame(socket, flags: frames.isEmpty ? ZMQ_DONTWAIT : 0) else {
                    return frames.isEmpty ? nil : frames
                }
                frames.append(frame.data)
                if !frame.more { return frames }
            } while true
        } ?? nil
    }

    /// Waits up to `timeout` seconds for the next multipart message.
    func receive(timeout: Double) -> [Data]? {
        waitUntilReadable(timeout: timeout) ? receive() : nil
    }

    /// Whether a message can be read, waiting up to `timeout` seconds.
    func waitUntilReadable(timeout: Double) -> Bool {
        Self.waitUntilAnyReadable([self], timeout: timeout)
    }

    /// Whether a message can be read from any of `sockets`, waiting up to `timeout` seconds.
    /// False at once if all of them are closed.
    static func waitUntilAnyReadable(_ sockets: [ZMQSocket], timeout: Double) -> Bool {
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(max(timeout, 0) * 1e9)
        while true {
            var entries: [pollfd] = []
            for socket in sockets {
                guard let state = socket.withHandle({ readiness($0) }), let (readable, descriptor) = state else {
                    continue
                }
                if readable { return true }
                entries.append(pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0))
            }
            let now = DispatchTime.now().uptimeNanoseconds
            if entries.isEmpty || now >= deadline { return false }
            // The descriptors are edge-triggered and another thread's send may consume an edge, so
            // never sleep on them for long: 20 ms bounds the delay in that rare case.
            let remaining = Int32(min((deadline - now) / 1_000_000 + 1, 20))
            _ = poll(&entries, nfds_t(entries.count), remaining)
        }
    }

    /// Echoes every message back to its sender until the context is shut down (heartbeat, as
    /// ipykernel's `zmq.device(QUEUE, hb, hb)`). Call only from the thread that owns this socket.
    func runEchoProxy() {
        guard let socket = withHandle({ $0 }) else { return }
        // A signal delivered to this thread interrupts the proxy with EINTR: resume it.
        while zmq_proxy(socket, socket, nil) != 0 && zmq_errno() == EINTR {}
    }

    /// Closes the socket; pending outgoing messages are kept up to `lingerMilliseconds`.
    func close(lingerMilliseconds: Int32) {
        lock.lock()
        defer { lock.unlock() }
        guard let socket = handle else { return }
        var linger = lingerMilliseconds
        zmq_setsockopt(socket, ZMQ_LINGER, &linger, MemoryLayout<Int32>.size)
        zmq_close(socket)
        handle = nil
    }

    // MARK: Helpers

    private func withHandle<Result>(_ body: (UnsafeMutableRawPointer) -> Result) -> Result? {
        lock.lock()
        defer { lock.unlock() }
        guard let socket = handle else { return nil }
        return body(socket)
    }

    private static func readiness(_ socket: UnsafeMutableRawPointer) -> (Bool, Int32)? {
        var events: Int32 = 0
        var descriptor: Int32 = -1
        var size = MemoryLayout<Int32>.size
        guard zmq_getsockopt(socket, ZMQ_EVENTS, &events, &size) == 0 else { return nil }
        size = MemoryLayout<Int32>.size
        guard zmq_getsockopt(socket, ZMQ_FD, &descriptor, &size) == 0 else { return nil }
        return (events & Int32(ZMQ_POLLIN) != 0, descriptor)
    }

    private static func receiveFrame(_ socket: UnsafeMutableRawPointer, flags: Int32) -> (data: Data, more: Bool)? {
        var message = zmq_msg_t()
        zmq_msg_init(&message)
        defer { zmq_msg_close(&message) }
        var size: Int32
        repeat {
            size = zmq_msg_recv(&message, socket, flags)
        } while size < 0 && zmq_errno() == EINTR
        guard size >= 0 else { return nil }
        let length = zmq_msg_size(&message)
        let data = zmq_msg_data(&message).map { Data(bytes: $0, count: length) } ?? Data()
        return (data, zmq_msg_more(&message) != 0)
    }

    fileprivate static func lastError(_ operation: String) -> SocketError {
        SocketError(operation: operation, reason: String(cString: zmq_strerror(zmq_errno())))
    }
}
