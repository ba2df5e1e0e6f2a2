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
}
