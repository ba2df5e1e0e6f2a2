import FolioAutograd
import FolioTensor
import XCTest

/// `Variable`'s methods call the kernels of frequent primitives directly, skipping
/// `Tensor.forward`'s arrays; these tests hold that shortcut to the op table's results, dtypes
/// and recording decisions.
final class RecordingTests: XCTestCase {
    let x = deterministicTensor([2, 3], offset: 0.2) { 1.5 + $0 }
    let y = deterministicTensor([3], offset: 0.9) { 1.2 + $0 }

    /// Fails unless `direct` equals the op table's output for `op` exactly, and records a node
    /// exactly when the output is floating.
    func assertMatchesOpTable(_ op: PrimitiveOp, _ inputs: [Tensor], _ direct: ([Variable]) throws -> Variable,
                              file: StaticString = #filePath, line: UInt = #line) throws {
        let expected = try Tensor.forward(op, inputs)[0]
        let constant = try direct(inputs.map { Variable($0) })
        XCTAssertEqual(constant.dtype, expected.dtype, "\(op)", file: file, line: line)
        XCTAssertFalse(constant.requiresGrad, "\(op) on constants", file: file, line: line)
        // Bit-for-bit the same, NaN where the op table gives NaN (inputs outside asin's domain).
        let same = zip(constant.value.toArray(), expected.toArray()).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
        XCTAssertTrue(same, "\(op): \(constant.value.toArray()) != \(expected.toArray())", file: file, line: line)
        let tracked = try direct(inputs.map { Variable($0, requiresGrad: true) })
        XCTAssertEqual(tracked.requiresGrad, expected.dtype.isFloatingPoint, "\(op) records", file: file, line: line)
    }

    func testDirectKernelsMatchTheOpTable() throws {
        for op in UnaryOp.allCases { try assertMatchesOpTable(.unary(op), [x]) { try $0[0].apply(op) } }
        for op in BinaryOp.allCases { try assertMatchesOpTable(.binary(op), [x, y]) { try $0[0].apply(op, $0[1]) } }
        for op in ReductionOp.allCases {
            try assertMatchesOpTable(.reduce(op, axes: [-1], keepDims: true), [x]) { try $0[0].reduce(op, axes: [-1], keepDims: true) }
        }
        try assertMatchesOpTable(.matmul, [x, y]) { try $0[0].matmul($0[1]) }
        try assertMatchesOpTable(.reshape([3, 2]), [x]) { try $0[0].reshape([3, 2]) }
        try assertMatchesOpTable(.permute([1, 0]), [x]) { try $0[0].permute([1, 0]) }
        try assertMatchesOpTable(.expand([4, 2, 3]), [x]) { try $0[0].expand([4, 2, 3]) }
    }

    /// Views to the same shape are the variable itself, so backward rules pay nothing for them.
    func testIdentityViewsAddNoNode() throws {
        let leaf = Variable(x, requiresGrad: true)
        let scaled = try leaf * 2.0
        for view in [try scaled.reshape([2, 3]), try scaled.permute([0, 1]), try scaled.expand([2, 3])] {
            XCTAssertTrue(view.requiresGrad)
            try view.sum().backward()
        }
        assertAllClose(try XCTUnwrap(leaf.grad), try x.onesLike() * 6.0, "three backward passes through identity views")
    }
}
