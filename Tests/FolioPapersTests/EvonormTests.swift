import FolioAutograd
import FolioNumericTestSupport
import FolioPapers
import FolioTensor
import XCTest

/// 01 evonorm: the spec's numeric cases (values from reference/evonorm.py), its properties and gradchecks.
final class EvonormTests: XCTestCase {
    private func channel(_ values: Tensor) throws -> Variable { Variable(try values.reshape([1, -1, 1, 1])) }

    private func basicInputs() throws -> (x: Variable, v: Variable, gamma: Variable, beta: Variable) {
        let v = try detTensor([8], 1) * 0.25 + 0.5
        let gamma = try detTensor([8], 2) * 0.1 + 1
        let beta = try detTensor([8], 3) * 0.1
        return (Variable(try detTensor([2, 8, 3, 3], 0)), try channel(v), try channel(gamma), try channel(beta))
    }

    func testS0MatchesReference() throws {
        let (x, v, gamma, beta) = try basicInputs()
        let basic = try Evonorm.s0(x, v: v, gamma: gamma, beta: beta, groups: 4, eps: 1e-5)
        assertAllClose(try basic.value.reshape([-1]).slice([.range(start: 72, stop: 84, step: 1)]), [
            1.0212072762946185, 0.96612276827681132, 0.7597907923267736, 0.45736669725248552, 0.13616170261311525,
            -0.13478370852458887, -0.32138325842770127, -0.42725178847176981, -0.47411885048971425,
            -0.49611822608982709, -0.46668111298859549, -0.38805009851884997,
        ], "s0_basic")
        let wide = try Evonorm.s0(x, v: v, gamma: gamma, beta: beta, groups: 32, eps: 1e-5)
        assertAllClose(try wide.value.reshape([-1]).slice([.range(start: 0, stop: 12, step: 1)]), [
            0.014112000805986721, 0.67571156492827356, 1.3651240482325384, 1.9145360581208741, 2.1785518623503664,
            2.0863131005961075, 1.6625781357552167, 1.0207284903501728, 0.32586712710418009, -0.29918514771393712,
            -0.69968788634275703, -0.92522014470777436,
        ], "s0_default_groups")
    }

    func testS0GroupFallback() throws {
        XCTAssertEqual(Evonorm.effectiveGroups(channels: 6, groups: 4), 3)
        XCTAssertEqual(Evonorm.effectiveGroups(channels: 8, groups: 32), 8)
        let x = Variable(try detTensor([1, 6, 2, 2], 5))
        let one = Variable(try Tensor.ones([1, 6, 1, 1], dtype: .f64))
        let zero = Variable(try Tensor.zeros([1, 6, 1, 1], dtype: .f64))
        let y = try Evonorm.s0(x, v: one, gamma: one, beta: zero, groups: 4, eps: 1e-5)
        assertAllClose(y.value, [
            -0.38810051662129952, -0.36050733172938898, -0.28203361327617105, -0.11503029690268272, 0.15672681273134798,
            0.49495405259110614, 0.81337183044998318, 1.021119750765582, 1.0731300292901558, 0.93121539866206893,
            0.64683263589110074, 0.30095035219876881, -0.011166338897198737, -0.22618924134007037, -0.3395337567736636,
            -0.38497081860688054, -0.41371206085475315, -0.40880301906961497, -0.37905692407847219, -0.29497974912253933,
            -0.11694177753373464, 0.17134730947881646, 0.52837231414999752, 0.86264154819517769,
        ], shape: [1, 6, 2, 2], "s0_group_fallback")
    }

    /// Batch independence: each sample's output is the output of that sample alone.
    func testS0IsBatchIndependent() throws {
        let (x, v, gamma, beta) = try basicInputs()
        let whole = try Evonorm.s0(x, v: v, gamma: gamma, beta: beta, groups: 4, eps: 1e-5)
        for n in 0..<2 {
            let alone = try Evonorm.s0(x.slice([.range(start: n, stop: n + 1, step: 1)]), v: v, gamma: gamma, beta: beta,
                                       groups: 4, eps: 1e-5)
            let part = try whole.value.slice([.range(start: n, stop: n + 1, step: 1)])
            assertAllClose(alone.value, part.toArray(), rtol: 1e-12, atol: 1e-12, "sample \(n)")
        }
    }

    func testS0GradientsMatchFiniteDifferences() throws {
        let (x, v, gamma, beta) = try basicInputs()
        let weights = Variable(try detTensor([2, 8, 3, 3], 0.7))
        let loss = { (y: Variable) in try (y * weights).sum() }
        try GradientChecking.check({ try loss(Evonorm.s0($0, v: v, gamma: gamma, beta: beta, groups: 4, eps: 1e-5)) },
                                   at: x.value, what: "x")
        try GradientChecking.check({ try loss(Evonorm.s0(x, v: $0, gamma: gamma, beta: beta, groups: 4, eps: 1e-5)) },
                                   at: v.value, what: "v")
        try GradientChecking.check({ try loss(Evonorm.s0(x, v: v, gamma: $0, beta: beta, groups: 4, eps: 1e-5)) },
                                   at: gamma.value, what: "gamma")
    }

    // MARK: B0 and the variants

    private func batchInputs() throws -> (x: Variable, v: Variable, gamma: Variable, beta: Variable, running: Variable) {
        let v = try detTensor([4], 1) * 0.25 + 0.5
        let gamma = try detTensor([4], 2) * 0.1 + 1
        let beta = try detTensor([4], 3) * 0.1
        let seven = try detTensor([4], 7)
        let running = try seven * seven + 0.5
        return (Variable(try detTensor([3, 4, 2, 3], 0) * 2), try channel(v), try channel(gamma), try channel(beta),
                try channel(running))
    }

    func testB0TrainingMatchesReference() throws {
        let (x, v, gamma, beta, _) = try batchInputs()
        let y = try Evonorm.b0(x, v: v, gamma: gamma, beta: beta, variance: Evonorm.batchVariance(x), eps: 1e-5)
        assertAllClose(y.value, [
            0.014112000805986721, 0.63055907261297395, 0.88954239715137029, 0.9936500195815543,
            1.0306865035080113, 1.0184638624368842, 0.71450931657408812, 0.56563563999414612,
            0.25450401610895429, -0.32644027903558931, -0.88205294816180269, -1.3213484654024779,
            -1.3720137375218571, -1.415875960498737, -1.2757303849180297, -0.97054505698196847,
            -0.54162537913760544, -0.047023617628006144, 0.45267514824711652, 0.89282841634659216,
            0.97138774432294062, 0.99782115642540248, 0.98827395424834319, 0.93727852069689499,
            0.64666280821563471, 0.30633947919101101, -0.31657380765503135, -0.89893284763684489,
            -1.3577155506689313, -1.6308278301428549, -1.6358371253495638, -1.465528206425966,
            -1.0999314966169502, -0.58852879550346893, -0.00053605958270520546, 0.49886751326126527,
            0.87843857456991137, 1.0572937389578783, 1.0790118053559297, 1.0704182795260515,
            1.0204557356687709, 0.64361277679435402, 0.16070027953930943, -0.37419759263539337,
            -0.86960181759692901, -1.258461757543029, -1.4881470438264397, -1.5275708504510837,
            -1.4969736919980086, -1.1093740752181722, -0.56971588855990407, 0.048960664063597073,
            0.51684734136180699, 0.73354801620439603, 0.97401988564807662, 1.0032546844240944,
            0.99051129049110065, 0.92924405012649913, 0.78085021272153499, 0.23761536969826641,
            -0.33956378498834888, -0.80364564338240241, -1.1665822045383116, -1.3792517075159989,
            -1.412870332765177, -1.262887957070467, -1.0332886608241223, -0.5710983073267103,
            -0.042764718585670408, 0.38670474135557237, 0.58275726362478364, 0.67665020731872716,
        ], shape: [3, 4, 2, 3], "b0_train")
    }

    func testB0RunningVarianceUpdateMatchesReference() throws {
        let (x, _, _, _, running) = try batchInputs()
        let updated = try Evonorm.updatedRunningVariance(running.value, batch: Evonorm.batchVariance(x).value, momentum: 0.1)
        assertAllClose(updated, [
            1.0022830867036441, 1.3291149909739406, 1.569794826561095, 1.4826453576302168,
        ], shape: [1, 4, 1, 1], "b0_running_var_update")
    }

    func testB0EvaluationMatchesReference() throws {
        let (x, v, gamma, beta, running) = try batchInputs()
        let y = try Evonorm.b0(x, v: v, gamma: gamma, beta: beta, variance: running, eps: 1e-5)
        assertAllClose(y.value, [
            0.014112000805986721, 0.65229066141175707, 0.88954239715137029, 0.9936500195815543,
            1.0306865035080113, 1.0184638624368842, 0.71450931657408812, 0.56563563999414612,
            0.25450401610895429, -0.37633923772171524, -1.0232116507403901, -1.5346617436849241,
            -1.6976839146990537, -1.7524033422941787, -1.5775675689270183, -1.1968397963311277,
            -0.66174974245263929, -0.044719335863087489, 0.53368731121783519, 0.89282841634659216,
            0.97138774432294062, 0.99782115642540248, 0.98827395424834319, 0.93727852069689499,
            0.64666280821563471, 0.30633947919101101, -0.42438750636413564, -1.1966134244237361,
            -1.8049733359482172, -2.1671285808581051, -1.900805371487567, -1.7025231013658901,
            -1.2768768931219883, -0.68147596424504375, 0.0030949626934759916, 0.49886751326126527,
            0.99075703965707151, 1.0572937389578783, 1.0790118053559297, 1.0704182795260515,
            1.0261378033758806, 0.81687010521637027, 0.19750634371064674, -0.41837708824727549,
            -0.98878738551634526, -1.4365221902768606, -1.7009826971234141, -1.7463754170946406,
            -1.9896338952459294, -1.4756649356214584, -0.76006165651107538, 0.05323386724306263,
            0.51684734136180699, 0.73354801620439603, 0.97401988564807662, 1.0032546844240944,
            0.99051129049110065, 0.92924405012649913, 0.78085021272153499, 0.28036291982105821,
            -0.40967189458264336, -0.98862781439523395, -1.4414019679136867, -1.7067134975188505,
            -1.7486537323113209, -1.5615462582624691, -1.1772570355511396, -0.6450893154356625,
            -0.036764024236521128, 0.38670474135557237, 0.58275726362478364, 0.67665020731872716,
        ], shape: [3, 4, 2, 3], "b0_eval")
    }

    func testVariantsMatchReference() throws {
        let (x, _, gamma, beta) = try basicInputs()
        let s1 = try Evonorm.s1(x, gamma: gamma, beta: beta, groups: 4, eps: 1e-5)
        assertAllClose(try s1.value.reshape([-1]).slice([.range(start: 72, stop: 84, step: 1)]), [
            1.1121180149105174, 1.0503525896286514, 0.81918954940609878, 0.48346914735341551,
            0.13872696335215018, -0.12983254261450067, -0.2898778937137525, -0.36277235330199509,
            -0.38739703665432162, -0.41889747499050817, -0.40358699404392168, -0.35145854230029533,
        ], "s1_basic")
        let s2 = try Evonorm.s2(x, gamma: gamma, beta: beta, groups: 4, eps: 1e-5)
        assertAllClose(try s2.value.reshape([-1]).slice([.range(start: 72, stop: 84, step: 1)]), [
            1.108798376631843, 1.0472196888244811, 0.81675553154708547, 0.48205012420597043,
            0.13835021077115345, -0.12939735026563665, -0.2889588309060675, -0.36163290623844624,
            -0.38618314096261724, -0.41769946454154666, -0.40243527228369441, -0.35046442223039886,
        ], "s2_basic")
        let batch = try batchInputs()
        assertAllClose(try Evonorm.b1(batch.x, gamma: batch.gamma, beta: batch.beta, eps: 1e-5).value, [
            0.014112000805986721, 0.32263353001705586, 0.43621921242538636, 0.48587324024328987,
            0.50351019937251595, 0.49769131292371027, 0.56150735944745556, 0.46392881489002585,
            0.22965695364936128, -0.32644027903558931, -0.88205294816180269, -1.3213484654024779,
            -1.3720137375218571, -1.415875960498737, -1.2757303849180297, -0.97054505698196847,
            -0.54162537913760544, -0.047023617628006144, 0.17980990341473235, 0.2738753182223102,
            0.31500975872772624, 0.32945461138719651, 0.32420095326310072, 0.29682793611069086,
            0.47236766155274362, 0.24644802687043443, -0.31657380765503135, -0.89893284763684489,
            -1.3577155506689313, -1.6308278301428549, -1.6358371253495638, -1.465528206425966,
            -1.0999314966169502, -0.58852879550346893, -0.00058318797892839211, 0.33326174175424106,
            0.30789127067024802, 0.34916581822146098, 0.36348747438455997, 0.35776779689334204,
            0.32936824857635533, 0.26270234591830066, 0.097220338392564568, -0.37419759263539337,
            -0.86960181759692901, -1.258461757543029, -1.4881470438264397, -1.5275708504510837,
            -1.4969736919980086, -1.1093740752181722, -0.56971588855990407, 0.048960664063597073,
            0.42683216171160887, 0.56754874221307272, 0.4206315318243235, 0.43583497507583158,
            0.42918982704583869, 0.39762696619726667, 0.32373044015344316, 0.14457115637135054,
            -0.33956378498834888, -0.80364564338240241, -1.1665822045383116, -1.3792517075159989,
            -1.412870332765177, -1.262887957070467, -1.0332886608241223, -0.5710983073267103,
            -0.042764718585670408, 0.29692773948140083, 0.42306769358754692, 0.4782485780327127,
        ], shape: [3, 4, 2, 3], "b1_train")
        assertAllClose(try Evonorm.b2(batch.x, gamma: batch.gamma, beta: batch.beta, eps: 1e-5).value, [
            0.014112000805986721, 0.63055907261297395, 1.1635729251348284, 1.5410126339137351,
            1.7117935050161859, 1.6528011487077481, 1.2694107118901479, 0.82737316974481134,
            0.27028997370678776, -0.28984408725641064, -0.54149824841965111, -0.65094175312155234,
            -0.64380799654118648, -0.6521627591052912, -0.62431603580572392, -0.54965221813306431,
            -0.39324779893495804, -0.047023617628006144, 0.45267514824711652, 0.90541945203502294,
            1.2244672389948792, 1.3666368878824968, 1.3126864036689099, 1.0699177312992656,
            0.89753740754783162, 0.31054200518472269, -0.25048587278470019, -0.49780310349846291,
            -0.60827777715858988, -0.65606722702322706, -0.67218477753766948, -0.6434042790005432,
            -0.56601076151011043, -0.398760386846573, -0.00053605958270520546, 0.58446465273707937,
            0.87843857456991137, 1.1753977138325928, 1.3056479160464516, 1.2515604273731609,
            1.0204557356687709, 0.64361277679435402, 0.16070027953930943, -0.30597042866466678,
            -0.51997359629920659, -0.62023675154378954, -0.66434184207431879, -0.67108490883701821,
            -0.64930625320298896, -0.57029610386671903, -0.39480069841158522, 0.048960664063597073,
            0.66292061359764465, 1.1890673610891418, 1.4446485413350159, 1.5953752735597957,
            1.5271108700012688, 1.2490945974382872, 0.79895465412895661, 0.23761536969826641,
            -0.27321491345178817, -0.48274848446585594, -0.58456292604502424, -0.62989441795013423,
            -0.63633417281637494, -0.60613849317182533, -0.61539239253910194, -0.45169693492074353,
            -0.042764718585670408, 0.48020463268780533, 0.92702829815898014, 1.2372307908509106,
        ], shape: [3, 4, 2, 3], "b2_train")
    }

    func testAffineOnlyWithoutNonlinearity() throws {
        let (x, v, gamma, beta) = try basicInputs()
        let y = try Evonorm.s0(x, v: v, gamma: gamma, beta: beta, groups: 4, eps: 1e-5, nonlinearity: false)
        assertAllClose(try y.value.reshape([-1]).slice([.range(start: 0, stop: 12, step: 1)]), [
            0.014112000805986721, 0.40860903094956846, 0.74971273873244526, 0.99125633749603559,
            1.100548034279933, 1.0627957106349641, 0.88310896646231929, 0.58580755963714271,
            0.21112984086927439, -0.22299695565862665, -0.58942308768398655, -0.87913814665074774,
        ], "affine_only")
        let b0 = try Evonorm.b0(x, v: v, gamma: gamma, beta: beta, variance: v, eps: 1e-5, nonlinearity: false)
        assertAllClose(b0.value, y.value.toArray(), rtol: 1e-12, atol: 1e-12, "affine_only b0")
    }

    /// With v = 0 the gate is 1/2 and the group scale cancels a positive factor on x (up to eps/var).
    func testS0WithZeroVIsScaleInvariant() throws {
        let (x, _, gamma, beta) = try basicInputs()
        let zero = Variable(try Tensor.zeros([1, 8, 1, 1], dtype: .f64))
        let y = try Evonorm.s0(x, v: zero, gamma: gamma, beta: beta, groups: 4, eps: 1e-5)
        let scaled = try Evonorm.s0(x * 3.5, v: zero, gamma: gamma, beta: beta, groups: 4, eps: 1e-5)
        assertAllClose(scaled.value, y.value.toArray(), rtol: 1e-4, atol: 1e-5, "s0(3.5·x) vs s0(x) with v = 0")
        // and it is 0.5·x/group_std·γ + β, computed here from the tensor library's own reductions
        let grouped = try x.value.reshape([2, 4, 2, 3, 3])
        let std = try (grouped.variance(axes: [2, 3, 4], keepDims: true) + 1e-5).sqrt().expand(grouped.shape).reshape([2, 8, 3, 3])
        let expected = try x.value * 0.5 / std * gamma.value + beta.value
        assertAllClose(y.value, expected.toArray(), rtol: 1e-10, atol: 1e-12, "0.5·x/group_std")
    }

    /// In evaluation with v = 0 and running_var equal to the batch variance, B0 is x / max(batch std, instance std).
    func testB0EvaluationWithBatchVarianceAndZeroV() throws {
        let (x, _, _, _, _) = try batchInputs()
        let zero = Variable(try Tensor.zeros([1, 4, 1, 1], dtype: .f64))
        let one = Variable(try Tensor.ones([1, 4, 1, 1], dtype: .f64))
        let batchVariance = Variable.constant(try x.value.variance(axes: [0, 2, 3], keepDims: true))
        let y = try Evonorm.b0(x, v: zero, gamma: one, beta: zero, variance: batchVariance, eps: 1e-5)
        let batchStd = try (batchVariance.value + 1e-5).sqrt()
        let instanceStd = try (x.value.variance(axes: [2, 3], keepDims: true) + 1e-5).sqrt()
        let expected = try x.value / batchStd.maximum(instanceStd)
        assertAllClose(y.value, expected.toArray(), rtol: 1e-12, atol: 1e-12, "x / max(batch std, instance std)")
    }

    func testB0RejectsSingleValueBatchesAndTiesGoLeft() throws {
        XCTAssertThrowsError(try Evonorm.requireBatchStatistics(Variable(try Tensor.ones([1, 3, 1, 1], dtype: .f64)), function: "evonorm.b0"))
        XCTAssertNoThrow(try Evonorm.requireBatchStatistics(Variable(try Tensor.ones([2, 3, 1, 1], dtype: .f64)), function: "evonorm.b0"))
        let left = Variable(try Tensor([1, 2], shape: [2], dtype: .f64), requiresGrad: true)
        let right = Variable(try Tensor([1, 3], shape: [2], dtype: .f64), requiresGrad: true)
        try Evonorm.maxPreferringLeft(left, right).sum().backward()
        XCTAssertEqual(left.grad?.toArray(), [1, 0])
        XCTAssertEqual(right.grad?.toArray(), [0, 1])
    }

    func testB0AndVariantsGradientsMatchFiniteDifferences() throws {
        let (x, v, gamma, beta, running) = try batchInputs()
        let weights = Variable(try detTensor([3, 4, 2, 3], 0.7))
        let loss = { (y: Variable) in try (y * weights).sum() }
        let train = { (x: Variable, v: Variable, gamma: Variable, beta: Variable) in
            try loss(Evonorm.b0(x, v: v, gamma: gamma, beta: beta, variance: Evonorm.batchVariance(x), eps: 1e-5))
        }
        try GradientChecking.check({ try train($0, v, gamma, beta) }, at: x.value, what: "b0 train x")
        try GradientChecking.check({ try train(x, $0, gamma, beta) }, at: v.value, what: "b0 train v")
        try GradientChecking.check({ try train(x, v, $0, beta) }, at: gamma.value, what: "b0 train gamma")
        try GradientChecking.check({ try train(x, v, gamma, $0) }, at: beta.value, what: "b0 train beta")
        try GradientChecking.check({ try loss(Evonorm.b0($0, v: v, gamma: gamma, beta: beta, variance: running, eps: 1e-5)) },
                                   at: x.value, what: "b0 eval x")
        try GradientChecking.check({ try loss(Evonorm.b1($0, gamma: gamma, beta: beta, eps: 1e-5)) }, at: x.value, what: "b1 x")
        try GradientChecking.check({ try loss(Evonorm.b2($0, gamma: gamma, beta: beta, eps: 1e-5)) }, at: x.value, what: "b2 x")
        try GradientChecking.check({ try loss(Evonorm.b2(x, gamma: $0, beta: beta, eps: 1e-5)) }, at: gamma.value, what: "b2 gamma")
        let basic = try basicInputs()
        let basicWeights = Variable(try detTensor([2, 8, 3, 3], 0.7))
        let basicLoss = { (y: Variable) in try (y * basicWeights).sum() }
        try GradientChecking.check({ try basicLoss(Evonorm.s0(basic.x, v: basic.v, gamma: basic.gamma, beta: $0, groups: 4, eps: 1e-5)) },
                                   at: basic.beta.value, what: "s0 beta")
        try GradientChecking.check({ try basicLoss(Evonorm.s1($0, gamma: basic.gamma, beta: basic.beta, groups: 4, eps: 1e-5)) },
                                   at: basic.x.value, what: "s1 x")
        try GradientChecking.check({ try basicLoss(Evonorm.s2($0, gamma: basic.gamma, beta: basic.beta, groups: 4, eps: 1e-5)) },
                                   at: basic.x.value, what: "s2 x")
    }

    // MARK: Layers

    private func weightedSum(_ output: Variable) throws -> Variable {
        try (output * Variable(detTensor(output.shape, 1.1))).sum()
    }

    func testLayersGradcheckInFloat64() throws {
        let input = try detTensor([3, 4, 2, 3], 0) * 2
        let s0 = try EvoNormS0(channels: 4, groups: 2, eps: 1e-5, nonlinearity: true, dtype: .f64)
        try s0.v.assign(try detTensor([1, 4, 1, 1], 1) * 0.25 + 0.5)
        try GradientChecking.checkParameters(of: s0, input: input, loss: weightedSum, tolerance: 1e-5)
        try GradientChecking.check({ try self.weightedSum(s0($0)) }, at: input, tolerance: 1e-5, what: "S0 input")
        let b0 = try EvoNormB0(channels: 4, momentum: 0.1, eps: 1e-5, nonlinearity: true, dtype: .f64)
        try b0.v.assign(try detTensor([1, 4, 1, 1], 1) * 0.25 + 0.5)
        try GradientChecking.checkParameters(of: b0, input: input, loss: weightedSum, tolerance: 1e-5)
        try GradientChecking.check({ try self.weightedSum(b0($0)) }, at: input, tolerance: 1e-5, what: "B0 input")
    }

    /// The B0 layer updates running_var in training and uses it (unchanged) in evaluation.
    func testB0LayerTrainAndEvalBehaviour() throws {
        let (x, v, gamma, beta, running) = try batchInputs()
        let layer = try EvoNormB0(channels: 4, momentum: 0.1, eps: 1e-5, nonlinearity: true, dtype: .f64)
        try layer.v.assign(v.value)
        try layer.gamma.assign(gamma.value)
        try layer.beta.assign(beta.value)
        try layer.loadStateDict([("running_var", running.value)], strict: false)
        let trained = try layer(x)
        assertAllClose(trained.value, try Evonorm.b0(x, v: v, gamma: gamma, beta: beta, variance: Evonorm.batchVariance(x), eps: 1e-5)
            .value.toArray(), rtol: 1e-12, atol: 1e-12, "B0 training output")
        assertAllClose(try layer.runningVariance, [
            1.0022830867036441, 1.3291149909739406, 1.569794826561095, 1.4826453576302168,
        ], shape: [1, 4, 1, 1], "B0 running_var after one training step")
        try layer.loadStateDict([("running_var", running.value)], strict: false)
        _ = layer.eval()
        let evaluated = try layer(x)
        assertAllClose(evaluated.value, try Evonorm.b0(x, v: v, gamma: gamma, beta: beta, variance: running, eps: 1e-5).value.toArray(),
                       rtol: 1e-12, atol: 1e-12, "B0 evaluation output")
        assertAllClose(try layer.runningVariance, running.value.toArray(), rtol: 0, atol: 0, "evaluation leaves running_var")
        XCTAssertNoThrow(try layer(Variable(try Tensor.ones([1, 4, 1, 1], dtype: .f64))), "evaluation needs no batch statistics")
        _ = layer.train()
        XCTAssertThrowsError(try layer(Variable(try Tensor.ones([1, 4, 1, 1], dtype: .f64))))
    }
}
