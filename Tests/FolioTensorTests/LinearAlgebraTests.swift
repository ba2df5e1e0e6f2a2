import FolioTensor
import XCTest

final class LinearAlgebraTests: XCTestCase {
    func testMatmulMatchesNumPyIncludingBatchesAndTransposedViews() throws {
        for dtype in [DType.f64, .f32] {
            let tolerance = dtype == .f64 ? 1e-13 : 2e-6
            assertTensor(try det([3, 4], 0, dtype: dtype).matmul(det([4, 5], 1, dtype: dtype)), Reference.matmul2D,
                         shape: [3, 5], rtol: tolerance, atol: tolerance, "2-D \(dtype)")
            assertTensor(try det([2, 1, 3, 4], 0, dtype: dtype).matmul(det([3, 4, 2], 1, dtype: dtype)), Reference.matmulBatched,
                         shape: [2, 3, 3, 2], rtol: tolerance, atol: tolerance, "batched \(dtype)")
            let a = try det([4, 3], 0, dtype: dtype).transpose()
            let b = try det([5, 4], 1, dtype: dtype).transpose()
            assertTensor(try a.matmul(b), Reference.matmulTransposed, shape: [3, 5], rtol: tolerance, atol: tolerance, "transposed")
            assertTensor(try det([3, 4], 0, dtype: dtype).matmul(det([4], 1, dtype: dtype)), Reference.matmulVector,
                         shape: [3], rtol: tolerance, atol: tolerance, "matrix-vector")
        }
    }

    func testMatmulOfStridedAndIntegerOperands() throws {
        let a = try det([6, 8], 2).slice([.range(step: 2), .range(step: -3)])
        let b = try det([3, 5], 1)
        assertTensor(try a.matmul(b), try a.contiguous().matmul(b).toArray(), rtol: 1e-14)
        let ints = try Tensor.arange(6).reshape([2, 3])
        let product = try ints.matmul(ints.transpose())
        XCTAssertEqual(product.dtype, .i64)
        XCTAssertEqual(product.toArray(of: Int64.self), [5, 14, 14, 50])
        XCTAssertEqual(try Tensor([1, 2, 3]).dot(Tensor([4, 5, 6])).item(), .double(32))
        XCTAssertEqual(try Tensor([1, 2]).outer(Tensor([3, 4, 5])).toArray(), [3, 4, 5, 6, 8, 10])
    }

    func testMatmulShapeErrorNamesBothShapes() {
        let message = assertThrowsKind(.shape) { try Tensor.zeros([256, 2]).matmul(Tensor.zeros([3, 1])) }
        XCTAssertEqual(message, "matmul: inner dimensions differ: (256, 2) and (3, 1)")
    }

    func testLapackRoutinesMatchNumPy() throws {
        let m = try Tensor(Reference.linalgMatrix, shape: [4, 4], dtype: .f64)
        let rhs = try det([4, 2], 1)
        assertTensor(try m.solve(rhs), Reference.solve, shape: [4, 2], rtol: 1e-12)
        assertTensor(try m.inverse(), Reference.inv, rtol: 1e-12, atol: 1e-14)
        assertTensor(try m.determinant(), Reference.det, shape: [], rtol: 1e-12)
        let spd = try m.matmul(m.transpose()) + Tensor.eye(4, dtype: .f64)
        assertTensor(try spd.cholesky(), Reference.cholesky, rtol: 1e-12, atol: 1e-14)
        assertTensor(try spd.eigh().values, Reference.eighValues, rtol: 1e-12)
        let tall = try det([4, 3], 2)
        assertTensor(try tall.svd().s, Reference.svdValues, rtol: 1e-12)
        assertTensor(try tall.qr().r.abs(), Reference.qrAbsR, shape: [3, 3], rtol: 1e-12, atol: 1e-14)
    }

    func testInverseTimesMatrixIsIdentityInBatches() throws {
        let batch = try det([3, 5, 5], 0) + Tensor.eye(5, dtype: .f64) * 3.0
        let identity = try batch.inverse().matmul(batch)
        let expected = try Tensor.eye(5, dtype: .f64).expand([3, 5, 5]).toArray()
        assertTensor(identity, expected, rtol: 0, atol: 1e-12)
        let solved = try batch.solve(det([5], 1))
        XCTAssertEqual(solved.shape, [3, 5])
    }

    func testDecompositionsReconstruct() throws {
        for shape in [[5, 3], [3, 5], [2, 4, 4]] {
            let a = try det(shape, 0.5)
            let (u, s, vt) = try a.svd()
            let rebuilt = try (u * s.unsqueeze(-2)).matmul(vt)
            assertTensor(rebuilt, a.toArray(), rtol: 0, atol: 1e-12, "svd \(shape)")
            let (q, r) = try a.qr()
            assertTensor(try q.matmul(r), a.toArray(), rtol: 0, atol: 1e-12, "qr \(shape)")
        }
        let symmetric = try det([4, 4], 1).matmul(det([4, 4], 1).transpose())
        let (values, vectors) = try symmetric.eigh()
        let rebuilt = try (vectors * values.unsqueeze(-2)).matmul(vectors.transpose())
        assertTensor(rebuilt, symmetric.toArray(), rtol: 0, atol: 1e-12, "eigh")
    }

    func testSingularAndIndefiniteMatricesRaiseValueErrors() throws {
        let singular = try Tensor(rows: [[1, 2], [2, 4]], dtype: .f64)
        assertThrowsKind(.value) { try singular.inverse() }
        assertThrowsKind(.value) { try singular.solve(Tensor([1, 1], dtype: .f64)) }
        XCTAssertEqual(try singular.determinant().item(), .double(0))
        assertThrowsKind(.value) { try Tensor(rows: [[1, 2], [2, 1]]).cholesky() }
        assertThrowsKind(.shape) { try Tensor.zeros([2, 3]).inverse() }
        assertThrowsKind(.shape) { try Tensor.zeros([3]).determinant() }
        assertThrowsKind(.shape) { try Tensor.eye(3).solve(Tensor.zeros([2])) }
        assertThrowsKind(.value) { try Tensor(rows: [[.nan, 0], [0, 1]]).inverse() }
    }
}
