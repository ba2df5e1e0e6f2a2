import Foundation
import FolioRuntime
import FolioTensor

/// DeepZero's zeroth-order estimators on plain numbers: a point θ is a list of blocks (one per
/// parameter tensor, flattened), the objective a black box from such a list to a number. The
/// builtins convert tensors to blocks and back; nothing here uses autodiff.
extension DeepZero {
    /// A black-box objective over blocks.
    public typealias Objective = ([[Double]]) throws -> Double

    /// `round` as Python's `round` (half to even), which torch.nn.utils.prune uses for a pruning amount.
    static func prunedCount(ratio: Double, of count: Int) -> Int {
        let rounded = (ratio * Double(count)).rounded(.toNearestOrEven)
        return min(count, max(0, Int(rounded)))
    }

    /// CGE: one base query, then (f(θ + μ e_i) − f(θ))/μ for every coordinate a mask keeps (all without masks).
    public static func cge(_ f: Objective, at theta: [[Double]], mu: Double, masks: [[Double]]? = nil) throws -> [[Double]] {
        let base = try f(theta)
        var gradient = theta.map { [Double](repeating: 0, count: $0.count) }
        var point = theta
        for block in theta.indices {
            for index in theta[block].indices where masks?[block][index] ?? 1 != 0 {
                point[block][index] = theta[block][index] + mu
                gradient[block][index] = (try f(point) - base) / mu
                point[block][index] = theta[block][index]
            }
        }
        return gradient
    }

    /// The official `rge`: for each of the q directions (one row per block, each row normalised by
    /// its own norm + 1e-8, as the code does per parameter tensor), accumulate
    /// (μu)·(f(θ + μu) − f(θ))/μ / q. This is μ times the paper's estimator.
    /// `directions[block]` holds q rows of that block's size.
    public static func rgeCode(_ f: Objective, at theta: [[Double]], directions: [[[Double]]], mu: Double) throws -> [[Double]] {
        let base = try f(theta)
        let q = directions.first?.count ?? 0
        var gradient = theta.map { [Double](repeating: 0, count: $0.count) }
        for sample in 0..<q {
            let perturbs = directions.map { rows -> [Double] in
                let row = rows[sample]
                let norm = row.reduce(0) { $0 + $1 * $1 }.squareRoot() + 1e-8
                return row.map { $0 / norm * mu }
            }
            let point = zip(theta, perturbs).map { block, perturb in zip(block, perturb).map { $0 + $1 } }
            let derivative = (try f(point) - base) / mu
            for block in gradient.indices {
                for index in gradient[block].indices {
                    gradient[block][index] += perturbs[block][index] * derivative / Double(q)
                }
            }
        }
        return gradient
    }

    /// The paper's RGE, (1/q) Σ (f(θ + μu) − f(θ))/μ · u: the official one divided by μ.
    public static func rge(_ f: Objective, at theta: [[Double]], directions: [[[Double]]], mu: Double) throws -> [[Double]] {
        try rgeCode(f, at: theta, directions: directions, mu: mu).map { $0.map { $0 / mu } }
    }

    /// q standard-normal directions per block (block b gets a (q, size_b) draw), from one generator.
    public static func gaussianDirections(sizes: [Int], q: Int, generator: inout PhiloxGenerator) throws -> [[[Double]]] {
        let draws = Double(q) * Double(sizes.reduce(0, +))
        guard q >= 1, draws <= 1e8 else {
            throw FolioError(.ValueError, "deepzero: q = \(q) directions of \(sizes.reduce(0, +)) entries is too many to draw (at most 1e8 numbers)")
        }
        return try sizes.map { size in
            let draw = try Tensor.randn([q, size], dtype: .f64, generator: &generator).toArray()
            return (0..<q).map { Array(draw[($0 * size)..<(($0 + 1) * size)]) }
        }
    }

    /// `zoo_grasp_importance_score`: g0 = rge_code(θ; D0), g1 = rge_code(θ + μ g0; D1),
    /// Hg = (g1 − g0)/μ, score = −θ ⊙ Hg.
    public static func zoGraspScores(_ f: Objective, at theta: [[Double]], d0: [[[Double]]], d1: [[[Double]]], mu: Double) throws -> [[Double]] {
        let g0 = try rgeCode(f, at: theta, directions: d0, mu: mu)
        let moved = zip(theta, g0).map { block, step in zip(block, step).map { $0 + $1 * mu } }
        let g1 = try rgeCode(f, at: moved, directions: d1, mu: mu)
        return theta.indices.map { block in
            theta[block].indices.map { index in
                let hessianGradient = (g1[block][index] - g0[block][index]) / mu
                return -theta[block][index] * hessianGradient
            }
        }
    }

    /// `global_prune` with L1Unstructured: zero the round(ratio·n) entries of smallest |score| over
    /// all blocks together (ties go to the earlier entry).
    public static func pruneMasks(scores: [[Double]], ratio: Double) -> [[Double]] {
        let flat = scores.flatMap { $0 }
        let removed = prunedCount(ratio: ratio, of: flat.count)
        let order = flat.indices.sorted { left, right in
            let (a, b) = (abs(flat[left]), abs(flat[right]))
            return a == b ? left < right : a < b
        }
        var mask = [Double](repeating: 1, count: flat.count)
        for index in order.prefix(removed) { mask[index] = 0 }
        var blocks: [[Double]] = []
        var start = 0
        for block in scores {
            blocks.append(Array(mask[start..<(start + block.count)]))
            start += block.count
        }
        return blocks
    }

    /// `layer_sparsity`: the fraction of zeros of each mask.
    public static func layerRatios(_ masks: [[Double]]) -> [Double] {
        masks.map { mask in mask.isEmpty ? 0 : Double(mask.filter { $0 == 0 }.count) / Double(mask.count) }
    }

    /// `prune.random_unstructured` per block: exactly round(ratio_b·n_b) entries, chosen uniformly, set to 0.
    public static func randomMasks(sizes: [Int], ratios: [Double], generator: inout PhiloxGenerator) throws -> [[Double]] {
        try zip(sizes, ratios).map { size, ratio in
            let removed = prunedCount(ratio: ratio, of: size)
            let order = try Tensor.permutation(size, generator: &generator).toArray()
            var mask = [Double](repeating: 1, count: size)
            for position in order.prefix(removed) { mask[Int(position)] = 0 }
            return mask
        }
    }
}
