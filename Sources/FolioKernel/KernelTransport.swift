import Foundation

/// What the protocol core needs from a transport. The wire implements it over ZeroMQ; tests implement
/// it in memory. Every method may be called from the shell and the control thread at once.
public protocol KernelTransport: AnyObject, Sendable {
    /// Sends a message on a channel (for iopub, `identities` holds the topic).
    func send(_ message: Message, on channel: Channel)

    /// Waits up to `timeout` seconds for the next message on the stdin channel (an input reply).
    func receiveStdin(timeout: Double) -> Message?

    /// Takes the shell messages that have already arrived, without waiting; used to abort queued
    /// executions after an error. Messages that are not aborted are handed back via `handle`.
    func takePendingShellMessages() -> [Message]

    /// Asks the transport to stop serving and let the process exit.
    func stop()
}
