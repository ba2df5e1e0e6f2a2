import FolioAutograd
import FolioNN
import FolioTensor
import FolioTestSupport
import Foundation
import XCTest

/// Weight and tensor files checked against bytes Python wrote (reference/safetensors_reference.py,
/// cross-checked there against the `safetensors` package; the npz from `np.savez`).
final class WeightFileTests: XCTestCase {
    static let pythonSafetensors = "EAEAAAAAAAB7Il9fbWV0YWRhdGFfXyI6eyJmb3JtYXQiOiJmb2xpbyJ9LCJzdGVwcyI6eyJkdHlwZSI6Ikk2NCIsInNoYXBlIjpbM10sImRhdGFfb2Zmc2V0cyI6WzAsMjRdfSwic2NhbGUiOnsiZHR5cGUiOiJGNjQiLCJzaGFwZSI6WzJdLCJkYXRhX29mZnNldHMiOlsyNCw0MF19LCJiaWFzIjp7ImR0eXBlIjoiRjMyIiwic2hhcGUiOlsyXSwiZGF0YV9vZmZzZXRzIjpbNDAsNDhdfSwid2VpZ2h0Ijp7ImR0eXBlIjoiRjMyIiwic2hhcGUiOlsyLDNdLCJkYXRhX29mZnNldHMiOls0OCw3Ml19fQEAAAAAAAAAAgAAAAAAAAADAAAAAAAAAEa00er2GO0/3MRBZxlQ5j+kalc/Qdt6PwAAAACoJbk+Ip4sP4JMZT8M8n4/IhZ2Pw=="
    static let numpyNPZ = "UEsDBC0AAAAAAAAAIQBls1j8//////////8FABQAdy5ucHkBABAAmAAAAAAAAACYAAAAAAAAAJNOVU1QWQEAdgB7J2Rlc2NyJzogJzxmNCcsICdmb3J0cmFuX29yZGVyJzogRmFsc2UsICdzaGFwZSc6ICgyLCAzKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAKAAAAAKgluT4iniw/gkxlPwzyfj8iFnY/UEsDBC0AAAAAAAAAIQADKICZ//////////8FABQAbi5ucHkBABAAkAAAAAAAAACQAAAAAAAAAJNOVU1QWQEAdgB7J2Rlc2NyJzogJzxpOCcsICdmb3J0cmFuX29yZGVyJzogRmFsc2UsICdzaGFwZSc6ICgyLCksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAKBAAAAAAAAAAFAAAAAAAAAFBLAQItAy0AAAAAAAAAIQBls1j8mAAAAJgAAAAFAAAAAAAAAAAAAACAAQAAAAB3Lm5weVBLAQItAy0AAAAAAAAAIQADKICZkAAAAJAAAAAFAAAAAAAAAAAAAACAAc8AAABuLm5weVBLBQYAAAAAAgACAGYAAACWAQAAAAA="

    private func det(_ shape: [Int], _ k: Double, dtype: DType = .f32) throws -> Tensor {
        try Tensor(deterministicValues(count: shape.reduce(1, *), offset: k), shape: shape, dtype: dtype)
    }

    private func referenceTensors() throws -> [(name: String, tensor: Tensor)] {
        [("weight", try det([2, 3], 0)), ("bias", try det([2], 1)),
         ("steps", try Tensor(integers: [1, 2, 3], shape: [3])), ("scale", try det([2], 2, dtype: .f64))]
    }

    func testSafetensorsWriterMatchesPythonByteForByte() throws {
        let written = try SafeTensors.encode(referenceTensors(), metadata: ["format": "folio"])
        XCTAssertEqual(written, try XCTUnwrap(Data(base64Encoded: Self.pythonSafetensors)))
    }

    func testSafetensorsReaderLoadsThePythonFile() throws {
        let decoded = try SafeTensors.decode(try XCTUnwrap(Data(base64Encoded: Self.pythonSafetensors)))
        XCTAssertEqual(decoded.metadata, ["format": "folio"])
        XCTAssertEqual(decoded.tensors.map { $0.name }, ["steps", "scale", "bias", "weight"])
        XCTAssertEqual(decoded.tensors[3].tensor.shape, [2, 3])
        XCTAssertEqual(decoded.tensors[3].tensor.toArray(), try det([2, 3], 0).toArray())
        XCTAssertEqual(decoded.tensors[0].tensor.dtype, .i64)
        XCTAssertEqual(decoded.tensors[1].tensor.toArray(), deterministicValues(count: 2, offset: 2))
    }

    func testNPZReadsNumPyArchiveAndRoundTrips() throws {
        let archive = try NPZArchive.decode(try XCTUnwrap(Data(base64Encoded: Self.numpyNPZ)))
        XCTAssertEqual(archive.map { $0.name }, ["w", "n"])
        XCTAssertEqual(archive[0].tensor.toArray(), try det([2, 3], 0).toArray())
        XCTAssertEqual(archive[1].tensor.toArray(), [4, 5])
        let again = try NPZArchive.decode(NPZArchive.encode(archive))
        XCTAssertEqual(again.map { $0.name }, ["w", "n"])
        XCTAssertEqual(again[0].tensor.shape, [2, 3])
        XCTAssertEqual(again[1].tensor.dtype, .i64)
    }

    func testModuleWeightsRoundTripThroughAFile() throws {
        let source = Sequential(try Linear(3, 4, seed: 1), try BatchNorm1d(4), try Linear(4, 2, seed: 2))
        _ = try source(try det([5, 3], 0.5))
        let path = NSTemporaryDirectory() + "folio-nn-\(UUID().uuidString).safetensors"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try source.saveWeights(to: path)
        let target = Sequential(try Linear(3, 4, seed: 8), try BatchNorm1d(4), try Linear(4, 2, seed: 9))
        try target.loadWeights(from: path)
        XCTAssertEqual(target.stateDict().map { $0.name }, ["0.weight", "0.bias", "1.weight", "1.bias", "2.weight", "2.bias",
                                                             "1.running_mean", "1.running_var"])
        for (left, right) in zip(source.stateDict(), target.stateDict()) {
            XCTAssertEqual(left.tensor.toArray(), right.tensor.toArray(), left.name)
        }
    }

    func testWrongShapesAreRejectedAndNothingChanges() throws {
        let model = Sequential(try Linear(3, 4, seed: 1), try Linear(4, 2, seed: 2))
        let before = model.stateDict().map { $0.tensor.toArray() }
        let other = Sequential(try Linear(3, 4, seed: 5), try Linear(4, 3, seed: 6))
        XCTAssertThrowsError(try model.loadStateDict(other.stateDict())) { error in
            let text = String(describing: error)
            XCTAssertTrue(text.contains("1.weight: expected shape (2, 4), got (3, 4)"), text)
            XCTAssertTrue(text.contains("nothing was loaded"), text)
        }
        XCTAssertEqual(model.stateDict().map { $0.tensor.toArray() }, before)
    }
}
