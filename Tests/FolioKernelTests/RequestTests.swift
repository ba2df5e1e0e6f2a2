import FolioKernel
import Foundation
import XCTest

final class RequestTests: KernelTestCase {
    func reply(to id: String) -> [String: Any]? {
        transport.sent.first { $0.parentID == id && $0.type.hasSuffix("_reply") }?.content
    }

    func testHistoryTailRangeSearch() {
        for code in ["1+1", "x = 2", "1+1", "print(x)"] { kernel.handle(ClientMessage.execute(code), on: .shell) }
        kernel.handle(ClientMessage.make("history_request", ["hist_access_type": "tail", "n": 2, "output": true, "raw": true],
                                         id: "t"), on: .shell)
        let tail = reply(to: "t")?["history"] as? [[Any]] ?? []
        XCTAssertEqual(tail.count, 2)
        XCTAssertEqual(tail.first?[1] as? Int, 3)
        XCTAssertEqual((tail.first?[2] as? [Any])?.first as? String, "1+1")
        XCTAssertEqual((tail.first?[2] as? [Any])?.last as? String, "1+1", "output is the text/plain value")

        kernel.handle(ClientMessage.make("history_request", ["hist_access_type": "range", "session": 1, "start": 2,
                                                              "stop": 3, "output": false, "raw": true], id: "r"), on: .shell)
        let range = reply(to: "r")?["history"] as? [[Any]] ?? []
        XCTAssertEqual(range.count, 1)
        XCTAssertEqual(range.first?[2] as? String, "x = 2")

        kernel.handle(ClientMessage.make("history_request", ["hist_access_type": "search", "pattern": "1?1",
                                                              "output": false, "raw": true], id: "s"), on: .shell)
        XCTAssertEqual((reply(to: "s")?["history"] as? [Any])?.count, 2)
        kernel.handle(ClientMessage.make("history_request", ["hist_access_type": "search", "pattern": "1?1", "unique": true,
                                                              "output": false, "raw": true], id: "u"), on: .shell)
        XCTAssertEqual((reply(to: "u")?["history"] as? [Any])?.count, 1)
    }

    func testGlobPatterns() {
        XCTAssertTrue(GlobPattern("1?2*").matches("1+2 + 3"))
        XCTAssertFalse(GlobPattern("1?2").matches("1+2 + 3"))
        XCTAssertTrue(GlobPattern("*print*").matches("let a = 1\nprint(a)"))
        XCTAssertTrue(GlobPattern("[a-c]x").matches("bx"))
        XCTAssertFalse(GlobPattern("[!a-c]x").matches("bx"))
        XCTAssertTrue(GlobPattern("[").matches("["))
        XCTAssertTrue(GlobPattern("").matches(""))
    }

    func testCommOpenIsClosed() {
        kernel.handle(ClientMessage.make("comm_open", ["comm_id": "c1", "target_name": "jupyter.widget", "data": [:]],
                                         id: "co"), on: .shell)
        let close = transport.sent.first { $0.type == "comm_close" }
        XCTAssertEqual(close?.channel, .iopub)
        XCTAssertEqual(close?.content["comm_id"] as? String, "c1")
        kernel.handle(ClientMessage.make("comm_info_request", [:], id: "ci"), on: .shell)
        XCTAssertEqual((reply(to: "ci")?["comms"] as? [String: Any])?.count, 0)
    }

    func testMissingFieldGetsErrorReply() {
        kernel.handle(ClientMessage.make("execute_request", ["silent": false], id: "bad"), on: .shell)
        let content = reply(to: "bad")
        XCTAssertEqual(content?["status"] as? String, "error")
        XCTAssertEqual(content?["evalue"] as? String, "invalid execute_request content: missing field 'code'")
        XCTAssertTrue(language.executed.isEmpty)
    }

    func testUnknownAndReplyTypesAreIgnored() {
        kernel.handle(ClientMessage.make("frobnicate_request", [:]), on: .shell)
        kernel.handle(ClientMessage.make("execute_reply", [:]), on: .shell)
        XCTAssertTrue(transport.sent.filter { $0.type.hasSuffix("_reply") }.isEmpty)
    }

    func testControlRefusesLanguageRequests() {
        kernel.handle(ClientMessage.execute("1", id: "ctl"), on: .control)
        XCTAssertEqual(reply(to: "ctl")?["status"] as? String, "error")
        XCTAssertTrue(language.executed.isEmpty, "code never runs on the control thread")
    }

    func testInterruptAndShutdown() {
        kernel.handle(ClientMessage.make("interrupt_request", [:], id: "i"), on: .control)
        XCTAssertEqual(reply(to: "i")?["status"] as? String, "ok")
        XCTAssertEqual(language.interruptCount, 1)
        kernel.handle(ClientMessage.make("shutdown_request", ["restart": true], id: "sd"), on: .control)
        XCTAssertEqual(reply(to: "sd")?["restart"] as? Bool, true)
        XCTAssertEqual(language.shutdownRestart, true)
        XCTAssertTrue(transport.stopped)
    }

    func testCompletionIsClampedAndInspectAndIsComplete() {
        kernel.handle(ClientMessage.make("complete_request", ["code": "pri", "cursor_pos": 99], id: "c"), on: .shell)
        let completion = reply(to: "c")
        XCTAssertEqual(completion?["cursor_end"] as? Int, 3, "cursor past the end is clamped to the code length")
        XCTAssertEqual(completion?["cursor_start"] as? Int, 0)
        XCTAssertNotNil(completion?["metadata"] as? [String: Any])
        kernel.handle(ClientMessage.make("inspect_request", ["code": "print", "cursor_pos": 2, "detail_level": 0],
                                         id: "in"), on: .shell)
        XCTAssertEqual(reply(to: "in")?["found"] as? Bool, true)
        kernel.handle(ClientMessage.make("is_complete_request", ["code": "print("], id: "ic"), on: .shell)
        XCTAssertEqual(reply(to: "ic")?["status"] as? String, "incomplete")
        XCTAssertEqual(reply(to: "ic")?["indent"] as? String, "    ")
    }

    func testStreamsAreCoalescedInOrder() {
        language.behaviour = { _, context in
            for index in 0..<1000 { context.stream(.stdout, "line \(index)\n") }
            context.stream(.stderr, "warning\n")
            context.display(["text/plain": "shown"], metadata: [:], displayID: "d1")
            context.stream(.stdout, "after\n")
            return .success(result: nil, payloads: [])
        }
        kernel.handle(ClientMessage.execute("loop", id: "loop"), on: .shell)
        let outputs = transport.sent.filter { $0.parentID == "loop" && ["stream", "display_data"].contains($0.type) }
        XCTAssertLessThan(outputs.count, 10, "1000 prints become a few messages")
        let text = outputs.filter { $0.content["name"] as? String == "stdout" }.compactMap { $0.content["text"] as? String }
        XCTAssertEqual(text.joined().components(separatedBy: "\n").count, 1002)
        XCTAssertEqual(outputs.map(\.type).suffix(3), ["stream", "display_data", "stream"])
        XCTAssertEqual(outputs.suffix(3).first?.content["name"] as? String, "stderr")
        let transient = outputs.first { $0.type == "display_data" }?.content["transient"] as? [String: String]
        XCTAssertEqual(transient?["display_id"], "d1")
    }

    func testIopubWelcomeIsTheFirstMessageASubscriberSees() {
        kernel.didStart()
        kernel.iopubSubscribed(topic: "")
        XCTAssertEqual(transport.sent.map(\.type), ["iopub_welcome"])
        XCTAssertEqual(transport.sent.first?.channel, .iopub)
        XCTAssertEqual(transport.sent.first?.content["subscription"] as? String, "")
    }
}
