import FolioNumericTestSupport
import FolioPapers
import FolioTensor
import Foundation
import XCTest

/// 33 deepzero: the spec's numeric cases (values from reference/deepzero.py, float64), its properties,
/// and the builtins through the language.
final class DeepZeroTests: XCTestCase {
    private let c = (try? detTensor([6], 9).toArray()) ?? []
    private let theta = [(try? detTensor([6], 0).toArray()) ?? []]

    /// f(θ) = Σ c_i sin θ_i + ½‖θ‖² + 0.1(Σθ)².
    private func f(_ blocks: [[Double]]) -> Double {
        let t = blocks[0]
        let total = t.reduce(0, +)
        var value = 0.1 * total * total
        for i in t.indices { value += c[i] * sin(t[i]) + 0.5 * t[i] * t[i] }
        return value
    }

    private func exactGradient(_ t: [Double]) -> [Double] {
        let total = t.reduce(0, +)
        return t.indices.map { c[$0] * cos(t[$0]) + t[$0] + 0.2 * total }
    }

    private func rows(_ tensor: Tensor) -> [[[Double]]] {
        let values = tensor.toArray()
        let width = tensor.shape[1]
        return [(0..<tensor.shape[0]).map { Array(values[($0 * width)..<(($0 + 1) * width)]) }]
    }

    private func assertClose(_ actual: [Double], _ expected: [Double], tolerance: Double = 1e-10, _ what: String,
                             file: StaticString = #filePath, line: UInt = #line) {
        GradientChecking.assertClose(actual, expected, tolerance: tolerance, what: what, file: file, line: line)
    }

    func testEstimatorsMatchReference() throws {
        assertClose(exactGradient(theta[0]), [1.1898701005989756, 1.190576708030316, 1.2098609466946983, 1.277938952233268,
                                              1.3005526133061789, 1.1726071366317519], "exact_grad")
        assertClose(try DeepZero.cge(f, at: theta, mu: 5e-3)[0],
                    [1.1928683834407483, 1.1935280698426087, 1.2133458622574977, 1.282175667205987, 1.3053799442871661,
                     1.1776376168455283], "cge_mu5e-3")
        assertClose(try DeepZero.cge(f, at: theta, mu: 5e-3, masks: [[1, 0, 1, 1, 0, 1]])[0],
                    [1.1928683834407483, 0, 1.2133458622574977, 1.282175667205987, 0, 1.1776376168455283], "cge_sparse_mask")
        let directions = rows(try detTensor([4, 6], 1))
        assertClose(try DeepZero.rge(f, at: theta, directions: directions, mu: 5e-3)[0],
                    [0.63027703613295472, 0.8327577637376895, 0.9225286346638002, 0.88743958266562994, 0.73223974632094713,
                     0.47793469540365957], "rge_paper_q4")
        assertClose(try DeepZero.rgeCode(f, at: theta, directions: directions, mu: 5e-3)[0],
                    [0.0031513851806647735, 0.0041637888186884476, 0.0046126431733190011, 0.0044371979133281496,
                     0.0036611987316047356, 0.0023896734770182978], "rge_code_q4")
        let basis = (0..<6).map { row in (0..<6).map { $0 == row ? 1.0 : 0.0 } }
        assertClose(try DeepZero.rge(f, at: theta, directions: [basis], mu: 5e-3)[0].map { $0 * 6 },
                    [1.1928683595534086, 1.1935280459425437, 1.2133458379557731, 1.2821756415201211, 1.3053799181312253,
                     1.1776375932423908], "rge_paper_basis_times_d")
    }

    func testZOGraspScoresAndMaskMatchReference() throws {
        let scores = try DeepZero.zoGraspScores(f, at: theta, d0: rows(try detTensor([8, 6], 2)), d1: rows(try detTensor([8, 6], 3)),
                                                mu: 5e-3)
        assertClose(scores[0], [0, 0.021855843924004217, -0.024019364523053182, -0.11363000657369321, -0.20010408149057385,
                                -0.23821021038262122], tolerance: 1e-8, "zo_grasp_scores")
        XCTAssertEqual(DeepZero.pruneMasks(scores: scores, ratio: 0.5)[0], [0, 0, 0, 1, 1, 1], "zo_grasp_mask_ratio05")
    }

    func testZOSGDMatchesReference() throws {
        let single = ZerothOrderSGD(learningRate: 0.1, momentum: 0.9, weightDecay: 0, mu: 5e-3, estimator: .cge, q: 1,
                                    ratios: [0], seed: 0)
        let (next, loss) = try single.step(f, at: theta)
        assertClose(next[0], [-0.11928683834407483, 0.24226262498070111, 0.55295332540239528, 0.76748111895944893,
                              0.86534285010892342, 0.84351144129074707], "zo_sgd_step_cge")
        XCTAssertEqual(loss, f(theta), accuracy: 1e-15)
        XCTAssertEqual(single.queries, 7)
        let defaults = ZerothOrderSGD(learningRate: 0.1, momentum: 0.9, weightDecay: 5e-4, mu: 5e-3, estimator: .cge, q: 1,
                                      ratios: [0], seed: 0)
        let first = try defaults.step(f, at: theta).theta
        assertClose(try defaults.step(f, at: first).theta[0],
                    [-0.31898282393405447, 0.041920886178837685, 0.35136950433680614, 0.55731218197264254, 0.6540971716291839,
                     0.65530251144624485], "zo_sgd_two_steps_defaults")
    }

    /// |cge − ∇f|∞ = O(μ): halving μ roughly halves the error.
    func testCGEErrorIsFirstOrderInMu() throws {
        let exact = exactGradient(theta[0])
        let errors = try [4e-3, 2e-3, 1e-3].map { mu in
            zip(try DeepZero.cge(f, at: theta, mu: mu)[0], exact).map { abs($0 - $1) }.max() ?? 0
        }
        for (larger, smaller) in zip(errors, errors.dropFirst()) {
            XCTAssertEqual(larger / smaller, 2, accuracy: 0.1, "error ratio when halving mu: \(errors)")
        }
    }

    /// d·mean of 4000 single-direction RGE estimates is within 10 % of ∇f (E[u uᵀ] = I/d).
    func testScaledRGEIsNearlyUnbiased() throws {
        var generator = PhiloxGenerator(seed: 7)
        let directions = try DeepZero.gaussianDirections(sizes: [6], q: 4000, generator: &generator)
        let estimate = try DeepZero.rge(f, at: theta, directions: directions, mu: 5e-3)[0].map { $0 * 6 }
        let exact = exactGradient(theta[0])
        let error = zip(estimate, exact).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
        let norm = exact.map { $0 * $0 }.reduce(0, +).squareRoot()
        XCTAssertLessThan(error / norm, 0.1)
    }

    /// CGE with a full mask equals d × the paper's RGE over the standard basis (up to the 1e-8 normaliser).
    func testCGEIsRGEOverTheBasis() throws {
        let basis = (0..<6).map { row in (0..<6).map { $0 == row ? 1.0 : 0.0 } }
        let viaRGE = try DeepZero.rge(f, at: theta, directions: [basis], mu: 5e-3)[0].map { $0 * 6 }
        assertClose(try DeepZero.cge(f, at: theta, mu: 5e-3, masks: [[1, 1, 1, 1, 1, 1]])[0], viaRGE, tolerance: 1e-7, "cge vs d·rge(I)")
    }

    func testPruneMaskKeepsExactlyTheRest() {
        let scores = [PaperPrimitive.sampleValues(count: 7), PaperPrimitive.sampleValues(count: 10, offset: 2)]
        for ratio in [0.0, 0.1, 0.25, 0.5, 0.9, 1.0] {
            let masks = DeepZero.pruneMasks(scores: scores, ratio: ratio)
            let kept = masks.flatMap { $0 }.filter { $0 == 1 }.count
            let removed = Int((ratio * 17).rounded(.toNearestOrEven))
            XCTAssertEqual(kept, 17 - removed, "ratio \(ratio)")
            // Every removed score is no larger in |.| than every kept one (global ranking across blocks).
            let pairs = zip(scores.flatMap { $0 }, masks.flatMap { $0 })
            let largestRemoved = pairs.filter { $0.1 == 0 }.map { abs($0.0) }.max() ?? 0
            let smallestKept = pairs.filter { $0.1 == 1 }.map { abs($0.0) }.min() ?? .infinity
            XCTAssertLessThanOrEqual(largestRemoved, smallestKept)
        }
        XCTAssertEqual(DeepZero.layerRatios([[0, 1, 1, 0], [1, 1]]), [0.5, 0])
    }

    func testRandomMasksHaveTheLayerwiseSparsity() throws {
        var generator = PhiloxGenerator(seed: 3)
        let masks = try DeepZero.randomMasks(sizes: [10, 7], ratios: [0.5, 0.3], generator: &generator)
        XCTAssertEqual(DeepZero.layerRatios(masks), [0.5, 2.0 / 7.0])
    }

    // MARK: Through the language

    private let setup = """
        let c = sin(0.37 * arange(6, dtype: "f64") + 9)
        let theta = sin(0.37 * arange(6, dtype: "f64"))
        let f = { t in sum(c * sin(t)) + 0.5 * sum(t * t) + 0.1 * sum(t) ** 2 }
        """

    func testBuiltinsMatchTheCore() throws {
        let session = PaperSession()
        session.run(setup)
        XCTAssertEqual(session.run("deepzero.cge(f, theta, mask: tensor([1, 0, 1, 1, 0, 1]))[1].item"), "0.0")
        let cge = session.run("(deepzero.cge(f, theta)[0].item - 1.1928683834407483) < 1e-12")
        XCTAssertEqual(cge, "true")
        let directions = "sin(0.37 * arange(24, dtype: \"f64\") + 1).reshape([4, 6])"
        XCTAssertEqual(session.run("abs(deepzero.rge(f, theta, directions: \(directions))[0].item - 0.63027703613295472) < 1e-12"), "true")
        XCTAssertEqual(session.run("abs(deepzero.rge_code(f, theta, directions: \(directions))[5].item - 0.0023896734770182978) < 1e-14"), "true")
        XCTAssertEqual(session.run("deepzero.rge(f, theta, q: 5, seed: 1).tolist() == deepzero.rge(f, theta, q: 5, seed: 1).tolist()"), "true")
        XCTAssertEqual(session.run("deepzero.prune_mask([tensor([0.3, -0.1]), tensor([0.7, 0.05, 0.2])], 0.4)[1].tolist()"), "[1.0, 0.0, 1.0]")
        XCTAssertEqual(session.run("deepzero.layer_ratios(deepzero.prune_mask([tensor([0.3, -0.1]), tensor([0.7, 0.05, 0.2])], 0.4))"), "[0.5, 0.3333333333333333]")
        XCTAssertEqual(session.run("sum(deepzero.sparse_cge(f, theta, ratios: 0.5, seed: 2) == 0).item"), "3")
        // Array θ: f gets an array; the result has theta's structure.
        session.run("let g = { p in f(cat([p[0], p[1]])) }")
        XCTAssertEqual(session.run("deepzero.cge(g, [theta[:2], theta[2:]])[1].shape"), "[4]")
    }

    func testZOSGDTrainsAModelThroughItsParameterHandles() throws {
        let session = PaperSession()
        session.run("""
            let layer = Linear(3, 1)
            let x = randn(16, 3, seed: 0)
            let y = x @ tensor([[1.0], [-2.0], [0.5]])
            let opt = deepzero.ZOSGD(layer.params, lr: 0.1, momentum: 0.5, weight_decay: 0)
            var losses = []
            for step in 0..<60 { losses.append(opt.step { mean((layer(x) - y) ** 2) }) }
            """)
        XCTAssertEqual(session.run("losses[59] < 0.01 * losses[0]"), "true")
        XCTAssertEqual(session.run("opt.queries"), "\(60 * 5)")
        XCTAssertEqual(session.run("opt.steps"), "60")
    }

    func testErrors() {
        let session = PaperSession()
        session.run(setup)
        XCTAssertTrue(session.error("deepzero.cge(f, theta, mu: 0)").hasPrefix("ValueError: deepzero.cge: mu must be positive"))
        XCTAssertTrue(session.error("deepzero.rge(f, theta, q: 0)").contains("q must be at least 1"))
        XCTAssertTrue(session.error("deepzero.rge(f, theta, q: 1000000000000)").contains("too many"))
        XCTAssertTrue(session.error("deepzero.rge(f, theta, directions: zeros(2, 6, dtype: \"f64\"))").contains("direction 0 is zero"))
        XCTAssertTrue(session.error("deepzero.rge(f, theta, directions: ones(2, 5))").hasPrefix("ShapeError"))
        XCTAssertTrue(session.error("deepzero.rge(f, theta)").hasPrefix("TypeError"))
        XCTAssertTrue(session.error("deepzero.cge({ t in t }, theta)").contains("f must return a number"))
        XCTAssertTrue(session.error("deepzero.prune_mask(theta, 1.5)").contains("ratio must be in [0, 1]"))
        XCTAssertTrue(session.error("deepzero.ZOSGD([param(theta)], estimator: \"adam\")").contains("unknown estimator"))
        XCTAssertTrue(session.error("deepzero.ZOSGD([param(theta)], estimator: \"sparse_cge\")").contains("needs ratios:"))
        XCTAssertTrue(session.error("deepzero.sparse_cge(f, [theta, theta], ratios: [0.5])").hasPrefix("ShapeError"))
    }
}
