import FolioTensor
import XCTest

/// Sorting (stable, NaN last ascending / first descending), `topk` and `cumprod` against NumPy.
final class SortingTests: XCTestCase {
    private func input() throws -> Tensor { try Tensor(ShapeReference.sortInput, shape: [4, 7], dtype: .f64) }

    func testSortAndArgsortMatchNumPyStableOrder() throws {
        let s = try input()
        assertTensor(try s.sorted(axis: 1), ShapeReference.sortAxis1)
        assertTensor(try s.argsort(axis: 1), ShapeReference.argsortAxis1)
        assertTensor(try s.argsort(axis: 0), ShapeReference.argsortAxis0)
        assertTensor(try s.argsort(axis: 1, descending: true), ShapeReference.argsortDescendingAxis1)
        XCTAssertEqual(try s.cast(to: .f32).argsort(axis: 1).toArray(), ShapeReference.argsortAxis1)
        let ints = try Tensor(integers: [3, 1, 2, 1, 3], shape: [5])
        XCTAssertEqual(try ints.argsort(descending: true).toArray(of: Int64.self), [0, 4, 2, 1, 3])
        XCTAssertEqual(try Tensor(bools: [true, false, true], shape: [3]).argsort().toArray(of: Int64.self), [1, 0, 2])
        assertThrowsKind(.type) { try Tensor(complex: [Complex(1, 0)], shape: [1]).argsort() }
    }

    func testTopkReturnsLargestOrSmallestWithIndices() throws {
        let x = try Tensor([5, 1, 4, 1, 9, 2], dtype: .f64)
        let (values, indices) = try x.topk(3)
        XCTAssertEqual(values.toArray(), [9, 5, 4])
        XCTAssertEqual(indices.toArray(of: Int64.self), [4, 0, 2])
        XCTAssertEqual(try x.topk(2, largest: false).indices.toArray(of: Int64.self), [1, 3])
        XCTAssertEqual(try det([3, 5], 0).topk(2, axis: 0).values.shape, [2, 5])
        assertThrowsKind(.value) { try x.topk(7) }
    }

    func testCumprodMatchesNumPy() throws {
        assertTensor(try (det([4, 3], 0.5) + 1.0).cumprod(axis: 0), ShapeReference.cumprodAxis0, rtol: 1e-14)
        XCTAssertEqual(try Tensor(integers: [2, 3, 4], shape: [3]).cumprod(axis: 0).toArray(of: Int64.self), [2, 6, 24])
        XCTAssertEqual(try Tensor.forward(.cumprod(axis: 0), [Tensor([1, 2, 3])])[0].toArray(), [1, 2, 6])
    }
}
