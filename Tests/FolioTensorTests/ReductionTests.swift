import FolioTensor
import XCTest

final class ReductionTests: XCTestCase {
    private func input() throws -> Tensor { try det([2, 3, 4], 0) }

    func testReductionsOverAxesMatchNumPy() throws {
        let t = try input()
        assertTensor(try t.sum(axes: [0, 2]), Reference.sumAxes02, shape: [3], rtol: 1e-14)
        assertTensor(try t.mean(axes: [1], keepDims: true), Reference.meanAxis1, shape: [2, 1, 4], rtol: 1e-14)
        assertTensor(try t.variance(axes: [2], ddof: 1), Reference.varAxis2Ddof1, shape: [2, 3], rtol: 1e-13)
        assertTensor(try t.std(axes: [0]), Reference.stdAxis0, shape: [3, 4], rtol: 1e-13, atol: 1e-15)
        assertTensor(try t.prod(axes: [2]), Reference.prodAxis2, rtol: 1e-13)
        assertTensor(try t.max(axes: [1]), Reference.maxAxis1, shape: [2, 4])
        assertTensor(try t.min(), Reference.minAll, shape: [])
        assertTensor(try t.argmax(axis: 2), Reference.argmaxAxis2, shape: [2, 3])
        assertTensor(try t.argmin(axis: 0), Reference.argminAxis0, shape: [3, 4])
        assertTensor(try t.logsumexp(axes: [1]), Reference.logsumexpAxis1, shape: [2, 4], rtol: 1e-14)
        assertTensor(try t.cumsum(axis: 1), Reference.cumsumAxis1, shape: [2, 3, 4], rtol: 1e-14)
        assertTensor(try t.softmax(axis: -1), Reference.softmaxLast, rtol: 1e-14)
        assertTensor(try t.logSoftmax(axis: 0), Reference.logSoftmaxAxis0, rtol: 1e-13)
    }

    func testReductionsOfStridedViewsMatchDenseCopies() throws {
        let view = try input().permute([2, 0, 1])
        let dense = view.contiguous()
        for axes in [[0], [1], [2], [0, 2], [1, 2]] {
            assertTensor(try view.sum(axes: axes), try dense.sum(axes: axes).toArray(), rtol: 1e-14, "sum \(axes)")
            assertTensor(try view.max(axes: axes), try dense.max(axes: axes).toArray(), "max \(axes)")
        }
        XCTAssertEqual(try view.argmax(axis: 1).toArray(), try dense.argmax(axis: 1).toArray())
    }

    func testLargeSumsUseAllChunksAndStayAccurate() throws {
        let count = 1_000_003
        let ones = try Tensor.ones([count])
        XCTAssertEqual(try ones.sum().item(), .double(Double(count)))
        let columns = try Tensor.ones([count / 7 + 1, 7]).sum(axes: [0])
        XCTAssertEqual(columns.toArray(), Array(repeating: Double(count / 7 + 1), count: 7))
    }

    func testDTypesOfReductions() throws {
        let flags = try Tensor(bools: [true, true, false], shape: [3])
        XCTAssertEqual(try flags.sum().item(), .int(2))
        XCTAssertEqual(try flags.all().item(), .bool(false))
        XCTAssertEqual(try flags.any().item(), .bool(true))
        XCTAssertEqual(try Tensor(integers: [1, 2], shape: [2]).mean().dtype, .f32)
        XCTAssertEqual(try Tensor.zeros([0]).sum().item(), .double(0))
        XCTAssertEqual(try Tensor.zeros([0], dtype: .bool).all().item(), .bool(true))
    }

    func testNaNPropagatesThroughMaxAndArgmax() throws {
        let x = Tensor([1, .nan, 3], dtype: .f64)
        XCTAssertTrue(try x.max().toArray()[0].isNaN)
        XCTAssertEqual(try x.argmax().item(), .int(1))
        XCTAssertEqual(try Tensor([-Double.infinity, -.infinity], dtype: .f64).logsumexp().item(), .double(-.infinity))
    }

    func testBadReductionArgumentsThrow() throws {
        let t = try input()
        let message = assertThrowsKind(.index) { try t.sum(axes: [3]) }
        XCTAssertTrue(message.contains("axis 3") && message.contains("rank 3"), message)
        assertThrowsKind(.value) { try t.sum(axes: [1, -2]) }
        assertThrowsKind(.value) { try Tensor.zeros([0, 2]).max(axes: [0]) }
        assertThrowsKind(.value) { try Tensor.zeros([0]).argmax() }
        for (name, call) in [("softmax", { try t.softmax(axis: 5) }), ("log_softmax", { try t.logSoftmax(axis: 5) })] {
            let softmaxMessage = assertThrowsKind(.index) { try call() }
            XCTAssertTrue(softmaxMessage.contains(name) && softmaxMessage.contains("axis 5") && softmaxMessage.contains("rank 3"),
                          softmaxMessage)
        }
        let scalarMessage = assertThrowsKind(.index) { try Tensor(scalar: 2, dtype: .f64).softmax() }
        XCTAssertTrue(scalarMessage.contains("axis -1") && scalarMessage.contains("rank 0"), scalarMessage)
    }
}
