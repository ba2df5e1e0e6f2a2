import FolioKernel
import Foundation
import XCTest

final class RouterTests: KernelTestCase {
    /// Every request is bracketed by busy → … → reply → idle on iopub, all with the request as parent.
    func assertBracketed(_ requestID: String, replyType: String, file: StaticString = #filePath, line: UInt = #line) {
        let related = transport.sent.filter { $0.parentID == requestID }
        XCTAssertEqual(related.first?.type, "status", file: file, line: line)
        XCTAssertEqual(related.first?.content["execution_state"] as? String, "busy", file: file, line: line)
        XCTAssertEqual(related.last?.content["execution_state"] as? String, "idle", file: file, line: line)
        XCTAssertEqual(related.dropLast().last?.type, replyType, "idle comes right after the reply", file: file, line: line)
    }

    func testKernelInfoIsBracketedAndComplete() {
        let request = ClientMessage.make("kernel_info_request", [:], id: "k1")
        kernel.handle(request, on: .shell)
        assertBracketed("k1", replyType: "kernel_info_reply")
        let reply = transport.sent.first { $0.type == "kernel_info_reply" }
        XCTAssertEqual(reply?.channel, .shell)
        XCTAssertEqual(reply?.message.identities, request.identities)
        let content = reply?.content ?? [:]
        XCTAssertEqual(content["status"] as? String, "ok")
        XCTAssertEqual(content["protocol_version"] as? String, "5.4")
        let languageInfo = content["language_info"] as? [String: Any] ?? [:]
        for key in ["name", "version", "mimetype", "file_extension", "pygments_lexer", "codemirror_mode", "nbconvert_exporter"] {
            XCTAssertNotNil(languageInfo[key], "language_info.\(key)")
        }
        XCTAssertEqual((content["help_links"] as? [Any])?.count, 1)
    }

    func testKernelInfoOnControlRepliesOnControl() {
        kernel.handle(ClientMessage.make("kernel_info_request", [:], id: "k2"), on: .control)
        XCTAssertEqual(transport.sent.first { $0.type == "kernel_info_reply" }?.channel, .control)
    }

    func testExecuteMessageOrder() {
        language.behaviour = { _, context in
            context.stream(.stdout, "hello\n")
            return .success(result: ["text/plain": "3"], payloads: [])
        }
        kernel.handle(ClientMessage.execute("1 + 2", id: "e1"), on: .shell)
        let types = transport.sent.filter { $0.parentID == "e1" }.map(\.type)
        XCTAssertEqual(types, ["status", "execute_input", "stream", "execute_result", "execute_reply", "status"])
        let input = transport.sent.first { $0.type == "execute_input" }?.content
        XCTAssertEqual(input?["code"] as? String, "1 + 2")
        XCTAssertEqual(input?["execution_count"] as? Int, 1)
        let reply = transport.sent.first { $0.type == "execute_reply" }?.content
        XCTAssertEqual(reply?["status"] as? String, "ok")
        XCTAssertEqual(reply?["execution_count"] as? Int, 1)
    }

    func testExecutionCountRules() {
        kernel.handle(ClientMessage.execute("a"), on: .shell)
        kernel.handle(ClientMessage.execute("b", storeHistory: false, id: "nostore"), on: .shell)
        kernel.handle(ClientMessage.execute("c", silent: true, id: "silent"), on: .shell)
        kernel.handle(ClientMessage.execute("d", id: "second"), on: .shell)
        func count(_ id: String) -> Int? {
            transport.sent.first { $0.type == "execute_reply" && $0.parentID == id }?.content["execution_count"] as? Int
        }
        XCTAssertEqual(count("nostore"), 1)
        XCTAssertEqual(count("silent"), 1)
        XCTAssertEqual(count("second"), 2)
        let silentTypes = transport.sent.filter { $0.parentID == "silent" }.map(\.type)
        XCTAssertEqual(silentTypes, ["status", "execute_reply", "status"], "silent publishes no input or result")
    }

    func testErrorPublishesAndAbortsQueuedExecutions() {
        language.behaviour = { code, _ in
            code == "fail" ? .failure(ExecutionError(name: "NameError", value: "x is not defined", traceback: ["NameError: x"]))
                : .success(result: nil, payloads: [])
        }
        transport.pendingShell = [ClientMessage.execute("queued", id: "q1"),
                                  ClientMessage.make("kernel_info_request", [:], id: "k-queued")]
        kernel.handle(ClientMessage.execute("fail", id: "f1"), on: .shell)
        let error = transport.sent.first { $0.type == "error" }?.content
        XCTAssertEqual(error?["ename"] as? String, "NameError")
        let failed = transport.sent.first { $0.type == "execute_reply" && $0.parentID == "f1" }?.content
        XCTAssertEqual(failed?["status"] as? String, "error")
        XCTAssertEqual(failed?["traceback"] as? [String], ["NameError: x"])
        let aborted = transport.sent.first { $0.type == "execute_reply" && $0.parentID == "q1" }?.content
        XCTAssertEqual(aborted?["status"] as? String, "aborted")
        XCTAssertEqual(language.executed, ["fail"], "the queued execution never ran")
        assertBracketed("q1", replyType: "execute_reply")
        XCTAssertNotNil(transport.sent.first { $0.type == "kernel_info_reply" && $0.parentID == "k-queued" },
                        "other queued requests are still answered")
    }

    func testNoAbortWithoutStopOnError() {
        language.behaviour = { _, _ in .failure(ExecutionError(name: "E", value: "v", traceback: [])) }
        transport.pendingShell = [ClientMessage.execute("queued")]
        kernel.handle(ClientMessage.execute("fail", stopOnError: false), on: .shell)
        XCTAssertEqual(transport.takePendingShellMessages().count, 1, "queue left alone")
    }

    func testPagePayload() {
        language.behaviour = { _, _ in
            .success(result: nil, payloads: [.page(["text/plain": "doc", "text/markdown": "**doc**"], start: 0)])
        }
        kernel.handle(ClientMessage.execute("help(print)", id: "p"), on: .shell)
        let payload = (transport.sent.first { $0.type == "execute_reply" }?.content["payload"] as? [[String: Any]])?.first
        XCTAssertEqual(payload?["source"] as? String, "page")
        XCTAssertEqual((payload?["data"] as? [String: String])?["text/markdown"], "**doc**")
    }

    func testInputRoundTripUsesShellIdentityAndParent() {
        transport.onInputRequest = { request in
            ClientMessage.make("input_reply", ["value": "Ada"])
        }
        var received: String?
        language.behaviour = { _, context in
            received = try? context.input(prompt: "name? ", password: false)
            return .success(result: nil, payloads: [])
        }
        let request = ClientMessage.execute("input()", id: "in1")
        kernel.handle(request, on: .shell)
        XCTAssertEqual(received, "Ada")
        let inputRequest = transport.sent.first { $0.type == "input_request" }
        XCTAssertEqual(inputRequest?.channel, .stdin)
        XCTAssertEqual(inputRequest?.message.identities, request.identities)
        XCTAssertEqual(inputRequest?.parentID, "in1")
        XCTAssertEqual(inputRequest?.content["prompt"] as? String, "name? ")
    }

    func testInputWithoutAllowStdinFailsAtOnce() {
        var failure: InputError?
        language.behaviour = { _, context in
            do throws(InputError) { _ = try context.input(prompt: "", password: false) } catch { failure = error }
            return .success(result: nil, payloads: [])
        }
        kernel.handle(ClientMessage.execute("input()", allowStdin: false), on: .shell)
        XCTAssertEqual(failure, .notAllowed)
        XCTAssertNil(transport.sent.first { $0.type == "input_request" })
    }

    func testInterruptWhileWaitingForInput() {
        var failure: InputError?
        language.behaviour = { [kernel] _, context in
            DispatchQueue.global().asyncAfter(deadline: .now() + 0.05) { kernel?.interrupt() }
            do throws(InputError) { _ = try context.input(prompt: "", password: false) } catch { failure = error }
            return .success(result: nil, payloads: [])
        }
        kernel.handle(ClientMessage.execute("input()"), on: .shell)
        XCTAssertEqual(failure, .interrupted)
        XCTAssertEqual(language.interruptCount, 1)
    }
}
