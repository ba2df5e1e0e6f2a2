import Foundation

/// The `ExecutionContext` of one execute request: publishes outputs with the request as parent and
/// asks for input on stdin. Stream text is coalesced briefly (a loop printing 10^4 lines sends a
/// few messages, not 10^4) but never held back longer than `flushDelay`.
final class KernelExecutionContext: ExecutionContext, @unchecked Sendable {
    static let flushDelay = 0.05
    static let flushSize = 64 * 1024

    let executionCount: Int
    let isSilent: Bool
    let allowsStdin: Bool
    private unowned let kernel: Kernel
    private let request: Request
    private let discardsOutput: Bool
    /// Guards the stream buffer and orders every iopub send of this context.
    private let lock = NSLock()
    private var pendingName: StreamName?
    private var pendingText = ""
    private var flushScheduled = false
    private var finished = false

    init(kernel: Kernel, request: Request, content: ExecuteRequest, executionCount: Int,
         discardsOutput: Bool = false) {
        self.kernel = kernel
        self.request = request
        self.executionCount = executionCount
        self.isSilent = content.silent
        self.allowsStdin = content.allowStdin
        self.discardsOutput = discardsOutput
    }

    func stream(_ name: StreamName, _ text: String) {
        guard !discardsOutput, !text.isEmpty else { return }
        lock.withLock {
            if pendingName != name { flushLocked() }
            pendingName = name
            pendingText += text
            if pendingText.utf8.count >= Self.flushSize { flushLocked() } else { scheduleFlushLocked() }
        }
    }

    func display(_ data: MimeData, metadata: [String: JSONValue], displayID: String?) {
        var content: [String: JSONValue] = ["data": .object(data), "metadata": .object(metadata)]
        content["transient"] = displayID.map { ["display_id": .string($0)] } ?? .emptyObject
        publishInOrder(.displayData, content: .object(content))
    }

    func updateDisplay(_ data: MimeData, metadata: [String: JSONValue], displayID: String) {
        publishInOrder(.updateDisplayData, content: [
            "data": .object(data), "metadata": .object(metadata), "transient": ["display_id": .string(displayID)],
        ])
    }

    func clearOutput(wait: Bool) {
        publishInOrder(.clearOutput, content: ["wait": .bool(wait)])
    }

    func input(prompt: String, password: Bool) throws(InputError) -> String {
        guard allowsStdin, !discardsOutput else { throw .notAllowed }
        lock.withLock { flushLocked() }
        let inputRequest = kernel.makeMessage(.inputRequest, content: ["prompt": .string(prompt), "password": .bool(password)],
                                              parent: request.message, identities: request.message.identities)
        kernel.transport.send(inputRequest, on: .stdin)
        while true {
            if kernel.interruptFlag.isSet { throw .interrupted }
            guard let reply = kernel.transport.receiveStdin(timeout: 0.1) else { continue }
            guard reply.messageType == MessageType.inputReply.rawValue,
                  let content = try? reply.decodeContent(InputReply.self) else {
                kernel.log("ignoring \(reply.messageType) on stdin while waiting for input_reply")
                continue
            }
            return content.value
        }
    }

    /// Sends what is buffered; later timer flushes find nothing.
    func finish() {
        lock.withLock {
            flushLocked()
            finished = true
        }
    }

    private func publishInOrder(_ type: MessageType, content: JSONValue) {
        guard !discardsOutput else { return }
        lock.withLock {
            flushLocked()
            kernel.publish(type, content: content, parent: request.message)
        }
    }

    private func flushLocked() {
        guard let name = pendingName, !pendingText.isEmpty, !finished else { return }
        kernel.publish(.stream, content: ["name": .string(name.rawValue), "text": .string(pendingText)],
                       parent: request.message)
        pendingText = ""
        pendingName = nil
    }

    private func scheduleFlushLocked() {
        guard !flushScheduled else { return }
        flushScheduled = true
        DispatchQueue.global().asyncAfter(deadline: .now() + Self.flushDelay) { [self] in
            lock.withLock {
                flushScheduled = false
                flushLocked()
            }
        }
    }
}
