import Foundation
import FolioTensor
import XCTest

/// `.npy` exchange with NumPy: files NumPy wrote (`NPYFixtures`), round trips, and bad files.
final class NPYTests: XCTestCase {
    private func load(_ base64: String) throws -> Tensor {
        try Tensor(npyData: Data(base64Encoded: base64) ?? Data())
    }

    func testLoadsFilesWrittenByNumPy() throws {
        let matrix = try load(NPYFixtures.float32Matrix)
        XCTAssertEqual(matrix.dtype, .f32)
        XCTAssertEqual(matrix.shape, [2, 3])
        XCTAssertEqual(matrix.toArray(), [1.5, -2.0, 3.25, 0.0, Double(Float(1e-3)), -7.0])
        let fortran = try load(NPYFixtures.float64FortranOrder)
        XCTAssertEqual(fortran.shape, [3, 4])
        XCTAssertEqual(fortran.toArray(), (0..<12).map { Double($0) / 4 })
        XCTAssertEqual(try load(NPYFixtures.int64Vector).toArray(of: Int64.self), [-3, 0, 1 << 40, -(1 << 62)])
        XCTAssertEqual(try load(NPYFixtures.boolMatrix).toArray(of: Bool.self), [true, false, false, true, true, true])
        XCTAssertEqual(try load(NPYFixtures.complex128).toArray(of: Complex<Double>.self),
                       [Complex(1, 2), Complex(-0.5, -1), Complex(0, 3)])
        let scalar = try load(NPYFixtures.complex64Scalar)
        XCTAssertEqual(scalar.shape, [])
        XCTAssertEqual(scalar.dtype, .c64)
        XCTAssertEqual(try load(NPYFixtures.version2Float64).toArray(), [0, 1, 2, 3, 4])
    }

    func testWritesByteForByteWhatNumPyWrites() throws {
        for fixture in [NPYFixtures.float32Matrix, NPYFixtures.int64Vector, NPYFixtures.boolMatrix, NPYFixtures.complex128,
                        NPYFixtures.complex64Scalar] {
            let original = Data(base64Encoded: fixture) ?? Data()
            XCTAssertEqual(try Tensor(npyData: original).npyData(), original)
        }
    }

    func testRoundTripsEveryDTypeAndLayout() throws {
        let samples = [
            try det([2, 3, 4], 0, dtype: .f32), try det([5], 1), try Tensor.arange(-4, 8).reshape([3, 4]),
            try Tensor(bools: [true, false, true], shape: [3]), try Tensor.complex(real: det([2, 2], 0), imaginary: det([2, 2], 1)),
            try Tensor.complex(real: det([3], 0, dtype: .f32), imaginary: det([3], 1, dtype: .f32)),
            Tensor(scalar: 7.5), try Tensor.zeros([0, 3]), try det([4, 6], 2).transpose().slice([.range(step: 2)]),
        ]
        let directory = FileManager.default.temporaryDirectory
        for (index, tensor) in samples.enumerated() {
            let path = directory.appendingPathComponent("folio-npy-\(ProcessInfo.processInfo.processIdentifier)-\(index).npy").path
            try tensor.saveNPY(path: path)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let back = try Tensor.loadNPY(path: path)
            XCTAssertEqual(back.dtype, tensor.dtype)
            XCTAssertEqual(back.shape, tensor.shape)
            XCTAssertEqual(back.toNested(), tensor.toNested())
            XCTAssertEqual(tensor.npyData().prefix(10).count, 10)
        }
        // The header is padded to a multiple of 64 bytes, as NumPy writes it.
        let data = try det([2, 2], 0).npyData()
        let headerLength = Int(data[8]) | Int(data[9]) << 8
        XCTAssertEqual((10 + headerLength) % 64, 0)
    }

    func testBadFilesRaiseValueErrors() throws {
        let bigEndian = assertThrowsKind(.value) { try self.load(NPYFixtures.bigEndianFloat64) }
        XCTAssertTrue(bigEndian.contains(">f8"), bigEndian)
        let int32 = assertThrowsKind(.value) { try self.load(NPYFixtures.int32Vector) }
        XCTAssertTrue(int32.contains("<i4"), int32)
        assertThrowsKind(.value) { try Tensor(npyData: Data("not numpy".utf8)) }
        let full = try det([4], 0).npyData()
        assertThrowsKind(.value) { try Tensor(npyData: full.prefix(full.count - 3)) }
        assertThrowsKind(.value) { try Tensor(npyData: full.prefix(20)) }
        assertThrowsKind(.value) { try Tensor.loadNPY(path: "/nonexistent/folio.npy") }
    }
}
