import FolioAutograd
import FolioNN
import FolioRuntime
import FolioTensor

/// Weight initialisers (PyTorch's `torch.nn.init`): each takes a shape like `zeros` and a `seed:`
/// and returns a plain tensor — wrap it in `param(...)` to train it, or assign it to a layer's field.
/// Fans follow PyTorch: for `(out, in, *kernel)`, fan_in = in · prod(kernel), fan_out = out · prod(kernel).
enum NNInitBuiltins {
    typealias Argument = NNBuiltins.Argument

    static let all: [BuiltinFunction] = [kaimingUniform, kaimingNormal, xavierUniform, xavierNormal, normal, truncNormal, orthogonal]

    private static let shape = Argument("shape", .variadic)

    /// An initialiser builtin: `make` picks the `Initializer` from the labelled arguments, which
    /// follow the shape; the last parameter is `seed:`.
    private static func initializer(_ name: String, _ options: [Argument], _ summary: String, example: String,
                                    _ make: @escaping (BoundArguments) throws -> Initializer) -> BuiltinFunction {
        let parameters = [shape] + options + [NNBuiltins.seedArgument]
        return BuiltinFunction(name, parameters, doc: DocEntry(summary, example: example)) { arguments, context in
            try NNCall.run(context) {
                let initializer = try make(arguments)
                let seed = try NNBuiltins.layerSeed(arguments, parameters.count - 1, context)
                return TensorConversion.wrap(Variable(try initializer.make(try arguments.shape(), seed: seed)))
            }
        }
    }

    static let kaimingUniform = initializer(
        "kaiming_uniform", [Argument("a", .labelled, defaultText: "0")],
        "U(-b, b) with b = √(2 / (1 + a²)) · √(3 / fan_in) (He et al. 2015).", example: "kaiming_uniform(64, 2, seed: 0).shape"
    ) { .kaimingUniform(a: try $0.double(1, default: 0)) }

    static let kaimingNormal = initializer(
        "kaiming_normal", [Argument("a", .labelled, defaultText: "0")],
        "N(0, std²) with std = √(2 / (1 + a²)) / √fan_in (He et al. 2015).", example: "kaiming_normal(64, 2, seed: 0).shape"
    ) { .kaimingNormal(a: try $0.double(1, default: 0)) }

    static let xavierUniform = initializer(
        "xavier_uniform", [Argument("gain", .labelled, defaultText: "1")],
        "U(-b, b) with b = gain · √(6 / (fan_in + fan_out)) (Glorot & Bengio 2010).", example: "xavier_uniform(3, 4, seed: 0).shape"
    ) { .xavierUniform(gain: try $0.double(1, default: 1)) }

    static let xavierNormal = initializer(
        "xavier_normal", [Argument("gain", .labelled, defaultText: "1")],
        "N(0, std²) with std = gain · √(2 / (fan_in + fan_out)) (Glorot & Bengio 2010).", example: "xavier_normal(3, 4, seed: 0).shape"
    ) { .xavierNormal(gain: try $0.double(1, default: 1)) }

    static let normal = initializer(
        "normal", [Argument("mean", .labelled, defaultText: "0"), Argument("std", .labelled, defaultText: "1")],
        "N(mean, std²) samples.", example: "normal(2, 3, std: 0.02, seed: 0).shape"
    ) { .normal(mean: try $0.double(1, default: 0), std: try $0.double(2, default: 1)) }

    static let truncNormal = initializer(
        "trunc_normal",
        [Argument("mean", .labelled, defaultText: "0"), Argument("std", .labelled, defaultText: "1"),
         Argument("low", .labelled, defaultText: "-2"), Argument("high", .labelled, defaultText: "2")],
        "N(mean, std²) redrawn until inside [low, high] (PyTorch's trunc_normal_, absolute bounds).",
        example: "max(abs(trunc_normal(100, seed: 0))).item <= 2"
    ) {
        .truncatedNormal(mean: try $0.double(1, default: 0), std: try $0.double(2, default: 1),
                         low: try $0.double(3, default: -2), high: try $0.double(4, default: 2))
    }

    static let orthogonal = initializer(
        "orthogonal", [Argument("gain", .labelled, defaultText: "1")],
        "A (semi-)orthogonal matrix times gain (Saxe et al. 2013); axes after the first are flattened.",
        example: "let q = orthogonal(3, 3, seed: 0)\nmax(abs(q @ q.T - eye(3))).item < 1e-5"
    ) { .orthogonal(gain: try $0.double(1, default: 1)) }
}
