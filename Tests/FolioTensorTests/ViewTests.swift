import FolioTensor
import XCTest

final class ViewTests: XCTestCase {
    private func grid() throws -> Tensor { try Tensor.arange(24).reshape([4, 6]) }

    func testSlicesFollowPythonRules() throws {
        let g = try grid()
        // NumPy: np.arange(24).reshape(4, 6)[1:, ::-2] and [-1, 4:1:-1]
        let reversed = try g.slice([.range(start: 1), .range(step: -2)])
        XCTAssertEqual(reversed.shape, [3, 3])
        XCTAssertEqual(reversed.toArray(of: Int64.self), [11, 9, 7, 17, 15, 13, 23, 21, 19])
        XCTAssertEqual(try g.slice([.at(-1), .range(start: 4, stop: 1, step: -1)]).toArray(of: Int64.self), [22, 21, 20])
        XCTAssertEqual(try g.slice([.ellipsis, .at(0)]).toArray(of: Int64.self), [0, 6, 12, 18])
        XCTAssertEqual(try g.slice([.newAxis, .range(stop: 1)]).shape, [1, 1, 6])
        XCTAssertEqual(try g.slice([.range(start: 10, stop: 20)]).shape, [0, 6])
        XCTAssertEqual(try g.slice([.range(start: -100, stop: 2)]).shape, [2, 6])
    }

    func testViewsAliasStorage() throws {
        let base = try Tensor.zeros([3, 4], dtype: .f64)
        let column = try base.slice([.all, .at(2)])
        let transposed = try base.transpose()
        let reshaped = try base.reshape([2, 6])
        for view in [column, transposed, reshaped, try base.expand([2, 3, 4]), try base.unsqueeze(0)] {
            XCTAssertTrue(view.sharesStorage(with: base))
        }
        try base.withUnsafeMutablePointer(as: Double.self) { $0[1 * 4 + 2] = 7 }
        XCTAssertEqual(column.toArray(), [0, 7, 0])
        XCTAssertEqual(try transposed.slice([.at(2), .at(1)]).item(), .double(7))
        XCTAssertEqual(reshaped.toArray()[6], 7)
    }

    func testReshapeCopiesOnlyNonContiguousData() throws {
        let g = try grid()
        XCTAssertTrue(try g.reshape([2, -1]).sharesStorage(with: g))
        let transposed = try g.transpose()
        let flat = try transposed.reshape([-1])
        XCTAssertFalse(flat.sharesStorage(with: g))
        XCTAssertEqual(Array(flat.toArray(of: Int64.self).prefix(5)), [0, 6, 12, 18, 1])
        XCTAssertEqual(try g.flatten().shape, [24])
        XCTAssertEqual(try g.unsqueeze(1).squeeze().shape, [4, 6])
        XCTAssertEqual(try g.unsqueeze(-1).shape, [4, 6, 1])
    }

    func testExpandUsesZeroStrides() throws {
        let row = try Tensor.arange(3).reshape([1, 3])
        let expanded = try row.expand([2, -1, 3])
        XCTAssertEqual(expanded.shape, [2, 1, 3])
        XCTAssertEqual(try row.expand([4, 3]).strides, [0, 1])
        XCTAssertEqual(try row.expand([4, 3]).toArray(of: Int64.self), [0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2])
    }

    func testBroadcastingRulesAgreeWithNumPy() throws {
        let cases: [([Int], [Int], [Int]?)] = [
            ([2, 3], [3], [2, 3]), ([4, 1, 5], [3, 1], [4, 3, 5]), ([], [2, 2], [2, 2]),
            ([0, 3], [1], [0, 3]), ([2, 3], [2], nil), ([5, 4], [5, 1, 4], [5, 5, 4]),
        ]
        for (left, right, expected) in cases {
            let a = try Tensor.zeros(left)
            let b = try Tensor.zeros(right)
            if let expected {
                XCTAssertEqual(try (a + b).shape, expected, "\(left) + \(right)")
                XCTAssertEqual(try (b * a).shape, expected, "\(right) * \(left)")
            } else {
                assertThrowsKind(.shape) { try a + b }
            }
        }
    }

    func testBadIndicesAndShapesThrowInsteadOfTrapping() throws {
        let g = try grid()
        let message = assertThrowsKind(.index) { try g.slice([.at(4)]) }
        XCTAssertEqual(message, "index: index 4 is out of range for axis 0 with size 4")
        assertThrowsKind(.value) { try g.slice([.at(0), .at(0), .at(0)]) }
        assertThrowsKind(.value) { try g.slice([.range(step: 0)]) }
        assertThrowsKind(.shape) { try g.reshape([5, -1]) }
        assertThrowsKind(.shape) { try g.reshape([-1, -1]) }
        assertThrowsKind(.shape) { try Tensor.zeros([Int.max, Int.max]) }
        assertThrowsKind(.shape) { try g.expand([4, 5]) }
        assertThrowsKind(.index) { try g.permute([0, 2]) }
        assertThrowsKind(.value) { try g.permute([1, 1]) }
        assertThrowsKind(.value) { try g.squeeze([0]) }
        assertThrowsKind(.value) { try g.item() }
        XCTAssertEqual(try g.slice([.range(step: Int.min)]).shape, [1, 6])
    }

    func testCreationFunctionsMatchNumPy() throws {
        XCTAssertEqual(try Tensor.arange(0, 1, step: 0.25, dtype: .f64).toArray(), [0, 0.25, 0.5, 0.75])
        XCTAssertEqual(try Tensor.arange(5, 0, step: -2).toArray(of: Int64.self), [5, 3, 1])
        XCTAssertEqual(try Tensor.linspace(0, 1, count: 5, dtype: .f64).toArray(), [0, 0.25, 0.5, 0.75, 1])
        XCTAssertEqual(try Tensor.eye(2, 3).toArray(), [1, 0, 0, 0, 1, 0])
        XCTAssertEqual(try Tensor.full(shape: [2], value: 3.5, dtype: .f64).toArray(), [3.5, 3.5])
        let x = try Tensor.ones([2, 2], dtype: .i64)
        XCTAssertEqual(x.zerosLike().dtype, .i64)
        XCTAssertEqual(x.fullLike(2.5, dtype: .f32).toArray(), [2.5, 2.5, 2.5, 2.5])
        XCTAssertEqual(Tensor([1.7, -1.7, .nan], dtype: .f64).cast(to: .i64).toArray(of: Int64.self), [1, -1, .min])
        assertThrowsKind(.value) { try Tensor.arange(0, 1, step: 0) }
        assertThrowsKind(.value) { try Tensor.linspace(0, 1, count: -1) }
    }

    func testNestedConversion() throws {
        let t = try Tensor(integers: [1, 2, 3, 4], shape: [2, 2]).transpose()
        XCTAssertEqual(t.toNested(), .array([.array([.scalar(.int(1)), .scalar(.int(3))]),
                                             .array([.scalar(.int(2)), .scalar(.int(4))])]))
        XCTAssertEqual(Tensor(scalar: 0.1, dtype: .f64).toNested(), .scalar(.double(0.1)))
        XCTAssertEqual(ScalarValue.double(0.1).description, "0.1")
    }
}
