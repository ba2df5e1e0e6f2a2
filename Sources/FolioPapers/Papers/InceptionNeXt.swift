// InceptionNeXt: When Inception Meets ConvNeXt.
// Weihao Yu, Pan Zhou, Shuicheng Yan, Xinchao Wang. CVPR 2024. arXiv:2303.16900.
//
// Implemented with the official module math and defaults (sail-sg/inceptionnext, models/inceptionnext.py):
// the Inception depthwise convolution (`InceptionDWConv2d`: channels split (C − 3gc, gc, gc, gc) into identity,
// k×k, 1×b and b×1 depthwise branches, gc = int(C·branch_ratio)), the MetaNeXt block (token mixer → BatchNorm2d →
// ConvMlp of 1×1 convs with exact GELU → layer scale γ → residual), the MLP head (global average pool → Linear →
// GELU → LayerNorm(eps 1e-6) → Linear), and the MetaNeXt model with the atto/tiny/small/base configurations
// (stem 4×4 stride-4 conv + BN; stages 2–4 open with BN + 2×2 stride-2 conv; stage MLP ratios (4, 4, 4, 3); head
// MLP ratio 3; trunc-normal(std .02) weights and zero biases for every conv and linear layer of the model).
// Decisions on the spec's doubts and deviations:
// - Even kernel sizes are rejected (the official code silently changes H/W with padding k//2).
// - Layer-scale: `ls_init: 0` drops γ, as the official `if ls_init_value else None`.
// - The standalone `incnext.InceptionDWConv2d` and `incnext.MetaNeXtBlock` keep PyTorch's default conv init
//   (as when built outside MetaNeXt); `incnext.InceptionNeXt` re-initialises like `MetaNeXt._init_weights`.
// - The layer-scale γ of blocks inside InceptionNeXt starts at 1e-6 (MetaNeXt passes its ls_init_value to the
//   stages; MetaNeXtStage's own default of 1.0 is never used).
// - Drop-path and head dropout are omitted (0 by default in the official code).
import FolioAutograd
import FolioNN
import FolioRuntime
import FolioTensor

public enum InceptionNeXt {
    typealias Argument = PaperPrimitive.Argument

    public static let paper = Paper(
        number: 25, key: "incnext",
        citation: Citation(title: "InceptionNeXt: When Inception Meets ConvNeXt",
                           authors: ["Weihao Yu", "Pan Zhou", "Shuicheng Yan", "Xinchao Wang"],
                           year: 2023, arXiv: "2303.16900", venue: "CVPR 2024"),
        summary: """
            ConvNeXt's large 7×7 depthwise convolution is slow on GPUs. InceptionNeXt splits the channels Inception-style: \
            most pass through untouched, and three small groups get a 3×3, a 1×11 and an 11×1 depthwise convolution. \
            The cross-shaped receptive field keeps an 11×11 extent at a fraction of the cost, giving higher training \
            throughput than ConvNeXt with equal or better ImageNet accuracy.
            """,
        functions: [inceptionDWConvBuiltin, metanextBlockBuiltin, mlpHeadBuiltin],
        layers: [inceptionDWConvLayerBuiltin, metanextBlockLayerBuiltin, mlpHeadLayerBuiltin, modelBuiltin],
        layerSamples: [
            PaperLayerSample("incnext.InceptionDWConv2d") {
                (try InceptionDWConv2d(channels: 8, squareKernel: 3, bandKernel: 5, branchRatio: 0.25, seed: 1),
                 try Tensor(PaperPrimitive.sampleValues(count: 2 * 8 * 5 * 6), shape: [2, 8, 5, 6]))
            },
            PaperLayerSample("incnext.MetaNeXtBlock") {
                let mixer = try InceptionDWConv2d(channels: 8, squareKernel: 3, bandKernel: 5, branchRatio: 0.25, seed: 2)
                return (try MetaNeXtBlock(dim: 8, mlpRatio: 2, layerScaleInit: 0.5, mixer: mixer, seed: 3),
                        try Tensor(PaperPrimitive.sampleValues(count: 2 * 8 * 4 * 5), shape: [2, 8, 4, 5]))
            },
            PaperLayerSample("incnext.MlpHead") {
                (try MlpHead(dim: 8, classes: 3, mlpRatio: 3, seed: 4),
                 try Tensor(PaperPrimitive.sampleValues(count: 2 * 8 * 3 * 3), shape: [2, 8, 3, 3]))
            },
            PaperLayerSample("incnext.InceptionNeXt") {
                let config = InceptionNeXtModel.Configuration(depths: [1, 1], dims: [8, 16], squareKernel: 3, bandKernel: 5,
                                                              branchRatio: 0.25, mlpRatios: [2, 2], layerScaleInit: 0.5)
                return (try InceptionNeXtModel(config, classes: 3, inputChannels: 3, seed: 5),
                        try Tensor(PaperPrimitive.sampleValues(count: 2 * 3 * 16 * 16), shape: [2, 3, 16, 16]))
            },
        ])

    // MARK: Math

    /// The weights of the three depthwise branches: (gc, 1, k, k), (gc, 1, 1, b), (gc, 1, b, 1) and biases (gc).
    public struct BranchWeights {
        public var square: Variable, squareBias: Variable
        public var width: Variable, widthBias: Variable
        public var height: Variable, heightBias: Variable

        public init(square: Variable, squareBias: Variable, width: Variable, widthBias: Variable, height: Variable, heightBias: Variable) {
            (self.square, self.squareBias, self.width, self.widthBias, self.height, self.heightBias) =
                (square, squareBias, width, widthBias, height, heightBias)
        }
    }

    /// gc = int(C · branch_ratio), checked to leave a valid split (C − 3gc, gc, gc, gc).
    public static func branchChannels(channels: Int, branchRatio: Double, function: String) throws -> Int {
        let product = Double(channels) * branchRatio
        guard branchRatio.isFinite, product >= 1, product < Double(Int32.max) else {
            throw FolioError(.ValueError, "\(function): branch_ratio·C must be ≥ 1 (C = \(channels), branch_ratio = \(branchRatio))")
        }
        let gc = Int(product)
        guard 3 * gc <= channels else {
            throw FolioError(.ValueError, "\(function): three branches of \(gc) channels do not fit in C = \(channels) (branch_ratio must be ≤ 1/3)")
        }
        return gc
    }

    /// An odd, positive kernel size (padding k//2 then keeps H and W).
    static func oddKernel(_ size: Int, name: String, function: String) throws -> Int {
        guard size >= 1, size % 2 == 1, size < 4096 else {
            throw FolioError(.ValueError, "\(function): \(name) must be an odd positive size (padding \(name)//2 keeps H and W), got \(size)")
        }
        return size
    }

    static func expectShape(_ value: Variable, _ shape: [Int], name: String, function: String) throws {
        guard value.shape == shape else {
            throw FolioError(.ShapeError, "\(function): \(name) must have shape \(formatShape(shape)), got \(formatShape(value.shape))")
        }
    }

    static func nchw(_ x: Variable, function: String) throws -> Variable {
        guard x.rank == 4 else { throw FolioError(.ShapeError, "\(function) expects NCHW input, got shape \(formatShape(x.shape))") }
        return x
    }

    /// `InceptionDWConv2d.forward`: concat(x_id, DW_k×k(x_hw), DW_1×b(x_w), DW_b×1(x_h)) along channels.
    public static func inceptionDWConv(_ x: Variable, _ weights: BranchWeights, squareKernel: Int, bandKernel: Int, branchRatio: Double,
                                       function: String = "incnext.inception_dwconv") throws -> Variable {
        let x = try nchw(x, function: function)
        let square = try oddKernel(squareKernel, name: "square_kernel", function: function)
        let band = try oddKernel(bandKernel, name: "band_kernel", function: function)
        let gc = try branchChannels(channels: x.shape[1], branchRatio: branchRatio, function: function)
        try expectShape(weights.square, [gc, 1, square, square], name: "w_hw", function: function)
        try expectShape(weights.width, [gc, 1, 1, band], name: "w_w", function: function)
        try expectShape(weights.height, [gc, 1, band, 1], name: "w_h", function: function)
        for (bias, name) in [(weights.squareBias, "b_hw"), (weights.widthBias, "b_w"), (weights.heightBias, "b_h")] {
            try expectShape(bias, [gc], name: name, function: function)
        }
        let identityCount = x.shape[1] - 3 * gc
        func channels(_ start: Int) throws -> Variable { try x.slice([.all, .range(start: start, stop: start + gc)]) }
        let squareBranch = try channels(identityCount).conv(weights.square, bias: weights.squareBias,
                                                            padding: [square / 2, square / 2], groups: gc)
        let widthBranch = try channels(identityCount + gc).conv(weights.width, bias: weights.widthBias, padding: [0, band / 2], groups: gc)
        let heightBranch = try channels(identityCount + 2 * gc).conv(weights.height, bias: weights.heightBias, padding: [band / 2, 0], groups: gc)
        var parts = [squareBranch, widthBranch, heightBranch]
        if identityCount > 0 { parts.insert(try x.slice([.all, .range(start: 0, stop: identityCount)]), at: 0) }
        return try Variable.cat(parts, axis: 1)
    }

    /// Eval-mode BatchNorm statistics (`norm:` of the functional block).
    public struct BatchNormStatistics {
        public var mean: Variable, variance: Variable, weight: Variable, bias: Variable
        public var eps: Double

        public init(mean: Variable, variance: Variable, weight: Variable, bias: Variable, eps: Double = 1e-5) {
            (self.mean, self.variance, self.weight, self.bias, self.eps) = (mean, variance, weight, bias, eps)
        }

        func apply(_ x: Variable) throws -> Variable {
            let shape = [1, x.shape[1], 1, 1]
            let scale = try (variance.reshape(shape) + eps).rsqrt() * weight.reshape(shape)
            return try (x - mean.reshape(shape)) * scale + bias.reshape(shape)
        }
    }

    /// The 1×1-conv MLP weights of a block: fc1 (hidden, C, 1, 1), fc2 (C, hidden, 1, 1) with biases.
    public struct MlpWeights {
        public var fc1: Variable, fc1Bias: Variable, fc2: Variable, fc2Bias: Variable

        public init(fc1: Variable, fc1Bias: Variable, fc2: Variable, fc2Bias: Variable) {
            (self.fc1, self.fc1Bias, self.fc2, self.fc2Bias) = (fc1, fc1Bias, fc2, fc2Bias)
        }
    }

    /// `MetaNeXtBlock.forward` without the mixer: y = x + γ ⊙ fc2(GELU(fc1(BN(mixed)))). `gamma` nil: no layer scale.
    public static func metanextBlock(_ x: Variable, mixed: Variable, norm: BatchNormStatistics, mlp: MlpWeights, gamma: Variable?,
                                     function: String = "incnext.metanext_block") throws -> Variable {
        let x = try nchw(x, function: function)
        let channels = x.shape[1]
        guard mixed.shape == x.shape else {
            throw FolioError(.ShapeError, "\(function): the mixer must keep the shape \(formatShape(x.shape)), got \(formatShape(mixed.shape))")
        }
        let hidden = mlp.fc1.shape.first ?? 0
        try expectShape(mlp.fc1, [hidden, channels, 1, 1], name: "fc1_w", function: function)
        try expectShape(mlp.fc1Bias, [hidden], name: "fc1_b", function: function)
        try expectShape(mlp.fc2, [channels, hidden, 1, 1], name: "fc2_w", function: function)
        try expectShape(mlp.fc2Bias, [channels], name: "fc2_b", function: function)
        for (value, name) in [(norm.mean, "norm.mean"), (norm.variance, "norm.var"), (norm.weight, "norm.weight"), (norm.bias, "norm.bias")] {
            try expectShape(value, [channels], name: name, function: function)
        }
        let normalized = try norm.apply(mixed)
        let activated = try normalized.conv(mlp.fc1, bias: mlp.fc1Bias).gelu()
        let branch = try activated.conv(mlp.fc2, bias: mlp.fc2Bias)
        guard let gamma else { return try x + branch }
        try expectShape(gamma, [channels], name: "gamma", function: function)
        return try x + branch * gamma.reshape([1, channels, 1, 1])
    }

    /// `MlpHead.forward`: mean over H, W → fc1 → GELU → LayerNorm(eps) → fc2, Linear weights (out, in).
    public static func mlpHead(_ x: Variable, fc1: Variable, fc1Bias: Variable, lnWeight: Variable, lnBias: Variable,
                               fc2: Variable, fc2Bias: Variable, eps: Double = 1e-6, function: String = "incnext.mlp_head") throws -> Variable {
        let x = try nchw(x, function: function)
        let (channels, hidden, classes) = (x.shape[1], fc1.shape.first ?? 0, fc2.shape.first ?? 0)
        try expectShape(fc1, [hidden, channels], name: "fc1_w", function: function)
        try expectShape(fc1Bias, [hidden], name: "fc1_b", function: function)
        try expectShape(lnWeight, [hidden], name: "ln_w", function: function)
        try expectShape(lnBias, [hidden], name: "ln_b", function: function)
        try expectShape(fc2, [classes, hidden], name: "fc2_w", function: function)
        try expectShape(fc2Bias, [classes], name: "fc2_b", function: function)
        let pooled = try x.mean(axes: [2, 3])
        let activated = try (pooled.matmul(fc1.transpose()) + fc1Bias).gelu()
        let centered = try activated - activated.mean(axes: [1], keepDims: true)
        let scale = try (activated.variance(axes: [1], keepDims: true) + eps).rsqrt()
        let normalized = try centered * scale * lnWeight + lnBias
        return try normalized.matmul(fc2.transpose()) + fc2Bias
    }
}
