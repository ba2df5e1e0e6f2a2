import Foundation
import FolioAutograd
import FolioTensor

/// How a loss combines its per-element values.
public enum Reduction: String, Sendable, CaseIterable {
    /// The mean over every element (PyTorch's default).
    case mean
    /// The sum.
    case sum
    /// The per-element values, unreduced.
    case none
    /// The sum divided by the batch size (axis 0); the mathematically right choice for `klDiv`.
    case batchMean
}

/// Loss functions (PyTorch `torch.nn.functional` semantics), written with differentiable ops so
/// they need no gradient code. Each checks shapes and names itself in errors.
public enum Loss {
    /// Mean squared error `(prediction - target)²`.
    public static func mse(_ prediction: Variable, _ target: Variable, reduction: Reduction = .mean) throws -> Variable {
        let target = try matchedTarget("mse", prediction, target)
        let difference = try prediction - target
        return try reduce(difference * difference, reduction)
    }

    /// Mean absolute error `|prediction - target|`.
    public static func l1(_ prediction: Variable, _ target: Variable, reduction: Reduction = .mean) throws -> Variable {
        let target = try matchedTarget("l1", prediction, target)
        return try reduce((prediction - target).abs(), reduction)
    }

    /// Huber loss: `d²/2` for `|d| < δ`, `δ(|d| - δ/2)` beyond (PyTorch `huber_loss`).
    public static func huber(_ prediction: Variable, _ target: Variable, delta: Double = 1,
                             reduction: Reduction = .mean) throws -> Variable {
        let target = try matchedTarget("huber", prediction, target)
        guard delta > 0 else { throw NNError.invalidArgument("huber: delta must be positive, got \(delta)") }
        let magnitude = try (prediction - target).abs()
        // Clamping keeps the quadratic branch's gradient finite where the linear one is chosen.
        let inner = try magnitude.clamp(max: delta)
        let quadratic = try inner * inner * 0.5
        let linear = try (magnitude - inner) * delta
        return try reduce(quadratic + linear, reduction)
    }

    /// Binary cross-entropy on probabilities, logs clamped at -100 as PyTorch.
    public static func bce(_ probability: Variable, _ target: Variable, reduction: Reduction = .mean) throws -> Variable {
        let target = try matchedTarget("bce", probability, target)
        // Clamping the argument rather than the log keeps the value PyTorch gives (logs at least
        // -100) and a finite gradient where a saturated sigmoid gives p = 1 exactly: clamp's zero
        // derivative meets a finite 1/e⁻¹⁰⁰ instead of 1/0 (0 · ∞ = NaN stopped training).
        let floor = Foundation.exp(-100.0)
        let logP = try probability.clamp(min: floor).log()
        let logNotP = try (1.0 - probability).clamp(min: floor).log()
        let positive = try target * logP
        let negative = try (1.0 - target) * logNotP
        return try reduce(-(positive + negative), reduction)
    }

    /// Binary cross-entropy on logits, `softplus(x) - x t` (FolioAutograd's softplus is stable and
    /// has the derivative σ(x) everywhere, 0 included).
    public static func bceWithLogits(_ logits: Variable, _ target: Variable, reduction: Reduction = .mean) throws -> Variable {
        let target = try matchedTarget("bce_with_logits", logits, target)
        let values = try logits.softplus() - logits * target
        return try reduce(values, reduction)
    }

    /// Cross-entropy of `logits (N, C, *d)` against class indices `(N, *d)` (`i64`) or class
    /// probabilities `(N, C, *d)`, via `logSoftmax` (numerically stable). With label smoothing
    /// `ε`, the target mixes `1 - ε` of itself with `ε` of the uniform distribution, as PyTorch.
    public static func crossEntropy(_ logits: Variable, _ target: Variable, labelSmoothing: Double = 0,
                                    reduction: Reduction = .mean) throws -> Variable {
        guard logits.rank >= 2, (0...1).contains(labelSmoothing) else {
            throw NNError.shapeMismatch(layer: "cross_entropy", expected: "logits (N, C, ...) and label smoothing in [0, 1]", got: logits.shape)
        }
        let classes = logits.shape[1]
        let logProbabilities = try logits.logSoftmax(axis: 1)
        // Without smoothing the uniform term is multiplied by zero: it is not built at all (its
        // ops, and their gradients, were a third of a small classifier's loss).
        if target.dtype == .i64 {
            guard labelSmoothing != 0 else { return try nll(logProbabilities, target, reduction: reduction) }
            let uniformTerm = try -logProbabilities.mean(axes: [1])
            let picked = try nll(logProbabilities, target, reduction: .none)
            let smoothed = try picked * (1 - labelSmoothing) + uniformTerm * labelSmoothing
            return try reduce(smoothed, reduction)
        }
        let target = try matchedTarget("cross_entropy (probabilities)", logits, target)
        let uniform = 1 / Double(classes)
        let mixed = labelSmoothing == 0 ? target : try target * (1 - labelSmoothing) + labelSmoothing * uniform
        return try reduce(-(mixed * logProbabilities).sum(axes: [1]), reduction)
    }

    /// Negative log-likelihood of `logProbabilities (N, C, *d)` at class indices `(N, *d)`.
    public static func nll(_ logProbabilities: Variable, _ target: Variable, reduction: Reduction = .mean) throws -> Variable {
        var expected = logProbabilities.shape
        if expected.count >= 2 { expected.remove(at: 1) }
        guard logProbabilities.rank >= 2, target.dtype == .i64, target.shape == expected else {
            throw NNError.shapeMismatch(layer: "nll", expected: "i64 class indices of shape \(formatShape(expected)) for input \(formatShape(logProbabilities.shape))",
                                        got: target.shape)
        }
        let classes = logProbabilities.shape[1]
        if target.count > 0 {
            let (low, high) = try indexRange(target.value)
            guard low >= 0, high < Double(classes) else {
                throw NNError.invalidArgument("nll: class indices must be in 0..<\(classes), got values from \(Int(low)) to \(Int(high))")
            }
        }
        let picked = try logProbabilities.gather(axis: 1, indices: target.unsqueeze(1))
        // The mean as one sum and one division by -count (no squeeze, negation or cast, nor their
        // gradients): this is the loss of every classification step.
        if reduction == .mean { return try picked.sum() / Double(-target.count) }
        return try reduce(-picked.squeeze([1]), reduction)
    }

    /// The smallest and largest class index: one pass over dense labels, two reductions otherwise.
    private static func indexRange(_ target: Tensor) throws -> (low: Double, high: Double) {
        let scanned = target.withDenseElements(as: Int64.self) { labels -> (low: Double, high: Double) in
            var (low, high) = (Int64.max, Int64.min)
            for label in labels {
                low = Swift.min(low, label)
                high = Swift.max(high, label)
            }
            return (Double(low), Double(high))
        }
        if let scanned { return scanned }
        return (try target.min().item().doubleValue, try target.max().item().doubleValue)
    }

    /// Kullback–Leibler divergence `target (log target - input)` with `input` log-probabilities
    /// and `target` probabilities (or log-probabilities when `logTarget`); zero where target is 0.
    public static func klDiv(_ input: Variable, _ target: Variable, reduction: Reduction = .mean,
                             logTarget: Bool = false) throws -> Variable {
        let target = try matchedTarget("kl_div", input, target)
        if logTarget { return try reduce(target.exp() * (target - input), reduction) }
        let positive = try target .> 0
        // Where the target is 0 the term is 0; the safe log keeps its gradient finite there.
        let safeTarget = try Variable.select(positive, target, target.onesLikeVariable())
        let terms = try target * (safeTarget.log() - input)
        return try reduce(terms, reduction)
    }

    /// Applies `reduction` to per-element values.
    static func reduce(_ values: Variable, _ reduction: Reduction) throws -> Variable {
        switch reduction {
        case .mean: return try values.mean()
        case .sum: return try values.sum()
        case .none: return values
        case .batchMean: return try values.sum() / Double(Swift.max(values.shape.first ?? 1, 1))
        }
    }

    /// `target` in the prediction's shape. Shapes must match, except that they may differ by axes
    /// of size 1 (a (N, 1) prediction with (N,) labels, as a model with one output gives): the target
    /// is then reshaped, never broadcast, since (N, 1) against (N,) would silently broadcast to (N, N).
    private static func matchedTarget(_ name: String, _ prediction: Variable, _ target: Variable) throws -> Variable {
        if prediction.shape == target.shape { return target }
        let squeezed = { (shape: [Int]) in shape.filter { $0 != 1 } }
        guard squeezed(prediction.shape) == squeezed(target.shape) else {
            throw NNError.shapeMismatch(layer: name, expected: "target of the prediction's shape \(formatShape(prediction.shape))",
                                        got: target.shape)
        }
        return try target.reshape(prediction.shape)
    }
}

extension Variable {
    /// A constant one of this variable's dtype (0-d, broadcasting).
    func onesLikeVariable() -> Variable { Variable.constant(Tensor(scalar: 1, dtype: dtype)) }
}
