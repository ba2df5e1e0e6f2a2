import Foundation

// The short handlers the router calls, one per request type (execution lives in Kernel+Execute).
extension Kernel {
    func kernelInfoContent() -> JSONValue {
        let info = language.info
        let languageInfo: JSONValue = [
            "name": .string(info.language.name),
            "version": .string(info.language.version),
            "mimetype": .string(info.language.mimetype),
            "file_extension": .string(info.language.fileExtension),
            "pygments_lexer": .string(info.language.pygmentsLexer),
            "codemirror_mode": .string(info.language.codemirrorMode),
            "nbconvert_exporter": .string(info.language.nbconvertExporter),
        ]
        let links = JSONValue.array(info.helpLinks.map { ["text": .string($0.text), "url": .string($0.url)] })
        return [
            "status": "ok",
            "protocol_version": .string(Kernel.protocolVersion),
            "implementation": .string(info.implementation),
            "implementation_version": .string(info.implementationVersion),
            "language_info": languageInfo,
            "banner": .string(info.banner),
            "help_links": links,
            "debugger": false,
        ]
    }

    func handleComplete(_ request: Request, _ content: CodeAtCursorRequest) {
        let result = language.complete(code: content.code, cursorPosition: content.cursorPosition)
        let length = content.code.unicodeScalars.count
        let start = min(max(result.cursorStart, 0), length)
        let end = min(max(result.cursorEnd, start), length)
        reply(to: request, type: .completeReply, content: [
            "status": "ok",
            "matches": .array(result.matches.map { .string($0) }),
            "cursor_start": .int(start),
            "cursor_end": .int(end),
            "metadata": .object(result.metadata),
        ])
    }

    func handleInspect(_ request: Request, _ content: CodeAtCursorRequest) {
        let result = language.inspect(code: content.code, cursorPosition: content.cursorPosition,
                                      detailLevel: content.detailLevel)
        reply(to: request, type: .inspectReply, content: [
            "status": "ok",
            "found": .bool(result != nil),
            "data": .object(result?.data ?? [:]),
            "metadata": .object(result?.metadata ?? [:]),
        ])
    }

    func handleIsComplete(_ request: Request, _ content: IsCompleteRequest) {
        let status: JSONValue
        switch language.isComplete(code: content.code) {
        case .complete: status = ["status": "complete"]
        case .incomplete(let indent): status = ["status": "incomplete", "indent": .string(indent)]
        case .invalid: status = ["status": "invalid"]
        case .unknown: status = ["status": "unknown"]
        }
        reply(to: request, type: .isCompleteReply, content: status)
    }

    func handleHistory(_ request: Request, _ content: HistoryRequest) {
        let entries = history.select(content)
        reply(to: request, type: .historyReply, content: [
            "status": "ok",
            "history": History.encode(entries, withOutput: content.output),
        ])
    }

    func handleShutdown(_ request: Request, _ content: ShutdownRequest) {
        reply(to: request, type: .shutdownReply, content: ["status": "ok", "restart": .bool(content.restart)])
        // Stop a running execution so the shell thread can wind down, then let the transport stop.
        interrupt()
        language.shutdown(restart: content.restart)
        transport.stop()
    }

    /// No comm targets are registered, so every comm_open is answered by closing it, as ipykernel does.
    func handleCommOpen(_ request: Request, _ content: CommOpen) {
        log("no comm target named '\(content.targetName)'; closing comm \(content.commID)")
        publish(.commClose, content: ["comm_id": .string(content.commID), "data": .emptyObject],
                parent: request.message)
    }
}
