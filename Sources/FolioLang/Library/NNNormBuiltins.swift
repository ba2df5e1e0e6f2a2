import FolioNN
import FolioRuntime
import FolioTensor

/// Normalisation and dropout layers (PyTorch's defaults: `eps: 1e-5`, `momentum: 0.1`).
enum NNNormBuiltins {
    typealias Argument = NNBuiltins.Argument

    static let all: [BuiltinFunction] = batchNorms + [layerNorm, groupNorm, instanceNorm, rmsNorm, dropout]

    private static let eps = Argument("eps", .labelled, defaultText: "1e-5")

    private static func batchNorm(rank: Int, example: String) -> BuiltinFunction {
        let name = "BatchNorm\(rank)d"
        let parameters = [Argument("features"), eps, Argument("momentum", .labelled, defaultText: "0.1"),
                          Argument("affine", .labelled, defaultText: "true")]
        let doc = DocEntry("Batch normalisation over axis 1 (Ioffe & Szegedy 2015): batch statistics in training, running ones in eval().",
                           details: "Fields: weight, bias (parameters), running_mean, running_var (buffers).", example: example)
        return NNBuiltins.layer(name, parameters, doc) { arguments, _ in
            let features = try NNBuiltins.size(arguments, 0)
            let (epsilon, momentum) = (try arguments.double(1, default: 1e-5), try arguments.double(2, default: 0.1))
            let affine = try arguments.bool(3, default: true)
            switch rank {
            case 1: return try BatchNorm1d(features, epsilon: epsilon, momentum: momentum, affine: affine)
            case 2: return try BatchNorm2d(features, epsilon: epsilon, momentum: momentum, affine: affine)
            default: return try BatchNorm3d(features, epsilon: epsilon, momentum: momentum, affine: affine)
            }
        }
    }

    static let batchNorms = [
        batchNorm(rank: 1, example: "let bn = BatchNorm1d(64)\nbn(randn(8, 64, seed: 0)).shape"),
        batchNorm(rank: 2, example: "BatchNorm2d(3)(randn(2, 3, 4, 4, seed: 0)).shape"),
        batchNorm(rank: 3, example: "BatchNorm3d(2)(randn(2, 2, 2, 2, 2, seed: 0)).shape"),
    ]

    static let layerNorm = NNBuiltins.layer(
        "LayerNorm", [Argument("shape"), eps, Argument("affine", .labelled, defaultText: "true")],
        DocEntry("Layer normalisation over the trailing `shape` axes (Ba et al. 2016); `shape` is an Int or an array.",
                 example: "LayerNorm(64)(randn(4, 64, seed: 0)).shape")
    ) { arguments, _ in
        try LayerNorm(arguments.ints(0, default: [1]), epsilon: arguments.double(1, default: 1e-5),
                      elementwiseAffine: arguments.bool(2, default: true))
    }

    static let groupNorm = NNBuiltins.layer(
        "GroupNorm", [Argument("groups"), Argument("channels"), eps, Argument("affine", .labelled, defaultText: "true")],
        DocEntry("Group normalisation (Wu & He 2018): channels split into `groups`, each normalised per sample.",
                 example: "GroupNorm(2, 4)(randn(2, 4, 3, seed: 0)).shape")
    ) { arguments, _ in
        try GroupNorm(groups: NNBuiltins.size(arguments, 0), channels: NNBuiltins.size(arguments, 1),
                      epsilon: arguments.double(2, default: 1e-5), affine: arguments.bool(3, default: true))
    }

    static let instanceNorm = NNBuiltins.layer(
        "InstanceNorm", [Argument("channels"), eps, Argument("affine", .labelled, defaultText: "false")],
        DocEntry("Instance normalisation (Ulyanov et al. 2016): each channel of each sample normalised over its spatial axes.",
                 example: "InstanceNorm(3)(randn(2, 3, 4, 4, seed: 0)).shape")
    ) { arguments, _ in
        try InstanceNorm(NNBuiltins.size(arguments, 0), epsilon: arguments.double(1, default: 1e-5), affine: arguments.bool(2, default: false))
    }

    static let rmsNorm = NNBuiltins.layer(
        "RMSNorm", [Argument("shape"), Argument("eps", .labelled, defaultText: "nil")],
        DocEntry("RMS normalisation (Zhang & Sennrich 2019): x / rms(x) · weight over the trailing `shape` axes.",
                 example: "RMSNorm(8)(randn(2, 8, seed: 0)).shape")
    ) { arguments, _ in
        try RMSNorm(arguments.ints(0, default: [1]), epsilon: arguments.optionalDouble(1))
    }

    static let dropout = NNBuiltins.layer(
        "Dropout", [Argument("p", defaultText: "0.5"), NNBuiltins.seedArgument],
        DocEntry("Zeroes each element with probability p in training and scales the rest by 1/(1-p); the identity in eval().",
                 example: "let drop = Dropout(0.1)\ndrop.eval()\ndrop(ones(2, 3))")
    ) { arguments, seed in
        try Dropout(arguments.double(0, default: 0.5), seed: seed)
    }
}
