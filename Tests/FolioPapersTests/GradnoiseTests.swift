import FolioAutograd
import FolioNN
import FolioNumericTestSupport
import FolioPapers
import FolioRuntime
import FolioTensor
import XCTest

/// 18 gradnoise: the spec's numeric cases (values from reference/gradnoise.py), its properties, and the
/// optimiser wrapper against a plain SGD step on the same noisy gradients.
final class GradnoiseTests: XCTestCase {
    private let steps: [Double] = [0, 1, 2, 5, 10, 100, 1000, 10000]

    private func schedule(eta: Double, gamma: Double, at t: [Double]? = nil) throws -> Tensor {
        let values = t ?? steps
        return try Gradnoise.annealedVariance(Variable(Tensor(values, shape: [values.count], dtype: .f64)), eta: eta, gamma: gamma).value
    }

    func testScheduleMatchesReference() throws {
        assertAllClose(try schedule(eta: 0.01, gamma: 0.55), [
            0.01, 0.0068302012837719774, 0.0054649137225295762, 0.0037326460723324608,
            0.0026744471683572833, 0.00078999300241040533, 0.00022374907953866141, 6.3092264451547369e-05,
        ], rtol: 1e-12, atol: 0, "sigma2_eta0.01")
        assertAllClose(try schedule(eta: 0.01, gamma: 0.55).sqrt(), [
            0.10000000000000001, 0.082645031815421169, 0.073925054768526052, 0.061095385033015877,
            0.051715057462573544, 0.028106814163302202, 0.014958244533990658, 0.0079430639209027744,
        ], rtol: 1e-12, atol: 0, "sigma_eta0.01")
        assertAllClose(try schedule(eta: 0.3, gamma: 0.55), [
            0.29999999999999999, 0.20490603851315931, 0.16394741167588728, 0.11197938216997382,
            0.080233415050718501, 0.023699790072312162, 0.0067124723861598425, 0.001892767933546421,
        ], rtol: 1e-12, atol: 0, "sigma2_eta0.3")
        assertAllClose(try schedule(eta: 0.3, gamma: 0.55).sqrt(), [
            0.54772255750516607, 0.45266548191038303, 0.40490420061526561, 0.33463320542046304,
            0.28325503534927404, 0.1539473613684631, 0.081929679519450349, 0.043505952851838801,
        ], rtol: 1e-12, atol: 0, "sigma_eta0.3")
        assertAllClose(try schedule(eta: 1, gamma: 0.55), [
            1, 0.68302012837719772, 0.54649137225295763, 0.37326460723324606,
            0.26744471683572835, 0.078999300241040529, 0.022374907953866142, 0.0063092264451547371,
        ], rtol: 1e-12, atol: 0, "sigma2_eta1")
        assertAllClose(try schedule(eta: 1, gamma: 0.55).sqrt(), [
            1, 0.82645031815421166, 0.73925054768526055, 0.61095385033015881,
            0.51715057462573544, 0.28106814163302202, 0.14958244533990658, 0.079430639209027751,
        ], rtol: 1e-12, atol: 0, "sigma_eta1")
        assertAllClose(try schedule(eta: 1, gamma: 1), [
            1, 0.5, 0.33333333333333331, 0.16666666666666666,
            0.090909090909090912, 0.0099009900990099011, 0.000999000999000999, 9.9990000999900015e-05,
        ], rtol: 1e-12, atol: 0, "sigma2_eta1_gamma1")
    }

    func testScheduleProperties() throws {
        let eta = 0.3, gamma = 0.55
        XCTAssertEqual(try schedule(eta: eta, gamma: gamma, at: [0]).toArray(), [eta])
        let values = try schedule(eta: eta, gamma: gamma, at: (0..<200).map(Double.init)).toArray()
        XCTAssertTrue(zip(values, values.dropFirst()).allSatisfy { $0 > $1 }, "strictly decreasing")
        for t in [0.0, 3, 10, 99, 1000] {
            let ratio = try schedule(eta: eta, gamma: gamma, at: [t]).toArray()[0] / schedule(eta: eta, gamma: gamma, at: [2 * t + 1]).toArray()[0]
            XCTAssertEqual(ratio, Foundation.pow(2, gamma), accuracy: 1e-12, "variance(t)/variance(2t+1) at t = \(t)")
        }
    }

    /// The schedule is built from differentiable ops, so its derivative in t is −γ·σ_t²/(1 + t).
    func testScheduleGradientMatchesFiniteDifferences() throws {
        let t = try Tensor([0.5, 2, 7, 40], shape: [4], dtype: .f64)
        try GradientChecking.check({ try Gradnoise.annealedVariance($0, eta: 0.3, gamma: 0.55).sum() }, at: t, what: "t")
    }

    // MARK: A noisy SGD step with explicit noise

    private func stepInputs() throws -> (params: [Tensor], grads: [Tensor], noise: [Tensor]) {
        let params = [try detTensor([3, 4], 0), try detTensor([4], 1)]
        let grads = [try detTensor([3, 4], 2) * 5, try detTensor([4], 3) * 5]
        let noise = [try detTensor([3, 4], 4), try detTensor([4], 5)]
        return (params, grads, noise)
    }

    /// An optimiser over f64 copies of `params` with plain SGD, as the language builds it.
    private func sgdOptimizer(_ params: [Tensor], lr: Double = 0.1) throws -> OptimizerObject {
        let objects = params.map { TensorObject(Variable($0, requiresGrad: true)) }
        return try OptimizerObject(objects, TransformObject(sgd(lr), description: "sgd(lr: \(lr))"))
    }

    private func setGradients(_ optimizer: OptimizerObject, _ grads: [Tensor]) {
        for (object, grad) in zip(optimizer.objects, grads) { object.variable.grad = grad }
    }

    func testNoisyStepsMatchReference() throws {
        let (params, grads, noise) = try stepInputs()
        let noisy = try Gradnoise.noisy(grads, sigma: (0.3 / Foundation.pow(8, 0.55)).squareRoot(), noise: noise)
        let stepped = try zip(params, noisy).map { try $0 - $1 * 0.1 }
        assertAllClose(stepped[0], [
            -0.43124992144333946, 0.042099901913011217, 0.50975170104500389, 0.90841099879388709,
            1.1841211294046587, 1.2995660201138433, 1.2391207465404168, 1.010966292900946,
            0.6459822941746064, 0.19356762237166844, -0.28504551905250863, -0.72507908668190768,
        ], shape: [3, 4], rtol: 1e-12, atol: 1e-14, "step_eta0.3_t7_W")
        assertAllClose(stepped[1], [
            0.80055896655557102, 1.117591489853961, 1.2833632478593024, 1.2754378107960442,
        ], shape: [4], rtol: 1e-12, atol: 1e-14, "step_eta0.3_t7_b")

        // The same step through the wrapper at t = 7, with the noise handed in.
        let optimizer = try sgdOptimizer(params)
        let wrapper = NoisyOptimizerObject(inner: optimizer, eta: 0.3, gamma: 0.55, clip: nil, seed: nil)
        for _ in 0..<7 { try wrapper.step(nil, context: nil, noise: grads.map { $0.zerosLike() }) }
        for (object, value) in zip(optimizer.objects, params) { object.variable = Variable(value, requiresGrad: true) }
        setGradients(optimizer, grads)
        XCTAssertEqual(wrapper.t, 7)
        try wrapper.step(nil, context: nil, noise: noise)
        assertAllClose(optimizer.objects[0].variable.value, stepped[0].toArray(), rtol: 1e-12, atol: 1e-14, "wrapper W at t = 7")
        assertAllClose(optimizer.objects[1].variable.value, stepped[1].toArray(), rtol: 1e-12, atol: 1e-14, "wrapper b at t = 7")
    }

    func testZeroEtaIsPlainSGDBitwise() throws {
        let (params, grads, _) = try stepInputs()
        let plain = try sgdOptimizer(params)
        setGradients(plain, grads)
        try plain.step()
        assertAllClose(plain.objects[0].variable.value, [
            -0.45464871341284091, 0.012976562834993099, 0.47884552217891896, 0.87990498646182069,
            1.1618734386480072, 1.2865877715078837, 1.2371684851502494, 1.0203042481472577,
            0.66534661762113734, 0.22033744368207855, -0.25449336960967461, -0.69487969920712511,
        ], shape: [3, 4], rtol: 1e-12, atol: 1e-14, "step_eta0_plain_sgd_W")
        let inner = try sgdOptimizer(params)
        let wrapper = NoisyOptimizerObject(inner: inner, eta: 0, gamma: 0.55, clip: nil, seed: nil)
        setGradients(inner, grads)
        try wrapper.step(nil, context: nil)
        for (left, right) in zip(inner.objects, plain.objects) {
            XCTAssertEqual(left.variable.value.toArray(), right.variable.value.toArray(), "η = 0 must be plain SGD, bit for bit")
        }
        XCTAssertEqual(try Gradnoise.noisy(grads, sigma: 0, noise: grads).map { $0.toArray() }, grads.map { $0.toArray() })
    }

    func testClipThenNoiseMatchesReference() throws {
        let (params, grads, noise) = try stepInputs()
        let clipped = try Gradnoise.clipped(grads, maxNorm: 2)
        XCTAssertEqual(try Gradnoise.globalNorm(clipped), 2.0, accuracy: 1e-12, "clip2_global_norm")
        let inner = try sgdOptimizer(params)
        let wrapper = NoisyOptimizerObject(inner: inner, eta: 1, gamma: 0.55, clip: 2, seed: nil)
        for _ in 0..<3 { try wrapper.step(nil, context: nil, noise: grads.map { $0.zerosLike() }) }
        for (object, value) in zip(inner.objects, params) { object.variable = Variable(value, requiresGrad: true) }
        setGradients(inner, grads)
        try wrapper.step(nil, context: nil, noise: noise)
        assertAllClose(inner.objects[0].variable.value, [
            -0.01814112330451657, 0.37240331246758751, 0.71254470692011751, 0.95624651798933835,
            1.0705248488039081, 1.0399126633919598, 0.86855317744074678, 0.57963909349007703,
            0.21227357744543626, -0.18382217148607591, -0.55503845185573719, -0.85113288156980826,
        ], shape: [3, 4], rtol: 1e-12, atol: 1e-14, "step_clip2_eta1_t3_W")
        assertAllClose(inner.objects[1].variable.value, [
            0.8961297033840705, 1.0513551227756963, 1.0642845584294722, 0.93316807188438433,
        ], shape: [4], rtol: 1e-12, atol: 1e-14, "step_clip2_eta1_t3_b")
    }

    func testClipBoundsTheGlobalNorm() throws {
        for maxNorm in [0.1, 1.0, 2.0, 7.5] {
            let grads = [try detTensor([5, 3], 0.3) * 4, try detTensor([7], 1.9) * 3]
            let norm = try Gradnoise.globalNorm(Gradnoise.clipped(grads, maxNorm: maxNorm))
            XCTAssertLessThanOrEqual(norm, maxNorm * (1 + 1e-6), "max_norm \(maxNorm)")
        }
        let zero = [try Tensor.zeros([3], dtype: .f64)]
        XCTAssertEqual(try Gradnoise.clipped(zero, maxNorm: 1)[0].toArray(), [0, 0, 0])
    }

    /// Zero gradients of 10^5 entries: the noise has the schedule's variance, zero mean, and is fresh per step.
    func testNoiseStatistics() throws {
        let session = PaperSession()
        for t in [0, 99] {
            let text = session.run("""
                let z = gradnoise.add(zeros(100000, dtype: "f64"), \(t), eta: 0.3, seed: 5)
                [z.var().item, z.mean().item]
                """)
            let numbers = text.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            XCTAssertEqual(numbers.count, 2, text)
            let variance = 0.3 / Foundation.pow(Double(1 + t), 0.55)
            XCTAssertEqual(numbers[0], variance, accuracy: 0.02 * variance, "sample variance at t = \(t)")
            XCTAssertLessThan(abs(numbers[1]), 4 * variance.squareRoot() / Foundation.sqrt(1e5), "sample mean at t = \(t)")
        }
        let same = session.run("""
            let a = gradnoise.add(zeros(100000, dtype: "f64"), 4, eta: 1.0, seed: 11)
            let b = gradnoise.add(zeros(100000, dtype: "f64"), 4, eta: 1.0, seed: 11)
            (a == b).all().item
            """)
        XCTAssertEqual(same, "true", "the same seed and step give the same noise")
        for code in ["gradnoise.add(zeros(100000, dtype: \"f64\"), 5, eta: 1.0, seed: 11)",
                     "gradnoise.add(zeros(100000, dtype: \"f64\"), 4, eta: 1.0)"] {
            let text = session.run("""
                let c = \(code)
                let x = a - a.mean()
                let y = c - c.mean()
                ((x * y).mean() / (x.std() * y.std())).item
                """)
            let correlation = try XCTUnwrap(Double(text), text)
            XCTAssertLessThan(abs(correlation), 0.02, "noise of another step (or unseeded) is uncorrelated: \(code)")
        }
    }

    func testLanguageErrors() {
        let session = PaperSession()
        XCTAssertTrue(session.error("gradnoise.variance(-1)").hasPrefix("ValueError: gradnoise.variance: t must be ≥ 0"))
        XCTAssertTrue(session.error("gradnoise.variance(1, gamma: -0.5)").hasPrefix("ValueError: gradnoise.variance: gamma must be ≥ 0"))
        XCTAssertTrue(session.error("gradnoise.add([ones(2)], 1, noise: [ones(3)])").hasPrefix("ShapeError"))
        XCTAssertTrue(session.error("gradnoise.Noisy(3)").hasPrefix("TypeError"))
        XCTAssertTrue(session.error("gradnoise.clip(ones(2), 0)").hasPrefix("ValueError"))
    }
}
