import FolioTensor
import XCTest

/// `einsum`, `diagonal`, `kron`, `slogdet`, `eig`, `pinv`, `lstsq` against `LinalgReference` (NumPy).
final class LinalgExtraTests: XCTestCase {
    func testEinsumMatchesNumPy() throws {
        let (a, b, c) = (try det([2, 3, 4], 0), try det([2, 4, 5], 1), try det([5], 2))
        assertTensor(try Tensor.einsum("bij,bjk->bik", [a, b]), LinalgReference.einsumBatched, shape: [2, 3, 5], rtol: 1e-13)
        assertTensor(try Tensor.einsum("bij, bjk, k -> bi", [a, b, c]), LinalgReference.einsumChain, shape: [2, 3], rtol: 1e-13)
        assertTensor(try Tensor.einsum("ii", [det([4, 4], 3)]), LinalgReference.einsumTrace, shape: [], rtol: 1e-13)
        assertTensor(try Tensor.einsum("ii->i", [det([4, 4], 3)]), LinalgReference.einsumDiagonal, shape: [4])
        assertTensor(try Tensor.einsum("i,j", [det([3], 0), det([2], 1)]), LinalgReference.einsumOuterImplicit, shape: [3, 2])
        assertTensor(try Tensor.einsum("...ij,...jk->...ik", [det([2, 1, 3, 4], 0), det([3, 4, 2], 1)]),
                     LinalgReference.einsumEllipsis, shape: [2, 3, 3, 2], rtol: 1e-13)
        assertTensor(try Tensor.einsum("ijk->kj", [a]), LinalgReference.einsumTransposeSum, shape: [4, 3], rtol: 1e-13)
        XCTAssertEqual(try Tensor.einsum("ij->ji", [Tensor.arange(6).reshape([2, 3])]).toArray(of: Int64.self), [0, 3, 1, 4, 2, 5])
    }

    func testEinsumErrorsAreClear() throws {
        let a = try det([2, 3], 0)
        XCTAssertEqual(assertThrowsKind(.value) { try Tensor.einsum("ij,jk->ik", [a]) },
                       "einsum: \"ij,jk->ik\" names 2 operands but 1 were given")
        assertThrowsKind(.value) { try Tensor.einsum("ijk", [a]) }
        assertThrowsKind(.value) { try Tensor.einsum("i1", [a]) }
        assertThrowsKind(.value) { try Tensor.einsum("ij->z", [a]) }
        assertThrowsKind(.value) { try Tensor.einsum("ij->ii", [a]) }
        let message = assertThrowsKind(.shape) { try Tensor.einsum("ij,ij->i", [a, det([2, 4], 0)]) }
        XCTAssertTrue(message.contains("label 'j' has sizes 3 and 4"), message)
        assertThrowsKind(.shape) { try Tensor.einsum("ii", [a]) }
    }

    func testDiagonalAndKron() throws {
        assertTensor(try det([3, 4, 5], 0).diagonal(offset: 1, axis1: 2, axis2: 0), LinalgReference.diagonalOffset, shape: [4, 2])
        assertTensor(try det([2, 3], 0).kron(det([3, 2], 1)), LinalgReference.kron, shape: [6, 6], rtol: 1e-14)
        XCTAssertEqual(try Tensor([1, 2]).kron(Tensor.ones([2, 2])).shape, [2, 4])
    }

    func testSlogdetMatchesNumPyAndHandlesSingular() throws {
        let flips = try Tensor([1, -1, 1], dtype: .f64).reshape([3, 1, 1])
        let (sign, logAbsDet) = try (det([3, 4, 4], 0.5) + Tensor.eye(4, dtype: .f64) * 2.0 * flips).slogdet()
        assertTensor(sign, LinalgReference.slogdetSign, shape: [3])
        assertTensor(logAbsDet, LinalgReference.slogdetLog, rtol: 1e-12)
        let singular = try Tensor(rows: [[1, 2], [2, 4]], dtype: .f64).slogdet()
        XCTAssertEqual(try singular.sign.item(), .double(0))
        XCTAssertEqual(try singular.logAbsDet.item(), .double(-.infinity))
        XCTAssertEqual(try Tensor.forward(.slogdet, [Tensor.eye(3)]).count, 2)
    }

    func testEigSatisfiesDefinitionAndMatchesNumPyValues() throws {
        let shift = try Tensor(rows: [[0, 2, 0, 0], [-2, 0, 0, 0], [0, 0, 1, 0], [0, 0, 0, 3]], dtype: .f64)
        let g = try det([4, 4], 1.5) + shift
        let (values, vectors) = try g.eig()
        XCTAssertEqual(values.dtype, .c128)
        let parts = values.toArray(of: Complex<Double>.self).sorted { ($0.real, $0.imaginary) < ($1.real, $1.imaginary) }
        assertClose(parts.map(\.real), LinalgReference.eigReal, rtol: 1e-12, atol: 1e-13)
        assertClose(parts.map(\.imaginary), LinalgReference.eigImag, rtol: 1e-12, atol: 1e-13)
        // A v = λ v for every column, in complex arithmetic.
        let (a, v, lambda) = (g.toArray(), vectors.toArray(of: Complex<Double>.self), values.toArray(of: Complex<Double>.self))
        for column in 0..<4 {
            for row in 0..<4 {
                var product = Complex<Double>(0)
                for k in 0..<4 { product = product + Complex(a[row * 4 + k]) * v[k * 4 + column] }
                let difference = product - lambda[column] * v[row * 4 + column]
                XCTAssertLessThan(difference.magnitude, 1e-12, "column \(column) row \(row)")
            }
        }
        XCTAssertEqual(try det([2, 3, 3], 0, dtype: .f32).eig().vectors.dtype, .c64)
        assertThrowsKind(.shape) { try det([2, 3], 0).eig() }
    }

    func testPinvAndLstsqMatchNumPy() throws {
        assertTensor(try (det([3, 5], 0) + Tensor.eye(3, 5, dtype: .f64)).pinv(), LinalgReference.pinvWide, shape: [5, 3], rtol: 1e-10, atol: 1e-12)
        let columns = try det([5, 3], 0).split([1, 1, 1], axis: 1)
        let rankDeficient = try Tensor.cat([columns[0], columns[1], columns[0] + columns[1]], axis: 1)
        assertTensor(try rankDeficient.pinv(), LinalgReference.pinvRankDeficient, rtol: 1e-9, atol: 1e-11)
        let fit = try (det([6, 3], 0) + Tensor.eye(6, 3, dtype: .f64)).lstsq(det([6, 2], 1))
        assertTensor(fit.solution, LinalgReference.lstsqSolution, shape: [3, 2], rtol: 1e-10)
        assertTensor(fit.residuals, LinalgReference.lstsqResiduals, shape: [2], rtol: 1e-10)
        assertTensor(fit.singularValues, LinalgReference.lstsqSingular, rtol: 1e-12)
        XCTAssertEqual(fit.rank, LinalgReference.lstsqRank)
        let deficient = try rankDeficient.lstsq(det([5], 2))
        assertTensor(deficient.solution, LinalgReference.lstsqRankDeficient, shape: [3], rtol: 1e-9, atol: 1e-11)
        XCTAssertEqual(deficient.rank, LinalgReference.lstsqRankDeficientRank)
        XCTAssertEqual(deficient.residuals.shape, [0])
        assertThrowsKind(.shape) { try det([6, 3], 0).lstsq(det([5], 0)) }
    }
}
