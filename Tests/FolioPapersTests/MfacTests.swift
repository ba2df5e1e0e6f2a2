import FolioAutograd
import FolioNumericTestSupport
@testable import FolioPapers
import FolioTensor
import Foundation
import XCTest

/// mfac (spec 35): the spec's numeric cases against `reference/mfac.py` (dense NumPy solves, no Woodbury),
/// the properties against dense linear algebra in the language, the optimizer's steps and a gradcheck.
final class MfacTests: XCTestCase {
    private let session = PaperSession()

    override func setUp() {
        super.setUp()
        session.run("""
            func det(shape, k) {
                var n = 1
                for s in shape { n *= s }
                return sin(0.37 * arange(n, dtype: "f64") + k).reshape(shape)
            }
            let G = det([4, 6], 0) + 0.5 * det([4, 6], 1.3) ** 2
            let x = det([6], 1) ** 3 + 0.2
            let grads = det([5, 6], 3) + 0.5 * det([5, 6], 0.7) ** 2
            """)
    }

    private func numbers(_ expression: String, file: StaticString = #filePath, line: UInt = #line) -> [Double] {
        parseNumbers(session.run("(\(expression)).tolist()", file: file, line: line))
    }

    private func check(_ expression: String, _ expected: [Double], rtol: Double = 1e-10, atol: Double = 1e-12,
                       file: StaticString = #filePath, line: UInt = #line) {
        let actual = numbers(expression, file: file, line: line)
        assertAllClose(Tensor(actual, dtype: .f64), expected, rtol: rtol, atol: atol, expression, file: file, line: line)
    }

    static let dynamicOutputs: [[Double]] = [
        [0.62308592469872681, 0.28294647256976224, -0.12838258466551586, -0.62920512317016319, -1.1381813485767673, -1.4924272983242504],
        [-1.0186202009646648, -1.0466277477515715, -0.68224796783499608, -0.20173641800195516, 0.18549861179200741, 0.44075484561847778],
        [0.67930725676155812, 0.58144080257652375, 0.51052324260246662, 0.4433632043495111, 0.36442834946280361, 0.28082652748375175],
        [0.69533265377076747, -0.040308217901961409, -0.58540221155623706, -0.83363369192891479, -0.62676559383954045, 0.15874932399291761],
        [-0.53461586452100163, -0.22964442684642794, 0.12185563758077132, 0.33365299350880456, 0.43815598549376955, 0.65008071362393482],
    ]

    func testStaticCases() {
        check("mfac.Static(G, damp: 0.1).ihvp(x)", [
            -0.5943535088432369, 0.98803877682687002, 1.2656157134297681, -0.057758699626820939, -0.99230481182319996, 0.20208839607208853])
        check("mfac.Static(G, damp: 0.1).diag()", [
            6.4427198980937819, 6.9307479512897636, 7.1723392143804032, 7.7887557877400742, 7.3209240269683491, 4.6265563569675443])
        check("mfac.Static(G, damp: 0.1).denominators", [57.950267551571145, 20.216635288522774, 8.3558360492958386, 7.9799183297890774])
        check("mfac.ihvp(G, x)", [1047.3246912671975, -3190.1764673181428, 3199.003943673702, 1017.887016397768, -4002.0984967533527, 1987.8326863633827],
              rtol: 1e-8)
    }

    func testOBSCases() {
        session.run("let pruned = mfac.obs_prune(det([6], 2), G, damp: 0.1, k: 1)")
        check("pruned.saliency", [0.064167139306835236, 0.035075308443615852, 0.010651400178351087, 6.4051548615365797e-05,
                                  0.0075273397724082633, 0.045748180322451155])
        check("pruned.delta", [0.0036756989845856472, 0.0073206785909331537, 0.009053418377077559, -0.031587398436453896,
                               0.007757238981874145, 0.0062647694586120831])
        // obs_best_index = 3: the only pruned weight.
        check("pruned.mask", [1, 1, 1, 0, 1, 1], rtol: 0)
        // k updates are summed: with k = 2 delta is the sum of the two single-weight updates.
        session.run("let two = mfac.obs_prune(det([6], 2), G, damp: 0.1, k: 2)")
        XCTAssertEqual(numbers("two.mask"), [1, 1, 1, 0, 0, 1])
        let s = numbers("mfac.Static(G, damp: 0.1).diag()")
        let w = numbers("det([6], 2)")
        let columns = (0..<6).map { q in numbers("mfac.Static(G, damp: 0.1).ihvp(eye(6, dtype: \"f64\")[\(q)])") }
        let expected = (0..<6).map { i in -w[3] / s[3] * columns[3][i] - w[4] / s[4] * columns[4][i] }
        check("two.delta", expected)
    }

    func testDynamicWindowCases() {
        session.run("let window = mfac.Dynamic(6, m: 3, damp: 0.1)")
        for (step, expected) in Self.dynamicOutputs.enumerated() {
            check("window.update_mul(grads[\(step)])", expected)
        }
        // mul without update, and update then mul, give the same as update_mul.
        session.run("let other = mfac.Dynamic(6, m: 3, damp: 0.1)\nfor i in 0..<4 { other.update(grads[i]) }\nother.update(grads[4])")
        check("other.mul(grads[4])", Self.dynamicOutputs[4])
        // After more than m updates the window equals the static algorithm on its content.
        check("other.mul(x)", numbers("mfac.Static(other.window, damp: 0.1).ihvp(x)"))
    }

    func testOptimizerSteps() {
        // Five steps with gradients grads[i] (loss = sum(θ · g)); step 5 alone is mfac_sgd_step_lr01.
        session.run("""
            let theta = param(det([6], 4))
            let opt = mfac.MFAC([theta], lr: 0.1, ngrads: 3, damp: 0.1)
            var before = theta.detach()
            for i in 0..<5 {
                before = theta.detach()
                opt.step(sum(theta * grads[i]))
            }
            """)
        check("det([6], 4) + theta.detach() - before", [
            -0.70334090885582801, -0.91899083922355818, -1.0118044037722627, -0.95535397689909718, -0.76338727136988449, -0.48477208920225318])
        let start = numbers("det([6], 4)")
        let summed = (0..<6).map { i in start[i] - 0.1 * Self.dynamicOutputs.reduce(0) { $0 + $1[i] } }
        check("theta", summed)
        // Momentum averages: v = μv + (1 − μ)u.
        session.run("""
            let phi = param(det([6], 4))
            let averaged = mfac.MFAC([phi], lr: 0.1, momentum: 0.5, ngrads: 3, damp: 0.1)
            for i in 0..<5 { averaged.step(sum(phi * grads[i])) }
            """)
        var velocity = [Double](repeating: 0, count: 6)
        var expected = start
        for output in Self.dynamicOutputs {
            velocity = (0..<6).map { 0.5 * velocity[$0] + 0.5 * output[$0] }
            expected = (0..<6).map { expected[$0] - 0.1 * velocity[$0] }
        }
        check("phi", expected)
        // The transform composes with others: chain(scale_by_mfac, sgd) is the same update.
        session.run("""
            let psi = param(det([6], 4))
            let chained = Optimizer([psi], chain(mfac.scale_by_mfac(ngrads: 3, damp: 0.1), sgd(lr: 0.1)))
            for i in 0..<5 { chained.step(sum(psi * grads[i])) }
            """)
        check("psi", summed)
    }

    func testSparseModeKeepsZerosAndTrains() {
        session.run("""
            let net = Sequential([Linear(4, 8), Tanh(), Linear(8, 1)])
            net[0].weight = net[0].weight * (abs(net[0].weight) > 0.2).float()
            let zeros0 = (net[0].weight == 0).float().sum().item
            let data = randn(32, 4, seed: 1)
            let target = data[:, 0:1] * data[:, 1:2]
            let opt = mfac.MFAC(net.params, lr: 0.05, ngrads: 16, damp: 1e-2, sparse: true)
            let first = mse(net(data), target).item
            for i in 0..<20 { opt.step(mse(net(data), target)) }
            """)
        XCTAssertGreaterThan(numbers("tensor([zeros0])")[0], 0)
        XCTAssertEqual(numbers("tensor([(net[0].weight == 0).float().sum().item - zeros0])"), [0])
        XCTAssertLessThan(numbers("tensor([mse(net(data), target).item - first])")[0], 0)
    }

    func testPropertiesAgainstDenseAlgebra() {
        session.run("""
            let big = randn(8, 50, dtype: "f64", seed: 3)
            let v = randn(50, dtype: "f64", seed: 4)
            let F = 0.01 * eye(50, dtype: "f64") + big.T @ big / 8
            let inverse = mfac.Static(big, damp: 0.01)
            let blocked = mfac.Static(big, damp: 0.01, block: 16)
            """)
        check("inverse.ihvp(v)", numbers("solve(F, v)"), rtol: 1e-10, atol: 1e-9)
        check("inverse.diag()", numbers("diagonal(inv(F))"), rtol: 1e-10, atol: 1e-9)
        check("F @ inverse.ihvp(v)", numbers("v"), rtol: 1e-10, atol: 1e-10)
        XCTAssertEqual(numbers("tensor([inverse.element(3, 7)], dtype: \"f64\")")[0], numbers("inv(F)[3, 7]")[0], accuracy: 1e-9)
        // Blocked: F restricted to each block of 16 coordinates (the last block has 2).
        for (start, stop) in [(0, 16), (16, 32), (48, 50)] {
            let dense = "solve(F[\(start):\(stop), \(start):\(stop)], v[\(start):\(stop)])"
            check("blocked.ihvp(v)[\(start):\(stop)]", numbers(dense), rtol: 1e-10, atol: 1e-9)
        }
        XCTAssertEqual(numbers("tensor([blocked.element(3, 40)])"), [0])
    }

    func testIHVPGradient() throws {
        let g = try detTensor([4, 6], 0)
        let inverse = StaticInverse(gradients: g.toArray(), count: 4, dimension: 6, damp: 0.1, block: 4)
        let weights = Variable(try detTensor([6], 2))
        try GradientChecking.check({ try (inverse.ihvp($0) * weights).sum() }, at: try detTensor([6], 1), tolerance: 1e-6)
        // Through the language: grad of a loss through mfac.ihvp reaches x.
        session.run("let xg = x.requires_grad()\nsum(mfac.ihvp(G, xg, damp: 0.1) * det([6], 2)).backward()")
        check("xg.grad", numbers("mfac.ihvp(G, det([6], 2), damp: 0.1)"))
    }

    func testBadInput() {
        XCTAssertTrue(session.error("mfac.Static(G, damp: 0)").contains("damp must be > 0"))
        XCTAssertTrue(session.error("mfac.Static(zeros(0, 6))").hasPrefix("ValueError"))
        XCTAssertTrue(session.error("mfac.Static(ones(6))").hasPrefix("ShapeError"))
        XCTAssertTrue(session.error("mfac.Static(G / 0)").contains("finite"))
        XCTAssertTrue(session.error("mfac.Static(G).ihvp(ones(5))").hasPrefix("ShapeError"))
        XCTAssertTrue(session.error("mfac.Static(G).element(0, 6)").hasPrefix("IndexError"))
        XCTAssertTrue(session.error("mfac.Dynamic(6, m: 0)").hasPrefix("ValueError"))
        XCTAssertTrue(session.error("mfac.Dynamic(6, m: 3).update(ones(5))").hasPrefix("ShapeError"))
        XCTAssertTrue(session.error("mfac.obs_prune(ones(6), G, damp: 0.1, k: 7)").hasPrefix("ValueError"))
        XCTAssertTrue(session.error("mfac.MFAC([param(ones(2))], momentum: 1.5)").hasPrefix("ValueError"))
    }
}
