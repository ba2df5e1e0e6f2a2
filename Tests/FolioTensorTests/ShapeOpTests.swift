import FolioTensor
import XCTest

/// Joining, splitting, rearranging and padding against `ShapeReference` (NumPy).
final class ShapeOpTests: XCTestCase {
    private func ints(_ count: Int, _ shape: [Int], from start: Int = 0) throws -> Tensor {
        try Tensor.arange(start, start + count).reshape(shape)
    }

    func testCatAndStackMatchNumPyAndPromote() throws {
        let a = try ints(6, [2, 3])
        let b = try ints(4, [2, 2], from: 6)
        assertTensor(try Tensor.cat([a, b], axis: 1), ShapeReference.catAxis1, shape: [2, 5])
        assertTensor(try Tensor.stack([a, a * 10], axis: 1), ShapeReference.stackAxis1, shape: [2, 2, 3])
        XCTAssertEqual(try Tensor.cat([a, a.cast(to: .f32)], axis: 0).dtype, .f32)
        // Strided inputs are read through their strides.
        let transposed = try Tensor.cat([a.transpose(), a.transpose()], axis: -1)
        XCTAssertEqual(transposed.toArray(of: Int64.self), [0, 3, 0, 3, 1, 4, 1, 4, 2, 5, 2, 5])
        let message = assertThrowsKind(.shape) { try Tensor.cat([a, b], axis: 0) }
        XCTAssertTrue(message.contains("(2, 3) and (2, 2)"), message)
        assertThrowsKind(.index) { try Tensor.cat([a], axis: 2) }
        assertThrowsKind(.value) { try Tensor.cat([]) }
        assertThrowsKind(.shape) { try Tensor.stack([a, b]) }
    }

    func testSplitAndChunkAreViewsWithPyTorchSizes() throws {
        let g = try ints(10, [10])
        let parts = try g.split([3, 0, 7])
        XCTAssertEqual(parts.map(\.shape), [[3], [0], [7]])
        XCTAssertTrue(parts[2].sharesStorage(with: g))
        XCTAssertEqual(try g.split(size: 4).map(\.shape), [[4], [4], [2]])
        XCTAssertEqual(try g.chunk(3).map { $0.toArray(of: Int64.self) }, [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]])
        XCTAssertEqual(try Tensor.arange(6).chunk(4).count, 3)
        assertThrowsKind(.value) { try g.split([3, 3]) }
        assertThrowsKind(.value) { try g.chunk(0) }
    }

    func testFlipRollTileRepeatMatchNumPy() throws {
        let g = try ints(24, [2, 3, 4])
        assertTensor(try g.flip(axes: [0, 2]), ShapeReference.flip02)
        XCTAssertTrue(try g.flip().sharesStorage(with: g))
        assertTensor(try g.roll(3, axis: 2), ShapeReference.rollAxis2)
        assertTensor(try g.roll(-5), ShapeReference.rollFlatNegative, shape: [2, 3, 4])
        let a = try ints(6, [2, 3])
        assertTensor(try a.tile([2, 3]), ShapeReference.tile23, shape: [4, 9])
        assertTensor(try Tensor.arange(3).tile([2, 1, 2]), ShapeReference.tileLonger, shape: [2, 1, 6])
        assertTensor(try a.repeated(2, axis: 0), ShapeReference.repeatAxis0, shape: [4, 3])
        assertTensor(try a.repeated(2), ShapeReference.repeatFlat, shape: [12])
        assertTensor(try a.repeated([1, 0, 2], axis: 1), ShapeReference.repeatCounts, shape: [2, 3])
        assertThrowsKind(.value) { try a.repeated([1, 2], axis: 1) }
        assertThrowsKind(.value) { try a.tile([-1]) }
    }

    func testTriangles() throws {
        let m = try det([3, 4], 0)
        assertTensor(try m.tril(diagonal: -1), ShapeReference.trilMinus1)
        assertTensor(try m.triu(diagonal: 1), ShapeReference.triu1)
        XCTAssertEqual(try det([2, 3, 3], 0).tril().shape, [2, 3, 3])
        assertThrowsKind(.shape) { try Tensor.zeros([3]).tril() }
    }

    func testPadModesMatchNumPy() throws {
        let a = try ints(6, [2, 3])
        assertTensor(try a.pad([(1, 0), (2, 1)], mode: .constant(7)), ShapeReference.padConstant, shape: [3, 6])
        let x = try Tensor.arange(1, 6)
        assertTensor(try x.pad([(3, 2)], mode: .reflect), ShapeReference.padReflect)
        assertTensor(try x.pad([(4, 5)], mode: .circular), ShapeReference.padWrap)
        assertTensor(try a.pad([(0, 1), (1, 2)], mode: .edge), ShapeReference.padEdge2D, shape: [3, 6])
        assertTensor(try a.pad([(1, 1), (2, 1)], mode: .reflect), ShapeReference.padReflect2D, shape: [4, 6])
        XCTAssertEqual(try a.padTrailing([(1, 1)]).shape, [2, 5])
        assertThrowsKind(.value) { try x.pad([(5, 0)], mode: .reflect) }
        assertThrowsKind(.value) { try x.pad([(6, 0)], mode: .circular) }
        assertThrowsKind(.value) { try a.pad([(1, 1), (1, 1), (1, 1)]) }
        assertThrowsKind(.value) { try a.pad([(-1, 0)]) }
    }
}
