import FolioAutograd
import FolioNumericTestSupport
import FolioPapers
import FolioTensor
import XCTest

/// 21 poincare: the spec's numeric cases (values from reference/poincare.py), its properties and gradchecks.
final class PoincareTests: XCTestCase {
    private func inputs(c: Double) throws -> (x: Variable, y: Variable, v: Variable) {
        let scale = 0.3 / c.squareRoot()
        return (Variable(try detTensor([4, 3], 0) * scale), Variable(try detTensor([4, 3], 1) * scale), Variable(try detTensor([4, 3], 2)))
    }

    private func check(_ actual: Variable, _ expected: [Double], _ what: String) {
        assertAllClose(actual.value, expected, rtol: 1e-9, atol: 1e-12, what)
    }

    func testGeometryMatchesReferenceC1() throws {
        let (x, y, v) = try inputs(c: 1)
        check(try Poincare.mobiusAdd(x, y, c: 1), [
            0.19996027044121614, 0.36175873767362909, 0.47459485684887248, 0.43202023628868114, 0.42222006102490733,
            0.3552743812252584, 0.23123096203743165, 0.039302703296481785, -0.15794499195833081, -0.26432951456977255,
            -0.40055061223269484, -0.48255906359778811,
        ], "mobius_add_c1")
        check(try Poincare.expmap0(v, c: 1), [
            0.62854480684505465, 0.48198783850288895, 0.27019607732652218, 0.026948657007073478, -0.28323177632965146,
            -0.55507811744048552, -0.49751858416973549, -0.56036504246573471, -0.54736872105524681,
            -0.61914183194206229, -0.41821099175552706, -0.1606772557513331,
        ], "expmap0_c1")
        check(try Poincare.logmap0(x, c: 1), [
            0, 0.11045253072568327, 0.20595582957389047, 0.29453306118150119, 0.32747601219375516, 0.31609662121500515,
            0.2460867663416916, 0.16189551513382811, 0.055792465438795444, -0.057890193205406421, -0.16376503197793238,
            -0.24747504192873956,
        ], "logmap0_c1")
        check(try Poincare.expmap(x, v * 0.5, c: 1), [
            0.3457755994795611, 0.4018170365184292, 0.40347442267345901, 0.34740716408835703, 0.1452588330955947,
            -0.076549599516665345, -0.11336992117818538, -0.31688550042304509, -0.47751211376272973,
            -0.37468616951083172, -0.39711540152391483, -0.36579692689330046,
        ], "expmap_c1")
        check(try Poincare.logmap(x, y, c: 1), [
            0.28597748573498893, 0.1962660400814647, 0.079990906628530062, -0.024532550775717612, -0.10921353912011376,
            -0.17911298728847536, -0.26894688379132792, -0.27280530624018229, -0.23974081027697311,
            -0.2473593491825879, -0.14617018229612028, -0.025197566951196106,
        ], "logmap_c1")
        check(try Poincare.dist(x, y, c: 1), [
            0.75150011909219949, 0.55922999292592823, 0.98753984441053466, 0.63120236979869904,
        ], "dist_c1")
        check(try Poincare.transp(x, y, v, c: 1), [
            0.6556898793478726, 0.58065060678469793, 0.42702299854834841, 0.15372655425063178, -0.33616545994113362,
            -0.78055905615332932, -0.74265344421292079, -1.0010339253500375, -1.1239291607534589, -0.61613433235786219,
            -0.48037449263588722, -0.27959821887426239,
        ], "transp_c1")
    }

    func testGeometryMatchesReferenceC01() throws {
        let (x, y, v) = try inputs(c: 0.1)
        check(try Poincare.mobiusAdd(x, y, c: 0.1), [
            0.63232989613748514, 1.1439815745160302, 1.5008007134439996, 1.3661679419563606, 1.3351770666539942,
            1.1234762389787789, 0.73121650559021267, 0.12428606061869051, -0.4994659196053039, -0.83588331884714384,
            -1.2666522528302178, -1.5259857465270574,
        ], "mobius_add_c0.1")
        check(try Poincare.expmap0(v, c: 0.1), [
            0.86732794595675777, 0.66509422620669489, 0.3728431230376168, 0.031036368545335258, -0.32619383561895871,
            -0.6392752343766851, -0.80958192605697199, -0.91184816971507021, -0.89070004127537217,
            -0.78881517621249353, -0.53282004241397818, -0.20471021544654433,
        ], "expmap0_c0.1")
        check(try Poincare.logmap0(x, c: 0.1), [
            0, 0.34928157042288971, 0.65128951884295994, 0.93139531955526755, 1.0355700776013399, 0.999585283722917,
            0.77819468366540723, 0.51195857078915641, 0.17643126706281925, -0.18306486471628799, -0.51787050214057584,
            -0.78258479654048618,
        ], "logmap0_c0.1")
        check(try Poincare.expmap(x, v * 0.5, c: 0.1), [
            0.42596281113395984, 0.68196698484793172, 0.8456701264144858, 0.8839721366441009, 0.77820418529057134,
            0.56710994817882909, 0.32095510036527464, -0.02112950989179745, -0.36035434010802642, -0.56091255117653116,
            -0.77125524891527408, -0.87721216683526637,
        ], "expmap_c0.1")
        check(try Poincare.logmap(x, y, c: 0.1), [
            0.90434021445087698, 0.62064771399932728, 0.25295345704801531, -0.077578737264998338, -0.34536353494746114,
            -0.56640499834836855, -0.85048472238521744, -0.86268612549872192, -0.75812700856953796,
            -0.78221894395388736, -0.46223070205776079, -0.079681703060364734,
        ], "logmap_c0.1")
        check(try Poincare.dist(x, y, c: 0.1), [
            2.3764520382191385, 1.7684405135257835, 3.1228751885055903, 1.9960371530597663,
        ], "dist_c0.1")
        check(try Poincare.transp(x, y, v, c: 0.1), [
            0.6556898793478726, 0.58065060678469793, 0.42702299854834852, 0.15372655425063178, -0.33616545994113362,
            -0.78055905615332932, -0.74265344421292057, -1.0010339253500375, -1.1239291607534589, -0.61613433235786219,
            -0.48037449263588733, -0.27959821887426245,
        ], "transp_c0.1")
    }

    func testLayersAndStatisticsMatchReference() throws {
        let z = Variable(try detTensor([3, 2], 3)), r = Variable(try detTensor([2], 4) * 0.1)
        let expected: [Double: [[Double]]] = [
            1: [[
            -0.70751753822079611, -0.68641134412491245, -1.5179859818589383, -2.133071939526924, -0.067330302770947967,
            -0.46551328230192546, 1.6544902092638583, 2.067401526752096,
            ], [
            -0.31185382482232787, -0.30111661649620025, -0.37452287604230022, -0.71753607130122032,
            -0.0318984605701624, -0.22842142528824028, 0.43892313630917634, 0.67745191354689849,
            ], [
            0.11132943799601457, 0.10181378580923284, 0.07851811534323222,
            ], [
            0.40008751453652946,
            ]],
            0.1: [[
            -2.9804066858472158, -3.2441489544691051, -5.7036741404739271, -7.8821336009119278, -1.0774503680882999,
            -2.6553009173536917, 4.4801972826602121, 5.4702920879077661,
            ], [
            -1.1812197435619496, -1.3192739763240655, -1.2026667486764593, -2.445054099811514, -0.45446084230989148,
            -1.2323329457467216, 1.3647784424367111, 1.9208142891487436,
            ], [
            0.35205459469389755, 0.32196346036170531, 0.24829608206842735,
            ], [
            4.0008751453652938,
            ]],
        ]
        for c in [1.0, 0.1] {
            let (x, _, _) = try inputs(c: c)
            let values = try XCTUnwrap(expected[c])
            check(try Poincare.hyperplaneDists(x, z: z, r: r, c: c), values[0], "hyperplane_dists c = \(c)")
            check(try Poincare.fullyConnected(x, z: z, bias: r, c: c), values[1], "fully_connected c = \(c)")
            let mid = try Poincare.midpoint(x, c: c, axis: 0)
            XCTAssertEqual(mid.shape, [1, 3])
            check(mid, values[2], "midpoint c = \(c)")
            check(try Poincare.frechetVariance(x, mean: mid, c: c), values[3], "frechet_variance c = \(c)")
        }
    }

    func testModulesMatchReference() throws {
        let v = try detTensor([6, 3], 5) * 0.5
        let linear = try PoincareLinear(inputs: 3, outputs: 4, c: 1, identity: false, bias: true, seed: 0, dtype: .f64)
        try linear.z.assign(detTensor([3, 4], 6))
        try linear.bias?.assign(detTensor([4], 7) * 0.1)
        check(try linear(v), [
            -0.47770372462846028, -0.73189113421232233, -0.95710503737366059, -1.055032211587507, 0.27081521858943225,
            0.028096319362146623, -0.23455288736858729, -0.55185330870753924, 0.87957929960287529, 0.77493647593823589,
            0.51648614833657747, 0.20468436358854131, 0.25318155840693357, 0.45136444183856317, 0.57824085209856968,
            0.57763844847241519, -0.73017790991819742, -0.52615669086062411, -0.30565288332840712,
            -0.10108891377337093, -0.89152824941366227, -0.99359668889881614, -1.0246654873253176,
            -0.86114932880410011,
        ], "linear_layer_c1")
        let identity = try PoincareLinear(inputs: 3, outputs: 3, c: 1, identity: true, bias: true, seed: 0, dtype: .f64)
        check(try identity(v), [
            -0.47946213733156912, -0.39572734995273301, -0.25843272219871438, -0.086160437857805569,
            0.097773257550272136, 0.26847380122400544, 0.40283767536960657, 0.48267935995089589, 0.49719265751407021,
            0.4444132613189104, 0.33148461504109161, 0.17369108118208709, -0.0076107256932158715, -0.18788245654947039,
            -0.34272517830820243, -0.45118165497941171, -0.49857281123798253, -0.47848447640628189,
        ], "linear_layer_idinit_c1")
        let asMaps = try v.reshape([6, 3, 1, 1])
        let bn = PoincareBatchNorm2d(channels: 3, c: 1, dtype: .f64)
        check(try bn(asMaps).reshape([6, 3]), [
            -0.36583355743976359, -0.29834099459774233, -0.19046937771779071, -0.047278458770903455,
            0.09768998707346406, 0.22943655145188416, 0.34420377817824627, 0.40425561854498115, 0.4095933573904898,
            0.37299906698154595, 0.28367282939679989, 0.15595280512259768, 0.016326048588494714, -0.13086683638126867,
            -0.26034750897090997, -0.33993532086709238, -0.38086673879096028, -0.3702496303461133,
        ], "batchnorm_init_c1")
        let bn01 = PoincareBatchNorm2d(channels: 3, c: 0.1, dtype: .f64)
        try bn01.mean.assign(detTensor([3], 8) * 0.1)
        try bn01.variance.assign(Tensor(scalar: 0.5, dtype: .f64))
        check(try bn01(asMaps).reshape([6, 3]), [
            -0.15633542350872739, -0.12129725946875015, -0.069842080390844857, 0.067290460145284642,
            0.15823650493717686, 0.22776598110682361, 0.34429600631486229, 0.37567896146724983, 0.3562155315747233,
            0.36624921788814185, 0.29020719595995509, 0.17488699148208856, 0.11156443992866398, -0.0033553685938750646,
            -0.117821043717979, -0.13948659797692059, -0.17951149131258939, -0.19524034642557381,
        ], "batchnorm_params_c0.1")
        check(try Poincare.residual(Variable(v), Variable(detTensor([6, 3], 12) * 0.5), c: 0.1, order: "fr"), [
            -0.74483286748602751, -0.49681265992266233, -0.18155118949231008, 0.16020122248209337, 0.49050831760082436,
            0.75442741301082172, 0.88817298071956563, 0.93301367394011014, 0.85157534335786811, 0.62887854651465958,
            0.33930900617003207, 0.0038155836107940369, -0.32821935029398686, -0.63136867121756879,
            -0.84906520437618371, -0.92132371846903494, -0.90065091174619938, -0.75807922926294424,
        ], "residual_add_c0.1")
    }

    func testConvolutionMatchesReference() throws {
        let x = try detTensor([1, 2, 4, 4], 9) * 0.5
        XCTAssertEqual(Poincare.betaScale(inChannels: 2, kernelCount: 9), 0.29953837012660545, accuracy: 1e-12)
        for (c, stride, expected) in [(0.1, 1, [
            0.2704701262545654, 0.21683780358092233, 0.17452486424298602, 0.1264126461291144, 0.13857672414509062,
            0.14451917765741293, 0.15228103519788727, 0.18370734285064982, 0.16323820627814462, 0.19745805703199279,
            0.21169606986212097, 0.20121504471830234, 0.26854888144636452, 0.2127896121858113, 0.17241298666962571,
            0.12200380590151327, 0.27526708775233522, 0.25042591755649984, 0.20886016112176611, 0.14329156160661544,
            0.12865242623196843, 0.12339757087578623, 0.12736911792932024, 0.1567432411592824, 0.14623604950390617,
            0.17422249573432344, 0.19324462929477712, 0.19304273043559628, 0.27624245803355929, 0.24848106072432072,
            0.20890183273292309, 0.14122908555862573, 0.24084671535886398, 0.24819250758807887, 0.21308806604985478,
            0.13903513120566935, 0.09961450100285224, 0.083888909658201949, 0.083545404679691654, 0.10690119114189282,
            0.10773525582362083, 0.12567202756058218, 0.14686060380127453, 0.15695600598074969, 0.24457697645761886,
            0.24862301248741089, 0.21528180437703912, 0.13960032160310096,
        ]), (1.0, 2, [
            0.27938555843359647, 0.20499230383602376, 0.20429148017704002, 0.28367997057714117, 0.2834154623454756,
            0.24037549881457546, 0.1839505141016658, 0.25931914099036224, 0.24387172245403232, 0.23892904329640266,
            0.13630581673517697, 0.19611409151038822,
        ])] {
            let conv = try PoincareConv2d(inChannels: 2, outChannels: 3, kernel: 3, stride: stride, padding: 1, c: c, identity: true,
                                          seed: 0, dtype: .f64)
            try conv.weights.assign(detTensor([18, 3], 10) * 0.3)
            try conv.bias.assign(detTensor([3], 11) * 0.1)
            let y = try conv(x)
            XCTAssertEqual(y.shape, stride == 1 ? [1, 3, 4, 4] : [1, 3, 2, 2])
            check(y, expected, "conv2d c = \(c), stride \(stride)")
        }
    }

    /// hyperbolic.py at its identity initialisation (BN mean 0, var 1), a small config.
    func testResNetMatchesReference() throws {
        let net = try PoincareResNet(classes: 5, channels: [4, 6, 6], depths: [1, 2, 1], c: 0.1, activation: "relu", seed: 0,
                                     dtype: .f64)
        let logits = try net(detTensor([2, 3, 8, 8], 13))
        XCTAssertEqual(logits.shape, [2, 5])
        assertAllClose(logits.value, [0, 0.0099904806297479512, 0.011632567251091982, 0.14677287257349358, 0.032591588274294543, 0, 0, 0, 0.154668818896602, 0.077904124390429222], rtol: 1e-8, atol: 1e-10, "resnet_idinit_c0.1")
    }

    func testFrechetMeanMatchesReference() throws {
        let x = Variable(try detTensor([4, 3], 0) * 0.3)
        let mean = try Poincare.frechetMean(x, c: 1)
        assertAllClose(mean.value, [0.11372645416950194, 0.10574234780794754, 0.083446510730365672], shape: [1, 3], rtol: 1e-9, atol: 1e-12, "frechet_mean_c1")
        // It minimises the Fréchet variance: moving it in any direction raises the variance.
        let best = try Poincare.frechetVariance(x, mean: mean, c: 1).item()
        for direction in 0..<3 {
            for sign in [-1.0, 1.0] {
                var shift = [0.0, 0.0, 0.0]
                shift[direction] = sign * 1e-3
                let moved = try mean + Variable(Tensor(shift, shape: [1, 3], dtype: .f64))
                XCTAssertGreaterThan(try Poincare.frechetVariance(x, mean: moved, c: 1).item(), best)
            }
        }
        let bn = PoincareBatchNorm2d(channels: 3, c: 0.1, useMidpoint: false, dtype: .f64)
        try bn.mean.assign(detTensor([3], 8) * 0.1)
        try bn.variance.assign(Tensor(scalar: 0.5, dtype: .f64))
        let out = try bn(detTensor([6, 3], 5).reshape([6, 3, 1, 1]) * 0.5)
        assertAllClose(out.value, [-0.15597893573082006, -0.12086626539726046, -0.069394913051464446, 0.067666283898358201, 0.15867012994926821, 0.22819871826677307, 0.34466859891968049, 0.37610889031504119, 0.3566446078128267, 0.36661063479087136, 0.29063821786664529, 0.17532928159968378, 0.11193284639347008, -0.0029247283525284076, -0.11738645483653339, -0.13912827861232988, -0.17908326880939116, -0.1948001786906933], rtol: 1e-8, atol: 1e-10, "batchnorm_frechet_c0.1")
        try GradientChecking.check({ try (Variable(detTensor([1, 3], 2)) * Poincare.frechetMean($0, c: 1)).sum() },
                                   at: detTensor([4, 3], 0) * 0.3, tolerance: 1e-5, what: "frechet_mean")
    }

    // MARK: Properties

    private func maxDifference(_ a: Variable, _ b: Variable) throws -> Double { try (a - b).abs().max().item() }

    func testRoundTripsAndIdentities() throws {
        for c in [1.0, 0.1] {
            let (x, y, v) = try inputs(c: c)
            XCTAssertLessThan(try maxDifference(Poincare.logmap0(Poincare.expmap0(v * 0.5, c: c), c: c), v * 0.5), 1e-12)
            XCTAssertLessThan(try maxDifference(Poincare.logmap(x, Poincare.expmap(x, v * 0.3, c: c), c: c), v * 0.3), 1e-12)
            XCTAssertLessThan(try maxDifference(Poincare.mobiusAdd(-x, Poincare.mobiusAdd(x, y, c: c), c: c), y), 1e-13)
            let lambdaX = try 2.0 / (1.0 - (x * x).sum(axes: [1]) * c)
            let lambdaY = try 2.0 / (1.0 - (y * y).sum(axes: [1]) * c)
            let viaLog = try lambdaX * Poincare.logmap(x, y, c: c).norm(axes: [1])
            XCTAssertLessThan(try maxDifference(Poincare.dist(x, y, c: c), viaLog), 1e-12)
            let transported = try lambdaY * Poincare.transp(x, y, v, c: c).norm(axes: [1])
            XCTAssertLessThan(try maxDifference(transported, lambdaX * v.norm(axes: [1])), 1e-12)
        }
    }

    func testIdentityInitialisationIsExact() throws {
        for c in [1.0, 0.1, 3.0] {
            // Tangent norms up to about 2/√c, so expmap0 stays clear of the projection at the boundary.
            let v = Variable(try detTensor([6, 5], 1) * (0.9 / c.squareRoot()))
            let linear = try PoincareLinear(inputs: 5, outputs: 5, c: c, identity: true, bias: true, seed: 0, dtype: .f64)
            XCTAssertLessThan(try maxDifference(linear(v), v), 1e-10, "Linear, c = \(c)")
            let conv = try PoincareConv2d(inChannels: 3, outChannels: 3, kernel: 1, stride: 1, padding: 0, c: c, identity: true,
                                          seed: 0, dtype: .f64)
            let maps = Variable(try detTensor([2, 3, 2, 2], 4))
            XCTAssertLessThan(try maxDifference(conv(maps), maps), 1e-10, "Conv2d k = 1, c = \(c)")
        }
    }

    func testMidpointAndVarianceProperties() throws {
        let x = try detTensor([1, 3], 2) * 0.4
        let copies = Variable(try Tensor(Array(repeating: x.toArray(), count: 5).flatMap { $0 }, shape: [5, 3], dtype: .f64))
        XCTAssertLessThan(try maxDifference(Poincare.midpoint(copies, c: 1, axis: 0), Variable(x)), 1e-14)
        // Scaling points by 1/√c scales the variance by 1/c.
        let points = Variable(try detTensor([4, 3], 0) * 0.3)
        let mu1 = try Poincare.midpoint(points, c: 1, axis: 0)
        let scaled = try points / 0.1.squareRoot()
        let mu01 = try Poincare.midpoint(scaled, c: 0.1, axis: 0)
        let ratio = try Poincare.frechetVariance(scaled, mean: mu01, c: 0.1).item() / Poincare.frechetVariance(points, mean: mu1, c: 1).item()
        XCTAssertEqual(ratio, 10, accuracy: 1e-9)
    }

    /// The normalised batch has Fréchet variance ≈ var and midpoint ≈ expmap0(mean).
    func testBatchNormReachesItsTargetStatistics() throws {
        let mean = Variable(try detTensor([3], 8) * 0.1), variance = Variable(Tensor(scalar: 0.5, dtype: .f64))
        for (points, varianceTolerance, midpointTolerance) in [(try detTensor([6, 3], 5) * 0.5, 0.01, 5e-3),
                                                                (try detTensor([64, 3], 1) * 1.5, 0.01, 5e-3)] {
            let out = try Poincare.batchNorm(vectors: Variable(points), mean: mean, variance: variance, c: 0.1)
            let onBall = try Poincare.expmap0(out, c: 0.1)
            let centre = try Poincare.midpoint(onBall, c: 0.1, axis: 0)
            let spread = try Poincare.frechetVariance(onBall, mean: centre, c: 0.1).item()
            XCTAssertEqual(spread, 0.5, accuracy: 0.5 * varianceTolerance)
            XCTAssertLessThan(try maxDifference(centre.reshape([3]), Poincare.expmap0(mean, c: 0.1)), midpointTolerance)
        }
    }

    func testRejectsPointsOutsideTheBall() throws {
        XCTAssertEqual(Poincare.defaultEps(.f32), 4e-3)
        let far = Variable(try Tensor([3.0, 4.0], dtype: .f64))
        let projected = try Poincare.project(far, c: 1)
        XCTAssertEqual(try projected.norm().item(), 1 - 1e-5, accuracy: 1e-12)
    }

    // MARK: Gradients

    /// A zero tangent vector (after a ReLU, say) must not turn gradients into NaN through sqrt at 0.
    func testZeroVectorsHaveFiniteGradients() throws {
        let v = Variable(try Tensor([0, 0, 0, 0.3, -0.2, 0.1], shape: [2, 3], dtype: .f64), requiresGrad: true)
        let g = Variable(try detTensor([2, 3], 1))
        let y = try Poincare.logmap0(Poincare.mobiusAdd(Poincare.expmap0(v, c: 0.1), Poincare.expmap0(v * 0.5, c: 0.1), c: 0.1), c: 0.1)
        try ((g * y).sum() + Poincare.dist(v, v, c: 0.1).sum()).backward()
        let grad = try XCTUnwrap(v.grad).toArray()
        XCTAssertTrue(grad.allSatisfy(\.isFinite), "\(grad)")
    }

    func testGeometryGradientsMatchFiniteDifferences() throws {
        let (x, y, v) = try inputs(c: 1)
        let g = Variable(try detTensor([4, 3], 5))
        let g4 = Variable(try detTensor([4], 6))
        try GradientChecking.check({ try (g * Poincare.mobiusAdd($0, y, c: 1)).sum() }, at: x.value, what: "mobius_add x")
        try GradientChecking.check({ try (g * Poincare.mobiusAdd(x, $0, c: 1)).sum() }, at: y.value, what: "mobius_add y")
        try GradientChecking.check({ try (g * Poincare.expmap0($0, c: 0.1)).sum() }, at: v.value, what: "expmap0")
        try GradientChecking.check({ try (g * Poincare.logmap0($0, c: 1)).sum() }, at: x.value, what: "logmap0")
        try GradientChecking.check({ try (g * Poincare.expmap(x, $0, c: 1)).sum() }, at: (v * 0.3).value, what: "expmap v")
        try GradientChecking.check({ try (g * Poincare.logmap($0, y, c: 1)).sum() }, at: x.value, what: "logmap x")
        try GradientChecking.check({ try (g4 * Poincare.dist(x, $0, c: 1)).sum() }, at: y.value, what: "dist")
        try GradientChecking.check({ try (g * Poincare.transp(x, y, $0, c: 1)).sum() }, at: v.value, what: "transp")
        let z = try detTensor([3, 2], 3), r = Variable(try detTensor([2], 4) * 0.1)
        let g2 = Variable(try detTensor([4, 2], 7))
        try GradientChecking.check({ try (g2 * Poincare.fullyConnected(x, z: $0, bias: r, c: 1)).sum() }, at: z, what: "fc z")
        try GradientChecking.check({ try (g2 * Poincare.fullyConnected($0, z: Variable(z), bias: r, c: 1)).sum() }, at: x.value, what: "fc x")
        try GradientChecking.check({ try (g * Poincare.midpoint($0, c: 1, axis: 0)).sum() }, at: x.value, what: "midpoint")
        let gb = Variable(try detTensor([6, 3], 2))
        try GradientChecking.check({ try (gb * Poincare.batchNorm(vectors: $0, mean: Variable(detTensor([3], 8) * 0.1),
                                                                   variance: Variable(Tensor(scalar: 0.5, dtype: .f64)), c: 0.1)).sum() },
                                   at: detTensor([6, 3], 5) * 0.5, tolerance: 1e-5, what: "batchnorm")
    }

    func testLayerGradientsMatchFiniteDifferences() throws {
        let linear = try PoincareLinear(inputs: 3, outputs: 4, c: 1, identity: false, bias: true, seed: 2, dtype: .f64)
        try linear.bias?.assign(detTensor([4], 7) * 0.1)
        let g = Variable(try detTensor([5, 4], 1))
        try GradientChecking.checkParameters(of: linear, input: detTensor([5, 3], 5) * 0.5, loss: { try (g * $0).sum() }, tolerance: 1e-5)
        let conv = try PoincareConv2d(inChannels: 2, outChannels: 3, kernel: 3, stride: 1, padding: 1, c: 0.1, identity: false,
                                      seed: 4, dtype: .f64)
        try conv.bias.assign(detTensor([3], 11) * 0.1)
        let gc = Variable(try detTensor([1, 3, 4, 4], 2))
        try GradientChecking.checkParameters(of: conv, input: detTensor([1, 2, 4, 4], 9) * 0.5, loss: { try (gc * $0).sum() },
                                             tolerance: 1e-5)
        let bn = PoincareBatchNorm2d(channels: 3, c: 0.1, dtype: .f64)
        try bn.mean.assign(detTensor([3], 8) * 0.1)
        let gn = Variable(try detTensor([2, 3, 2, 2], 3))
        try GradientChecking.checkParameters(of: bn, input: detTensor([2, 3, 2, 2], 6), loss: { try (gn * $0).sum() }, tolerance: 1e-5)
        let net = try PoincareResNet(classes: 3, channels: [2, 3, 3], depths: [1, 1, 1], c: 0.1, activation: "gelu", seed: 1, dtype: .f64)
        for (index, (_, parameter)) in net.namedParameters.enumerated() where parameter.shape.count == 1 {
            try parameter.assign(detTensor(parameter.shape, Double(index)) * 0.1)
        }
        // A few parameters across the network (checking all of them takes minutes in a debug build).
        let gr = Variable(try detTensor([2, 3], 5))
        let input = Variable(try detTensor([2, 3, 4, 4], 7))
        net.zeroGrad()
        try (gr * net(input)).sum().backward()
        let named = Dictionary(net.namedParameters.map { ($0.name, $0.parameter) }, uniquingKeysWith: { first, _ in first })
        for name in ["conv.bias", "bn.var", "group2.0.downsample.bias", "group3.0.bn2.mean", "fc.bias"] {
            let parameter = try XCTUnwrap(named[name], name)
            let analytic = try XCTUnwrap(parameter.grad, "\(name) got no gradient").toArray()
            let original = parameter.value
            let numeric = try GradientChecking.numericGradient(at: original, step: 1e-6) { value in
                try parameter.assign(value)
                return try noGrad { try (gr * net(input)).sum().item() }
            }
            try parameter.assign(original)
            GradientChecking.assertClose(analytic, numeric, tolerance: 1e-5, what: name)
        }
    }
}
