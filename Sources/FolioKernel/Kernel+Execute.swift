import Foundation

extension Kernel {
    func handleExecute(_ request: Request, _ content: ExecuteRequest) {
        if content.storeHistory { executionCount += 1 }
        let count = executionCount
        if !content.silent {
            publish(.executeInput, content: ["code": .string(content.code), "execution_count": .int(count)],
                    parent: request.message)
        }
        if content.storeHistory { history.record(line: count, input: content.code) }
        interruptFlag.clear()
        let context = KernelExecutionContext(kernel: self, request: request, content: content, executionCount: count)
        let outcome = language.execute(code: content.code, context: context)
        context.finish()
        switch outcome {
        case .success(let result, let payloads):
            if let result, !content.silent {
                publish(.executeResult, content: ["execution_count": .int(count), "data": .object(result),
                                                   "metadata": .emptyObject], parent: request.message)
                if content.storeHistory, let text = result["text/plain"]?.stringValue {
                    history.recordOutput(line: count, output: text)
                }
            }
            let expressions = evaluate(content.userExpressions, request: request, content: content)
            reply(to: request, type: .executeReply, content: [
                "status": "ok", "execution_count": .int(count),
                "payload": .array(payloads.map(Kernel.encode)), "user_expressions": .object(expressions),
            ], metadata: ["status": "ok"])
        case .failure(let error):
            publish(.error, content: .object(Kernel.errorContent(error)), parent: request.message)
            var replyContent = Kernel.errorContent(error)
            replyContent["status"] = "error"
            replyContent["execution_count"] = .int(count)
            replyContent["user_expressions"] = .emptyObject
            reply(to: request, type: .executeReply, content: .object(replyContent), metadata: ["status": "error"])
            if content.stopOnError { abortQueuedExecutions() }
        }
    }

    static func errorContent(_ error: ExecutionError) -> [String: JSONValue] {
        ["ename": .string(error.name), "evalue": .string(error.value),
         "traceback": .array(error.traceback.map { .string($0) })]
    }

    static func encode(_ payload: ExecutePayload) -> JSONValue {
        switch payload {
        case .page(let data, let start): return ["source": "page", "data": .object(data), "start": .int(start)]
        }
    }

    /// `user_expressions`: each is run silently after the cell; its value or error is returned by name.
    private func evaluate(_ expressions: [String: String], request: Request,
                          content: ExecuteRequest) -> [String: JSONValue] {
        var results: [String: JSONValue] = [:]
        for (name, expression) in expressions.sorted(by: { $0.key < $1.key }) {
            let context = KernelExecutionContext(kernel: self, request: request, content: content,
                                                 executionCount: executionCount, discardsOutput: true)
            switch language.execute(code: expression, context: context) {
            case .success(let result, _):
                results[name] = ["status": "ok", "data": .object(result ?? [:]), "metadata": .emptyObject]
            case .failure(let error):
                var value = Kernel.errorContent(error)
                value["status"] = "error"
                results[name] = .object(value)
            }
        }
        return results
    }

    /// After a failed execution with `stop_on_error`, executions already queued are answered
    /// `aborted` without running (as ipykernel does); other queued requests are handled in order.
    func abortQueuedExecutions() {
        for message in transport.takePendingShellMessages() {
            guard message.messageType == MessageType.executeRequest.rawValue else {
                handle(message, on: .shell)
                continue
            }
            publish(.status, content: ["execution_state": "busy"], parent: message)
            reply(to: Request(message: message, channel: .shell), type: .executeReply,
                  content: ["status": "aborted", "execution_count": .int(executionCount)],
                  metadata: ["status": "aborted"])
            publish(.status, content: ["execution_state": "idle"], parent: message)
        }
    }
}
