// Evolving Normalization-Activation Layers.
// Hanxiao Liu, Andrew Brock, Karen Simonyan, Quoc V. Le. NeurIPS 2020. arXiv:2004.02967.
//
// Implemented: EvoNorm-S0 and EvoNorm-B0 with the official TensorFlow code's formulas and defaults
// (tensorflow/tpu, models/official/resnet/resnet_model.py: `evonorm()`, `_group_std()`, `_instance_std()`,
// `_batch_std()`; EPSILON = 1e-5, num_groups = 32, MOVING_AVERAGE_DECAY = 0.9, i.e. momentum 0.1; every
// variance biased, as tf.nn.moments computes it, the moving variance included), as functions
// (`evonorm.s0`, `evonorm.b0`) and layers (`evonorm.S0`, `evonorm.B0`); and the variants S1, S2, B1, B2 as
// functions, with the definitions of timm (huggingface/pytorch-image-models, timm/layers/evo_norm.py).
// Decisions on the spec's doubts:
// - Group fallback: like `_group_std`, a `groups` that does not divide C is lowered until it does
//   (C = 6, groups = 4 → 3); `help` says so, and it is not an error.
// - S1/S2/B1/B2 follow timm (which credits the paper): S1 = x·σ(x)/group_std, S2 = x·σ(x)/group_rms,
//   B1 = x/max(batch_std, (x+1)·instance_rms), B2 = x/max(batch_std, instance_rms − x). The paper's own
//   appendix could not be read here to spot-check them; `help` marks them "variant (timm)". As functions
//   they always use the batch's statistics (no running variance), as the spec's signatures say.
// - B0 follows the official code, not timm (timm: eps 1e-3 and an unbiased running variance).
// - max in B0/B1/B2: the gradient goes to the branch selected, ties to the left (batch) branch, built
//   as select(left ≥ right, left, right) rather than `maximum` (which splits ties evenly).
// - The S0 layer also accepts (N, C) features as (N, C, 1, 1) (the function keeps the spec's NCHW
//   check), so `Sequential([Linear(2, h), evonorm.S0(h, groups: 8), ...])` from DESIGN.md works.
// - `nonlinearity: false` in B0 gives x·γ + β and leaves the running variance untouched, as the official
//   code (which then builds no moving variance at all).
import FolioAutograd
import FolioNN
import FolioRuntime
import FolioTensor

public enum Evonorm {
    typealias Argument = PaperPrimitive.Argument

    public static let paper = Paper(
        number: 1, key: "evonorm",
        citation: Citation(title: "Evolving Normalization-Activation Layers",
                           authors: ["Hanxiao Liu", "Andrew Brock", "Karen Simonyan", "Quoc V. Le"],
                           year: 2020, arXiv: "2004.02967", venue: "NeurIPS 2020"),
        summary: """
            An evolutionary search over computation graphs built from primitive ops found layers that \
            normalise and activate in one step. EvoNorm-S0 divides x·σ(v·x) by a group standard deviation and \
            needs no batch statistics; EvoNorm-B0 divides x by the larger of the batch standard deviation and \
            v·x plus the instance standard deviation. Both match or beat BatchNorm+ReLU and GroupNorm+ReLU on \
            image classification, and S0 keeps working at small batch sizes.
            """,
        status: "complete (S1, S2, B1, B2 follow timm; not yet spot-checked against the paper's appendix)",
        functions: [s0, b0, s1, s2, b1, b2],
        layers: [S0, B0],
        layerSamples: [
            PaperLayerSample("evonorm.S0") {
                let layer = try EvoNormS0(channels: 6, groups: 4, eps: 1e-5, nonlinearity: true)
                let input = try Tensor(PaperPrimitive.sampleValues(count: 48), shape: [2, 6, 2, 2])
                return (layer, input)
            },
            PaperLayerSample("evonorm.B0") {
                let layer = try EvoNormB0(channels: 3, momentum: 0.1, eps: 1e-5, nonlinearity: true)
                let input = try Tensor(PaperPrimitive.sampleValues(count: 36).map { 2 * $0 }, shape: [2, 3, 2, 3])
                return (layer, input)
            },
        ])

    // MARK: Statistics

    /// The number of groups `_group_std` uses: `groups` lowered until it divides `channels`.
    public static func effectiveGroups(channels: Int, groups: Int) -> Int {
        var count = max(1, min(groups, channels))
        while count > 1, channels % count != 0 { count -= 1 }
        return count
    }

    /// `statistic` over each group's (C/G, H, W), broadcast back to x's shape (N, C, H, W).
    static func perGroup(_ x: Variable, groups: Int, _ statistic: (Variable) throws -> Variable) throws -> Variable {
        let shape = x.shape
        let (batch, channels) = (shape[0], shape[1])
        let count = effectiveGroups(channels: channels, groups: groups)
        let grouped = try x.reshape([batch, count, channels / count, shape[2], shape[3]])
        return try statistic(grouped).expand(grouped.shape).reshape(shape)
    }

    /// sqrt(Var over (C/G, H, W) + eps), broadcast back to x's shape (N, C, H, W).
    public static func groupStd(_ x: Variable, groups: Int, eps: Double) throws -> Variable {
        try perGroup(x, groups: groups) { try ($0.variance(axes: [2, 3, 4], keepDims: true) + eps).sqrt() }
    }

    /// sqrt(mean over (C/G, H, W) of x² + eps), broadcast back to x's shape.
    public static func groupRms(_ x: Variable, groups: Int, eps: Double) throws -> Variable {
        try perGroup(x, groups: groups) { try (($0 * $0).mean(axes: [2, 3, 4], keepDims: true) + eps).sqrt() }
    }

    /// sqrt(Var over (H, W) + eps), shape (N, C, 1, 1).
    public static func instanceStd(_ x: Variable, eps: Double) throws -> Variable {
        try (x.variance(axes: [2, 3], keepDims: true) + eps).sqrt()
    }

    /// sqrt(mean over (H, W) of x² + eps), shape (N, C, 1, 1).
    public static func instanceRms(_ x: Variable, eps: Double) throws -> Variable {
        try ((x * x).mean(axes: [2, 3], keepDims: true) + eps).sqrt()
    }

    /// The biased variance over (N, H, W), shape (1, C, 1, 1).
    public static func batchVariance(_ x: Variable) throws -> Variable {
        try x.variance(axes: [0, 2, 3], keepDims: true)
    }

    /// max(left, right) with the gradient routed to the branch selected, ties to `left`.
    public static func maxPreferringLeft(_ left: Variable, _ right: Variable) throws -> Variable {
        try Variable.select(left .>= right, left, right)
    }

    // MARK: Layers' math

    /// S0: y = x·σ(v·x) / groupStd(x) · γ + β.
    public static func s0(_ x: Variable, v: Variable, gamma: Variable, beta: Variable, groups: Int, eps: Double,
                          nonlinearity: Bool = true) throws -> Variable {
        guard nonlinearity else { return try x * gamma + beta }
        let gated = try x * (v * x).sigmoid()
        return try gated / groupStd(x, groups: groups, eps: eps) * gamma + beta
    }

    /// B0 given the variance to use (the batch's in training, the running one in evaluation):
    /// y = x / max(sqrt(variance + eps), v·x + instanceStd(x)) · γ + β.
    public static func b0(_ x: Variable, v: Variable, gamma: Variable, beta: Variable, variance: Variable, eps: Double,
                          nonlinearity: Bool = true) throws -> Variable {
        guard nonlinearity else { return try x * gamma + beta }
        let left = try (variance + eps).sqrt()
        let right = try v * x + instanceStd(x, eps: eps)
        return try x / maxPreferringLeft(left, right) * gamma + beta
    }

    /// S1 (timm): y = x·σ(x) / groupStd(x) · γ + β.
    public static func s1(_ x: Variable, gamma: Variable, beta: Variable, groups: Int, eps: Double) throws -> Variable {
        try x.silu() / groupStd(x, groups: groups, eps: eps) * gamma + beta
    }

    /// S2 (timm): y = x·σ(x) / groupRms(x) · γ + β.
    public static func s2(_ x: Variable, gamma: Variable, beta: Variable, groups: Int, eps: Double) throws -> Variable {
        try x.silu() / groupRms(x, groups: groups, eps: eps) * gamma + beta
    }

    /// B1 (timm, batch statistics): y = x / max(sqrt(Var_{n,h,w} x + eps), (x + 1)·instanceRms(x)) · γ + β.
    public static func b1(_ x: Variable, gamma: Variable, beta: Variable, eps: Double) throws -> Variable {
        let left = try (batchVariance(x) + eps).sqrt()
        let right = try (x + 1) * instanceRms(x, eps: eps)
        return try x / maxPreferringLeft(left, right) * gamma + beta
    }

    /// B2 (timm, batch statistics): y = x / max(sqrt(Var_{n,h,w} x + eps), instanceRms(x) − x) · γ + β.
    public static func b2(_ x: Variable, gamma: Variable, beta: Variable, eps: Double) throws -> Variable {
        let left = try (batchVariance(x) + eps).sqrt()
        let right = try instanceRms(x, eps: eps) - x
        return try x / maxPreferringLeft(left, right) * gamma + beta
    }

    /// (1 − momentum)·running + momentum·batch, the official `_batch_std` update with decay 1 − momentum.
    public static func updatedRunningVariance(_ running: Tensor, batch: Tensor, momentum: Double) throws -> Tensor {
        let kept = try running * (1 - momentum)
        let added = try batch.cast(to: running.dtype) * momentum
        return try kept + added
    }

    // MARK: Checks

    /// A (C) or (1, C, 1, 1) per-channel argument as (1, C, 1, 1), or a ShapeError naming it.
    static func channelVector(_ value: Variable, channels: Int, function: String, name: String) throws -> Variable {
        let isVector = value.shape == [channels] || value.shape == [1, channels, 1, 1]
        guard isVector else {
            throw FolioError(.ShapeError, "\(function): \(name) must have \(channels) values (shape (\(channels)) or (1, \(channels), 1, 1)), got shape \(formatShape(value.shape))")
        }
        return try value.reshape([1, channels, 1, 1])
    }

    /// x checked to be NCHW.
    static func nchw(_ x: Variable, function: String) throws -> Variable {
        guard x.shape.count == 4 else {
            throw FolioError(.ShapeError, "\(function) expects NCHW, got shape \(formatShape(x.shape))")
        }
        return x
    }

    /// Batch statistics of a single value per channel are meaningless (the variance is 0).
    public static func requireBatchStatistics(_ x: Variable, function: String) throws {
        let shape = x.shape
        let counts = [shape[0], shape[2], shape[3]]  // N·H·W > 1 without multiplying (no overflow)
        guard !counts.contains(0), counts.contains(where: { $0 > 1 }) else {
            throw FolioError(.ValueError, "\(function): batch statistics need N·H·W > 1, got shape \(formatShape(shape))")
        }
    }
}
