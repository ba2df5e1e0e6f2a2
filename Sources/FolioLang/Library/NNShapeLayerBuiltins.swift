import FolioNN
import FolioRuntime
import FolioTensor

/// Layers without weights — pooling, resampling, reshaping, activations — and the containers
/// `Sequential` and `ModuleList`.
enum NNShapeLayerBuiltins {
    typealias Argument = NNBuiltins.Argument

    static let all: [BuiltinFunction] = pools + [adaptiveAvgPool(rank: 1), adaptiveAvgPool(rank: 2), upsample, flatten, identity,
                                                 sequential, moduleList] + activations

    private static func pool(_ kind: Pool.Kind, rank: Int) -> BuiltinFunction {
        let name = (kind == .max ? "MaxPool" : "AvgPool") + "\(rank)d"
        let shape = (rank == 1 ? "ones(1, 1, 4)" : rank == 2 ? "ones(1, 1, 4, 4)" : "ones(1, 1, 2, 2, 2)")
        let doc = DocEntry("\(kind == .max ? "Maximum" : "Mean") over windows of the \(rank) trailing axes; stride defaults to the kernel.",
                           example: "\(name)(2)(\(shape)).shape")
        let parameters = [Argument("kernel_size"), Argument("stride", .labelled, defaultText: "nil"),
                          Argument("padding", .labelled, defaultText: "0")]
        return NNBuiltins.layer(name, parameters, doc) { arguments, _ in
            let stride = arguments[1]?.isNone == false ? try arguments.ints(1, default: []) : nil
            return try Pool(kind, spatialRank: rank, kernel: arguments.ints(0, default: [1]), stride: stride,
                            padding: arguments.ints(2, default: [0]))
        }
    }

    static let pools = [pool(.max, rank: 1), pool(.max, rank: 2), pool(.max, rank: 3),
                        pool(.average, rank: 1), pool(.average, rank: 2), pool(.average, rank: 3)]

    private static func adaptiveAvgPool(rank: Int) -> BuiltinFunction {
        let example = rank == 1 ? "AdaptiveAvgPool1d(1)(ones(2, 3, 8)).shape" : "AdaptiveAvgPool2d(1)(ones(2, 3, 8, 8)).shape"
        return NNBuiltins.layer("AdaptiveAvgPool\(rank)d", [Argument("output_size")],
                                DocEntry("Averages into a fixed output size (an Int or one per axis), whatever the input size.", example: example)) { arguments, _ in
            let size = try arguments.ints(0, default: [1])
            return AdaptiveAvgPool(size.count == 1 ? Array(repeating: size[0], count: rank) : size)
        }
    }

    static let upsample = NNBuiltins.layer(
        "Upsample", [Argument("scale", .labelled, defaultText: "nil"), Argument("size", .labelled, defaultText: "nil"),
                     Argument("mode", .labelled, defaultText: "\"nearest\"")],
        DocEntry("Resizes the spatial axes by an integer `scale:` or to `size:`, nearest or \"linear\" (bi/trilinear).",
                 example: "Upsample(scale: 2)(ones(1, 1, 2, 2)).shape")
    ) { arguments, _ in
        let linear = try arguments.string(2, default: "nearest") == "linear"
        if let size = arguments[1], !size.isNone { return Upsample(size: try arguments.ints(1, default: []), linear: linear) }
        guard let scale = arguments[0], !scale.isNone else { throw FolioError(.TypeError, "Upsample() needs scale: or size:") }
        return Upsample(scale: try arguments.ints(0, default: [2]), linear: linear)
    }

    static let flatten = NNBuiltins.layer(
        "Flatten", [Argument("start", .labelled, defaultText: "1"), Argument("end", .labelled, defaultText: "-1")],
        DocEntry("Merges axes start...end into one (by default all but the batch axis).", example: "Flatten()(ones(2, 3, 4)).shape")
    ) { arguments, _ in
        Flatten(startAxis: try arguments.int(0, default: 1), endAxis: try arguments.int(1, default: -1))
    }

    static let identity = NNBuiltins.layer("Identity", [], DocEntry("Returns its input (a placeholder layer).",
                                                                   example: "Identity()(ones(2))")) { _, _ in Identity() }

    static let sequential = BuiltinFunction(
        "Sequential", [Argument("layers", .variadic)],
        doc: DocEntry("Layers applied in order; children are named 0, 1, ... (net[0], and 0.weight in saved weights).",
                      example: "let net = Sequential([Linear(2, 8), ReLU(), Linear(8, 1)])\nnet(ones(4, 2)).shape")
    ) { arguments, _ in
        let layers = try NNBuiltins.layerList(arguments)
        return .native(ModuleObject(Sequential(layers.map(\.module)), typeName: "Sequential", children: layers))
    }

    static let moduleList = BuiltinFunction(
        "ModuleList", [Argument("layers", .variadic)],
        doc: DocEntry("Holds layers (so their parameters are collected) without calling them; index with list[i], iterate with for.",
                      example: "let blocks = ModuleList([Linear(4, 4), Linear(4, 4)])\nblocks[1](ones(1, 4)).shape")
    ) { arguments, _ in
        let layers = try NNBuiltins.layerList(arguments)
        return .native(ModuleObject(ModuleList(layers.map(\.module)), typeName: "ModuleList", children: layers))
    }

    /// An activation layer; `make` reads its options from the arguments.
    private static func activation(_ name: String, options parameters: [Argument] = [], _ summary: String,
                                   _ make: @escaping (BoundArguments) throws -> Module) -> BuiltinFunction {
        let example = "\(name)()(tensor([-1.0, 0.0, 2.0]))"
        return NNBuiltins.layer(name, parameters, DocEntry(summary + " As a layer.", example: example)) { arguments, _ in
            try make(arguments)
        }
    }

    static let activations: [BuiltinFunction] = [
        activation("ReLU", "max(x, 0).") { _ in ReLU() },
        activation("GELU", "x Φ(x) (Hendrycks & Gimpel 2016).") { _ in GELU() },
        activation("SiLU", "x σ(x), also called swish.") { _ in SiLU() },
        activation("Tanh", "tanh(x).") { _ in Tanh() },
        activation("Sigmoid", "1 / (1 + e^-x).") { _ in Sigmoid() },
        activation("Softplus", options: [Argument("beta", .labelled, defaultText: "1"), Argument("threshold", .labelled, defaultText: "20")],
                   "log(1 + e^(βx)) / β, linear above the threshold.") {
            Softplus(beta: try $0.double(0, default: 1), threshold: try $0.double(1, default: 20))
        },
        activation("LeakyReLU", options: [Argument("slope", defaultText: "0.01")], "x for x ≥ 0, slope · x below.") {
            LeakyReLU(negativeSlope: try $0.double(0, default: 0.01))
        },
        activation("ELU", options: [Argument("alpha", defaultText: "1")], "x for x > 0, α (eˣ - 1) below.") { ELU(alpha: try $0.double(0, default: 1)) },
        activation("Softmax", options: [Argument("axis", .labelled, defaultText: "-1")], "exp(x) / sum(exp(x)) along an axis.") {
            Softmax(axis: try $0.int(0, default: -1))
        },
        activation("LogSoftmax", options: [Argument("axis", .labelled, defaultText: "-1")], "log(softmax(x)) along an axis, computed stably.") {
            LogSoftmax(axis: try $0.int(0, default: -1))
        },
    ]
}
