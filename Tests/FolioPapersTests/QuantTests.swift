import FolioAutograd
import FolioNN
import FolioNumericTestSupport
import FolioPapers
import FolioTensor
import XCTest

/// 26 quant: the spec's numeric cases (values from reference/quant.py) and its properties.
final class QuantTests: XCTestCase {
    private func data() throws -> Tensor { try detTensor([4, 5], 0) * 3 }

    private func scalar(_ value: Double) throws -> Tensor { try Tensor([value], shape: [], dtype: .f64) }

    func testAsymmetric4BitMatchesReference() throws {
        let r = try data()
        let p = try Quant.parameters(alpha: r.min(), beta: r.max(), bits: 4, symmetric: false, restricted: false)
        assertAllClose(try Tensor([p.scale.item().doubleValue, p.zero.item().doubleValue], shape: [2], dtype: .f64), [
            0.39822413406136054, -7,
        ], rtol: 1e-12, atol: 1e-12, "asym4_scale_zero")
        let q = try Quant.quantize(r, p)
        XCTAssertEqual(q.dtype, .i64)
        assertAllClose(q, [
            7, 10, 12, 14,
            15, 14, 13, 11,
            8, 6, 3, 1,
            0, 0, 0, 2,
            4, 7, 10, 12,
        ], shape: [4, 5], rtol: 0, atol: 0, "asym4_q")
        assertAllClose(try Quant.dequantize(q, scale: p.scale, zero: p.zero), [
            0, 1.1946724021840815, 1.9911206703068027, 2.7875689384295237,
            3.1857930724908843, 2.7875689384295237, 2.3893448043681631, 1.5928965362454421,
            0.39822413406136054, -0.39822413406136054, -1.5928965362454421, -2.3893448043681631,
            -2.7875689384295237, -2.7875689384295237, -2.7875689384295237, -1.9911206703068027,
            -1.1946724021840815, 0, 1.1946724021840815, 1.9911206703068027,
        ], shape: [4, 5], rtol: 1e-12, atol: 1e-12, "asym4_dequant")
    }

    func testSymmetricMatchesReference() throws {
        let r = try data()
        let m = try r.abs().max()
        let full = try Quant.parameters(alpha: m * -1, beta: m, bits: 8, symmetric: true, restricted: false)
        XCTAssertEqual([full.qmin, full.qmax], [-128, 127])
        let q = try Quant.quantize(r, full)
        assertAllClose(q, [
            0, 46, 86, 115,
            127, 123, 102, 67,
            23, -24, -68, -103,
            -123, -127, -114, -86,
            -45, 1, 47, 87,
        ], shape: [4, 5], rtol: 0, atol: 0, "sym8_full_q")
        assertAllClose(try Quant.dequantize(q, scale: full.scale, zero: full.zero), [
            0, 1.0778945611466222, 2.0151941795349892, 2.6947364028665555,
            2.9759262883830657, 2.882196326544229, 2.3901140268903363, 1.5699768608005149,
            0.53894728057331109, -0.56237977103302028, -1.5934093512602241, -2.4135465173500452,
            -2.882196326544229, -2.9759262883830657, -2.6713039124068461, -2.0151941795349892,
            -1.054462070686913, 0.023432490459709177, 1.1013270516063314, 2.0386266699946982,
        ], shape: [4, 5], rtol: 1e-12, atol: 1e-12, "sym8_full_dequant")

        let rows = try r.abs().max(axes: [1], keepDims: true)
        let restricted = try Quant.parameters(alpha: rows * -1, beta: rows, bits: 4, symmetric: true, restricted: true)
        XCTAssertEqual([restricted.qmin, restricted.qmax], [-7, 7], "the restricted grid is symmetric")
        let perChannel = try Quant.quantize(r, restricted)
        assertAllClose(perChannel, [
            0, 3, 5, 6,
            7, 7, 6, 4,
            1, -1, -4, -6,
            -7, -7, -6, -7,
            -4, 0, 4, 7,
        ], shape: [4, 5], rtol: 0, atol: 0, "sym4_restricted_perchannel_q")
        assertAllClose(try Quant.dequantize(perChannel, scale: restricted.scale, zero: restricted.zero), [
            0, 1.2804182286912515, 2.134030381152086, 2.5608364573825031,
            2.9876425336129202, 2.8838256089258998, 2.4718505219364855, 1.6479003479576571,
            0.41197508698941426, -0.41197508698941426, -1.7061254156042789, -2.5591881234064182,
            -2.9857194773074882, -2.9857194773074882, -2.5591881234064182, -2.0379139564344446,
            -1.1645222608196826, 0, 1.1645222608196826, 2.0379139564344446,
        ], shape: [4, 5], rtol: 1e-12, atol: 1e-12, "sym4_restricted_perchannel_dequant")
    }

    func testFakeQuantAndItsStraightThroughGradient() throws {
        let r = Variable(try data(), requiresGrad: true)
        let p = try Quant.parameters(alpha: scalar(-1), beta: scalar(2), bits: 3, symmetric: false, restricted: false)
        let y = try Quant.fakeQuantize(r, p)
        assertAllClose(y.value, [
            0, 1.2857142857142856, 2.1428571428571428, 2.1428571428571428,
            2.1428571428571428, 2.1428571428571428, 2.1428571428571428, 1.7142857142857142,
            0.42857142857142855, -0.42857142857142855, -0.8571428571428571, -0.8571428571428571,
            -0.8571428571428571, -0.8571428571428571, -0.8571428571428571, -0.8571428571428571,
            -0.8571428571428571, 0, 1.2857142857142856, 2.1428571428571428,
        ], shape: [4, 5], rtol: 1e-12, atol: 1e-12, "fakequant_asym3_clip")
        try y.sum().backward()
        assertAllClose(try XCTUnwrap(r.grad), [
            1, 1, 1, 0,
            0, 0, 0, 1,
            1, 1, 0, 0,
            0, 0, 0, 0,
            1, 1, 1, 1,
        ], shape: [4, 5], rtol: 0, atol: 1e-12, "fakequant_asym3_ste_grad")
    }

    func testStochasticRoundWithExplicitUniforms() throws {
        let x = try detTensor([10], 1) * 2.5
        let u = try (detTensor([10], 2) + 1) * (0.5 * 0.999999)
        assertAllClose(try Quant.stochasticRound(x, uniforms: u), [
            2, 2, 2, 2,
            2, 1, 0, -1,
            -1, -2,
        ], shape: [10], rtol: 0, atol: 0, "stochastic_round")
    }

    func testDyadicRequantizationMatchesReference() throws {
        let (b, c) = try Quant.toDyadic(0.0123456, cBits: 31)
        XCTAssertEqual([Double(b), Double(c)], [
            26511974, 31,
        ], "dyadic_b_c")
        let acc = try detTensor([8], 3).toArray().map { Int(($0 * 1000).rounded(.toNearestOrEven)) }
        XCTAssertEqual(try Quant.requantize(acc, b: b, c: c).map(Double.init), [
            2, -3, -7, -10,
            -12, -12, -11, -8,
        ], "dyadic_requant")
        XCTAssertThrowsError(try Quant.requantize([Int.max / 2], b: 4, c: 1), "acc·b overflows")
        XCTAssertThrowsError(try Quant.toDyadic(0, cBits: 31))
    }

    func testCalibrationPercentilesMatchNumPy() throws {
        let r = try data()
        let whole = try Quant.calibrate(r, percentile: 90, axis: nil)
        assertAllClose(try Tensor([whole.alpha.item().doubleValue, whole.beta.item().doubleValue], shape: [2], dtype: .f64), [
            -2.6990880136282285, 2.7067690122287189,
        ], rtol: 1e-12, atol: 1e-12, "calibrate_percentile90")
        let rows = try Quant.calibrate(r, percentile: 99, axis: 0)
        XCTAssertEqual(rows.alpha.shape, [4, 1])
        assertAllClose(try Tensor(rows.alpha.toArray() + rows.beta.toArray(), shape: [8], dtype: .f64), [
            0.043393851835795437, -0.5177370788562532, -2.9818664098839864, -1.9700412161541996,
            2.9756206745500089, 2.8640604412371942, -1.6220080996775592, 2.000552659445753,
        ], rtol: 1e-12, atol: 1e-12, "calibrate_percentile99_axis0")
        let minmax = try Quant.calibrate(r, percentile: nil, axis: 1)
        XCTAssertEqual(minmax.alpha.shape, [1, 5])
        assertAllClose(minmax.beta, try r.max(axes: [0], keepDims: true).toArray(), rtol: 0, atol: 0, "per-column max")
    }

    // MARK: Properties

    /// Every r in [α, β] comes back within S/2, per channel, for each quantizer kind.
    func testRoundTripErrorIsAtMostHalfAScale() throws {
        let r = try data()
        let rows = try r.abs().max(axes: [1], keepDims: true)
        let cases: [(Tensor, Tensor, Bool, Bool)] = [
            (try r.min(axes: [1], keepDims: true), try r.max(axes: [1], keepDims: true), false, false),
            (try rows * -1, rows, true, false), (try rows * -1, rows, true, true),
        ]
        for (alpha, beta, symmetric, restricted) in cases {
            for bits in [2, 3, 4, 8] {
                let p = try Quant.parameters(alpha: alpha, beta: beta, bits: bits, symmetric: symmetric, restricted: restricted)
                let back = try Quant.dequantize(Quant.quantize(r, p), scale: p.scale, zero: p.zero)
                let error = try (back - r).abs() - p.scale * (0.5 + 1e-9)
                XCTAssertLessThanOrEqual(try error.max().item().doubleValue, 0, "bits \(bits), symmetric \(symmetric), restricted \(restricted)")
            }
        }
    }

    func testIdempotenceAndGridAnchors() throws {
        let r = Variable(try data())
        for symmetric in [false, true] {
            let p = try Quant.parameters(alpha: scalar(-2.5), beta: scalar(1.7), bits: 4, symmetric: symmetric, restricted: false)
            let once = try Quant.fakeQuantize(r, p)
            let twice = try Quant.fakeQuantize(once, p)
            assertAllClose(twice.value, once.value.toArray(), rtol: 0, atol: 1e-12, "idempotence, symmetric \(symmetric)")
        }
        let asymmetric = try Quant.parameters(alpha: scalar(-2.5), beta: scalar(1.7), bits: 4, symmetric: false, restricted: false)
        XCTAssertEqual(try Quant.quantize(scalar(-2.5), asymmetric).toArray(), [0], "Q(α) = 0")
        for restricted in [false, true] {
            let symmetric = try Quant.parameters(alpha: scalar(-2.5), beta: scalar(1.7), bits: 4, symmetric: true, restricted: restricted)
            XCTAssertEqual(try Quant.quantize(scalar(0), symmetric).toArray(), [0], "Q(0) = 0")
        }
    }

    func testStochasticRoundingIsUnbiased() throws {
        var generator = PhiloxGenerator(seed: 3)
        let u = try Tensor.rand([100_000], dtype: .f64, generator: &generator)
        let x = try Tensor.zeros([100_000], dtype: .f64) + 0.3
        let mean = try Quant.stochasticRound(x, uniforms: u).mean().item().doubleValue
        XCTAssertEqual(mean, 0.3, accuracy: 0.01)
    }

    /// requantize(acc, to_dyadic(m)) = round(acc·m) for |acc| < 2^20, except where acc·m is so close to a
    /// half that the dyadic approximation of m can move it across.
    func testRequantizeMatchesRoundedProduct() throws {
        let m = 0.0123456
        let (b, c) = try Quant.toDyadic(m, cBits: 31)
        let approximationError = Swift.abs(Double(b) / Foundation.pow(2, 31) - m)
        let accumulators = Array(stride(from: -(1 << 20) + 1, to: 1 << 20, by: 997))
        let requantized = try Quant.requantize(accumulators, b: b, c: c)
        var compared = 0
        for (acc, value) in zip(accumulators, requantized) {
            let exact = Double(acc) * m
            let distanceToHalf = Swift.abs(exact - exact.rounded(.down) - 0.5)
            guard distanceToHalf > Double(Swift.abs(acc)) * approximationError + 1e-9 else { continue }
            XCTAssertEqual(value, Int(exact.rounded()), "acc = \(acc)")
            compared += 1
        }
        XCTAssertGreaterThan(compared, 2000)
    }

    /// The FakeQuant layer records the batch range (with 0) in training and keeps it in evaluation.
    func testFakeQuantLayerCalibratesInTrainingOnly() throws {
        let layer = try FakeQuantLayer(bits: 4, symmetric: false, percentile: nil)
        let x = Variable(try data(), requiresGrad: true)
        let y = try layer(x)
        XCTAssertEqual(try layer.buffer(named: "alpha")?.item().doubleValue ?? 0, try data().min().item().doubleValue, accuracy: 1e-6)
        let p = try Quant.parameters(alpha: XCTUnwrap(layer.buffer(named: "alpha")).cast(to: .f64),
                                     beta: XCTUnwrap(layer.buffer(named: "beta")).cast(to: .f64), bits: 4, symmetric: false, restricted: false)
        assertAllClose(y.value, try Quant.fakeQuantize(x, p).value.toArray(), rtol: 0, atol: 1e-12, "training output")
        _ = layer.eval()
        let small = Variable(try data() * 0.1)
        _ = try layer(small)
        XCTAssertEqual(try layer.buffer(named: "alpha")?.item().doubleValue ?? 0, try data().min().item().doubleValue, accuracy: 1e-6,
                       "evaluation keeps the range")
        try y.sum().backward()
        XCTAssertEqual(try XCTUnwrap(x.grad).toArray().filter { $0 != 0 && $0 != 1 }, [], "STE gradient is a 0/1 mask")
    }
}
