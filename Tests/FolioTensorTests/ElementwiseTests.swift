import FolioTensor
import XCTest

final class ElementwiseTests: XCTestCase {
    private func input(_ dtype: DType = .f64) throws -> Tensor { try det([12], 0, dtype: dtype) }

    func testUnaryFunctionsMatchNumPyInFloat64() throws {
        let x = try input()
        let positive = try x.abs() + 0.5
        let inside = try x * 0.9
        let cases: [(String, Tensor, [Double])] = [
            ("exp", try x.exp(), Reference.exp), ("log", try positive.log(), Reference.logPositive),
            ("log1p", try positive.log1p(), Reference.log1p), ("expm1", try x.expm1(), Reference.expm1),
            ("sqrt", try positive.sqrt(), Reference.sqrtPositive), ("rsqrt", try positive.rsqrt(), Reference.rsqrtPositive),
            ("sin", try x.sin(), Reference.sin), ("cos", try x.cos(), Reference.cos), ("tan", try x.tan(), Reference.tan),
            ("asin", try inside.asin(), Reference.asinInside), ("acos", try inside.acos(), Reference.acosInside),
            ("atan", try x.atan(), Reference.atan), ("sinh", try x.sinh(), Reference.sinh),
            ("cosh", try x.cosh(), Reference.cosh), ("tanh", try x.tanh(), Reference.tanh),
            ("asinh", try x.asinh(), Reference.asinh), ("acosh", try (positive + 1.0).acosh(), Reference.acoshShifted),
            ("atanh", try inside.atanh(), Reference.atanhInside), ("sigmoid", try x.sigmoid(), Reference.sigmoid),
            ("erf", try x.erf(), Reference.erf), ("gelu", try (x * 3.0).gelu(), Reference.geluScaled),
            ("softplus", try (x * 30.0).softplus(), Reference.softplusScaled), ("silu", try (x * 3.0).silu(), Reference.siluScaled),
        ]
        for (name, result, expected) in cases {
            XCTAssertEqual(result.dtype, .f64, name)
            assertTensor(result, expected, shape: [12], rtol: 1e-13, atol: 1e-15, name)
        }
    }

    func testUnaryFunctionsInFloat32StayWithinSinglePrecision() throws {
        let x = try input(.f32)
        assertTensor(try x.exp(), Reference.exp, rtol: 3e-7, "exp f32")
        assertTensor(try x.tanh(), Reference.tanh, rtol: 3e-7, atol: 1e-7, "tanh f32")
        assertTensor(try (x.abs() + 0.5).log(), Reference.logPositive, rtol: 3e-7, atol: 1e-7, "log f32")
        XCTAssertEqual(try x.exp().dtype, .f32)
    }

    func testRoundIsHalfToEvenAndIntegersPassThrough() throws {
        let x = try Tensor.arange(-4, 8).cast(to: .f64)
        assertTensor(try (x * 2.5).round(), Reference.roundScaled)
        let integers = try Tensor.arange(-2, 3)
        XCTAssertEqual(try integers.floor().toArray(of: Int64.self), [-2, -1, 0, 1, 2])
        XCTAssertEqual(try integers.abs().toArray(of: Int64.self), [2, 1, 0, 1, 2])
    }

    func testBroadcastingArithmeticMatchesNumPy() throws {
        let a = try det([2, 3, 1], 1)
        let b = try det([4], 2)
        assertTensor(try a + b, Reference.broadcastAdd, shape: [2, 3, 4])
        assertTensor(try a - b, Reference.broadcastSub)
        assertTensor(try a * b, Reference.broadcastMul)
        assertTensor(try a / b, Reference.broadcastDiv, rtol: 1e-14)
        assertTensor(try (a.abs() + 0.5).pow(b), Reference.broadcastPow, rtol: 1e-14)
        assertTensor(try a.maximum(b), Reference.broadcastMaximum)
        assertTensor(try a .> b, Reference.broadcastGreater)
        XCTAssertEqual(try (a .> b).dtype, .bool)
    }

    func testBroadcastingWorksOnTransposedAndSlicedViews() throws {
        let base = try det([4, 6], 0)
        let view = try base.transpose().slice([.range(step: 2), .range(start: 1)])
        let dense = view.contiguous()
        let row = try det([3], 5)
        XCTAssertFalse(view.isContiguous)
        assertTensor(try view * row, try (dense * row).toArray())
        assertTensor(try view.exp(), try dense.exp().toArray())
    }

    func testPromotionRules() throws {
        let int = try Tensor(integers: [1, 2, 3], shape: [3])
        let float = Tensor([1, 2, 3])
        let double = Tensor([1, 2, 3], dtype: .f64)
        let flag = try Tensor(bools: [true, false, true], shape: [3])
        XCTAssertEqual(try (int + float).dtype, .f32)
        XCTAssertEqual(try (float + double).dtype, .f64)
        XCTAssertEqual(try (int / int).dtype, .f32)
        XCTAssertEqual(try (int * 2).dtype, .i64)
        XCTAssertEqual(try (int * 0.5).dtype, .f32)
        XCTAssertEqual(try (float * 2.0).dtype, .f32)
        XCTAssertEqual(try (double * 2).dtype, .f64)
        XCTAssertEqual(try (flag + flag).toArray(of: Int64.self), [2, 0, 2])
        XCTAssertEqual(try int.pow(Tensor(integers: [2, 2, 2], shape: [3])).toArray(of: Int64.self), [1, 4, 9])
        XCTAssertEqual(try int.exp().dtype, .f32)
        XCTAssertEqual(DType.promote(.c64, .f64), .c128)
        XCTAssertEqual(DType.promote(.i64, .c64), .c64)
    }

    func testComplexArithmetic() throws {
        let a = try Tensor(complex: [Complex(1, 2), Complex(3, -1)], shape: [2])
        let b = try Tensor(complex: [Complex(0, 1), Complex(2, 2)], shape: [2])
        let product = try (a * b).toArray(of: Complex<Double>.self)
        XCTAssertEqual(product, [Complex(-2, 1), Complex(8, 4)])
        let quotient = try (a / b).toArray(of: Complex<Double>.self)
        XCTAssertEqual(quotient[0].real, 2, accuracy: 1e-6)
        XCTAssertEqual(quotient[0].imaginary, -1, accuracy: 1e-6)
        XCTAssertEqual(try a.abs().toArray()[0], 5.0.squareRoot(), accuracy: 1e-6)
        XCTAssertEqual(try (a + Tensor([1, 1], dtype: .f64)).dtype, .c128)
        assertThrowsKind(.type) { try a .< b }
    }

    func testIEEESpecialsPropagate() throws {
        let x = Tensor([.nan, .infinity, -.infinity, 1], dtype: .f64)
        XCTAssertEqual(try x.isnan().toArray(of: Bool.self), [true, false, false, false])
        XCTAssertEqual(try x.isfinite().toArray(of: Bool.self), [false, false, false, true])
        XCTAssertTrue(try x.maximum(Tensor([0], dtype: .f64)).toArray()[0].isNaN)
        XCTAssertEqual(try x.sigmoid().toArray()[1...2], [1, 0])
        XCTAssertEqual(try x.clamp(min: -1, max: 2).toArray()[1...3], [2, -1, 1])
    }

    func testWhereBroadcastsAndPromotes() throws {
        let condition = try Tensor(bools: [true, false, true], shape: [3, 1])
        let result = try Tensor.select(condition, Tensor([1, 2], dtype: .f64), Tensor(integers: [7], shape: [1]))
        XCTAssertEqual(result.shape, [3, 2])
        XCTAssertEqual(result.toArray(), [1, 2, 7, 7, 1, 2])
    }

    func testBadOperandsRaiseShapeAndTypeErrors() throws {
        let message = assertThrowsKind(.shape) { try Tensor([1, 2, 3]) + Tensor([1, 2]) }
        XCTAssertTrue(message.contains("(3,)") && message.contains("(2,)"), message)
        assertThrowsKind(.type) { try -Tensor(bools: [true], shape: [1]) }
        assertThrowsKind(.value) { try Tensor(integers: [2], shape: [1]).pow(Tensor(integers: [-1], shape: [1])) }
    }

    func testLargeContiguousAndStridedKernelsAgree() throws {
        let count = 300_000
        let x = try Tensor.arange(0, Double(count), step: 1, dtype: .f64) * 1e-5
        let strided = try x.reshape([count / 2, 2]).transpose(0, 1)
        let dense = strided.contiguous()
        XCTAssertEqual(try strided.sin().toArray(), try dense.sin().toArray())
        XCTAssertEqual(try (strided + strided).toArray(), try (dense * 2.0).toArray())
    }
}
