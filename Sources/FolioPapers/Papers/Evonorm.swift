// Evolving Normalization-Activation Layers.
// Hanxiao Liu, Andrew Brock, Karen Simonyan, Quoc V. Le. NeurIPS 2020. arXiv:2004.02967.
//
// Implemented: the batch-independent EvoNorm-S0 (function `evonorm.s0`, layer `evonorm.S0`) with the
// official TensorFlow code's formula and defaults (tensorflow/tpu, models/official/resnet/
// resnet_model.py: `evonorm()`, `_group_std()`; EPSILON = 1e-5, num_groups = 32; variances biased,
// as tf.nn.moments computes them).
// Decisions on the spec's doubts:
// - Group fallback: like `_group_std`, a `groups` that does not divide C is lowered until it does
//   (C = 6, groups = 4 → 3); `help` says so, and it is not an error.
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
            needs no batch statistics; it matches or beats BatchNorm+ReLU and GroupNorm+ReLU on image \
            classification and keeps working at small batch sizes.
            """,
        status: "S0 only (B0 and the timm variants S1, S2, B1, B2 still to come)",
        functions: [s0],
        layers: [S0],
        layerSamples: [
            PaperLayerSample("evonorm.S0") {
                let layer = try EvoNormS0(channels: 6, groups: 4, eps: 1e-5, nonlinearity: true)
                let input = try Tensor(PaperPrimitive.sampleValues(count: 48), shape: [2, 6, 2, 2])
                return (layer, input)
            },
        ])

    // MARK: Math

    /// The number of groups `_group_std` uses: `groups` lowered until it divides `channels`.
    public static func effectiveGroups(channels: Int, groups: Int) -> Int {
        var count = max(1, min(groups, channels))
        while count > 1, channels % count != 0 { count -= 1 }
        return count
    }

    /// sqrt(Var over (C/G, H, W) + eps), broadcast back to x's shape (N, C, H, W).
    public static func groupStd(_ x: Variable, groups: Int, eps: Double) throws -> Variable {
        let shape = x.shape
        let (batch, channels) = (shape[0], shape[1])
        let count = effectiveGroups(channels: channels, groups: groups)
        let grouped = try x.reshape([batch, count, channels / count, shape[2], shape[3]])
        let variance = try grouped.variance(axes: [2, 3, 4], keepDims: true)
        let std = try (variance + eps).sqrt()
        return try std.expand(grouped.shape).reshape(shape)
    }

    /// y = x·σ(v·x) / groupStd(x) · γ + β.
    public static func s0(_ x: Variable, v: Variable, gamma: Variable, beta: Variable, groups: Int, eps: Double,
                          nonlinearity: Bool = true) throws -> Variable {
        guard nonlinearity else { return try x * gamma + beta }
        let gated = try x * (v * x).sigmoid()
        return try gated / groupStd(x, groups: groups, eps: eps) * gamma + beta
    }

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

    // MARK: Builtins

    static let s0 = PaperPrimitive.tensorFunction(
        "evonorm.s0",
        [Argument("x"), Argument("v"), Argument("gamma"), Argument("beta"),
         Argument("groups", .labelled, defaultText: "32"), Argument("eps", .labelled, defaultText: "1e-5")],
        DocEntry("Batch-independent EvoNorm-S0: x·σ(v·x) divided by the group standard deviation, then scaled and shifted.",
                 details: """
                    x is (N, C, H, W); v, gamma, beta have C values. The variance is biased, over each group's \
                    (C/G, H, W). As in the official code, a `groups` that does not divide C is lowered until it does \
                    (C = 6, groups = 4 uses 3 groups). Differentiable in every tensor argument.
                    """,
                 example: "let x = randn(2, 8, 3, 3, seed: 0)\nevonorm.s0(x, ones(8), ones(8), zeros(8), groups: 4).shape",
                 formula: #"y = \frac{x\,\sigma(v \odot x)}{\sqrt{s^2_{w,h,c/g}(x) + \epsilon}}\,\gamma + \beta"#,
                 formulaText: "y = x·σ(v⊙x) / sqrt(s²_{w,h,c/g}(x) + ε) · γ + β")
    ) { arguments, _ in
        let name = "evonorm.s0"
        let x = try nchw(arguments.variable(0), function: name)
        let channels = x.shape[1]
        let v = try channelVector(arguments.variable(1), channels: channels, function: name, name: "v")
        let gamma = try channelVector(arguments.variable(2), channels: channels, function: name, name: "gamma")
        let beta = try channelVector(arguments.variable(3), channels: channels, function: name, name: "beta")
        let groups = try PaperPrimitive.int(arguments, 4, default: 32, atLeast: 1)
        let eps = try PaperPrimitive.positive(arguments, 5, default: 1e-5)
        return try s0(x, v: v, gamma: gamma, beta: beta, groups: groups, eps: eps)
    }

    static let S0 = PaperPrimitive.layer(
        "evonorm.S0",
        [Argument("channels"), Argument("groups", .labelled, defaultText: "32"), Argument("eps", .labelled, defaultText: "1e-5"),
         Argument("nonlinearity", .labelled, defaultText: "true"), Argument("init_zero", .labelled, defaultText: "false")],
        DocEntry("EvoNorm-S0 layer with parameters v = 1, gamma = 1 (0 with init_zero: true), beta = 0, each (1, C, 1, 1).",
                 details: "`nonlinearity: false` leaves only the affine x·gamma + beta, as the official code's switch does.",
                 example: "let net = Sequential([Conv2d(3, 8, kernel_size: 3, padding: 1), evonorm.S0(8, groups: 4)])\nnet(randn(2, 3, 8, 8, seed: 1)).shape",
                 formula: #"y = \frac{x\,\sigma(v \odot x)}{\sqrt{s^2_{w,h,c/g}(x) + \epsilon}}\,\gamma + \beta"#,
                 formulaText: "y = x·σ(v⊙x) / sqrt(s²_{w,h,c/g}(x) + ε) · γ + β")
    ) { arguments, _ in
        let channels = try PaperPrimitive.int(arguments, 0, default: 0, atLeast: 1)
        let groups = try PaperPrimitive.int(arguments, 1, default: 32, atLeast: 1)
        let eps = try PaperPrimitive.positive(arguments, 2, default: 1e-5)
        let layer = try EvoNormS0(channels: channels, groups: groups, eps: eps, nonlinearity: arguments.bool(3, default: true))
        if try arguments.bool(4, default: false) { try layer.gamma.assign(Tensor.zeros([1, channels, 1, 1], dtype: .f32)) }
        return layer
    }
}

/// The EvoNorm-S0 layer: `Evonorm.s0` with learned v, γ, β.
public final class EvoNormS0: Module {
    public let channels: Int
    public let groups: Int
    public let eps: Double
    public let nonlinearity: Bool
    public let v: FolioNN.Parameter
    public let gamma: FolioNN.Parameter
    public let beta: FolioNN.Parameter

    public init(channels: Int, groups: Int, eps: Double, nonlinearity: Bool) throws {
        self.channels = channels
        self.groups = groups
        self.eps = eps
        self.nonlinearity = nonlinearity
        let shape = [1, channels, 1, 1]
        v = FolioNN.Parameter(try Tensor.ones(shape, dtype: .f32))
        gamma = FolioNN.Parameter(try Tensor.ones(shape, dtype: .f32))
        beta = FolioNN.Parameter(try Tensor.zeros(shape, dtype: .f32))
        super.init()
        register(parameter: v, named: "v")
        register(parameter: gamma, named: "gamma")
        register(parameter: beta, named: "beta")
    }

    public override var layerDescription: String { "evonorm.S0(\(channels), groups: \(groups))" }

    public override func forward(_ input: Variable) throws -> Variable {
        let x = try Evonorm.nchw(input, function: "evonorm.S0")
        guard x.shape[1] == channels else {
            throw NNError.shapeMismatch(layer: layerDescription, expected: "(N, \(channels), H, W)", got: x.shape)
        }
        return try Evonorm.s0(x, v: v.variable, gamma: gamma.variable, beta: beta.variable, groups: groups, eps: eps,
                              nonlinearity: nonlinearity)
    }
}
