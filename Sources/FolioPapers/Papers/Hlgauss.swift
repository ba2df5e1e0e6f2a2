// Stop Regressing: Training Value Functions via Classification for Scalable Deep RL.
// Jesse Farebrother, Jordi Orbay, Quan Vuong, Adrien Ali Taïga, Yevgen Chebotar, Ted Xiao, Alex Irpan,
// Sergey Levine, Pablo Samuel Castro, Aleksandra Faust, Aviral Kumar, Rishabh Agarwal. ICML 2024.
// arXiv:2403.03950.
//
// Implemented: the HL-Gauss target (`hlgauss.probs`, the paper's Appendix A `transform_to_probs`:
// erf of the bin edges, differences, divided by the mass inside the support), bin centres and the
// expected value (`transform_from_probs`), the cross-entropy loss and a `HLGaussHead` layer; the
// Two-Hot baseline (target, loss); the C51 categorical projection (Bellemare et al. 2017); the scalar
// TD target.
// Decisions:
// - Targets are not differentiated (the paper stops gradients through them): `probs`, `two_hot` and
//   `c51_project` compute in Float64 on the values and return a constant tensor of the input's float
//   dtype; the losses, `value` and `td_target` are differentiable.
// - "Target too far outside the support": the paper's erf difference loses all precision once the
//   normaliser erf(e_last) − erf(e_first) falls to a few ulp of 1; we raise when it is below 1e-14
//   (about 7.5σ outside the support) instead of returning noise or NaN.
// - C51: when b_j is an integer (l = u) the whole mass p_j goes to l, as the spec says; b_j is
//   clamped to [0, A−1] so rounding at vmax cannot index past the last atom.
// - Two-hot: the interval index is clamped to [0, A−2], so y = vmax puts mass 1 on the last location.
import FolioAutograd
import FolioNN
import FolioRuntime
import FolioTensor
import Foundation

public enum Hlgauss {
    typealias Argument = PaperPrimitive.Argument

    public static let paper = Paper(
        number: 22, key: "hlgauss",
        citation: Citation(title: "Stop Regressing: Training Value Functions via Classification for Scalable Deep RL",
                           authors: ["Jesse Farebrother", "Jordi Orbay", "Quan Vuong", "Adrien Ali Taïga", "Yevgen Chebotar",
                                     "Ted Xiao", "Alex Irpan", "Sergey Levine", "Pablo Samuel Castro", "Aleksandra Faust",
                                     "Aviral Kumar", "Rishabh Agarwal"],
                           year: 2024, arXiv: "2403.03950", venue: "ICML 2024"),
        summary: """
            Training value functions with cross-entropy against a categorical target over a fixed support, and \
            reading the value as the softmax expectation, scales better than MSE regression across Atari, robotics, \
            chess and language agents. The HL-Gauss target (a Gaussian of width 0.75 bin widths integrated over each \
            bin) works best; Two-Hot and the C51 projection are the classic categorical targets.
            """,
        functions: [probsFunction, centersFunction, valueFunction, lossFunction, twoHotFunction, twoHotLossFunction,
                    c51Function, tdTargetFunction],
        layers: [headLayer],
        layerSamples: [
            PaperLayerSample("hlgauss.HLGaussHead") {
                let layer = try HLGaussHead(inputs: 3, bins: 8, vmin: -2, vmax: 2, sigma: nil, seed: 7)
                let input = try Tensor(PaperPrimitive.sampleValues(count: 12), shape: [4, 3])
                return (layer, input)
            },
        ])

    /// The largest number of bins or atoms the builtins accept.
    static let maxBins = 1 << 20

    // MARK: Supports

    /// NumPy's `linspace(start, stop, count)`: start + i·step, the last point exactly `stop`.
    public static func linspace(_ start: Double, _ stop: Double, count: Int) -> [Double] {
        guard count > 1 else { return count == 1 ? [start] : [] }
        let step = (stop - start) / Double(count - 1)
        var points = (0..<count).map { Double($0) * step + start }
        points[count - 1] = stop
        return points
    }

    /// The bin centres (e_i + e_{i+1})/2 of `bins` equal bins on [vmin, vmax].
    public static func centers(vmin: Double, vmax: Double, bins: Int) -> [Double] {
        let edges = linspace(vmin, vmax, count: bins + 1)
        return (0..<bins).map { (edges[$0] + edges[$0 + 1]) / 2 }
    }

    /// σ = 0.75 ζ, ζ the bin width (the paper's recommended σ/ζ).
    public static func defaultSigma(vmin: Double, vmax: Double, bins: Int) -> Double {
        0.75 * (vmax - vmin) / Double(bins)
    }

    // MARK: Targets (Float64, not differentiated)

    /// HL-Gauss: N(y, σ²) integrated over each bin, divided by its mass on [vmin, vmax]; row-major (count, bins).
    public static func probs(_ targets: [Double], vmin: Double, vmax: Double, bins: Int, sigma: Double) throws -> [Double] {
        let edges = linspace(vmin, vmax, count: bins + 1)
        let scale = 2.0.squareRoot() * sigma
        var result: [Double] = []
        result.reserveCapacity(targets.count * bins)
        for y in targets {
            guard y.isFinite else { throw FolioError(.ValueError, "hlgauss.probs: target \(y) is not finite") }
            let cdf = edges.map { Foundation.erf(($0 - y) / scale) }
            let normaliser = cdf[bins] - cdf[0]
            guard normaliser >= 1e-14 else {
                throw FolioError(.ValueError, "hlgauss.probs: target too far outside the support (y = \(y), support [\(vmin), \(vmax)], sigma \(sigma))")
            }
            for index in 0..<bins { result.append((cdf[index + 1] - cdf[index]) / normaliser) }
        }
        return result
    }

    /// Two-hot: y clipped to [vmin, vmax] split between its two neighbouring locations linspace(vmin, vmax, count).
    public static func twoHot(_ targets: [Double], vmin: Double, vmax: Double, locations count: Int) throws -> [Double] {
        let locations = linspace(vmin, vmax, count: count)
        var result = [Double](repeating: 0, count: targets.count * count)
        for (row, target) in targets.enumerated() {
            guard !target.isNaN else { throw FolioError(.ValueError, "hlgauss.two_hot: target is NaN") }
            let y = Swift.min(Swift.max(target, vmin), vmax)
            var lower = 0
            while lower < count - 2, locations[lower + 1] <= y { lower += 1 }
            let upperWeight = (y - locations[lower]) / (locations[lower + 1] - locations[lower])
            result[row * count + lower] = 1 - upperWeight
            result[row * count + lower + 1] = upperWeight
        }
        return result
    }

    /// The C51 projection of r + γ(1 − done)·z onto the atoms z = linspace(vmin, vmax, atoms); row-major (batch, atoms).
    public static func c51Project(nextProbs: [Double], batch: Int, atoms: Int, rewards: [Double], dones: [Double],
                                  gammas: [Double], vmin: Double, vmax: Double) -> [Double] {
        let z = linspace(vmin, vmax, count: atoms)
        let spacing = (vmax - vmin) / Double(atoms - 1)
        let last = Double(atoms - 1)
        var projected = [Double](repeating: 0, count: batch * atoms)
        for row in 0..<batch {
            let discount = gammas[row] * (1 - dones[row])
            guard discount.isFinite, rewards[row].isFinite else { continue }
            for atom in 0..<atoms {
                let mass = nextProbs[row * atoms + atom]
                guard mass.isFinite else { continue }
                let shifted = Swift.min(Swift.max(rewards[row] + discount * z[atom], vmin), vmax)
                let b = Swift.min(Swift.max((shifted - vmin) / spacing, 0), last)
                let lower = b.rounded(.down), upper = b.rounded(.up)
                let (l, u) = (row * atoms + Int(lower), row * atoms + Int(upper))
                if l == u {
                    projected[l] += mass
                } else {
                    projected[l] += mass * (upper - b)
                    projected[u] += mass * (b - lower)
                }
            }
        }
        return projected
    }

    // MARK: Differentiable parts

    /// softmax(logits)·locations over the last axis.
    public static func expectation(_ logits: Variable, locations: [Double]) throws -> Variable {
        let support = Variable(try Tensor(locations, shape: [locations.count], dtype: logits.dtype))
        return try (logits.softmax(axis: -1) * support).sum(axes: [logits.rank - 1])
    }

    public enum Reduction: String {
        case mean, sum, none
    }

    /// Cross-entropy −Σ target·log softmax(logits) over the last axis, reduced.
    public static func crossEntropy(_ logits: Variable, target: Tensor, reduction: Reduction) throws -> Variable {
        let perSample = try -(logits.logSoftmax(axis: -1) * Variable(target.cast(to: logits.dtype))).sum(axes: [logits.rank - 1])
        switch reduction {
        case .mean: return try perSample.mean()
        case .sum: return try perSample.sum()
        case .none: return perSample
        }
    }

    /// r + γ(1 − done)·next_value, broadcasting.
    public static func tdTarget(reward: Variable, done: Variable, gamma: Variable, nextValue: Variable) throws -> Variable {
        let notDone = try 1.0 - (done.dtype.isFloatingPoint ? done : done.cast(to: reward.dtype.isFloatingPoint ? reward.dtype : .f32))
        return try reward + gamma * notDone * nextValue
    }

    /// The HL-Gauss loss of `logits` (…, bins) against scalar targets `y` (…).
    public static func loss(_ logits: Variable, _ y: Tensor, vmin: Double, vmax: Double, sigma: Double?,
                            reduction: Reduction, function: String = "hlgauss.loss") throws -> Variable {
        let bins = try logitBins(logits, y, function: function)
        let width = sigma ?? defaultSigma(vmin: vmin, vmax: vmax, bins: bins)
        let target = try probs(y.toArray(), vmin: vmin, vmax: vmax, bins: bins, sigma: width)
        return try crossEntropy(logits, target: Tensor(target, shape: logits.shape, dtype: .f64), reduction: reduction)
    }

    /// The Two-Hot loss of `logits` (…, locations) against `y` (…).
    public static func twoHotLoss(_ logits: Variable, _ y: Tensor, vmin: Double, vmax: Double, reduction: Reduction) throws -> Variable {
        let count = try logitBins(logits, y, function: "hlgauss.two_hot_loss")
        let target = try twoHot(y.toArray(), vmin: vmin, vmax: vmax, locations: count)
        return try crossEntropy(logits, target: Tensor(target, shape: logits.shape, dtype: .f64), reduction: reduction)
    }

    /// The number of bins (last axis of `logits`, at least 2), checking `y` has the leading shape.
    static func logitBins(_ logits: Variable, _ y: Tensor, function: String) throws -> Int {
        guard let bins = logits.shape.last, bins >= 2 else {
            throw FolioError(.ShapeError, "\(function): logits need a last axis of at least 2 bins, got shape \(formatShape(logits.shape))")
        }
        let leading = Array(logits.shape.dropLast())
        guard y.shape == leading else {
            throw FolioError(.ShapeError, "\(function): y must have shape \(formatShape(leading)) to match logits \(formatShape(logits.shape)), got \(formatShape(y.shape))")
        }
        return bins
    }
}

// MARK: Argument checks

extension Hlgauss {
    /// (vmin, vmax) with vmax > vmin, both finite.
    static func support(_ arguments: BoundArguments, _ lowIndex: Int, _ highIndex: Int) throws -> (Double, Double) {
        let low = try arguments.double(lowIndex, default: 0), high = try arguments.double(highIndex, default: 0)
        guard low.isFinite, high.isFinite, high > low else {
            throw FolioError(.ValueError, "\(arguments.functionName): vmax must be greater than vmin, got vmin = \(low), vmax = \(high)")
        }
        return (low, high)
    }

    static func sigma(_ arguments: BoundArguments, _ index: Int) throws -> Double? {
        guard let value = try arguments.optionalDouble(index) else { return nil }
        guard value > 0, value.isFinite else {
            throw FolioError(.ValueError, "\(arguments.functionName): sigma must be positive, got \(value)")
        }
        return value
    }

    static func reduction(_ arguments: BoundArguments, _ index: Int) throws -> Reduction {
        let name = try arguments.string(index, default: "mean")
        guard let reduction = Reduction(rawValue: name) else {
            throw FolioError(.ValueError, "\(arguments.functionName): reduction must be \"mean\", \"sum\" or \"none\", got \"\(name)\"")
        }
        return reduction
    }

    /// The float dtype results take: the input's if it is f32/f64, else f32.
    static func floatType(_ dtype: DType) -> DType { dtype.isFloatingPoint ? dtype : .f32 }

    /// A target tensor computed from `y`'s values: shape y.shape + [bins], y's float dtype.
    static func targetTensor(_ values: [Double], _ y: Variable, bins: Int) throws -> Variable {
        Variable(try Tensor(values, shape: y.shape + [bins], dtype: floatType(y.dtype)))
    }
}
