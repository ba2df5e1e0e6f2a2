import FolioNumericTestSupport
import FolioPapers
import FolioTensor
import Foundation
import XCTest

/// pdlt (spec 08): the spec's numeric cases against `reference/pdlt.py` (NumPy, quadrature order 360,
/// ReLU closed forms), its properties, and a Monte-Carlo check of the kernel and the four-point vertex.
final class PdltTests: XCTestCase {
    private let session = PaperSession()

    override func setUp() {
        super.setUp()
        session.run("""
            func det(shape, k) {
                var n = 1
                for s in shape { n *= s }
                return sin(0.37 * arange(n, dtype: "f64") + k).reshape(shape)
            }
            """)
    }

    private func numbers(_ expression: String, file: StaticString = #filePath, line: UInt = #line) -> [Double] {
        var lines = expression.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let last = lines.removeLast()
        if !lines.isEmpty { session.run(lines.joined(separator: "\n"), file: file, line: line) }
        return parseNumbers(session.run("(\(last)).tolist()", file: file, line: line))
    }

    private func check(_ expression: String, _ expected: [Double], rtol: Double = 1e-4, atol: Double = 1e-9,
                       file: StaticString = #filePath, line: UInt = #line) {
        let actual = numbers(expression, file: file, line: line)
        assertAllClose(Tensor(actual, dtype: .f64), expected, rtol: rtol, atol: atol, expression, file: file, line: line)
    }

    func testKernels() {
        check("pdlt.kernel(det([3, 5], 0), 4, act: \"relu\", cb: 0, cw: 2)", [
            0.95179388017960753, 0.24665752166918903, -1.0877466947354766, 0.24665752166918903, 0.76035333697493168,
            -0.665749449290716, -1.0877466947354766, -0.665749449290716, 1.4546948048421005, 0.95179388017960753,
            0.4055808167314956, 0.0073651358208369636, 0.4055808167314956, 0.76035333697493168, 0.071537456821259254,
            0.0073651358208369636, 0.071537456821259254, 1.4546948048421005, 0.95179388017960753, 0.50498046640659189,
            0.37823794200630112, 0.50498046640659189, 0.76035333697493168, 0.37131137091034261, 0.37823794200630112,
            0.37131137091034261, 1.4546948048421005, 0.95179388017960753, 0.57256403976626247, 0.58318957779154379,
            0.57256403976626247, 0.76035333697493168, 0.54151315193632465, 0.58318957779154379, 0.54151315193632465,
            1.4546948048421005])
        check("pdlt.kernel(1.5 * det([2, 4], 1), 3)", [
            1.8991697265725365, 0.19656624050142274, 0.19656624050142274, 0.36797821127293268, 0.51079219342376903,
            0.074605369980317221, 0.074605369980317235, 0.22615793753685498, 0.27715249157195287, 0.045275575670697552,
            0.045275575670697572, 0.16131290776447987])
        check("pdlt.kernel(1.5 * det([2, 4], 1), 3, act: \"tanh\", cb: 0.1, cw: 1.5)", [
            2.9487545898588055, 0.39484936075213406, 0.39484936075213406, 0.65196731690939902, 0.9798918071760877,
            0.26787299228566064, 0.26787299228565986, 0.57726330975627604, 0.68590578163114169, 0.27308856016994631,
            0.27308856016994587, 0.5461517905262474])
        // A closure is integrated by quadrature: tanh given as a closure matches the named one.
        check("pdlt.kernel(1.5 * det([2, 4], 1), 3, act: { z in tanh(z) })", numbers("pdlt.kernel(1.5 * det([2, 4], 1), 3)"), rtol: 1e-12)
    }

    func testSusceptibilitiesAndCriticality() {
        check("stack([1e-1, 0.5, 1, 2].map { k in pdlt.chi(k, \"tanh\", 1) })", [
            0.7160490620616301, 0.84920706840647209, 0.32462999598886694, 0.59242579337179646,
            0.18179768814048708, 0.46440290244826843, 0.08847638456770647, 0.34950829774659359])
        check("pdlt.chi(1.3, \"relu\", 2)", [1, 1], rtol: 1e-12)
        let sinClosed = [0.1, 1].flatMap { k in [exp(-2 * k), (1 + exp(-2 * k)) / 2] }
        check("stack([pdlt.chi(0.1, \"sin\", 1), pdlt.chi(1, \"sin\", 1)])", sinClosed, rtol: 1e-10)
        // A closure's σ' comes from autodiff.
        check("pdlt.chi(0.5, { z in tanh(z) }, 1)", [0.32462999598886694, 0.59242579337179646])
        XCTAssertEqual(numbers("tensor([pdlt.criticality(\"relu\").cw, pdlt.criticality(\"tanh\").cw, pdlt.criticality(\"linear\").cb])"), [2, 1, 0])
        XCTAssertTrue(session.error("pdlt.criticality(\"gelu\")").contains("no tabulated critical point; solve χ_∥ = χ_⊥ = 1 numerically"))
    }

    func testFourPointVertex() {
        let k = 1.21 * 1.21
        check("pdlt.four_point(1.21, 5, \"relu\", 0, 2).V", [0, 5 * k, 10 * k, 15 * k, 20 * k], rtol: 1e-12)
        check("pdlt.four_point(1.0, 4, \"tanh\", 0, 1).K", [1, 0.39429449039784104, 0.23645041049929574, 0.16665635380193855])
        check("pdlt.four_point(1.0, 4, \"tanh\", 0, 1).V", [0, 0.097523738085857237, 0.067807493892095519, 0.050146596467303794])
        // Critical tanh: ℓ·K^(ℓ) → 1/2.
        check("let r = pdlt.four_point(1.0, 200, \"tanh\", 0, 1).K\nstack([50 * r[49], 100 * r[99], 200 * r[199]])",
              [0.52153692004067653, 0.51207156659927178, 0.50671066586664049])
    }

    func testNTK() {
        check("pdlt.ntk(det([3, 5], 0), 3, \"relu\", 0, 2, lam_b: 0, lam_w: 1)", [
            0.47589694008980377, 0.12332876083459451, -0.54387334736773829, 0.12332876083459451, 0.38017666848746584,
            -0.332874724645358, -0.54387334736773829, -0.332874724645358, 0.72734740242105023, 0.95179388017960753,
            0.27600291409161598, -0.064055676522217359, 0.27600291409161598, 0.76035333697493168, -0.058040445818620431,
            -0.064055676522217359, -0.058040445818620431, 1.4546948048421005, 1.4276908202694112, 0.43415211868383807,
            0.15696350827318556, 0.43415211868383807, 1.1405300054623975, 0.15537782307431622, 0.15696350827318556,
            0.15537782307431622, 2.1820422072631507])
        check("pdlt.ntk(1.5 * det([2, 4], 1), 3, \"tanh\", 0, 1)", [
            2.8991697265725365, 1.1965662405014228, 1.1965662405014228, 1.3679782112729326, 2.5469408136414273,
            1.5311022489875801, 1.5311022489875801, 2.1142471253950141, 2.7758503115268489, 1.9763712286176967,
            1.9763712286176967, 2.7133633198709597])
    }

    func testQuadrature() {
        check("stack([pdlt.gauss_expect({ z in z * z }, 2.0), pdlt.gauss_expect({ z in z ** 4 }, 2.0), pdlt.gauss_expect({ z in cos(z) }, 1.0)])",
              [2, 12, exp(-0.5)], rtol: 1e-12)
        check("pdlt.gauss_expect2({ z in z }, { z in z }, 1.0, 0.3, 2.0)", [0.3], rtol: 1e-12)
        check("pdlt.gauss_expect2({ z in sin(z) }, { z in sin(z) }, 1.0, 0.5, 1.0)", [exp(-1) * sinh(0.5)], rtol: 1e-10)
        XCTAssertTrue(session.error("pdlt.gauss_expect2({ z in z }, { z in z }, 1.0, 2.0, 1.0)").hasPrefix("ValueError"))
        XCTAssertTrue(session.error("pdlt.gauss_expect({ z in z }, 0.0)").hasPrefix("ValueError"))
        XCTAssertTrue(session.error("pdlt.gauss_expect({ z in z }, 1.0, order: 100000)").hasPrefix("ValueError"))
    }

    func testProperties() {
        // Linear: K^(ℓ) = C_W^(ℓ−1) K^(1).
        let linear = numbers("pdlt.kernel(det([3, 5], 2), 4, act: \"linear\", cw: 1.5)")
        for layer in 1..<4 {
            for entry in 0..<9 {
                XCTAssertEqual(linear[layer * 9 + entry], pow(1.5, Double(layer)) * linear[entry], accuracy: 1e-12)
            }
        }
        // Critical ReLU preserves the diagonal; every K^(ℓ) is PSD.
        let relu = numbers("pdlt.kernel(det([3, 5], 0), 6, act: \"relu\", cw: 2)")
        for layer in 1..<6 { for a in 0..<3 { XCTAssertEqual(relu[layer * 9 + a * 4], relu[a * 4], accuracy: 1e-12) } }
        let eigenvalues = numbers("eigh(pdlt.kernel(det([3, 5], 0), 6, act: \"tanh\", cb: 0.1, cw: 1.5)).values")
        XCTAssertTrue(eigenvalues.allSatisfy { $0 > -1e-12 }, "\(eigenvalues)")
    }

    /// Width 512, 16 nets: the empirical covariance matches the kernel within 3 standard errors.
    func testSampledNetworksMatchTheKernel() {
        session.run("""
            let xs = det([2, 3], 0)
            let z = pdlt.sample_mlp(xs, [512, 512, 512], "tanh", 0, 1, n_nets: 16, seed: 1)
            let K = pdlt.kernel(xs, 3)
            let products = z[:, :, 0, :] * z[:, :, 1, :]
            """)
        let measured = numbers("mean(products, axis: [0, 2])")
        let errors = numbers("std(mean(products, axis: 2), axis: 0) / sqrt(16)")
        let predicted = numbers("K[:, 0, 1]")
        for layer in 0..<3 {
            XCTAssertLessThan(abs(measured[layer] - predicted[layer]), 3 * errors[layer] + 1e-12, "layer \(layer + 1)")
        }
        XCTAssertEqual(numbers("tensor(pdlt.sample_mlp(xs, [4, 4], \"relu\", 0, 2, n_nets: 3).shape)"), [3, 2, 2, 4])
    }

    /// Critical ReLU at width 32: the excess kurtosis of one preactivation, × n/3, tracks V at small ℓ/n.
    func testSampledKurtosisMatchesTheVertex() {
        session.run("""
            let z1 = pdlt.sample_mlp(ones(1, 4), [32, 32, 32], "relu", 0, 2, n_nets: 3000, seed: 3)[:, :, 0, :]
            let second = mean(z1 * z1, axis: [0, 2])
            let excess = mean(z1 ** 4, axis: [0, 2]) - 3 * second * second
            """)
        let vOverK2 = numbers("excess * 32 / 3 / (second * second)")
        // Predicted 0, 5, 10 (the spec's Monte Carlo measured 5.1, 10.8 at ℓ = 2, 3).
        XCTAssertEqual(vOverK2[0], 0, accuracy: 0.6)
        XCTAssertEqual(vOverK2[1], 5, accuracy: 1.5)
        XCTAssertEqual(vOverK2[2], 10, accuracy: 3)
    }

    func testBadInput() {
        XCTAssertTrue(session.error("pdlt.kernel(ones(2, 3), 0)").hasPrefix("ValueError"))
        XCTAssertTrue(session.error("pdlt.kernel(ones(2, 3), 2, cw: 0)").contains("cw must be > 0"))
        XCTAssertTrue(session.error("pdlt.kernel(ones(2, 3), 2, cb: -1)").contains("cb must be >= 0"))
        XCTAssertTrue(session.error("pdlt.kernel(ones(2, 3), 2, act: \"gelu\")").contains("unknown activation"))
        XCTAssertTrue(session.error("pdlt.kernel(ones(2, 3, 4), 2)").hasPrefix("ShapeError"))
        XCTAssertTrue(session.error("pdlt.sample_mlp(ones(2, 3), [4, 5], \"relu\", 0, 2)").contains("equal"))
        XCTAssertTrue(session.error("pdlt.sample_mlp(ones(2, 3), [4], \"relu\", 0, 2, n_nets: 0)").hasPrefix("ValueError"))
        XCTAssertTrue(session.error("pdlt.chi(-1, \"tanh\", 1)").hasPrefix("ValueError"))
    }
}

/// The numbers in a `tolist()` text, in order (nested brackets flattened).
func parseNumbers(_ text: String) -> [Double] {
    text.split(whereSeparator: { "[], ()\n".contains($0) }).compactMap { token in
        switch token {
        case "nan": return .nan
        case "inf": return .infinity
        case "-inf": return -.infinity
        default: return Double(token)
        }
    }
}
