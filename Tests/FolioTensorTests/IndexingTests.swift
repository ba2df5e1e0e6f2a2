import FolioTensor
import XCTest

/// Integer-array and boolean indexing, scatters, and assignment semantics (views alias, copies
/// detach), against `ShapeReference` (NumPy).
final class IndexingTests: XCTestCase {
    func testTakeGatherAndScattersMatchNumPy() throws {
        let t = try det([3, 4, 5], 1)
        let idx = try Tensor(integers: [2, 0, -1, 1], shape: [2, 2])
        assertTensor(try t.take(idx, axis: 1), ShapeReference.takeAxis1, shape: [3, 2, 2, 5])
        let gi = try Tensor(integers: [0, 2, 1, 1, 2, 0, 0, 0], shape: [2, 2, 2])
        assertTensor(try t.slice([.all, .range(stop: 2), .range(stop: 2)]).gather(axis: 0, indices: gi),
                     ShapeReference.gatherAxis0, shape: [2, 2, 2])
        let si = try Tensor(integers: [0, 2, 2, 1, 0, 0], shape: [2, 3])
        assertTensor(try det([3, 4], 2).scatterAdd(axis: 0, indices: si, source: det([2, 3], 3)),
                     ShapeReference.scatterAddAxis0, shape: [3, 4], rtol: 1e-14)
        let ii = try Tensor(integers: [3, 0, 3], shape: [3])
        assertTensor(try det([3, 4], 2).indexAdd(axis: 1, indices: ii, source: det([3, 3], 4)),
                     ShapeReference.indexAddAxis1, rtol: 1e-14)
    }

    func testIndexErrorsNameTheIndexAndAxis() throws {
        let t = try det([3, 4], 0)
        let message = assertThrowsKind(.index) { try t.take(Tensor(integers: [4], shape: [1]), axis: 1) }
        XCTAssertEqual(message, "take: index 4 is out of range for axis 1 with size 4")
        assertThrowsKind(.type) { try t.take(Tensor([1.0])) }
        assertThrowsKind(.shape) { try t.gather(axis: 0, indices: Tensor(integers: [0], shape: [1])) }
        assertThrowsKind(.index) { try t.gather(axis: 0, indices: Tensor(integers: [3], shape: [1, 1])) }
        let flags = try Tensor(bools: [true, false], shape: [1, 2])
        assertThrowsKind(.type) { try flags.scatterAdd(axis: 0, indices: Tensor(integers: [0], shape: [1, 1]), source: flags) }
        assertThrowsKind(.shape) { try t.indexAdd(axis: 0, indices: Tensor(integers: [0], shape: [1]), source: det([2, 4], 0)) }
    }

    func testBooleanMasks() throws {
        let t = try det([3, 4, 5], 1)
        let rows = try t.slice([.all, .all, .at(0)]) .> 0.0
        assertTensor(try t.masked(by: rows), ShapeReference.maskedRows)
        assertTensor(try t.masked(by: t .> 0.5), ShapeReference.maskedElements)
        XCTAssertEqual(try Tensor([0, 3, 0, 5]).nonzero()[0].toArray(of: Int64.self), [1, 3])
        let filled = try Tensor([1, 2, 3]).maskedFill(Tensor(bools: [true, false, true], shape: [3]), value: Tensor(scalar: 0))
        XCTAssertEqual(filled.toArray(), [0, 2, 0])
        assertThrowsKind(.shape) { try t.masked(by: Tensor(bools: [true], shape: [1])) }
    }

    func testAssignmentIntoViewsAliasesLikeNumPy() throws {
        var base = try Tensor.zeros([3, 4])
        var column = try base.slice([.all, .at(1)])
        let reshaped = try base.reshape([12])
        try column.assign(Tensor([1, 2, 3]), at: [.all])
        XCTAssertEqual(try base.slice([.all, .at(1)]).toArray(), [1, 2, 3])
        XCTAssertEqual(reshaped.toArray()[5], 2)
        try base.assign(Tensor(scalar: 9), at: [.at(0)])
        XCTAssertEqual(column.toArray(), [9, 2, 3])
        try base.assign(try base.slice([.range(stop: 2)]), at: [.range(start: 1)])
        XCTAssertEqual(try base.slice([.all, .at(1)]).toArray(), [9, 9, 2], "overlapping move reads old values")
    }

    func testCopiedHandlesDetachOnWrite() throws {
        let original = try Tensor.zeros([2, 2])
        var copy = original
        try copy.assign(Tensor(scalar: 5), at: [.at(0), .at(0)])
        XCTAssertEqual(original.toArray(), [0, 0, 0, 0])
        XCTAssertEqual(copy.toArray(), [5, 0, 0, 0])
        var same = original.cast(to: .f32)
        try same.assign(Tensor(scalar: 1), at: [.all])
        XCTAssertEqual(original.toArray(), [0, 0, 0, 0], "an op returning its input must not alias on write")
        var broadcast = try Tensor([1, 2]).expand([3, 2])
        assertThrowsKind(.value) { try broadcast.assign(Tensor(scalar: 0), at: [.at(0)]) }
        let functional = try original.assigning(Tensor([7, 8]), at: [.at(1)])
        XCTAssertEqual(functional.toArray(), [0, 0, 7, 8])
        XCTAssertEqual(original.toArray(), [0, 0, 0, 0])
    }

    func testMaskAndIndexArrayAssignment() throws {
        var x = try Tensor.arange(-3.0, 3.0, dtype: .f64)
        try x.assign(Tensor(scalar: 0), where: x .< 0.0)
        XCTAssertEqual(x.toArray(), [0, 0, 0, 0, 1, 2])
        try x.assign(Tensor([10, 20], dtype: .f64), where: x .> 0.0)
        XCTAssertEqual(x.toArray(), [0, 0, 0, 0, 10, 20])
        var m = try Tensor.zeros([4, 2], dtype: .i64)
        try m.assign(Tensor(integers: [1, 2, 3, 4], shape: [2, 2]), atIndices: Tensor(integers: [3, -4], shape: [2]))
        XCTAssertEqual(m.toArray(of: Int64.self), [3, 4, 0, 0, 0, 0, 1, 2])
        var flat = try Tensor.zeros([3])
        try flat.assign(Tensor(scalar: 1), atIndices: Tensor(integers: [2], shape: [1]))
        XCTAssertEqual(flat.toArray(), [0, 0, 1])
        assertThrowsKind(.index) { try flat.assign(Tensor(scalar: 1), atIndices: Tensor(integers: [3], shape: [1])) }
        assertThrowsKind(.type) { try flat.assign(Tensor(scalar: 1), where: Tensor([1, 0, 1])) }
    }
}
