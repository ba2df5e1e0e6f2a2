import FolioKernel
@testable import FolioWire
import XCTest

final class WireFramingTests: XCTestCase {
    private let framing = WireFraming(signer: HMACSigner(key: "a0436f6c-1916-498b-8eb9-e81ab9368e84"))

    private func sampleMessage() -> Message {
        let header = Header(messageID: "m-1", session: "s-1", username: "ann", date: "2024-01-02T03:04:05.678901Z",
                            messageType: "execute_request", version: "5.3")
        return Message(identities: [Data("client-a".utf8), Data([0, 1, 2])], header: header,
                       parentHeader: Data("{}".utf8), metadata: Data(#"{"tag":"été"}"#.utf8),
                       content: Data(#"{"code":"print(1)","silent":false}"#.utf8),
                       buffers: [Data([0xff, 0x00])])
    }

    /// The header is encoded with sorted keys, so the frames equal the Python reference exactly.
    func testFramesMatchThePythonReference() {
        let frames = framing.frames(for: sampleMessage())
        XCTAssertEqual(frames.count, 2 + 1 + 5 + 1)
        XCTAssertEqual(frames[2], WireFraming.delimiter)
        XCTAssertEqual(String(decoding: frames[3], as: UTF8.self),
                       "372361ca3d48815a12e59d75826a513585b21a0d4a56273e64d44cfdf03ceab5")
        XCTAssertEqual(Array(frames[4...7]), HMACSignerTests.referenceFrames)
        XCTAssertEqual(frames[8], Data([0xff, 0x00]))
    }

    func testRoundTrip() throws {
        let original = sampleMessage()
        let parsed = try framing.message(from: framing.frames(for: original))
        XCTAssertEqual(parsed.identities, original.identities)
        XCTAssertEqual(parsed.header, original.header)
        XCTAssertEqual(parsed.parentHeader, original.parentHeader)
        XCTAssertEqual(parsed.metadata, original.metadata)
        XCTAssertEqual(parsed.content, original.content)
        XCTAssertEqual(parsed.buffers, original.buffers)
    }

    func testEmptyPartsAreSentAsEmptyObjects() throws {
        var message = sampleMessage()
        message.parentHeader = Data()
        message.metadata = Data()
        let frames = framing.frames(for: message)
        XCTAssertEqual(frames[5], Data("{}".utf8))
        XCTAssertEqual(frames[6], Data("{}".utf8))
        XCTAssertNoThrow(try framing.message(from: frames))
    }

    func testMissingDelimiter() {
        let frames = framing.frames(for: sampleMessage()).filter { $0 != WireFraming.delimiter }
        assertFails(frames, with: .missingDelimiter)
        assertFails([], with: .missingDelimiter)
    }

    func testTooFewFrames() {
        let frames = framing.frames(for: sampleMessage())
        assertFails(Array(frames.prefix(7)), with: .tooFewFrames(afterDelimiter: 4))
        assertFails([WireFraming.delimiter], with: .tooFewFrames(afterDelimiter: 0))
    }

    func testBadOrMissingSignature() {
        var frames = framing.frames(for: sampleMessage())
        frames[7] = Data(#"{"code":"rm -rf /","silent":false}"#.utf8)
        assertFails(frames, with: .badSignature)
        frames = framing.frames(for: sampleMessage())
        frames[3] = Data()
        assertFails(frames, with: .badSignature)
    }

    func testHeaderNotJSONOrMissingFields() {
        for (header, reason) in [("not json", "not JSON"), (#"{"msg_type":"x"}"#, "missing msg_id"),
                                 (#"{"msg_id":"x"}"#, "missing msg_type"), ("[1]", "not a JSON object"),
                                 (#"{"msg_id":1,"msg_type":"x"}"#, "msg_id is not a string")] {
            assertFails(signedFrames(header: header), with: .invalidHeader(reason))
        }
    }

    /// Frames with a given header text, correctly signed, so only the header is wrong.
    private func signedFrames(header: String) -> [Data] {
        let parts = [Data(header.utf8), Data("{}".utf8), Data("{}".utf8), Data("{}".utf8)]
        return [Data("id".utf8), WireFraming.delimiter, Data(framing.signer.sign(parts).utf8)] + parts
    }

    private func assertFails(_ frames: [Data], with expected: FrameError, line: UInt = #line) {
        do {
            _ = try framing.message(from: frames)
            XCTFail("parsed malformed frames", line: line)
        } catch {
            XCTAssertEqual(error, expected, line: line)
        }
    }
}
