import FolioAutograd
import FolioNumericTestSupport
import FolioPapers
import FolioTensor
import XCTest

/// 22 hlgauss: the spec's numeric cases (values from reference/hlgauss.py), its properties and gradchecks.
final class HlgaussTests: XCTestCase {
    func testProbsMatchReference() throws {
        let y = try detTensor([6], 0) * 5
        let probs = try Hlgauss.probs(y.toArray(), vmin: -10, vmax: 10, bins: 20, sigma: 0.75)
        assertAllClose(try Tensor(probs, shape: [6, 20], dtype: .f64), [
            0, 0, 0, 6.106226635438361e-16, 1.3083312211392695e-11, 4.8199949753691129e-08, 3.1623028799443453e-05,
            0.0037987093257565996, 0.087380839158278156, 0.40878878027413212, 0.40878878027413212,
            0.087380839158278156, 0.0037987093257565996, 3.1623028799443453e-05, 4.8199949753691129e-08,
            1.3083312211392695e-11, 6.106226635438361e-16, 0, 0, 0, 0, 0, 0, 0, 0, 4.829470157119431e-15,
            7.2388650629306994e-11, 1.9120854560794598e-07, 9.0328452577725926e-05, 0.0078689320139296859,
            0.13268326485915682, 0.46034214422815878, 0.34301095245134383, 0.054268374194683278, 0.0017254018972864826,
            1.039921801931909e-05, 1.1401687260992333e-08, 2.2176704916887502e-12, 5.5511151231257827e-17, 0, 0, 0, 0,
            0, 0, 0, 0, 3.9779290972319359e-13, 2.7945503133786076e-09, 3.4715730845569226e-06, 0.00078019029939757623,
            0.032947155299963171, 0.27648004178348667, 0.48879641634616128, 0.1860427731905448, 0.01472142823830902,
            0.00022786497916349457, 6.5515653147052433e-07, 3.3837910251577341e-10, 3.0753177782116836e-14, 0, 0, 0, 0,
            0, 0, 0, 0, 1.389999226830822e-13, 1.1765361462857626e-09, 1.7578818106158061e-06, 0.0004737029015877566,
            0.023867919338527329, 0.23739631063504624, 0.49483983838484746, 0.22217478959374601, 0.020858791746760533,
            0.0003855575365536506, 1.3299779914045612e-06, 8.2645390531162758e-10, 0, 0, 0, 0, 0, 0, 0, 0,
            7.7715611724604023e-16, 1.5768109040863535e-11, 5.6051953745747884e-08, 3.5499232205467989e-05,
            0.0041194726100328167, 0.091642966560762762, 0.41515599725764885, 0.40225666743910671,
            0.083260684870550272, 0.0035004647691595542, 2.8149775263913773e-05, 4.1417547059113488e-08, 0, 0, 0, 0, 0,
            0, 0, 0, 4.8849813083613502e-15, 7.3473616080282285e-11, 1.9350339369770308e-07, 9.1147261447354272e-05,
            0.0079177426155439701, 0.13314067181277087, 0.46071058146415073, 0.34239096341441794, 0.05402548860398438,
            0.0017129056774436626, 1.0294319648907187e-05, 1.1253719955941624e-08,
        ], rtol: 1e-10, atol: 1e-14, "hl_gauss_probs_m10_10_20bins")
        let sigma2 = try Hlgauss.probs(Array(y.toArray().prefix(2)), vmin: -10, vmax: 10, bins: 20, sigma: 2)
        assertAllClose(try Tensor(sigma2, dtype: .f64), [
            3.1110233364301444e-06, 2.8273584917716386e-05, 0.00020095795241224597, 0.0011172695931287336,
            0.0048597700802675203, 0.016540476105109999, 0.044057094578749706, 0.091848105319406514,
            0.14988237072256416, 0.19146257104010697, 0.19146257104010697, 0.14988237072256416, 0.091848105319406514,
            0.044057094578749706, 0.016540476105109999, 0.0048597700802675203, 0.0011172695931287336,
            0.00020095795241224597, 2.8273584917716386e-05, 3.1110233364301444e-06, 3.0805562126405517e-08,
            4.3686090954280182e-07, 4.8433733647260441e-06, 4.1988526308589828e-05, 0.00028469251335111733,
            0.0015099586847107972, 0.0062657488735180129, 0.020345476670788776, 0.051702187775961889,
            0.10283595342524356, 0.16010806831327964, 0.19513632090025515, 0.18617902063677089, 0.13905559427699668,
            0.081300834737462968, 0.037206679022006882, 0.013326754097538295, 0.0037355319039562174,
            0.0008192987940207492, 0.00014057980799340729,
        ], rtol: 1e-10, atol: 1e-14, "hl_gauss_probs_sigma2")
        let edge = try Hlgauss.probs([-9.8, 9.9, 12.0], vmin: -10, vmax: 10, bins: 20, sigma: 0.75)
        assertAllClose(try Tensor(edge, dtype: .f64), [
            0.76358878893837145, 0.22286463448196123, 0.01339044480979557, 0.00015579726525877385,
            3.3437623141383382e-07, 1.2837297542307557e-10, 8.6229191797506429e-15, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3.3123900012270761e-15, 5.8150110601541729e-11,
            1.8011894596689876e-07, 9.9572141277963749e-05, 0.010115101288116823, 0.19785451986156111,
            0.79193062653194468, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1.5941566451922362e-13,
            3.4156690126551617e-09, 1.2583592910200335e-05, 0.0082558451416075238, 0.99173156784965388,
        ], rtol: 1e-10, atol: 1e-14, "hl_gauss_probs_edge")
    }

    func testValuesAndLossMatchReference() throws {
        let y = try detTensor([6], 0) * 5
        let probs = try Tensor(Hlgauss.probs(y.toArray(), vmin: -10, vmax: 10, bins: 20, sigma: 0.75), shape: [6, 20], dtype: .f64)
        let centers = try Tensor(Hlgauss.centers(vmin: -10, vmax: 10, bins: 20), shape: [20, 1], dtype: .f64)
        assertAllClose(try probs.matmul(centers), [
            0, 1.8080726809854859, 3.3714430233737769, 4.4784940743135415, 4.9794036039123721, 4.8063715179927398,
        ], rtol: 1e-10, atol: 1e-12, "hl_gauss_value_roundtrip")
        let logits = Variable(try detTensor([6, 20], 1) * 3)
        let loss = try Hlgauss.loss(logits, y, vmin: -10, vmax: 10, sigma: nil, reduction: .none)
        let expected = [
            7.7110744326544456, 4.5979601531356789, 1.5896683495908626, 4.6995291701146282, 7.2603105535020314,
            6.4824144224420959,
        ]
        assertAllClose(loss.value, expected, shape: [6], rtol: 1e-10, atol: 1e-12, "hl_gauss_loss")
        let mean = try Hlgauss.loss(logits, y, vmin: -10, vmax: 10, sigma: nil, reduction: .mean)
        XCTAssertEqual(try mean.item(), expected.reduce(0, +) / 6, accuracy: 1e-10)
        let sum = try Hlgauss.loss(logits, y, vmin: -10, vmax: 10, sigma: nil, reduction: .sum)
        XCTAssertEqual(try sum.item(), expected.reduce(0, +), accuracy: 1e-10)
        let value = try Hlgauss.expectation(logits, locations: Hlgauss.centers(vmin: -10, vmax: 10, bins: 20))
        assertAllClose(value.value, [
            -0.48108269684122873, 2.7134847864250746, 2.8079463525784734, -0.030412655933246519, -2.857276601918052,
            -2.6433725059827582,
        ], shape: [6], rtol: 1e-10, atol: 1e-12, "value_from_logits")
    }

    func testTwoHotMatchesReference() throws {
        let y = [-3.3, 0, 7.25, 10, -12, 2.5]
        let target = try Tensor(Hlgauss.twoHot(y, vmin: -5, vmax: 10, locations: 7), shape: [6, 7], dtype: .f64)
        assertAllClose(target, [
            0.31999999999999995, 0.68000000000000005, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0,
            0.099999999999999978, 0.90000000000000002, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0,
            0,
        ], rtol: 1e-12, atol: 1e-12, "two_hot_m5_10_7loc")
        let locations = try Tensor(Hlgauss.linspace(-5, 10, count: 7), shape: [7, 1], dtype: .f64)
        assertAllClose(try target.matmul(locations), [
            -3.2999999999999998, 0, 7.25, 10, -5, 2.5,
        ], rtol: 1e-12, atol: 1e-12, "two_hot_value")
        let logits = Variable(try detTensor([6, 7], 2) * 2)
        let loss = try Hlgauss.twoHotLoss(logits, Tensor(y, shape: [6], dtype: .f64), vmin: -5, vmax: 10, reduction: .none)
        assertAllClose(loss.value, [
            1.1373652917830699, 3.34693973257265, 2.6412354439836037, 1.6571375814525098, 3.8056150068886549,
            2.7933965233553129,
        ], shape: [6], rtol: 1e-10, atol: 1e-12, "two_hot_loss")
    }

    func testC51ProjectionMatchesReference() throws {
        let next = try Variable(detTensor([3, 11], 3) * 2).softmax(axis: -1).value
        let projected = Hlgauss.c51Project(nextProbs: next.toArray(), batch: 3, atoms: 11, rewards: try detTensor([3], 4).toArray(),
                                           dones: [0, 0, 1], gammas: [0.99, 0.99, 0.99], vmin: -5, vmax: 5)
        assertAllClose(try Tensor(projected, dtype: .f64), [
            0.25142005998407052, 0.058645460822934495, 0.032500883283316385, 0.022195274685609855,
            0.019829758620598652, 0.023575526046791331, 0.036266940436126063, 0.067596179993118288,
            0.13939928882045013, 0.28731035979013664, 0.0612602675168476, 0.28469471519463874, 0.21424327600458085,
            0.19798532971178801, 0.14143097224225973, 0.08157361063862828, 0.04082486849742209, 0.019458911473996851,
            0.0097927259220848013, 0.0057379120380204778, 0.0042242359054463557, 3.3442371133922473e-05, 0, 0, 0, 0,
            0.99961884001418533, 0.00038115998581478294, 0, 0, 0, 0, 0,
        ], rtol: 1e-10, atol: 1e-12, "c51_projection")
    }

    // MARK: Properties

    func testTargetsAreDistributions() throws {
        let y = (0..<41).map { -12.0 + 0.6 * Double($0) }
        for (name, rows, width) in [("hl", try Hlgauss.probs(y, vmin: -10, vmax: 10, bins: 20, sigma: 0.75), 20),
                                    ("two-hot", try Hlgauss.twoHot(y, vmin: -10, vmax: 10, locations: 21), 21)] {
            for row in 0..<y.count {
                let slice = rows[(row * width)..<((row + 1) * width)]
                XCTAssertEqual(slice.reduce(0, +), 1, accuracy: 1e-12, "\(name) row \(row)")
                XCTAssertTrue(slice.allSatisfy { $0 >= 0 }, "\(name) row \(row) has negative mass")
            }
        }
    }

    /// |value(probs(y)) − y| < 1e-3 ζ for y ∈ [vmin + 4σ, vmax − 4σ] (ζ = 1: 1 001 targets in [−7, 7]).
    func testHLGaussRoundTrip() throws {
        let y = (0...1000).map { -7.0 + 14.0 * Double($0) / 1000 }
        let probs = try Hlgauss.probs(y, vmin: -10, vmax: 10, bins: 20, sigma: 0.75)
        let centers = Hlgauss.centers(vmin: -10, vmax: 10, bins: 20)
        var worst = 0.0
        for (row, target) in y.enumerated() {
            let value = (0..<20).reduce(0.0) { $0 + probs[row * 20 + $1] * centers[$1] }
            worst = max(worst, abs(value - target))
        }
        XCTAssertLessThan(worst, 1e-3)
    }

    func testTwoHotRoundTripIsExactInsideAndClipsOutside() throws {
        let y = [-5.0, -4.2, 0.1, 3.3, 9.99, 10, -12, 15]
        let target = try Hlgauss.twoHot(y, vmin: -5, vmax: 10, locations: 7)
        let locations = Hlgauss.linspace(-5, 10, count: 7)
        let expected = [-5.0, -4.2, 0.1, 3.3, 9.99, 10, -5, 10]
        for row in 0..<y.count {
            let value = (0..<7).reduce(0.0) { $0 + target[row * 7 + $1] * locations[$1] }
            XCTAssertEqual(value, expected[row], accuracy: 1e-12)
        }
    }

    /// loss ≥ entropy(probs), with equality at logits = log probs.
    func testLossIsAtLeastTheTargetEntropy() throws {
        let y = try Tensor([0.3, -2.2, 4.1], shape: [3], dtype: .f64)
        let probs = try Hlgauss.probs(y.toArray(), vmin: -5, vmax: 5, bins: 10, sigma: 0.75)
        let entropy = probs.reduce(0.0) { $0 - ($1 > 0 ? $1 * log($1) : 0) }
        let atTarget = Variable(try Tensor(probs.map { log(max($0, 1e-300)) }, shape: [3, 10], dtype: .f64))
        let best = try Hlgauss.loss(atTarget, y, vmin: -5, vmax: 5, sigma: nil, reduction: .sum).item()
        XCTAssertEqual(best, entropy, accuracy: 1e-9)
        let other = Variable(try detTensor([3, 10], 4))
        XCTAssertGreaterThan(try Hlgauss.loss(other, y, vmin: -5, vmax: 5, sigma: nil, reduction: .sum).item(), entropy + 1e-3)
    }

    /// Mass is preserved; without clipping the mean is r + γ(1 − d)Σ p_j z_j.
    func testC51PreservesMassAndMean() throws {
        let next = try Variable(detTensor([3, 11], 3) * 2).softmax(axis: -1).value.toArray()
        let rewards = [0.3, -0.2, 0.1], dones = [0.0, 1.0, 0.0], gammas = [0.5, 0.9, 0.5]
        let projected = Hlgauss.c51Project(nextProbs: next, batch: 3, atoms: 11, rewards: rewards, dones: dones, gammas: gammas,
                                           vmin: -5, vmax: 5)
        let z = Hlgauss.linspace(-5, 5, count: 11)
        for row in 0..<3 {
            let mass = (0..<11).reduce(0.0) { $0 + projected[row * 11 + $1] }
            XCTAssertEqual(mass, 1, accuracy: 1e-12)
            let mean = (0..<11).reduce(0.0) { $0 + projected[row * 11 + $1] * z[$1] }
            let nextMean = (0..<11).reduce(0.0) { $0 + next[row * 11 + $1] * z[$1] }
            XCTAssertEqual(mean, rewards[row] + gammas[row] * (1 - dones[row]) * nextMean, accuracy: 1e-12)
        }
    }

    func testTDTarget() throws {
        let target = try Hlgauss.tdTarget(reward: Variable(Tensor([1.0, 2.0], dtype: .f64)), done: Variable(Tensor([0.0, 1.0], dtype: .f64)),
                                          gamma: Variable(Tensor(scalar: 0.5, dtype: .f64)),
                                          nextValue: Variable(Tensor([4.0, 8.0], dtype: .f64)))
        assertAllClose(target.value, [3.0, 2.0], rtol: 0, atol: 1e-15)
    }

    func testRejectsBadInput() throws {
        XCTAssertThrowsError(try Hlgauss.probs([30], vmin: -10, vmax: 10, bins: 20, sigma: 0.75)) { error in
            XCTAssertTrue("\(error)".contains("too far outside the support"), "\(error)")
        }
        XCTAssertNoThrow(try Hlgauss.probs([12], vmin: -10, vmax: 10, bins: 20, sigma: 0.75))
        XCTAssertThrowsError(try Hlgauss.loss(Variable(Tensor.zeros([3, 5], dtype: .f64)), Tensor.zeros([2], dtype: .f64),
                                              vmin: 0, vmax: 1, sigma: nil, reduction: .mean))
    }

    // MARK: Gradients

    func testLossesAndValueGradientsMatchFiniteDifferences() throws {
        let y = try detTensor([4], 5) * 2
        let weights = Variable(try detTensor([4], 0.3))
        try GradientChecking.check({ try Hlgauss.loss($0, y, vmin: -3, vmax: 3, sigma: nil, reduction: .mean) },
                                   at: detTensor([4, 9], 1), what: "hlgauss.loss")
        try GradientChecking.check({ try Hlgauss.twoHotLoss($0, y, vmin: -3, vmax: 3, reduction: .sum) },
                                   at: detTensor([4, 7], 2), what: "two_hot_loss")
        try GradientChecking.check({ try (Hlgauss.expectation($0, locations: Hlgauss.centers(vmin: -3, vmax: 3, bins: 9)) * weights).sum() },
                                   at: detTensor([4, 9], 3), what: "value")
        let reward = Variable(try detTensor([4], 6)), done = Variable(try Tensor([0.0, 1.0, 0.0, 0.0], dtype: .f64))
        try GradientChecking.check({ try (Hlgauss.tdTarget(reward: reward, done: done, gamma: Variable(Tensor(scalar: 0.9, dtype: .f64)),
                                                           nextValue: $0) * weights).sum() },
                                   at: detTensor([4], 7), what: "td_target")
    }

    func testHeadGradientsMatchFiniteDifferences() throws {
        let head = try HLGaussHead(inputs: 3, bins: 8, vmin: -2, vmax: 2, sigma: nil, seed: 3, dtype: .f64)
        let y = try detTensor([5], 1) * 1.5
        try GradientChecking.checkParameters(of: head, input: detTensor([5, 3], 2)) { logits in
            try Hlgauss.loss(logits, y, vmin: -2, vmax: 2, sigma: nil, reduction: .mean)
        }
    }
}
