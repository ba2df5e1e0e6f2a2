import FolioAutograd
import FolioNN
import FolioNumericTestSupport
import FolioPapers
import FolioTensor
import Foundation
import XCTest

/// 43 kat: the spec's numeric cases (values from reference/kat.py, float64), its properties and gradchecks.
final class KATTests: XCTestCase {
    private func coefficients(_ mode: String) throws -> (a: Variable, b: Variable) {
        let (a, b) = try KAT.coefficients(mode, function: "test")
        return (Variable(try Tensor(a, shape: [6], dtype: .f64)), Variable(try Tensor(b, shape: [4], dtype: .f64)))
    }

    private func rational(_ x: Variable, _ mode: String, groups: Int, form: KAT.Form) throws -> Variable {
        let (a, b) = try coefficients(mode)
        return try KAT.rational(x, numerator: a, denominator: b, groups: groups, form: form)
    }

    func testRationalMatchesReference() throws {
        let x = Variable(try detTensor([2, 4, 8], 0) * 3)
        XCTAssertEqual(try rational(x, "identity", groups: 4, form: .a).value.toArray(), x.value.toArray(), "rational_identity_A")
        assertAllClose(try rational(x, "gelu", groups: 4, form: .a).value, [
            -0.00153969, 0.90773578299200974, 1.5815007961218641, 1.616552218954532,
            1.5353096536216158, 1.5684503646476968, 1.6437428448242397, 1.3389021862538433,
            0.38264510441214156, -0.15394317717019604, -0.071666499542472048, -0.014375769320520027,
            -0.0039029476013699368, -0.0020728950963919256, -0.0077611678051312302, -0.033097450816155248,
            -0.13572041628398038, 0.0091865385259372878, 0.92647710891092616, 1.5863999599219947,
            1.6148159169887744, 1.534698797294924, 1.5701269061253449, 1.6434867152388213,
            1.3259751538536857, 0.36500572844586754, -0.15522843439306855, -0.069689939033041562,
            -0.014005147260621856, -0.0038032678048489331, -0.0021138010270364944, -0.0079404154350834755,
            -0.034141703718815065, -0.13775554875360185, 0.020219963010552088, 0.94508908749460874,
            1.5910619411814007, 1.6130563602221393, 1.5341342897545447, 1.5718265418617376,
            1.643105485818481, 1.3127577682313119, 0.34756362560835713, -0.15629374119538278,
            -0.067749615537644983, -0.013647109044345155, -0.0037057465992495517, -0.002157355565993232,
            -0.0081239140867550592, -0.035219761271380122, -0.13973299028452968, 0.031560236714318152,
            0.96356139112914707, 1.5954910680739403, 1.6112760485703608, 1.533616445791167,
            1.5735479453945247, 1.6425948306170854, 1.2992523379552336, 0.33032741646996844,
            -0.15714675623234944, -0.06584630628316121, -0.013301129258409893, -0.0036103936890556215,
        ], shape: [2, 4, 8], rtol: 1e-12, atol: 1e-14, "rational_gelu_A")
        assertAllClose(try rational(x, "gelu", groups: 4, form: .b).value, [
            -0.00153969, 0.93317406515601631, 1.9802762121822199, 2.6761208188539598,
            2.9860138197301875, 2.8783634416466346, 2.3692867578291437, 1.4810506321124133,
            0.3834134301722234, -0.15984023548680831, -0.089420095443184092, -0.019724508090561647,
            -0.0053923414183156045, -0.0028584638432314602, -0.010731463061864269, -0.043962067818075337,
            -0.15312978539727132, 0.0091865385670200465, 0.95415527090564478, 1.9965477384487469,
            2.6853859556525435, 2.9878739610666125, 2.8724790888546425, 2.356354132050333,
            1.461363076787737, 0.3656384604766042, -0.16159264072908344, -0.087220518418332338,
            -0.019227204162362455, -0.0052541796818837199, -0.0029150167317562098, -0.010978361775459857,
            -0.045267721755264452, -0.15485819850684432, 0.020219964452929114, 0.97514603721468995,
            2.012689045291443, 2.694522339775121, 2.9895897232405382, 2.866459110832634,
            2.3432925907740207, 1.441579245856478, 0.34808055296764073, -0.16313491863347446,
            -0.08504818663747854, -0.018746059325503141, -0.0051190194352802483, -0.0029752366737474441,
            -0.011230954301985268, -0.04661090318458215, -0.15650956062335253, 0.031560248075573318,
            0.99614035377840848, 2.0286999577493816, 2.7035297997987544, 2.9911609437649425,
            2.8603038564064605, 2.3301019959379099, 1.4217017544872705, 0.33074611343633575,
            -0.16447328497241184, -0.082904645439104918, -0.018280435957111194, -0.0049868747686757121,
        ], shape: [2, 4, 8], rtol: 1e-12, atol: 1e-14, "rational_gelu_B")
        assertAllClose(try rational(x, "swish", groups: 4, form: .a).value, [
            3.0548797411610511e-07, 0.81082483288896023, 1.786546128316679, 2.5158234106916044,
            2.8442727226913114, 2.7311013800971113, 2.1890530185799446, 1.3018639915831069,
            0.34253416396346653, -0.20402687420600119, -0.2693467348363876, -0.19941499536721755,
            -0.15221431565433211, -0.14354004047141186, -0.1721578362513935, -0.23770376232322526,
            -0.27305875697894633, 0.010326764714077544, 0.82900021059784024, 1.8029844127845809,
            2.5257230918992453, 2.8462148689923361, 2.724877175767765, 2.17539874831155,
            1.2835313205701071, 0.32736658809477359, -0.20862073389392016, -0.2683883081927847,
            -0.1981977420710031, -0.15171758356263104, -0.14372266835511169, -0.17305678957109355,
            -0.23908710761400301, -0.2719904739443702, 0.020861652314018469, 0.84722421996129005,
            1.8193292157730434, 2.5354837992198336, 2.8480058155167445, 2.7185060760259581,
            2.1616233801252238, 1.2651663569133205, 0.31235771938125595, -0.21303875684154555,
            -0.26739553226443014, -0.19699187653971087, -0.15123397978292266, -0.14391772020871782,
            -0.17396947011428254, -0.24046683420106443, -0.27081362050820901, 0.031604304562713258,
            0.86549313061356936, 1.8355790825428553, 2.545105114007324, 2.8496455010497783,
            2.7119883163394136, 2.1477277533264849, 1.2467718561727414, 0.29751072066340634,
            -0.21728343474934611, -0.26637017052425865, -0.19579760307248995, -0.15076346846400987,
        ], shape: [2, 4, 8], rtol: 1e-12, atol: 1e-14, "rational_swish_A")
    }

    private func groupedInputs() throws -> (x: Variable, a: Variable, b: Variable) {
        let (a, b) = try coefficients("swish")
        let perGroup = try b.value.reshape([1, 4]) + detTensor([4, 4], 1) * 0.1
        return (Variable(try detTensor([2, 3, 8], 2) * 2), a, Variable(perGroup))
    }

    func testGroupedRationalMatchesReference() throws {
        let (x, a, b) = try groupedInputs()
        assertAllClose(try KAT.rational(x, numerator: a, denominator: b, groups: 4, form: .a).value, [
            0.63126850852039795, 0.6407282135804514, 0.49665899731152469, 0.032455461894971116,
            -0.21442066826013262, -0.20495051861279795, -0.21073131423979163, -0.18148695601564968,
            -0.088702913295927333, -0.12641355879091856, -0.23789774381756201, -0.16220031887369377,
            0.17726478814826291, 0.63537134369699699, 1.1138917039153553, 1.2931389490510747,
            0.60874729806985373, 0.63187365678727037, 0.87737356560544255, 0.48773677261840914,
            0.025303385221320251, -0.21624686079512276, -0.25259280293943726, -0.20993144369522049,
            -0.083668365692451743, -0.089069255613565004, -0.19234182092300273, -0.23816092247745599,
            -0.15975910165418047, 0.18581673601030507, 0.70413894043014991, 1.1192524120438254,
            0.62016080153733333, 0.60888345590751347, 1.022379970248521, 0.87251840278144155,
            0.48063996798485525, 0.018239505751751491, -0.22213486079182532, -0.25208284101281869,
            -0.1077150153850637, -0.083510987913335888, -0.15088851962477101, -0.19336597342258471,
            -0.22867336150925052, -0.15593524228505132, 0.19412186914748863, 0.71365209206245295,
        ],
                       shape: [2, 3, 8], rtol: 1e-12, atol: 1e-14, "rational_grouped_A")
        assertAllClose(try KAT.rational(x, numerator: a, denominator: b, groups: 4, form: .b).value, [
            0.63126850852039795, 0.6407282135804514, 0.51430022265698139, 0.032455633604478451,
            -0.2217036818744407, -0.30707788307792855, -0.21073131423979163, -0.18148695601564968,
            -0.16291023921156267, -0.21619311524661811, -0.29744139116207008, -0.17022998101736855,
            0.17772863927170787, 0.64943499300249063, 1.4152433399171938, 1.6988511552264673,
            0.60874729806985373, 0.63187365678727037, 1.1454666745350162, 0.50405705090907849,
            0.025305087767020069, -0.22416591736804778, -0.25259280293943726, -0.20993144369522049,
            -0.15476880093257164, -0.16349368891603458, -0.34121939286938513, -0.29630330311651809,
            -0.16056885699607112, 0.18634501668193204, 0.82578637273340827, 1.423513404785556,
            0.62016080153733333, 0.60888345590751347, 2.001184392781806, 1.131696526839667,
            0.48738924980806342, 0.018240151468692758, -0.22213486079182532, -0.25208284101281869,
            -0.19152253650771225, -0.15451063716498886, -0.29776592928902412, -0.34184017573871817,
            -0.28133816190892713, -0.15662852388701412, 0.19693223490582587, 0.83852944799065243,
        ],
                       shape: [2, 3, 8], rtol: 1e-12, atol: 1e-14, "rational_grouped_B")
    }

    /// The vector-Jacobian products equal the form-A backward kernel's formulas.
    func testGradientsMatchTheKernelBackward() throws {
        let (a0, b0) = try coefficients("gelu")
        let x = Variable(try detTensor([16], 3) * 3, requiresGrad: true)
        let a = Variable(a0.value, requiresGrad: true)
        let b = Variable(b0.value, requiresGrad: true)
        let upstream = Variable(try detTensor([16], 4))
        try (KAT.rational(x, numerator: a, denominator: b, groups: 1, form: .a) * upstream).sum().backward()
        assertAllClose(try XCTUnwrap(x.grad), [
            -0.61635899482730339, -0.0091455998321437523, 0.10499870555106497, 0.024592793431593069,
            0.013441097366097141, 0.0082143573720416634, 0.0012995711248587464, -0.023683192507238941,
            -0.053568652125817594, 0.5371438871217511, 0.93815503712162351, 0.23436498427133626,
            -0.18673311151635327, -0.19951333013380518, -0.066620097411744975, -0.010746333933019993,
        ], rtol: 1e-10, atol: 1e-12, "grad_x_gelu_A")
        assertAllClose(try XCTUnwrap(a.grad), [
            0.31768770004830438, 5.1501249224521164, 0.63990137706538941,
            28.570859779725922, 1.3659556792351513, 195.90918396855122,
        ], rtol: 1e-10, atol: 1e-12, "grad_a_gelu_A")
        assertAllClose(try XCTUnwrap(b.grad), [
            4.1391381078517355, 9.3996695548293445, 22.919889363644423, -58.768078209848667,
        ], rtol: 1e-10, atol: 1e-12, "grad_b_gelu_A")
    }

    func testVariancePreservingGains() throws {
        let quadrature = try [("gelu", KAT.Form.a), ("gelu", .b), ("swish", .a), ("swish", .b)].map { mode, form in
            try KAT.vpStd(fanIn: 1, mode: mode, quadrature: true, form: form)
        }
        assertAllClose(Tensor(quadrature.map { $0 * $0 }, dtype: .f64), [
            3.1925712514348081, 2.3494549853506355, 2.8107634185001498, 2.8106469322565939,
        ], rtol: 1e-9, atol: 0,
                       "vp_gain_sq_quadrature")
        // The spec's rounded figures.
        GradientChecking.assertClose(quadrature.map { $0 * $0 }, [3.1925713, 2.349455, 2.8107634, 2.8106469], tolerance: 1e-7, what: "spec")
        let official = try [(768, "gelu"), (192, "swish"), (64, "identity")].map { try KAT.vpStd(fanIn: $0, mode: $1, quadrature: false, form: .a) }
        GradientChecking.assertClose(official, [
        0.055396123675036317, 0.12114515499314167, 0.125,
    ], tolerance: 1e-15, what: "vp_std_official")
    }

    func testGaussHermiteRule() throws {
        let (nodes, weights) = try KAT.gaussHermite(200)
        let pi = Double.pi
        XCTAssertEqual(weights.reduce(0, +), pi.squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(zip(nodes, weights).reduce(0) { $0 + $1.1 * $1.0 * $1.0 }, pi.squareRoot() / 2, accuracy: 1e-12)
        XCTAssertEqual(zip(nodes, weights).reduce(0) { $0 + $1.1 * pow($1.0, 4) }, 3 * pi.squareRoot() / 4, accuracy: 1e-11)
        XCTAssertEqual(Set(nodes).count, 200)
    }

    private func grkanWeights() throws -> (w1: Tensor, b1: Tensor, w2: Tensor, b2: Tensor) {
        (try detTensor([16, 8], 6) * 0.3, try detTensor([16], 7) * 0.1, try detTensor([8, 16], 8) * 0.3, try detTensor([8], 9) * 0.1)
    }

    func testGRKANMatchesReference() throws {
        let layer = try GRKAN(inputs: 8, hidden: 16, outputs: 8, groups: 8, activation: "gelu", dtype: .f64, seed: 0)
        let (w1, b1, w2, b2) = try grkanWeights()
        try layer.fc1.weight.assign(w1)
        try layer.fc1.bias?.assign(b1)
        try layer.fc2.weight.assign(w2)
        try layer.fc2.bias?.assign(b2)
        assertAllClose(try layer(Variable(try detTensor([2, 3, 8], 5))).value, [
            -0.15583541655600133, 0.0039256226430958007, 0.16314777784223619, 0.30123712268743957,
            0.40033621934112151, 0.44763245608570051, 0.4370138999949858, 0.36985876444044596,
            -0.37369946143946858, -0.24945216453656285, -0.092688073379002672, 0.07631956483185813,
            0.23567971022468176, 0.36471809177631137, 0.4466586924328218, 0.47080445354198941,
            -0.42757856490581048, -0.37102183835533059, -0.2660883320794819, -0.12628947269277996,
            0.030294278618204121, 0.18335085933524858, 0.3129708369906109, 0.40223689912451421,
            -0.38928032386779909, -0.41391699132262189, -0.38458077534088686, -0.30492067642352744,
            -0.18517145018507325, -0.040839725238072049, 0.10930331105149857, 0.24566290701119517,
            -0.45429630510477792, -0.53269959325178762, -0.54163361402376831, -0.47975463100126209,
            -0.35497767456728058, -0.18346529125654931, 0.012465341572612171, 0.20724602020955404,
            -0.16706246218049692, -0.33207900355402709, -0.45379924929609139, -0.51616536667412638,
            -0.51088336432038739, -0.43852647133537842, -0.30847603505905119, -0.13770552560349802,
        ], shape: [2, 3, 8],
                       rtol: 1e-12, atol: 1e-14, "grkan_block_A")
    }

    // MARK: Properties

    func testIdentityCoefficientsGiveTheIdentityInBothForms() throws {
        let x = Variable(try Tensor.randn([3, 40], dtype: .f64, seed: 4) * 50)
        for form in KAT.Form.allCases {
            XCTAssertEqual(try rational(x, "identity", groups: 8, form: form).value.toArray(), x.value.toArray(), "form \(form)")
        }
    }

    func testFormsAgreeForNonNegativeCoefficientsAndInputs() throws {
        let x = Variable(try detTensor([4, 12], 0.3).abs() * 3)
        let a = Variable(try detTensor([6], 1))
        let b = Variable(try detTensor([3, 4], 2).abs())
        let formA = try KAT.rational(x, numerator: a, denominator: b, groups: 3, form: .a).value
        let formB = try KAT.rational(x, numerator: a, denominator: b, groups: 3, form: .b).value
        assertAllClose(formA, formB.toArray(), rtol: 1e-13, atol: 1e-15, "A vs B")
    }

    func testFitQualityOfTheInitialCoefficients() throws {
        let grid = try Tensor.linspace(-3, 3, count: 601, dtype: .f64)
        let points = grid.toArray()
        let x = Variable(try grid.reshape([601, 1]))
        let swish = try rational(x, "swish", groups: 1, form: .a).value.toArray()
        let swishError = zip(swish, points).map { abs($0 - $1 / (1 + exp(-$1))) }.max() ?? .infinity
        XCTAssertLessThan(swishError, 2e-5)
        let gelu = { (t: Double) in 0.5 * t * (1 + erf(t / 2.0.squareRoot())) }
        let geluB = try rational(x, "gelu", groups: 1, form: .b).value.toArray()
        XCTAssertLessThan(zip(geluB, points).map { abs($0 - gelu($1)) }.max() ?? .infinity, 5e-3)
        // Documents the spec's doubt: the gelu coefficients were fitted in form B; in form A they miss GELU badly.
        let geluA = try rational(x, "gelu", groups: 1, form: .a).value.toArray()
        XCTAssertGreaterThan(zip(geluA, points).map { abs($0 - gelu($1)) }.max() ?? 0, 1)
    }

    /// Q ≥ 1, so the output is finite for finite inputs, even large ones and with large negative b.
    func testNoPoleAndFiniteOutput() throws {
        let x = Variable(try Tensor.randn([4, 32], dtype: .f64, seed: 9) * 1e6)
        let a = Variable(try detTensor([4, 6], 0) * 3)
        let b = Variable(try detTensor([4, 4], 1) * -5)
        for form in KAT.Form.allCases {
            let y = try KAT.rational(x, numerator: a, denominator: b, groups: 4, form: form).value.toArray()
            XCTAssertTrue(y.allSatisfy(\.isFinite), "form \(form)")
        }
    }

    func testGradcheckInXAAndB() throws {
        let (x, a, b) = try groupedInputs()
        let perGroupA = Variable(try detTensor([4, 6], 3) * 0.5)
        let upstream = Variable(try detTensor([2, 3, 8], 0.7))
        for form in KAT.Form.allCases {
            let loss = { (x: Variable, a: Variable, b: Variable) in
                try (KAT.rational(x, numerator: a, denominator: b, groups: 4, form: form) * upstream).sum()
            }
            try GradientChecking.check({ try loss($0, a, b) }, at: x.value, what: "x, form \(form)")
            try GradientChecking.check({ try loss(x, $0, b) }, at: a.value, what: "shared a, form \(form)")
            try GradientChecking.check({ try loss(x, $0, b) }, at: perGroupA.value, what: "grouped a, form \(form)")
            try GradientChecking.check({ try loss(x, a, $0) }, at: b.value, what: "b, form \(form)")
        }
    }

    /// With identity rationals GR-KAN is the linear MLP fc2(fc1(x)).
    func testGRKANWithIdentityRationalsIsLinear() throws {
        let layer = try GRKAN(inputs: 8, hidden: 16, outputs: 8, groups: 4, activation: "identity", dtype: .f64, seed: 2)
        let x = Variable(try detTensor([2, 3, 8], 1))
        let linear = try layer.fc2(layer.fc1(x))
        assertAllClose(try layer(x).value, linear.value.toArray(), rtol: 1e-14, atol: 1e-14, "identity GR-KAN")
    }

    func testVariancePreservingInitKeepsTheScale() throws {
        let layer = try GRKAN(inputs: 64, hidden: 256, outputs: 64, groups: 8, activation: "swish", init: .variancePreserving, dtype: .f64, seed: 3)
        let x = Variable(try Tensor.randn([512, 64], dtype: .f64, seed: 5))
        let y = try layer(x).value.toArray()
        let variance = y.map { $0 * $0 }.reduce(0, +) / Double(y.count)
        XCTAssertEqual(variance, 1, accuracy: 0.2)
        XCTAssertEqual(layer.fc1.bias?.value.toArray().allSatisfy { $0 == 0 }, true)
    }

    func testLayersGradcheckInFloat64() throws {
        let loss = { (y: Variable) in try (y * Variable(try detTensor(y.shape, 1.1))).sum() }
        let act = try GroupRational(groups: 4, mode: "gelu", form: .a, dtype: .f64)
        try GradientChecking.checkParameters(of: act, input: try detTensor([2, 3, 8], 0) * 2, loss: loss)
        let layer = try GRKAN(inputs: 8, hidden: 16, outputs: 4, groups: 4, activation: "swish", form: .b, dtype: .f64, seed: 1)
        try GradientChecking.checkParameters(of: layer, input: try detTensor([3, 8], 0.5), loss: loss)
    }

    // MARK: Through the language

    func testLanguageForms() throws {
        let session = PaperSession()
        session.run("let act = kat.GroupRational(groups: 4, mode: \"swish\")\nlet x = randn(2, 3, 16, seed: 0)")
        XCTAssertEqual(session.run("[act.a.shape, act.b.shape]"), "[[1, 6], [4, 4]]")
        XCTAssertEqual(session.run("kat.init_coeffs(mode: \"identity\").a.tolist()"), "[0.0, 1.0, 0.0, 0.0, 0.0, 0.0]")
        let same = "(act(x) - kat.rational(x, kat.init_coeffs(mode: \"swish\").a, act.b, groups: 4)).abs().max().item < 1e-6"
        XCTAssertEqual(session.run(same), "true")
        XCTAssertEqual(session.run("Sequential([Linear(16, 16), kat.GRKAN(16, groups: 4, seed: 1)])(x).shape"), "[2, 3, 16]")
        XCTAssertEqual(session.run("kat.vp_std(64, mode: \"identity\")"), "0.125")
    }

    func testErrors() {
        let session = PaperSession()
        session.run("let c = kat.init_coeffs()")
        XCTAssertTrue(session.error("kat.rational(ones(2, 10), c.a, c.b, groups: 4)").contains("kat.rational: last dim D=10 not divisible by groups=4"))
        XCTAssertTrue(session.error("kat.rational(ones(2, 8), ones(5), c.b, groups: 4)").contains("(6) or (groups, 6)"))
        XCTAssertTrue(session.error("kat.rational(ones(2, 8), c.a, ones(3, 4), groups: 4)").contains("(4) or (groups, 4)"))
        XCTAssertTrue(session.error("kat.rational(ones(2, 8), c.a, c.b, groups: 0)").hasPrefix("ValueError"))
        XCTAssertTrue(session.error("kat.rational(ones(2, 8), c.a, c.b, form: \"C\")").contains("form must be"))
        XCTAssertTrue(session.error("kat.rational(ones(2, 8), c.a * nan, c.b)").contains("non-finite"))
        XCTAssertTrue(session.error("kat.init_coeffs(mode: \"elu\")").contains("identity, gelu, swish"))
        XCTAssertTrue(session.error("kat.GRKAN(10, groups: 4)").contains("divisible by groups"))
        XCTAssertTrue(session.error("kat.vp_std(64, mode: \"tanh\")").contains("quadrature"))
    }
}
