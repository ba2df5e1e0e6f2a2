/// Every message type the core knows: the one decoding table; nothing else dispatches on strings.
public enum MessageType: String, Sendable, CaseIterable {
    // shell and control requests
    case executeRequest = "execute_request"
    case inspectRequest = "inspect_request"
    case completeRequest = "complete_request"
    case historyRequest = "history_request"
    case isCompleteRequest = "is_complete_request"
    case commInfoRequest = "comm_info_request"
    case kernelInfoRequest = "kernel_info_request"
    case shutdownRequest = "shutdown_request"
    case interruptRequest = "interrupt_request"
    case connectRequest = "connect_request"
    case debugRequest = "debug_request"
    // comms sent by a frontend
    case commOpen = "comm_open"
    case commMessage = "comm_msg"
    case commClose = "comm_close"
    // replies
    case executeReply = "execute_reply"
    case inspectReply = "inspect_reply"
    case completeReply = "complete_reply"
    case historyReply = "history_reply"
    case isCompleteReply = "is_complete_reply"
    case commInfoReply = "comm_info_reply"
    case kernelInfoReply = "kernel_info_reply"
    case shutdownReply = "shutdown_reply"
    case interruptReply = "interrupt_reply"
    case connectReply = "connect_reply"
    case debugReply = "debug_reply"
    // iopub
    case status
    case stream
    case displayData = "display_data"
    case updateDisplayData = "update_display_data"
    case executeInput = "execute_input"
    case executeResult = "execute_result"
    case error
    case clearOutput = "clear_output"
    case iopubWelcome = "iopub_welcome"
    // stdin
    case inputRequest = "input_request"
    case inputReply = "input_reply"

    /// The reply type for a request type (`execute_request` → `execute_reply`).
    public var replyType: MessageType? {
        switch self {
        case .executeRequest: return .executeReply
        case .inspectRequest: return .inspectReply
        case .completeRequest: return .completeReply
        case .historyRequest: return .historyReply
        case .isCompleteRequest: return .isCompleteReply
        case .commInfoRequest: return .commInfoReply
        case .kernelInfoRequest: return .kernelInfoReply
        case .shutdownRequest: return .shutdownReply
        case .interruptRequest: return .interruptReply
        case .connectRequest: return .connectReply
        case .debugRequest: return .debugReply
        default: return nil
        }
    }
}
