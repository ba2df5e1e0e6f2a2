import FolioKernel
import Foundation
import XCTest

final class JSONWriterTests: XCTestCase {
    /// The direct writer must produce JSON that a standard parser reads back as the same value.
    func testWrittenJSONReadsBackEqual() throws {
        let value: JSONValue = [
            "text": "quote \" backslash \\ newline \n tab \t bell \u{07} slash / é 🙂",
            "numbers": [0, -7, .int(Int.max), .double(0.1), .double(-2.5e-8), .double(1e300)],
            "flags": [true, false, .null],
            "nested": ["z": [:], "a": [], "m": ["k": "v"]],
            "nonFinite": .double(.nan),
        ]
        let written = JSONCoding.encode(value)
        let decoded = try JSONCoding.decode(JSONValue.self, from: written)
        var expected = value
        if case .object(var members) = expected {
            members["nonFinite"] = .null
            expected = .object(members)
        }
        XCTAssertEqual(decoded, expected)
        XCTAssertNotNil(try JSONSerialization.jsonObject(with: written), "a standard parser accepts it")
    }

    func testKeysAreSortedAndOutputIsCompact() {
        let written = String(decoding: JSONCoding.encode(["b": 1, "a": ["y": 2, "x": 1]] as JSONValue), as: UTF8.self)
        XCTAssertEqual(written, #"{"a":{"x":1,"y":2},"b":1}"#)
    }

    func testHeaderRoundTrips() throws {
        let header = Header(messageID: "id-1", session: "s", username: "u", date: MessageDate.now(),
                            messageType: "status", version: "5.4")
        XCTAssertEqual(try JSONCoding.decode(Header.self, from: JSONCoding.encode(header)), header)
    }

    func testDatesAreISO8601WithMicroseconds() {
        let date = MessageDate.now()
        let pattern = #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$"#
        XCTAssertNotNil(date.range(of: pattern, options: .regularExpression), date)
    }
}
