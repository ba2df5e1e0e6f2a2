import FolioNN
import FolioRuntime
import FolioTensor

/// Layers with weights: linear, convolutions, embedding, attention (PyTorch's signatures, with
/// Swift labels: `Conv2d(3, 16, kernel_size: 3, padding: 1)`).
enum NNLayerBuiltins {
    typealias Argument = NNBuiltins.Argument

    static let all: [BuiltinFunction] = [linear, embedding, multiheadAttention, transformerEncoderLayer]
        + convolutions

    private static let bias = Argument("bias", .labelled, defaultText: "true")
    private static let seed = NNBuiltins.seedArgument

    static let linear = NNBuiltins.layer(
        "Linear", [Argument("in_features"), Argument("out_features"), bias, seed],
        DocEntry("y = x Wᵀ + b over the last axis; W is (out, in), initialised as PyTorch's U(-1/√in, 1/√in).",
                 details: "Fields: weight, bias (assignable, shape-checked).",
                 example: "let layer = Linear(2, 3, seed: 0)\nlayer(ones(4, 2)).shape")
    ) { arguments, seed in
        try Linear(NNBuiltins.size(arguments, 0), NNBuiltins.size(arguments, 1), bias: arguments.bool(2, default: true), seed: seed)
    }

    /// The arguments every convolution shares, after the two channel counts.
    private static func convolutionArguments(transposed: Bool) -> [Argument] {
        var arguments = [Argument("in_channels"), Argument("out_channels"), Argument("kernel_size", .labelled),
                         Argument("stride", .labelled, defaultText: "1"), Argument("padding", .labelled, defaultText: "0")]
        if transposed { arguments.append(Argument("output_padding", .labelled, defaultText: "0")) }
        return arguments + [Argument("dilation", .labelled, defaultText: "1"), Argument("groups", .labelled, defaultText: "1"), bias, seed]
    }

    /// `Conv{rank}d` or `ConvTranspose{rank}d`; sizes are one Int or one per spatial axis.
    private static func convolution(rank: Int, transposed: Bool, example: String) -> BuiltinFunction {
        let name = (transposed ? "ConvTranspose" : "Conv") + "\(rank)d"
        let summary = transposed
            ? "\(rank)-d transposed convolution over (N, C, \(rank == 2 ? "H, W" : "D, H, W")) (PyTorch nn.\(name)); weight is (in, out / groups, *kernel)."
            : "\(rank)-d convolution over (N, C, \(["L", "H, W", "D, H, W"][rank - 1])) (PyTorch nn.\(name)); weight is (out, in / groups, *kernel)."
        let parameters = convolutionArguments(transposed: transposed)
        return NNBuiltins.layer(name, parameters, DocEntry(summary, details: "Fields: weight, bias.", example: example)) { arguments, seed in
            let shift = transposed ? 1 : 0
            let (input, output) = (try NNBuiltins.size(arguments, 0), try NNBuiltins.size(arguments, 1))
            let kernel = try arguments.ints(2, default: [1]), stride = try arguments.ints(3, default: [1])
            let padding = try arguments.ints(4, default: [0])
            let outputPadding = transposed ? try arguments.ints(5, default: [0]) : [0]
            let dilation = try arguments.ints(5 + shift, default: [1])
            let groups = try arguments.int(6 + shift, default: 1), bias = try arguments.bool(7 + shift, default: true)
            return try ConvolutionLayer(spatialRank: rank, transposed: transposed, input, output, kernel: kernel,
                                        stride: stride, padding: padding, outputPadding: outputPadding, dilation: dilation,
                                        groups: groups, bias: bias, dtype: .f32, seed: seed)
        }
    }

    static let convolutions: [BuiltinFunction] = [
        convolution(rank: 1, transposed: false, example: "Conv1d(2, 4, kernel_size: 3, padding: 1)(ones(1, 2, 8)).shape"),
        convolution(rank: 2, transposed: false, example: "Conv2d(3, 16, kernel_size: 3, stride: 1, padding: 1)(ones(1, 3, 8, 8)).shape"),
        convolution(rank: 3, transposed: false, example: "Conv3d(1, 2, kernel_size: 2)(ones(1, 1, 3, 3, 3)).shape"),
        convolution(rank: 2, transposed: true, example: "ConvTranspose2d(4, 2, kernel_size: 2, stride: 2)(ones(1, 4, 3, 3)).shape"),
        convolution(rank: 3, transposed: true, example: "ConvTranspose3d(2, 1, kernel_size: 2, stride: 2)(ones(1, 2, 2, 2, 2)).shape"),
    ]

    static let embedding = NNBuiltins.layer(
        "Embedding", [Argument("count"), Argument("dim"), seed],
        DocEntry("A lookup table of `count` vectors of size `dim`, indexed by Int tensors; weight ~ N(0, 1).",
                 example: "let emb = Embedding(100, 16, seed: 0)\nemb(tensor([[1, 2, 3]])).shape")
    ) { arguments, seed in
        try Embedding(NNBuiltins.size(arguments, 0), NNBuiltins.size(arguments, 1), seed: seed)
    }

    static let multiheadAttention = NNBuiltins.layer(
        "MultiheadAttention", [Argument("dim"), Argument("heads", .labelled), Argument("dropout", .labelled, defaultText: "0.0"), seed],
        DocEntry("Multi-head self-attention over (N, L, dim) (Vaswani et al. 2017; PyTorch's batch-first layout and parameter names).",
                 example: "let attention = MultiheadAttention(32, heads: 4, seed: 0)\nattention(randn(2, 5, 32, seed: 1)).shape")
    ) { arguments, seed in
        try MultiheadAttention(embedDimension: NNBuiltins.size(arguments, 0), heads: NNBuiltins.size(arguments, 1),
                               dropout: arguments.double(2, default: 0), seed: seed)
    }

    static let transformerEncoderLayer = NNBuiltins.layer(
        "TransformerEncoderLayer",
        [Argument("dim"), Argument("heads", .labelled), Argument("ff", .labelled, defaultText: "2048"),
         Argument("dropout", .labelled, defaultText: "0.1"), Argument("activation", .labelled, defaultText: "\"relu\""),
         Argument("norm_first", .labelled, defaultText: "false"), seed],
        DocEntry("A Transformer encoder block: self-attention and a feed-forward net, each with residual and LayerNorm (PyTorch's layer, batch first).",
                 details: "`activation:` is \"relu\" or \"gelu\"; `norm_first: true` gives the pre-norm variant.",
                 example: "let block = TransformerEncoderLayer(32, heads: 4, ff: 64, seed: 0)\nblock(randn(2, 5, 32, seed: 1)).shape")
    ) { arguments, seed in
        let activationName = try arguments.string(4, default: "relu")
        let activation: Activation
        switch activationName {
        case "relu": activation = ReLU()
        case "gelu": activation = GELU()
        default: throw FolioError(.ValueError, "TransformerEncoderLayer(activation:) must be \"relu\" or \"gelu\", got \"\(activationName)\"")
        }
        return try TransformerEncoderLayer(modelDimension: NNBuiltins.size(arguments, 0), heads: NNBuiltins.size(arguments, 1),
                                           feedForwardDimension: NNBuiltins.size(arguments, 2), dropout: arguments.double(3, default: 0.1),
                                           activation: activation, normFirst: arguments.bool(5, default: false), seed: seed)
    }
}
