import Foundation
import FolioAutograd
import FolioTensor
import XCTest

/// `backward()` and `.grad`: broadcasting, views, accumulation, `noGrad`, `detach`, errors.
final class BackwardTests: XCTestCase {
    func testBroadcastGradientsAreSummedToEachShape() throws {
        let column = Variable(deterministicTensor([3, 1], offset: 0.1), requiresGrad: true)
        let row = Variable(deterministicTensor([4], offset: 0.2), requiresGrad: true)
        let scale = Variable(Tensor(scalar: 2.5, dtype: .f64), requiresGrad: true)
        try ((column * row) * scale).sum().backward()
        // d/dcolumn[i] = scale * sum(row); d/drow[j] = scale * sum(column); d/dscale = sum(column) * sum(row).
        let rowSum = try row.value.sum(), columnSum = try column.value.sum()
        assertAllClose(try XCTUnwrap(column.grad), try (column.value.zerosLike() + rowSum) * 2.5, "column")
        assertAllClose(try XCTUnwrap(row.grad), try (row.value.zerosLike() + columnSum) * 2.5, "row")
        assertAllClose(try XCTUnwrap(scale.grad), try columnSum * rowSum, "scalar")
        XCTAssertEqual(column.grad?.shape, [3, 1])
    }

    func testGradientsFlowThroughViews() throws {
        let x = Variable(deterministicTensor([3, 4], offset: 0.3), requiresGrad: true)
        let picked = try x.transpose()[.range(start: 1, stop: 3), .at(0)]      // x[0, 1:3]
        let expanded = try x.reshape([12])[.range(start: 0, stop: 12, step: 5)] // x.flat[0, 5, 10]
        try ((picked * 3.0).sum() + expanded.sum()).backward()
        var expected = Array(repeating: 0.0, count: 12)
        expected[1] += 3; expected[2] += 3
        expected[0] += 1; expected[5] += 1; expected[10] += 1
        assertAllClose(try XCTUnwrap(x.grad), try Tensor(expected, shape: [3, 4], dtype: .f64), "views")
    }

    func testExpandSumsBackAndReuseAccumulates() throws {
        let x = Variable(deterministicTensor([2, 1], offset: 0.5), requiresGrad: true)
        let wide = try x.expand([2, 3])
        // Per row: 3x² + 3 exp(x) (exp(x) is broadcast over three columns too): 6x + 3 exp(x).
        try (wide * x + x.exp()).sum().backward()
        let expected = try x.value * 6.0 + x.value.exp() * 3.0
        assertAllClose(try XCTUnwrap(x.grad), expected, "expand + reuse")
    }

    func testBackwardAccumulatesIntoGradUntilZeroed() throws {
        let x = Variable(deterministicTensor([3], offset: 0.7), requiresGrad: true)
        for _ in 0..<3 { try (x * x).sum().backward() }
        assertAllClose(try XCTUnwrap(x.grad), try x.value * 6.0, "three backward calls")
        x.zeroGrad()
        XCTAssertNil(x.grad)
        try x.sum().backward()
        assertAllClose(try XCTUnwrap(x.grad), x.value.onesLike(), "after zeroGrad")
    }

    func testNoGradAndDetachStopRecording() throws {
        let x = Variable(deterministicTensor([3], offset: 0.7), requiresGrad: true)
        let untracked = try noGrad { try x * 2.0 }
        XCTAssertFalse(untracked.requiresGrad)
        XCTAssertTrue(try enableGrad { try noGrad { try enableGrad { try x * 2.0 } } }.requiresGrad)
        XCTAssertTrue(GradMode.isEnabled)
        let y = try (x.detached() * x).sum()   // only the second factor is differentiated
        try y.backward()
        assertAllClose(try XCTUnwrap(x.grad), x.value, "detach")
    }

    /// Written from the probe thread, read after the semaphore: no concurrent access.
    private final class Flag: @unchecked Sendable { var value = false }

    func testGradModeIsPerThread() throws {
        let seen = Flag()
        let done = DispatchSemaphore(value: 0)
        noGrad {
            let probe = Thread { seen.value = GradMode.isEnabled; done.signal() }
            probe.start()
            done.wait()
        }
        XCTAssertTrue(seen.value, "noGrad on one thread must not switch off another")
    }

    func testErrorsNameShapesAndOps() throws {
        let x = Variable(deterministicTensor([2, 3], offset: 0.1), requiresGrad: true)
        XCTAssertThrowsError(try (x * 2.0).backward()) { error in
            XCTAssertEqual(error as? AutogradError, .nonScalarOutput(op: "backward", shape: [2, 3]))
            XCTAssertTrue("\(error)".contains("(2, 3)"), "\(error)")
        }
        XCTAssertThrowsError(try (x.floor() * x).sum().backward()) { error in
            XCTAssertEqual(error as? AutogradError, .notDifferentiable(op: "floor"))
        }
        XCTAssertThrowsError(try Variable(x.value).sum().backward()) { error in
            XCTAssertEqual(error as? AutogradError, .noGraph(op: "backward"))
        }
        let integers = Variable(try Tensor(integers: [1, 2], shape: [2]))
        XCTAssertThrowsError(try grad { try $0.sum() }(integers)) { error in
            XCTAssertEqual(error as? AutogradError, .notFloatingPoint(op: "grad", argument: 0, dtype: .i64))
        }
        XCTAssertThrowsError(try grad({ $0[0] }, argnums: [2])([x])) { error in
            XCTAssertEqual((error as? AutogradError)?.kind, .value)
        }
        XCTAssertThrowsError(try grad { $0 }(x)) { error in
            XCTAssertEqual(error as? AutogradError, .nonScalarOutput(op: "grad", shape: [2, 3]))
        }
        XCTAssertNil(x.grad, "failed backward passes leave .grad untouched")
    }

    func testGradOfConstantFunctionIsZero() throws {
        let x = Variable(deterministicTensor([3], offset: 0.1))
        let gradient = try grad { _ in Variable.constant(Tensor(scalar: 1, dtype: .f64)) }(x)
        assertAllClose(gradient.value, x.value.zerosLike(), "constant function")
    }

    func testCompositesMatchTensorValues() throws {
        let x = Variable(deterministicTensor([2, 4], offset: 0.2))
        assertAllClose(try x.softmax().value, try x.value.softmax(), "softmax")
        assertAllClose(try x.logsumexp(axes: [1]).value, try x.value.logsumexp(axes: [1]), "logsumexp")
        assertAllClose(try x.variance(axes: [0], ddof: 1).value, try x.value.variance(axes: [0], ddof: 1), "var")
        assertAllClose(try x.gelu().value, try x.value.gelu(), "gelu")
        assertAllClose(try x.softplus().value, try x.value.softplus(), "softplus")
        try GradCheck.check("composites", inputs: [x.value]) { args in
            let v = args[0]
            return [try v.softmax(axis: 0), try v.logsumexp(axes: [1]), try v.variance(), try v.gelu(),
                    try v.softplus(), try v.mean(axes: [1]), try v.std(axes: [0]), try v.clamp(min: -0.5, max: 0.5)]
        }
    }
}
