import Foundation

/// What the wire drives: the protocol core (`Kernel`) conforms. The wire calls `handle` for shell
/// messages on its shell thread and for control messages on its control thread, never both for the
/// same channel at once.
public protocol MessageHandler: AnyObject {
    /// A message that arrived whole and correctly signed on `channel` (shell or control; stdin
    /// replies are read through `KernelTransport.receiveStdin`).
    func handle(_ message: Message, on channel: Channel)
    /// A client subscribed to iopub (XPUB): the core answers with `iopub_welcome`.
    func iopubSubscribed(topic: String)
    /// SIGINT or another out-of-band interrupt: stops the running execution.
    func interrupt()
    /// Called once when the sockets are bound, before any message is handled.
    func didStart()
}
