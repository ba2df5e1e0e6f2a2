import Foundation

extension Kernel {
    /// Builds a message of ours; the parent's header bytes are reused verbatim.
    func makeMessage(_ type: MessageType, content: JSONValue, parent: Message?, identities: [Data],
                     metadata: JSONValue = .emptyObject) -> Message {
        let header = Header(messageID: UUID().uuidString, session: sessionID, username: username,
                            date: MessageDate.now(), messageType: type.rawValue, version: Kernel.protocolVersion)
        return Message(identities: identities, header: header,
                       parentHeader: parent.map { JSONCoding.encode($0.header) } ?? Data("{}".utf8),
                       metadata: JSONCoding.encode(metadata), content: JSONCoding.encode(content))
    }

    /// Publishes on iopub with a topic in the form ipykernel uses (`kernel.<session>.<type>`).
    func publish(_ type: MessageType, content: JSONValue, parent: Message?) {
        let topic = Data("kernel.\(sessionID).\(type.rawValue)".utf8)
        transport.send(makeMessage(type, content: content, parent: parent, identities: [topic]), on: .iopub)
    }

    /// Replies on the channel the request came from (shell or control), to the same identities.
    func reply(to request: Request, type: MessageType, content: JSONValue, metadata: JSONValue = .emptyObject) {
        let message = makeMessage(type, content: content, parent: request.message,
                                  identities: request.message.identities, metadata: metadata)
        transport.send(message, on: request.channel)
    }

    /// An error reply (`status: error`) to a request of `type`, for requests that cannot be answered.
    func replyError(to request: Request, type: MessageType, name: String, value: String) {
        guard let replyType = type.replyType else {
            log("cannot answer \(type.rawValue): \(value)")
            return
        }
        reply(to: request, type: replyType,
              content: ["status": "error", "ename": .string(name), "evalue": .string(value), "traceback": []])
    }
}
