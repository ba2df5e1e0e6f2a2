@testable import FolioWire
import XCTest

final class HMACSignerTests: XCTestCase {
    /// RFC 4231 §4: HMAC-SHA-256 test cases 1, 2, 3 and 6 (key longer than the block size).
    func testRFC4231Vectors() {
        let cases: [(key: [UInt8], data: [UInt8], digest: String)] = [
            ([UInt8](repeating: 0x0b, count: 20), Array("Hi There".utf8),
             "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
            (Array("Jefe".utf8), Array("what do ya want for nothing?".utf8),
             "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
            ([UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50),
             "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
            ([UInt8](repeating: 0xaa, count: 131), Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
             "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        ]
        for (index, vector) in cases.enumerated() {
            let signer = HMACSigner(keyBytes: vector.key)
            XCTAssertEqual(signer.sign([Data(vector.data)]), vector.digest, "RFC 4231 case \(index)")
        }
    }

    /// The digest covers the concatenation of the frames: splitting the data differently is the same MAC.
    func testFramesAreHashedAsOneStream() {
        let signer = HMACSigner(key: "Jefe")
        let whole = signer.sign([Data("what do ya want for nothing?".utf8)])
        let split = signer.sign([Data("what do ya ".utf8), Data(), Data("want for nothing?".utf8)])
        XCTAssertEqual(whole, split)
    }

    /// A four-frame message signed independently by Python's `hmac` (reference/signature_reference.py).
    func testMatchesPythonReferenceSignature() {
        let signer = HMACSigner(key: "a0436f6c-1916-498b-8eb9-e81ab9368e84")
        let expected = "372361ca3d48815a12e59d75826a513585b21a0d4a56273e64d44cfdf03ceab5"
        XCTAssertEqual(signer.sign(Self.referenceFrames), expected)
        XCTAssertTrue(signer.verify(signature: Data(expected.utf8), parts: Self.referenceFrames))
    }

    func testVerifyRejectsWrongTamperedOrMissingSignature() {
        let signer = HMACSigner(key: "a0436f6c-1916-498b-8eb9-e81ab9368e84")
        let good = signer.sign(Self.referenceFrames)
        var tampered = Self.referenceFrames
        tampered[3] = Data(#"{"code":"print(2)","silent":false}"#.utf8)
        XCTAssertFalse(signer.verify(signature: Data(good.utf8), parts: tampered))
        XCTAssertFalse(signer.verify(signature: Data(), parts: Self.referenceFrames))
        XCTAssertFalse(signer.verify(signature: Data(good.uppercased().utf8), parts: Self.referenceFrames))
        XCTAssertFalse(signer.verify(signature: Data(good.dropLast().utf8), parts: Self.referenceFrames))
        let otherKey = HMACSigner(key: "another key")
        XCTAssertFalse(otherKey.verify(signature: Data(good.utf8), parts: Self.referenceFrames))
    }

    func testEmptyKeyMeansUnsigned() {
        let signer = HMACSigner(key: "")
        XCTAssertEqual(signer.sign(Self.referenceFrames), "")
        XCTAssertTrue(signer.verify(signature: Data("anything".utf8), parts: Self.referenceFrames))
        XCTAssertTrue(signer.verify(signature: Data(), parts: Self.referenceFrames))
    }

    static let referenceFrames: [Data] = [
        Data(#"{"date":"2024-01-02T03:04:05.678901Z","msg_id":"m-1","msg_type":"execute_request","session":"s-1","username":"ann","version":"5.3"}"#.utf8),
        Data("{}".utf8),
        Data(#"{"tag":"été"}"#.utf8),
        Data(#"{"code":"print(1)","silent":false}"#.utf8),
    ]
}
