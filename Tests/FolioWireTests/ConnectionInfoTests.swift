@testable import FolioWire
import XCTest

final class ConnectionInfoTests: XCTestCase {
    private func file(transport: String = "tcp", ip: String = "127.0.0.1", scheme: String = "hmac-sha256",
                      extra: String = "") -> Data {
        Data("""
        {"transport": "\(transport)", "ip": "\(ip)", "shell_port": 50001, "iopub_port": 50002,
         "stdin_port": 50003, "control_port": 50004, "hb_port": 50005,
         "key": "secret", "signature_scheme": "\(scheme)"\(extra)}
        """.utf8)
    }

    func testTCPEndpoints() throws {
        let info = try ConnectionInfo.decode(file(extra: #", "kernel_name": "folio""#))
        XCTAssertEqual(info.shellEndpoint, "tcp://127.0.0.1:50001")
        XCTAssertEqual(info.iopubEndpoint, "tcp://127.0.0.1:50002")
        XCTAssertEqual(info.stdinEndpoint, "tcp://127.0.0.1:50003")
        XCTAssertEqual(info.controlEndpoint, "tcp://127.0.0.1:50004")
        XCTAssertEqual(info.heartbeatEndpoint, "tcp://127.0.0.1:50005")
        XCTAssertEqual(info.key, "secret")
        XCTAssertEqual(info.kernelName, "folio")
    }

    /// jupyter_client names ipc endpoints `ipc://<ip>-<port>`, the ip being a path prefix.
    func testIPCEndpointsUseThePathPrefix() throws {
        let info = try ConnectionInfo.decode(file(transport: "ipc", ip: "/tmp/kernel-abc"))
        XCTAssertEqual(info.shellEndpoint, "ipc:///tmp/kernel-abc-50001")
        XCTAssertEqual(info.heartbeatEndpoint, "ipc:///tmp/kernel-abc-50005")
        XCTAssertNil(info.kernelName)
    }

    func testOtherSignatureSchemeIsRefused() {
        XCTAssertThrowsError(try ConnectionInfo.decode(file(scheme: "hmac-md5"))) { error in
            XCTAssertEqual(error as? ConnectionError, .unsupportedSignatureScheme("hmac-md5"))
            XCTAssertTrue("\(error)".contains("hmac-md5"))
        }
    }

    func testUnknownTransportIsRefused() {
        XCTAssertThrowsError(try ConnectionInfo.decode(file(transport: "udp"))) { error in
            XCTAssertEqual(error as? ConnectionError, .unsupportedTransport("udp"))
        }
    }

    func testMissingFieldIsNamed() {
        let data = Data(#"{"transport": "tcp", "ip": "127.0.0.1", "key": ""}"#.utf8)
        XCTAssertThrowsError(try ConnectionInfo.decode(data, path: "k.json")) { error in
            guard case .invalidFile(let path, let reason)? = error as? ConnectionError else {
                return XCTFail("unexpected \(error)")
            }
            XCTAssertEqual(path, "k.json")
            XCTAssertTrue(reason.contains("_port"), reason)
        }
    }

    func testMissingKeyIsAnErrorButSchemeTransportAndIPHaveDefaults() throws {
        let ports = #""shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5"#
        let minimal = try ConnectionInfo.decode(Data("{\(ports), \"key\": \"k\"}".utf8))
        XCTAssertEqual(minimal.signatureScheme, "hmac-sha256")
        XCTAssertEqual(minimal.shellEndpoint, "tcp://127.0.0.1:1")
        XCTAssertThrowsError(try ConnectionInfo.decode(Data("{\(ports)}".utf8))) { error in
            guard case .invalidFile(_, let reason)? = error as? ConnectionError else {
                return XCTFail("unexpected \(error)")
            }
            XCTAssertEqual(reason, #"missing field "key""#)
        }
    }

    func testInvalidJSONAndMissingFileAreClearErrors() throws {
        XCTAssertThrowsError(try ConnectionInfo.decode(Data("{not json".utf8))) { error in
            guard case .invalidFile(_, let reason)? = error as? ConnectionError else {
                return XCTFail("unexpected \(error)")
            }
            XCTAssertTrue(reason.contains("not valid JSON"), reason)
        }
        let missing = NSTemporaryDirectory() + "folio-no-such-\(UUID().uuidString).json"
        XCTAssertThrowsError(try ConnectionInfo.load(from: missing)) { error in
            XCTAssertEqual(error as? ConnectionError, .unreadableFile(path: missing, reason: "no such file"))
        }
    }

    func testLoadsFromFile() throws {
        let path = NSTemporaryDirectory() + "folio-conn-\(UUID().uuidString).json"
        try file().write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        XCTAssertEqual(try ConnectionInfo.load(from: path).controlPort, 50004)
    }
}
