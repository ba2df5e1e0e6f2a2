import FolioKernel
@testable import FolioWire
import XCTest

/// Real sockets: a `KernelServer` on tcp and ipc, driven by DEALER/SUB/REQ clients built on `ZMQSocket`.
final class KernelServerTests: XCTestCase {
    private let key = "0c8f6b5e-test-key"
    private var clientContext: ZMQContext?
    private var clients: [ZMQSocket] = []

    override func tearDown() {
        clients.forEach { $0.close(lingerMilliseconds: 0) }
        clients = []
        clientContext?.terminate()
        clientContext = nil
    }

    private func tcpConnection() -> ConnectionInfo {
        let ports = freePorts(5)
        return ConnectionInfo(transport: "tcp", ip: "127.0.0.1", shellPort: ports[0], iopubPort: ports[1],
                              stdinPort: ports[2], controlPort: ports[3], heartbeatPort: ports[4], key: key)
    }

    private func ipcConnection() throws -> ConnectionInfo {
        let directory = NSTemporaryDirectory() + "folio-wire-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: directory) }
        return ConnectionInfo(transport: "ipc", ip: directory + "/kernel", shellPort: 1, iopubPort: 2,
                              stdinPort: 3, controlPort: 4, heartbeatPort: 5, key: key)
    }

    /// Starts a server on a background thread; the returned expectation is fulfilled when `run` returns 0.
    private func startServer(_ connection: ConnectionInfo) throws -> (ReplyingHandler, XCTestExpectation) {
        var made: ReplyingHandler?
        let server = try KernelServer(connection: connection) { transport in
            let handler = ReplyingHandler(transport: transport)
            made = handler
            return handler
        }
        let handler = try XCTUnwrap(made, "makeHandler was not called")
        let finished = expectation(description: "run returned 0")
        Thread { if server.run() == 0 { finished.fulfill() } }.start()
        addTeardownBlock { handler.transport.stop() }
        return (handler, finished)
    }

    private func client(_ kind: ZMQSocket.Kind, _ endpoint: String, identity: Data? = nil) throws -> ZMQSocket {
        let context = try clientContext ?? ZMQContext()
        clientContext = context
        let socket = try ZMQSocket(context: context, kind: kind)
        clients.append(socket)
        socket.setLinger(milliseconds: 0)
        if let identity { socket.setRoutingID(identity) }
        try socket.connect(endpoint)
        return socket
    }

    private func request(_ type: String, on socket: ZMQSocket, framing: WireFraming) throws -> Message {
        let request = Message(identities: [], header: makeHeader(type), parentHeader: Data("{}".utf8),
                              metadata: Data("{}".utf8), content: Data("{}".utf8))
        XCTAssertTrue(socket.send(framing.frames(for: request)))
        let frames = try XCTUnwrap(socket.receive(timeout: 5), "no reply to \(type)")
        // Parsing verifies the reply's signature with the shared key.
        let reply = try framing.message(from: frames)
        XCTAssertEqual(reply.messageType, type.replacingOccurrences(of: "_request", with: "_reply"))
        XCTAssertEqual(try JSONCoding.decode(Header.self, from: reply.parentHeader).messageID,
                       request.header.messageID)
        return reply
    }

    private func exerciseServer(_ connection: ConnectionInfo) throws {
        let (handler, finished) = try startServer(connection)
        let framing = WireFraming(signer: HMACSigner(key: key))
        let iopub = try client(.sub, connection.iopubEndpoint)
        iopub.subscribe(Data())
        let welcome = try framing.message(from: XCTUnwrap(iopub.receive(timeout: 5), "no iopub_welcome"))
        XCTAssertEqual(welcome.messageType, "iopub_welcome")

        let shell = try client(.dealer, connection.shellEndpoint)
        sendGarbage(on: shell, framing: framing)
        let reply = try request("kernel_info_request", on: shell, framing: framing)
        XCTAssertEqual(String(decoding: reply.content, as: UTF8.self), #"{"status":"ok","channel":"shell"}"#)
        XCTAssertEqual(handler.count("shell"), 1, "garbage must be dropped, not handled")

        let heartbeat = try client(.req, connection.heartbeatEndpoint)
        XCTAssertTrue(heartbeat.send([Data("ping".utf8)]))
        XCTAssertEqual(heartbeat.receive(timeout: 5), [Data("ping".utf8)])

        let control = try client(.dealer, connection.controlEndpoint)
        _ = try request("shutdown_request", on: control, framing: framing)
        wait(for: [finished], timeout: 5)
        XCTAssertEqual(handler.count("started"), 1)
        XCTAssertEqual(handler.count("control"), 1)
    }

    /// Malformed frames of every kind; each must be dropped with the server still serving.
    private func sendGarbage(on socket: ZMQSocket, framing: WireFraming) {
        let good = framing.frames(for: Message(identities: [], header: makeHeader("kernel_info_request"),
                                               parentHeader: Data(), metadata: Data(), content: Data()))
        var badSignature = good
        badSignature[1] = Data(String(repeating: "0", count: 64).utf8)
        let unsignedParts = [Data("{}".utf8), Data("{}".utf8), Data("{}".utf8), Data("{}".utf8)]
        let missingFields = [WireFraming.delimiter, Data(framing.signer.sign(unsignedParts).utf8)] + unsignedParts
        let notJSONParts = [Data([0xff, 0xfe])] + unsignedParts.dropFirst()
        let notJSON = [WireFraming.delimiter, Data(framing.signer.sign(notJSONParts).utf8)] + notJSONParts
        let garbage: [[Data]] = [[Data("garbage".utf8)], [], Array(good.prefix(3)), badSignature, missingFields,
                                 notJSON, [WireFraming.delimiter, Data()] + notJSONParts]
        for frames in garbage { XCTAssertTrue(socket.send(frames)) }
    }

    func testServesOverTCP() throws {
        try exerciseServer(tcpConnection())
    }

    func testServesOverIPC() throws {
        try exerciseServer(ipcConnection())
    }

    /// A large message with a wrong signature is read whole, dropped, and the kernel keeps serving.
    func testLargeBadlySignedMessageIsDropped() throws {
        let connection = tcpConnection()
        let (handler, finished) = try startServer(connection)
        let framing = WireFraming(signer: HMACSigner(key: key))
        let shell = try client(.dealer, connection.shellEndpoint)
        let huge = Data(repeating: 0x41, count: 48 << 20)
        XCTAssertTrue(shell.send([WireFraming.delimiter, Data("bad".utf8), Data("{}".utf8), Data("{}".utf8),
                                  Data("{}".utf8), huge]))
        _ = try request("kernel_info_request", on: shell, framing: framing)
        XCTAssertEqual(handler.count("shell"), 1)
        handler.transport.stop()
        wait(for: [finished], timeout: 5)
    }

    func testHeartbeatEchoesEveryPing() throws {
        let connection = tcpConnection()
        let (handler, finished) = try startServer(connection)
        let heartbeat = try client(.req, connection.heartbeatEndpoint)
        for index in 0..<20 {
            let ping = Data("ping \(index) \u{0}\u{ff}".utf8)
            XCTAssertTrue(heartbeat.send([ping]))
            XCTAssertEqual(heartbeat.receive(timeout: 5), [ping])
        }
        handler.transport.stop()
        wait(for: [finished], timeout: 5)
    }

    func testRefusesUnsupportedSchemeAndReportsBindFailure() throws {
        var connection = tcpConnection()
        connection.signatureScheme = "hmac-sha1"
        XCTAssertThrowsError(try KernelServer(connection: connection) { ReplyingHandler(transport: $0) }) { error in
            XCTAssertEqual(error as? ConnectionError, .unsupportedSignatureScheme("hmac-sha1"))
        }
        let occupied = tcpConnection()
        let (handler, finished) = try startServer(occupied)
        XCTAssertThrowsError(try KernelServer(connection: occupied) { ReplyingHandler(transport: $0) }) { error in
            XCTAssertEqual((error as? SocketError)?.operation, "bind \(occupied.shellEndpoint)")
        }
        handler.transport.stop()
        wait(for: [finished], timeout: 5)
    }

    // MARK: Threads, stdin, signals, shutdown

    private func content(_ message: Message) -> String { String(decoding: message.content, as: UTF8.self) }

    func testShellThreadHasALargeStack() throws {
        let connection = tcpConnection()
        let (handler, finished) = try startServer(connection)
        let framing = WireFraming(signer: HMACSigner(key: key))
        let reply = try request("stack_request", on: client(.dealer, connection.shellEndpoint), framing: framing)
        let stack = try JSONCoding.decode([String: Int].self, from: reply.content)["stack"] ?? 0
        XCTAssertGreaterThanOrEqual(stack, KernelServer.shellStackSize)
        handler.transport.stop()
        wait(for: [finished], timeout: 5)
    }

    /// An execution asks for input on stdin; the reply reaches it through `receiveStdin`, past garbage.
    func testInputRequestRoundTripOverStdin() throws {
        let connection = tcpConnection()
        let (handler, finished) = try startServer(connection)
        let framing = WireFraming(signer: HMACSigner(key: key))
        let identity = Data("frontend-1".utf8)
        let stdin = try client(.dealer, connection.stdinEndpoint, identity: identity)
        let shell = try client(.dealer, connection.shellEndpoint, identity: identity)
        // A ROUTER drops messages for peers whose connection is not yet established, as with any
        // frontend: let the stdin connection settle (a shell round trip, then a moment) before asking.
        _ = try self.request("kernel_info_request", on: shell, framing: framing)
        Thread.sleep(forTimeInterval: 0.1)
        let request = Message(identities: [], header: makeHeader("input_test_request"), parentHeader: Data("{}".utf8),
                              metadata: Data("{}".utf8), content: Data("{}".utf8))
        XCTAssertTrue(shell.send(framing.frames(for: request)))
        let inputRequest = try framing.message(from: XCTUnwrap(stdin.receive(timeout: 5), "no input_request"))
        XCTAssertEqual(inputRequest.messageType, "input_request")
        XCTAssertTrue(stdin.send([Data("garbage".utf8)]))
        let answer = Message(identities: [], header: makeHeader("input_reply"), parentHeader: JSONCoding.encode(inputRequest.header),
                             metadata: Data("{}".utf8), content: Data(#"{"value":"42"}"#.utf8))
        XCTAssertTrue(stdin.send(framing.frames(for: answer)))
        let reply = try framing.message(from: XCTUnwrap(shell.receive(timeout: 5), "no reply"))
        XCTAssertEqual(content(reply), #"{"value":"42"}"#)
        handler.transport.stop()
        wait(for: [finished], timeout: 5)
    }

    func testTakePendingShellMessagesDrainsTheQueue() throws {
        let connection = tcpConnection()
        let (handler, finished) = try startServer(connection)
        let framing = WireFraming(signer: HMACSigner(key: key))
        let shell = try client(.dealer, connection.shellEndpoint)
        for type in ["drain_request", "first_request", "second_request"] {
            XCTAssertTrue(shell.send(framing.frames(for: Message(identities: [], header: makeHeader(type),
                parentHeader: Data(), metadata: Data(), content: Data()))))
        }
        let reply = try framing.message(from: XCTUnwrap(shell.receive(timeout: 5), "no drain_reply"))
        XCTAssertEqual(content(reply), #"{"pending":["first_request","second_request"]}"#)
        handler.transport.stop()
        wait(for: [finished], timeout: 5)
    }

    /// SIGINT interrupts and the kernel keeps serving; SIGTERM stops it with status 0.
    func testSignals() throws {
        let connection = tcpConnection()
        let (handler, finished) = try startServer(connection)
        try waitUntil { handler.count("started") == 1 }
        kill(getpid(), SIGINT)
        try waitUntil { handler.count("interrupt") == 1 }
        let framing = WireFraming(signer: HMACSigner(key: key))
        _ = try request("kernel_info_request", on: client(.dealer, connection.shellEndpoint), framing: framing)
        kill(getpid(), SIGTERM)
        wait(for: [finished], timeout: 5)
    }

    /// A stop requested while the shell thread is stuck returns after the grace period anyway.
    func testStopsDespiteAStuckExecution() throws {
        let connection = tcpConnection()
        let (_, finished) = try startServer(connection)
        let framing = WireFraming(signer: HMACSigner(key: key))
        let shell = try client(.dealer, connection.shellEndpoint)
        XCTAssertTrue(shell.send(framing.frames(for: Message(identities: [], header: makeHeader("hang_request"),
            parentHeader: Data(), metadata: Data(), content: Data()))))
        Thread.sleep(forTimeInterval: 0.2)
        _ = try request("shutdown_request", on: client(.dealer, connection.controlEndpoint), framing: framing)
        wait(for: [finished], timeout: KernelServer.shellGracePeriod + 3)
    }

    func testStopsWhenTheParentInTheEnvironmentIsGone() throws {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        setenv("JPY_PARENT_PID", "\(child.processIdentifier)", 1)
        defer { unsetenv("JPY_PARENT_PID") }
        let (_, finished) = try startServer(tcpConnection())
        wait(for: [finished], timeout: 5)
    }

    private func waitUntil(timeout: Double = 5, _ condition: () -> Bool) throws {
        let deadline = Date(timeIntervalSinceNow: timeout)
        while !condition() {
            guard Date() < deadline else { throw TimedOut(seconds: timeout) }
            Thread.sleep(forTimeInterval: 0.01)
        }
    }
}

private struct TimedOut: Error, CustomStringConvertible {
    var seconds: Double
    var description: String { "condition not reached within \(seconds) s" }
}
