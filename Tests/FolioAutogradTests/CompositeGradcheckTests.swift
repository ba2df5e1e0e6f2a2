import FolioAutograd
import FolioTensor
import XCTest

/// Composites on variables that mirror a tensor kernel (`einsum`, `kron`, `diagonal`, `pinv`,
/// `lstsq`, `rfft2`/`irfft2`, `index_add`, non-constant `pad`): each gives the kernel's values
/// and passes a float64 central-difference gradcheck.
final class CompositeGradcheckTests: XCTestCase {
    typealias Case = (name: String, inputs: [Tensor], variable: ([Variable]) throws -> Variable, tensor: ([Tensor]) throws -> Tensor)

    static func t(_ shape: [Int], _ offset: Double, _ transform: @escaping (Double) -> Double = { $0 }) -> Tensor {
        deterministicTensor(shape, offset: offset, transform: transform)
    }

    /// A tall matrix of full rank with distinct singular values (see `PrimitiveCatalog.linearAlgebra`).
    static let fullRank = t([4, 3], 0.3) { $0 + 0.8 * $0 * $0 * $0 }

    static var algebra: [Case] {
        [
            ("einsum matmul", [t([2, 3], 0.1), t([3, 4], 0.2)],
             { try Variable.einsum("ij,jk->ik", $0) }, { try Tensor.einsum("ij,jk->ik", $0) }),
            ("einsum batched chain with a vector", [t([2, 3, 4], 0.3), t([2, 4, 2], 0.4), t([2], 0.5)],
             { try Variable.einsum("bij,bjk,k->bi", $0) }, { try Tensor.einsum("bij,bjk,k->bi", $0) }),
            ("einsum trace", [t([3, 3], 0.6)], { try Variable.einsum("ii", $0) }, { try Tensor.einsum("ii", $0) }),
            ("einsum diagonal and transpose-sum", [t([3, 3, 2], 0.7)],
             { try Variable.einsum("iij->ji", $0) }, { try Tensor.einsum("iij->ji", $0) }),
            ("einsum broadcast ellipsis", [t([2, 1, 3, 4], 0.8), t([3, 4, 2], 0.9)],
             { try Variable.einsum("...ij,...jk->...ik", $0) }, { try Tensor.einsum("...ij,...jk->...ik", $0) }),
            ("einsum outer", [t([3], 1.0), t([2], 1.1)], { try Variable.einsum("i,j", $0) }, { try Tensor.einsum("i,j", $0) }),
            ("kron matrices", [t([2, 3], 1.2), t([2, 2], 1.3)], { try $0[0].kron($0[1]) }, { try $0[0].kron($0[1]) }),
            ("kron vector and matrix", [t([3], 1.4), t([2, 2], 1.5)], { try $0[0].kron($0[1]) }, { try $0[0].kron($0[1]) }),
            ("diagonal offset 1", [t([3, 4], 1.6)], { try $0[0].diagonal(offset: 1) }, { try $0[0].diagonal(offset: 1) }),
            ("diagonal offset -1 of axes 1, 2", [t([2, 3, 3], 1.7)],
             { try $0[0].diagonal(offset: -1, axis1: 1, axis2: 2) }, { try $0[0].diagonal(offset: -1, axis1: 1, axis2: 2) }),
        ]
    }

    static var leastSquares: [Case] {
        [
            ("pinv tall", [fullRank], { try $0[0].pinv() }, { try $0[0].pinv() }),
            ("pinv wide", [(try? fullRank.transpose().contiguous()) ?? fullRank], { try $0[0].pinv() }, { try $0[0].pinv() }),
            ("lstsq solution, vector b", [fullRank, t([4], 0.2)],
             { try $0[0].lstsq($0[1]).solution }, { try $0[0].lstsq($0[1]).solution }),
            ("lstsq solution, matrix b", [fullRank, t([4, 2], 0.4)],
             { try $0[0].lstsq($0[1]).solution }, { try $0[0].lstsq($0[1]).solution }),
            ("lstsq residuals", [fullRank, t([4, 2], 0.6)],
             { try $0[0].lstsq($0[1]).residuals }, { try $0[0].lstsq($0[1]).residuals }),
            ("lstsq singular values", [fullRank, t([4], 0.8)],
             { try $0[0].lstsq($0[1]).singularValues }, { try $0[0].lstsq($0[1]).singularValues }),
        ]
    }

    /// Complex results are checked through their real and imaginary parts, weighted differently.
    static func realView(_ z: Variable) throws -> Variable { try z.real() + z.imag() * 0.7 }
    static func realView(_ z: Tensor) throws -> Tensor { try z.real() + z.imag() * 0.7 }

    static var spectral: [Case] {
        FFTNorm.allCases.flatMap { norm -> [Case] in
            [
                ("rfft2 \(norm)", [t([3, 4], 0.1)], { try realView($0[0].rfft2(norm: norm)) }, { try realView($0[0].rfft2(norm: norm)) }),
                ("rfft2 \(norm) axes [0, 2]", [t([3, 2, 5], 0.2)],
                 { try realView($0[0].rfft2(axes: [0, 2], norm: norm)) }, { try realView($0[0].rfft2(axes: [0, 2], norm: norm)) }),
                ("irfft2 \(norm) of a spectrum", [t([4, 3], 0.3), t([4, 3], 0.4)],
                 { try Variable.complex(real: $0[0], imaginary: $0[1]).irfft2(norm: norm) },
                 { try Tensor.complex(real: $0[0], imaginary: $0[1]).irfft2(norm: norm) }),
            ]
        }
    }

    static var indexing: [Case] {
        let indices = (try? Tensor(integers: [2, 0, 2], shape: [3])) ?? Tensor([])
        var cases: [Case] = [
            ("index_add repeated indices axis 0", [t([4, 2], 0.5), t([3, 2], 0.6)],
             { try $0[0].indexAdd(axis: 0, indices: indices, source: $0[1]) }, { try $0[0].indexAdd(axis: 0, indices: indices, source: $0[1]) }),
            ("index_add axis -1", [t([2, 3], 0.7), t([2, 3], 0.8)],
             { try $0[0].indexAdd(axis: -1, indices: indices, source: $0[1]) }, { try $0[0].indexAdd(axis: -1, indices: indices, source: $0[1]) }),
        ]
        let modes: [(String, PadMode)] = [("reflect", .reflect), ("circular", .circular), ("edge", .edge), ("constant", .constant(0.5))]
        for (name, mode) in modes {
            let widths: [(before: Int, after: Int)] = [(2, 1), (1, 3)]
            cases.append(("pad \(name)", [t([2, 3, 4], 0.9)],
                          { try $0[0].padTrailing(widths, mode: mode) }, { try $0[0].padTrailing(widths, mode: mode) }))
        }
        return cases
    }

    static var all: [Case] { algebra + leastSquares + spectral + indexing }

    func testCompositesGiveTheKernelsValues() throws {
        for testCase in Self.all {
            let expected = try testCase.tensor(testCase.inputs)
            let actual = try testCase.variable(testCase.inputs.map { Variable($0) }).value
            assertAllClose(actual, expected, rtol: 1e-12, atol: 1e-12, testCase.name)
        }
    }

    func testCompositesMatchCentralDifferences() {
        for testCase in Self.all {
            do {
                try GradCheck.check(testCase.name, inputs: testCase.inputs, rtol: 1e-5, atol: 1e-6) { [try testCase.variable($0)] }
            } catch {
                XCTFail("\(testCase.name): \(error)")
            }
        }
    }

    func testPadRejectsWidthsItsModeCannotFill() {
        let x = Variable(Self.t([3], 0.1))
        XCTAssertThrowsError(try x.padTrailing([(3, 0)], mode: .reflect))
        XCTAssertThrowsError(try x.padTrailing([(0, 4)], mode: .circular))
        XCTAssertNoThrow(try x.padTrailing([(3, 3)], mode: .edge))
    }
}
