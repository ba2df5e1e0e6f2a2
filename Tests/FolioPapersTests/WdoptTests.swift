import FolioAutograd
import FolioNumericTestSupport
@testable import FolioPapers
import FolioTensor
import Foundation
import XCTest

/// wdopt (spec 13): the spec's numeric cases against `reference/wdopt.py` (NumPy), its properties (normalisation,
/// Monte-Carlo duals of the activations, limit exponents, the depth limit on Dirichlet data) and gradchecks.
final class WdoptTests: XCTestCase {
    private let session = PaperSession()

    override func setUp() {
        super.setUp()
        session.run("""
            func det(shape, k) {
                var n = 1
                for s in shape { n *= s }
                return sin(0.37 * arange(n, dtype: "f64") + k).reshape(shape)
            }
            let xi = 0.9 * det([7], 0)
            let Xtr = wdopt.to_sphere(det([6, 3], 0))
            let Xte = wdopt.to_sphere(det([4, 3], 1))
            let y = sign(det([6], 2))
            let xa = 2 * det([8], 0)
            """)
    }

    private func numbers(_ expression: String, file: StaticString = #filePath, line: UInt = #line) -> [Double] {
        parseNumbers(session.run("(\(expression)).tolist()", file: file, line: line))
    }

    static let cases: [(String, String, [Double])] = [
        ("dual_sine_1", #"wdopt.dual(xi, act: "sine", a: 1)"#, [0, 0.28184940038797085, 0.54867189948712125, 0.76269460266418665, 0.86896692928034103, 0.83150336066241437, 0.66364527417889319]),
        ("ddual_sine_1", #"wdopt.dual_grad(xi, act: "sine", a: 1)"#, [0.85091812823932156, 0.89638203098085878, 1.0124734634809527, 1.1427006247917222, 1.2162093508722978, 1.1897308518144765, 1.0791138544686973]),
        ("dual_sine_2.676", #"wdopt.dual(xi, act: "sine", a: 2.676)"#, [0, 0.13629285483168024, 0.33725181342847621, 0.59006997008245454, 0.75498324696901586, 0.69356184919646258, 0.46088901206440269]),
        ("ddual_sine_2.676", #"wdopt.dual_grad(xi, act: "sine", a: 2.676)"#, [0.37017487497902257, 0.51966323970615036, 0.97545381871815828, 1.6218373724083182, 2.0539677779156684, 1.8925273256264799, 1.287693487527759]),
        ("dual_erf", #"wdopt.dual(xi, act: "erf")"#, [0, 0.29971276551909487, 0.57077675929588478, 0.77751448845787186, 0.87760865665949805, 0.84245571422748367, 0.68286736678360926]),
        ("ddual_erf", #"wdopt.dual_grad(xi, act: "erf")"#, [0.91358284282885127, 0.93587689334407342, 0.99899073812929384, 1.0833230579724678, 1.1393471336189678, 1.1183396104964183, 1.0400617646912613]),
        ("dual_relu", #"wdopt.dual(xi, act: "relu")"#, [0.31830988618379069, 0.4980483228023197, 0.68239148063481725, 0.83200316403672658, 0.90636838281902787, 0.88011159029959707, 0.76278250018989646]),
        ("ddual_relu", #"wdopt.dual_grad(xi, act: "relu")"#, [0.5, 0.60551708868386367, 0.7075707876510211, 0.79844118051878044, 0.85374981431743857, 0.83277540534540662, 0.7544436761907769]),
        ("dual_2d_opt", #"wdopt.dual(xi, act: "2d_opt")"#, [0, 0.16292031757377623, 0.31858558085715838, 0.51367612433229526, 0.68048383241616328, 0.61395899876677906, 0.40711959542539866]),
        ("ddual_2d_opt", #"wdopt.dual_grad(xi, act: "2d_opt")"#, [0.5, 0.50415915241303588, 0.67482170209471659, 1.4604941468384456, 2.3145434606292929, 1.9676061988230122, 0.97517323128344136]),
        ("dual_3d_opt", #"wdopt.dual(xi, act: "3d_opt")"#, [0, 0.17996302036506007, 0.41517598941649603, 0.66499326296915151, 0.80816061196590883, 0.75634693194655678, 0.54268514695287073]),
        ("ddual_3d_opt", #"wdopt.dual_grad(xi, act: "3d_opt")"#, [0.5, 0.65888035057177541, 1.0524169881379319, 1.4747655046676922, 1.7050110676681589, 1.6227207692640728, 1.2709376101438203]),
        ("dual_5d_opt", #"wdopt.dual(xi, act: "5d_opt")"#, [0, 0.14294162703978849, 0.39172699075422523, 0.65741846637380652, 0.80575066187234068, 0.752413722394636, 0.52832177685770887]),
        ("ddual_5d_opt", #"wdopt.dual_grad(xi, act: "5d_opt")"#, [0.25, 0.65489406405435346, 1.1330676145342964, 1.543511569445889, 1.7487982939179556, 1.6765080673098063, 1.3523777300843882]),
        ("dual_9d_opt", #"wdopt.dual(xi, act: "9d_opt")"#, [0, 0.11517558204583481, 0.37414024175752225, 0.65173736892729761, 0.80394319930216462, 0.7494638152306955, 0.51754924928633739]),
        ("ddual_9d_opt", #"wdopt.dual_grad(xi, act: "9d_opt")"#, [0.0625, 0.65190434916628703, 1.1935555843315699, 1.5950711180295365, 1.7816387136053029, 1.7168485408441063, 1.413457820039814]),
        ("dual_hermite_3", #"wdopt.dual(xi, act: "hermite", k: 3)"#, [0, 0.03447215196165429, 0.22349285836766147, 0.52385770882626015, 0.72002846384794161, 0.6475461812153438, 0.36846136889326342]),
        ("ddual_hermite_3", #"wdopt.dual_grad(xi, act: "hermite", k: 3)"#, [0, 0.31776070114355076, 1.1048339762758637, 1.9495310093353844, 2.4100221353363178, 2.2454415385281457, 1.5418752202876407]),
        ("nngp_3d_opt_depth5", #"wdopt.nngp(Xtr, Xte, depth: 5, act: "3d_opt")"#, [0.089345164472146285, 0.022054261553611083, -0.85254938049118456, -0.072576962937897241, 0.98101516160995073, 0.20623356080908634, -0.11500644106207139, -0.99061681018345782, 0.12181958506791939, 0.88742064488565187, -0.023034216132477303, -0.15542279825122865, -0.21548598966868537, -0.042162192222906084, 0.82664488470464959, 0.16493406795160687, -0.87438903606204876, -0.27304608268851971, 0.092225267132053063, 0.98166576087996926, -0.056264966110150506, -0.33852035029962224, 0.011116878496478048, 0.068358108320415056]),
        ("nngp_erf_depth3", #"wdopt.nngp(Xtr, Xte, depth: 3, act: "erf")"#, [0.7307760965531741, 0.39831660864401208, -0.99054352113108401, -0.68811590050144389, 0.99889319997485393, 0.86554726081424516, -0.77769307094681872, -0.99945657835805035, 0.78761760311529194, 0.99297389949019965, -0.409200794739634, -0.82649129874853944, -0.87105952008068444, -0.56202937366975037, 0.98864669724518206, 0.83521793556505664, -0.9920814081411965, -0.89848420997538836, 0.73697209613661052, 0.99893161100840144, -0.63132888143072674, -0.92032937722289931, 0.24224887532722986, 0.67518393970394897]),
        ("ntk_relu_depth3", #"wdopt.ntk(Xtr, Xte, depth: 3, act: "relu")"#, [2.6158969469422537, 1.7321175166278788, 0.67609576587202291, 0.66358603192657772, 3.9322155486001957, 3.0926356088501348, 0.65637223657380028, 0.68337821480121153, 2.8040562905383535, 3.8234161177713135, 0.7385717088543976, 0.6554846827711529, 0.65665462595172874, 0.68667350757870571, 3.772292217300607, 2.9750040388963157, 0.67689479678404463, 0.65844370788604523, 2.6357070191226, 3.9334286967473524, 0.67200957282475615, 0.66057576069971657, 1.4209491834045411, 2.4447169276544662]),
        ("ntk_sine_1_depth4", #"wdopt.ntk(Xtr, Xte, depth: 4, act: "sine")"#, [4.3992392025809277, 1.6219693084701974, -9.0407921982266313, -3.8964491418367317, 9.2457676402771991, 6.4216268510973711, -5.0227652372052045, -9.2597423316153407, 5.1649874501642135, 9.1000428114997867, -1.6819691540993178, -5.7596340978060541, -6.5205985318802631, -2.7032421853329565, 8.9947835398025635, 5.9017332077868669, -9.0782453670316485, -7.0344084388325721, 4.4771628709147553, 9.2467198503865937, -3.310049830383833, -7.4701115638064461, 0.8866147252640173, 3.755023469021356]),
        ("kr_scores_nngp_3d_opt_depth5", #"wdopt.kernel_classify(wdopt.nngp(Xtr, Xtr, depth: 5, act: "3d_opt"), y, wdopt.nngp(Xtr, Xte, depth: 5, act: "3d_opt"))"#, [0.93006986345603604, 0.86363260274610321, -0.021992976158021833, -1.0161329548564586]),
        ("kr_scores_ntk_relu_depth3", #"wdopt.kernel_classify(wdopt.ntk(Xtr, Xtr, depth: 3, act: "relu"), y, wdopt.ntk(Xtr, Xte, depth: 3, act: "relu"), nngp_diag: false)"#, [1.0020253767019609, 0.99220689139327622, 1.0538384831076493, -0.8662996996616652]),
        ("hilbert_scores_d3", #"wdopt.hilbert_scores(Xtr, y, Xte)"#, [837.28292548078616, 137.23074441256043, 77.628407250449783, -857.53777459768048]),
        ("limit_exponent", #"tensor([wdopt.limit_exponent("2d_opt"), wdopt.limit_exponent("3d_opt"), wdopt.limit_exponent("5d_opt"), wdopt.limit_exponent("9d_opt"), wdopt.limit_exponent("sine", a: 2.676), wdopt.limit_exponent("sine_6.13539"), wdopt.limit_exponent("sine", a: 13.8258)], dtype: "f64")"#, [1, 2, 4, 8, 1.9999581572835912, 3.9999982893970194, 7.9999777348130801]),
        ("activation_3d_opt", #"wdopt.activation(xa, act: "3d_opt")"#, [0, -0.0057304290419150795, 0.49368981974608767, 1.3748438535027545, 1.9644520988840612, 1.7458342409714951, 0.91407159432428475, 0.16579515088764252]),
        ("activation_5d_opt", #"wdopt.activation(xa, act: "5d_opt")"#, [-0.5, -0.24252058396423437, 0.75841979488091338, 2.0767136829423718, 2.8726347134710726, 2.5825912623290215, 1.4153793259541008, 0.1664798195894]),
        ("activation_sine_2.676", #"wdopt.activation(xa, act: "sine_2.676")"#, [0, 1.3123650865330085, 1.141024051422421, 0.29708554541217208, -0.16495386809450194, -0.0048315995661575026, 0.72331400371735843, 1.4029615448815576]),
        ("activation_relu", #"wdopt.activation(xa, act: "relu")"#, [0, 1.022802896496509, 1.9071742191375076, 2.5334184581769588, 2.8167763937054051, 2.7188968584412381, 2.2530273883088063, 1.4822212305980524]),
        ("activation_erf", #"wdopt.activation(xa, act: "erf")"#, [0, 1.0176254588871547, 1.3842749069364118, 1.4505944169205252, 1.4600499752587321, 1.4575570027177429, 1.4315772624303844, 1.2642849929014937]),    ]

    func testReferenceCases() {
        for (name, expression, expected) in Self.cases {
            let actual = numbers(expression)
            assertAllClose(Tensor(actual, dtype: .f64), expected, rtol: 1e-7, atol: 1e-10, name)
        }
    }

    func testProperties() {
        for act in ["\"sine\", a: 2.676", "\"erf\"", "\"2d_opt\"", "\"3d_opt\"", "\"5d_opt\"", "\"9d_opt\"", "\"hermite\", k: 2"] {
            XCTAssertEqual(numbers("wdopt.dual(tensor([1.0, 0.0], dtype: \"f64\"), act: \(act))"), [1, 0], act)
            let diagonal = numbers("diagonal(wdopt.nngp(Xtr, Xtr, depth: 7, act: \(act)))")
            XCTAssertTrue(diagonal.allSatisfy { abs($0 - 1) < 1e-9 }, act)
            XCTAssertTrue(numbers("wdopt.nngp(Xtr, Xte, depth: 7, act: \(act))").allSatisfy { abs($0) <= 1 }, act)
        }
        XCTAssertEqual(numbers("wdopt.dual(tensor([1.0, 0.0], dtype: \"f64\"), act: \"relu\")")[1], 1 / Double.pi, accuracy: 1e-15)
        // depth 0 is the cosine matrix for both kernels; values just above 1 are clipped.
        let cosines = numbers("Xtr @ Xte.T")
        XCTAssertEqual(numbers("wdopt.ntk(Xtr, Xte, depth: 0)"), cosines)
        XCTAssertEqual(numbers("wdopt.nngp(Xtr, Xte, depth: 0)"), cosines)
        XCTAssertEqual(numbers("wdopt.dual(tensor([1.0000005], dtype: \"f64\"), act: \"3d_opt\")"), [1])
        // Limit regimes: hermite k ≥ 2 → 1-NN (+inf), relu → nan.
        XCTAssertEqual(session.run("wdopt.limit_exponent(\"hermite\", k: 2)"), "inf")
        XCTAssertEqual(session.run("wdopt.limit_exponent(\"relu\")"), "nan")
    }

    /// E[φ(u)φ(v)] over 4·10⁵ correlated normal pairs matches ǩ(ξ) within 0.04.
    func testActivationsRealiseTheirDuals() {
        session.run("""
            let u = randn(400000, dtype: "f64", seed: 11)
            let w = randn(400000, dtype: "f64", seed: 12)
            """)
        for act in ["\"3d_opt\"", "\"erf\"", "\"relu\"", "\"sine\", a: 2.676"] {
            session.run("let phi_u = wdopt.activation(u, act: \(act))")
            for rho in [-0.7, 0.0, 0.4, 0.9, 1.0] {
                let orthogonal = (1 - rho * rho).squareRoot()
                let measured = numbers("mean(phi_u * wdopt.activation(\(rho) * u + \(orthogonal) * w, act: \(act)))")[0]
                let expected = numbers("wdopt.dual(tensor([\(rho)], dtype: \"f64\"), act: \(act))")[0]
                XCTAssertEqual(measured, expected, accuracy: 0.04, "\(act) at ξ = \(rho)")
            }
        }
    }

    /// 2d_opt's φ contains He₇, whose square has too heavy a tail for a 0.04 Monte-Carlo check at 4·10⁵ samples
    /// (the sample mean of φ² swings between 0.8 and 1.4 across seeds); Gauss–Hermite quadrature is exact for it.
    func testPolynomialActivationsByQuadrature() {
        for act in ["2d_opt", "5d_opt", "9d_opt", "3d_opt"] {
            for rho in [-0.7, 0.0, 0.4, 0.9] {
                let phi = "{ z in wdopt.activation(z, act: \"\(act)\") }"
                let measured = numbers("pdlt.gauss_expect2(\(phi), \(phi), 1.0, \(rho), 1.0)")[0]
                let expected = numbers("wdopt.dual(tensor([\(rho)], dtype: \"f64\"), act: \"\(act)\")")[0]
                XCTAssertEqual(measured, expected, accuracy: 1e-9, "\(act) at ξ = \(rho)")
            }
        }
    }

    /// 3-D Dirichlet data: deep 3d_opt kernel classification agrees with the Hilbert estimate (‖x − z‖^−2).
    func testDepthLimitIsTheHilbertEstimate() {
        session.run("""
            let a1 = [0.5, 0.5, 2.5]
            let a2 = [2.5, 0.1, 0.5]
            let train = wdopt.dirichlet_sphere_data(200, a1, a2, prior1: 0.4, seed: 1)
            let test = wdopt.dirichlet_sphere_data(300, a1, a2, prior1: 0.4, seed: 2)
            let hilbert = sign(wdopt.hilbert_scores(train.X, train.y, test.X))
            func agreement(depth) {
                let scores = wdopt.kernel_classify(wdopt.nngp(train.X, train.X, depth: depth, act: "3d_opt"), train.y,
                                                   wdopt.nngp(train.X, test.X, depth: depth, act: "3d_opt"))
                return mean((sign(scores) == hilbert).float())
            }
            """)
        XCTAssertGreaterThanOrEqual(numbers("agreement(50)")[0], 0.95)
        XCTAssertLessThan(numbers("agreement(1)")[0], 0.9)
        // The Bayes rule beats chance on these classes.
        let bayes = numbers("mean((wdopt.dirichlet_bayes(test.S, a1, a2, prior1: 0.4) == test.y).float())")[0]
        XCTAssertGreaterThan(bayes, 0.85)
        XCTAssertEqual(numbers("wdopt.majority_vote(train.y, 3)"), [-1, -1, -1])
        XCTAssertEqual(numbers("wdopt.nn1(train.X, train.y, train.X[0:5])"), numbers("train.y[0:5]"))
        // A test point equal to a training point takes its label, without NaN.
        XCTAssertEqual(numbers("wdopt.hilbert_scores(Xtr, y, Xtr[1:2])"), numbers("y[1:2]"))
    }

    func testGradients() throws {
        for dual in [WdoptDual.sine(2.676), .erf, .polynomial(name: "3d_opt", coefficients: [3: 0.5, 1: 0.5])] {
            // dual_grad is the derivative of dual, and both are differentiable.
            try GradientChecking.check({ try dual.value($0).sum() }, at: try detTensor([7], 0) * 0.9)
            try GradientChecking.check({ try dual.derivative($0).sum() }, at: try detTensor([7], 0) * 0.9)
            try GradientChecking.check({ try dual.activation($0).sum() }, at: try detTensor([8], 0) * 2)
            let point = Variable(try detTensor([7], 0) * 0.9, requiresGrad: true)
            try dual.value(point).sum().backward()
            let analytic = try dual.derivative(Variable(try detTensor([7], 0) * 0.9)).value
            assertAllClose(try XCTUnwrap(point.grad), analytic.toArray(), rtol: 1e-10, atol: 1e-12, "ǩ′ of \(dual)")
        }
        try GradientChecking.check({ try WdoptDual.relu.value($0).sum() }, at: try detTensor([7], 0) * 0.9)
    }

    func testBadInput() {
        XCTAssertTrue(session.error("wdopt.dual(tensor([1.1]))").contains("wdopt.dual: correlations must lie in [-1,1]"))
        XCTAssertTrue(session.error("wdopt.dual(xi, act: \"gelu\")").hasPrefix("ValueError"))
        XCTAssertTrue(session.error("wdopt.dual(xi, act: \"sine\", a: 0)").hasPrefix("ValueError"))
        XCTAssertTrue(session.error("wdopt.dual(xi, act: \"hermite\", k: 0)").hasPrefix("ValueError"))
        XCTAssertTrue(session.error("wdopt.nngp(det([6, 3], 0), Xte)").contains("rows must lie on the unit sphere; call wdopt.to_sphere(X)"))
        XCTAssertTrue(session.error("wdopt.nngp(Xtr, Xte, depth: -1)").hasPrefix("ValueError"))
        XCTAssertTrue(session.error("wdopt.kernel_classify(ones(6, 6), y, ones(6, 2), nngp_diag: false)").contains("kernel matrix is singular (duplicate training points?)"))
        XCTAssertTrue(session.error("wdopt.kernel_classify(ones(6, 5), y, ones(6, 2))").hasPrefix("ShapeError"))
        XCTAssertTrue(session.error("wdopt.to_sphere(zeros(2, 3))").contains("zero row"))
    }
}
