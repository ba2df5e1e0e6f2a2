import FolioKernel
import Foundation

/// `KernelTransport` over the kernel's ZeroMQ sockets: signs and frames outgoing messages, parses and
/// verifies incoming ones, and drops (with one line on stderr) anything malformed or badly signed.
///
/// Every `ZMQSocket` call takes that socket's lock, so iopub (written by the shell and control
/// threads) and any other socket may be used from several threads.
final class ZMQTransport: KernelTransport, @unchecked Sendable {
    private let sockets: [Channel: ZMQSocket]
    private let framing: WireFraming
    private let stopSignal: StopSignal

    init(sockets: [Channel: ZMQSocket], signer: HMACSigner, stopSignal: StopSignal) {
        self.sockets = sockets
        framing = WireFraming(signer: signer)
        self.stopSignal = stopSignal
    }

    // MARK: KernelTransport

    func send(_ message: Message, on channel: Channel) {
        guard let socket = sockets[channel] else { return }
        if !socket.send(framing.frames(for: message)) {
            logWire("could not send \(message.messageType) on \(channel) (socket closed or peer gone)")
        }
    }

    func receiveStdin(timeout: Double) -> Message? {
        let deadline = Date(timeIntervalSinceNow: timeout)
        repeat {
            let remaining = min(deadline.timeIntervalSinceNow, 0.1)
            if let message = receive(on: .stdin, timeout: max(remaining, 0)) { return message }
        } while deadline.timeIntervalSinceNow > 0 && !stopSignal.isRequested
        return nil
    }

    func takePendingShellMessages() -> [Message] {
        var messages: [Message] = []
        while let frames = sockets[.shell]?.receive() {
            if let message = parse(frames, on: .shell) { messages.append(message) }
        }
        return messages
    }

    func stop() {
        stopSignal.request()
    }

    // MARK: Used by the server's loops

    /// The next valid message on `channel` within `timeout` seconds; invalid ones are logged and dropped.
    func receive(on channel: Channel, timeout: Double) -> Message? {
        guard let frames = sockets[channel]?.receive(timeout: timeout) else { return nil }
        return parse(frames, on: channel)
    }

    /// Topics of the iopub subscriptions that arrived since the last call, without waiting.
    /// XPUB reports a subscription as one frame: byte 1 then the topic (byte 0 is an unsubscription).
    func takeSubscriptions() -> [String] {
        var topics: [String] = []
        while let frames = sockets[.iopub]?.receive() {
            guard let frame = frames.first, frame.first == 1 else { continue }
            topics.append(String(decoding: frame.dropFirst(), as: UTF8.self))
        }
        return topics
    }

    private func parse(_ frames: [Data], on channel: Channel) -> Message? {
        do {
            return try framing.message(from: frames)
        } catch {
            logWire("dropped a message on \(channel): \(error)")
            return nil
        }
    }
}
