import FolioKernel
import Foundation

/// Serves one kernel over ZeroMQ: binds the five Jupyter channels of a connection file and drives a
/// `MessageHandler` (the protocol core) from them until stopped.
///
/// Threads: heartbeat (echo proxy), shell (512 MiB stack, since the interpreter recurses deeply),
/// control (also reads iopub subscriptions), and the caller of `run`, which waits for a stop and tears
/// down. Signals and the parent-process watch run on dispatch queues.
public final class KernelServer {
    /// How long a loop may wait before it looks at the stop flag again.
    static let pollInterval = 0.1
    /// How long teardown waits for a shell thread stuck in a long execution.
    static let shellGracePeriod = 2.0
    /// Pending replies get this long to leave when the sockets close.
    static let lingerMilliseconds: Int32 = 1000
    /// The language interpreter recurses deeply (nested expressions, user recursion).
    static let shellStackSize = 512 << 20

    private let context: ZMQContext
    private let sockets: [Channel: ZMQSocket]
    private let heartbeat: ZMQSocket
    let transport: ZMQTransport
    let handler: HandlerBox
    private let stopSignal = StopSignal()
    private var watchers: [DispatchSourceProtocol] = []
    private var hasRun = false

    /// Binds every channel of `connection`; throws `ConnectionError` for an unusable connection and
    /// `SocketError` naming the endpoint that could not be bound.
    public init(connection: ConnectionInfo, makeHandler: (KernelTransport) -> MessageHandler) throws {
        try connection.validate()
        context = try ZMQContext()
        var opened: [ZMQSocket] = []
        do {
            let bound = try Self.bindSockets(connection, context: context, opened: &opened)
            sockets = bound.channels
            heartbeat = bound.heartbeat
        } catch {
            opened.forEach { $0.close(lingerMilliseconds: 0) }
            context.terminate()
            throw error
        }
        transport = ZMQTransport(sockets: sockets, signer: HMACSigner(key: connection.key), stopSignal: stopSignal)
        handler = HandlerBox(makeHandler(transport))
    }

    /// A server that never ran still owns bound sockets and the context's I/O threads: release them.
    deinit {
        guard !hasRun else { return }
        (Array(sockets.values) + [heartbeat]).forEach { $0.close(lingerMilliseconds: 0) }
        context.terminate()
    }

    /// Serves until the handler or a signal asks to stop, then flushes and closes; returns the exit status.
    public func run() -> Int32 {
        guard !hasRun else { return 0 }
        hasRun = true
        // Signal handlers first, so a SIGINT sent as soon as the kernel announces itself is not fatal.
        watchers = installSignalHandlers() + watchParentProcess()
        let heartbeatDone = startThread(name: "folio-heartbeat") { [heartbeat] in heartbeat.runEchoProxy() }
        handler.value.didStart()
        let controlDone = startThread(name: "folio-control") { [self] in serveControl() }
        let shellDone = startThread(name: "folio-shell", stackSize: Self.shellStackSize) { [self] in serveShell() }

        stopSignal.waitForRequest()
        tearDown(control: controlDone, shell: shellDone, heartbeat: heartbeatDone)
        return 0
    }

    /// Waits for the loops (the shell at most `shellGracePeriod`), then closes the sockets with a
    /// linger so queued replies still leave, and terminates the context.
    private func tearDown(control: ThreadCompletion, shell: ThreadCompletion, heartbeat heartbeatDone: ThreadCompletion) {
        restoreSignalDefaults()
        watchers.forEach { $0.cancel() }
        let deadline = DispatchTime.now() + Self.shellGracePeriod
        _ = control.wait(until: deadline)
        if !shell.wait(until: deadline) {
            logWire("the running execution did not stop within \(Self.shellGracePeriod) s; exiting anyway")
        }
        // Sockets lock every call, so closing them here is safe even if a stuck execution sends later.
        sockets.values.forEach { $0.close(lingerMilliseconds: Self.lingerMilliseconds) }
        context.shutdown()
        guard heartbeatDone.wait(until: .now() + 1) else {
            // Terminating would wait forever for the heartbeat socket; the process is exiting anyway.
            logWire("the heartbeat thread did not stop; skipping context termination")
            return
        }
        heartbeat.close(lingerMilliseconds: 0)
        context.terminate()
    }

    // MARK: Loops

    private func serveShell() {
        while !stopSignal.isRequested {
            guard let message = transport.receive(on: .shell, timeout: Self.pollInterval) else { continue }
            handler.value.handle(message, on: .shell)
        }
    }

    /// Control messages and iopub subscriptions, waited for together so neither waits on the other.
    private func serveControl() {
        let watched = [sockets[.control], sockets[.iopub]].compactMap { $0 }
        while !stopSignal.isRequested {
            guard ZMQSocket.waitUntilAnyReadable(watched, timeout: Self.pollInterval) else { continue }
            if let message = transport.receive(on: .control, timeout: 0) {
                handler.value.handle(message, on: .control)
            }
            for topic in transport.takeSubscriptions() {
                handler.value.iopubSubscribed(topic: topic)
            }
        }
    }

    private func startThread(name: String, stackSize: Int? = nil,
                             _ body: @escaping @Sendable () -> Void) -> ThreadCompletion {
        let completion = ThreadCompletion()
        let thread = Thread {
            body()
            completion.finish()
        }
        thread.name = name
        if let stackSize { thread.stackSize = stackSize }
        thread.start()
        return completion
    }

    // MARK: Binding

    private static func bindSockets(_ connection: ConnectionInfo, context: ZMQContext, opened: inout [ZMQSocket])
        throws -> (channels: [Channel: ZMQSocket], heartbeat: ZMQSocket) {
        func open(_ kind: ZMQSocket.Kind, _ endpoint: String, configure: (ZMQSocket) -> Void) throws -> ZMQSocket {
            let socket = try ZMQSocket(context: context, kind: kind)
            opened.append(socket)
            socket.setLinger(milliseconds: lingerMilliseconds)
            configure(socket)
            try socket.bind(endpoint)
            return socket
        }
        // As ipykernel: ROUTER with handover so a client reconnecting under the same identity takes
        // over; XPUB verbose so every subscription is reported and answered with a welcome.
        let channels: [Channel: ZMQSocket] = [
            .shell: try open(.router, connection.shellEndpoint) { $0.setHandover() },
            .control: try open(.router, connection.controlEndpoint) { $0.setHandover() },
            .stdin: try open(.router, connection.stdinEndpoint) { $0.setHandover() },
            .iopub: try open(.xpub, connection.iopubEndpoint) { $0.setVerbose() },
        ]
        let heartbeat = try open(.router, connection.heartbeatEndpoint) { _ in }
        return (channels, heartbeat)
    }
}

/// Carries the handler into the loop threads. The handler itself promises the thread rules (shell
/// messages on one thread, control on another, `interrupt` from anywhere), so the box is unchecked.
final class HandlerBox: @unchecked Sendable {
    let value: MessageHandler
    init(_ value: MessageHandler) { self.value = value }
}
