import FolioAutograd
import FolioNN
import FolioRuntime
import FolioTensor

/// Seeds for the sublayers of one layer: the layer's seed, then golden-ratio steps from it.
struct InceptionNeXtSeeds {
    private var current: UInt64

    init(_ seed: UInt64) { current = seed }

    mutating func next() -> UInt64 {
        current = current &+ 0x9E37_79B9_7F4A_7C15
        return current
    }
}

/// `InceptionDWConv2d`: three depthwise convolutions (children dwconv_hw, dwconv_w, dwconv_h, as in the
/// official state dict) on three groups of gc channels; the other C − 3gc channels pass through.
public final class InceptionDWConv2d: Module {
    public let channels: Int
    public let squareKernel: Int
    public let bandKernel: Int
    public let branchRatio: Double
    public let branchChannels: Int
    public let squareConv: Conv2d
    public let widthConv: Conv2d
    public let heightConv: Conv2d

    public init(channels: Int, squareKernel: Int = 3, bandKernel: Int = 11, branchRatio: Double = 0.125, dtype: DType = .f32, seed: UInt64) throws {
        let name = "incnext.InceptionDWConv2d"
        let gc = try InceptionNeXt.branchChannels(channels: channels, branchRatio: branchRatio, function: name)
        let square = try InceptionNeXt.oddKernel(squareKernel, name: "square_kernel", function: name)
        let band = try InceptionNeXt.oddKernel(bandKernel, name: "band_kernel", function: name)
        (self.channels, self.squareKernel, self.bandKernel, self.branchRatio, branchChannels) = (channels, square, band, branchRatio, gc)
        var seeds = InceptionNeXtSeeds(seed)
        squareConv = try Conv2d(gc, gc, kernel: [square, square], padding: [square / 2, square / 2], groups: gc, dtype: dtype, seed: seeds.next())
        widthConv = try Conv2d(gc, gc, kernel: [1, band], padding: [0, band / 2], groups: gc, dtype: dtype, seed: seeds.next())
        heightConv = try Conv2d(gc, gc, kernel: [band, 1], padding: [band / 2, 0], groups: gc, dtype: dtype, seed: seeds.next())
        super.init()
        register(child: squareConv, named: "dwconv_hw")
        register(child: widthConv, named: "dwconv_w")
        register(child: heightConv, named: "dwconv_h")
    }

    public override var layerDescription: String {
        "incnext.InceptionDWConv2d(\(channels), square_kernel: \(squareKernel), band_kernel: \(bandKernel), branch_ratio: \(branchRatio))"
    }

    public override func forward(_ input: Variable) throws -> Variable {
        guard input.rank == 4, input.shape[1] == channels else {
            throw NNError.shapeMismatch(layer: layerDescription, expected: "(N, \(channels), H, W)", got: input.shape)
        }
        let weights = try InceptionNeXt.BranchWeights(
            square: squareConv.weight.variable, squareBias: bias(squareConv), width: widthConv.weight.variable, widthBias: bias(widthConv),
            height: heightConv.weight.variable, heightBias: bias(heightConv))
        return try InceptionNeXt.inceptionDWConv(input, weights, squareKernel: squareKernel, bandKernel: bandKernel,
                                                 branchRatio: branchRatio, function: "incnext.InceptionDWConv2d")
    }

    private func bias(_ conv: Conv2d) throws -> Variable {
        guard let bias = conv.bias else { throw NNError.notImplemented("\(layerDescription) lost a bias") }
        return bias.variable
    }
}

/// `ConvMlp`: fc1 (1×1 conv, C → hidden) → GELU → fc2 (1×1 conv, hidden → C).
public final class ConvMlp: Module {
    public let fc1: Conv2d
    public let fc2: Conv2d

    public init(channels: Int, hidden: Int, dtype: DType = .f32, seed: UInt64) throws {
        var seeds = InceptionNeXtSeeds(seed)
        fc1 = try Conv2d(channels, hidden, kernel: [1, 1], dtype: dtype, seed: seeds.next())
        fc2 = try Conv2d(hidden, channels, kernel: [1, 1], dtype: dtype, seed: seeds.next())
        super.init()
        register(child: fc1, named: "fc1")
        register(child: fc2, named: "fc2")
    }

    public override var layerDescription: String { "ConvMlp(\(fc1.inputChannels) → \(fc1.outputChannels) → \(fc2.outputChannels))" }

    public override func forward(_ input: Variable) throws -> Variable {
        try fc2(fc1(input).gelu())
    }
}

/// `MetaNeXtBlock`: x + γ ⊙ mlp(norm(token_mixer(x))), children token_mixer, norm (BatchNorm2d), mlp (ConvMlp)
/// and the parameter gamma (C), as in the official state dict.
public final class MetaNeXtBlock: Module {
    public let dim: Int
    public let mixer: Module
    public let norm: BatchNorm2d
    public let mlp: ConvMlp
    public let gamma: FolioNN.Parameter?

    public init(dim: Int, mlpRatio: Double = 4, layerScaleInit: Double = 1e-6, mixer: Module? = nil, dtype: DType = .f32,
                seed: UInt64) throws {
        let name = "incnext.MetaNeXtBlock"
        let hiddenValue = mlpRatio * Double(dim)
        guard dim >= 1, mlpRatio > 0, hiddenValue >= 1, hiddenValue < Double(Int32.max) else {
            throw FolioError(.ValueError, "\(name): dim and mlp_ratio·dim must be at least 1 (dim = \(dim), mlp_ratio = \(mlpRatio))")
        }
        var seeds = InceptionNeXtSeeds(seed)
        self.dim = dim
        self.mixer = try mixer ?? InceptionDWConv2d(channels: dim, dtype: dtype, seed: seeds.next())
        norm = try BatchNorm2d(dim, dtype: dtype)
        mlp = try ConvMlp(channels: dim, hidden: Int(hiddenValue), dtype: dtype, seed: seeds.next())
        gamma = layerScaleInit == 0 ? nil : FolioNN.Parameter(try Tensor.full(shape: [dim], value: layerScaleInit, dtype: dtype))
        super.init()
        register(child: self.mixer, named: "token_mixer")
        register(child: norm, named: "norm")
        register(child: mlp, named: "mlp")
        if let gamma { register(parameter: gamma, named: "gamma") }
    }

    public override var layerDescription: String { "incnext.MetaNeXtBlock(\(dim))" }

    public override func forward(_ input: Variable) throws -> Variable {
        guard input.rank == 4, input.shape[1] == dim else {
            throw NNError.shapeMismatch(layer: layerDescription, expected: "(N, \(dim), H, W)", got: input.shape)
        }
        let branch = try mlp(norm(mixer(input)))
        guard let gamma else { return try input + branch }
        return try input + branch * gamma.variable.reshape([1, dim, 1, 1])
    }
}

/// `MlpHead`: global average pool → fc1 (Linear) → GELU → norm (LayerNorm, eps 1e-6) → fc2 (Linear).
public final class MlpHead: Module {
    public let fc1: Linear
    public let norm: LayerNorm
    public let fc2: Linear

    public init(dim: Int, classes: Int, mlpRatio: Double = 3, dtype: DType = .f32, seed: UInt64) throws {
        let hiddenValue = mlpRatio * Double(dim)
        guard dim >= 1, classes >= 1, mlpRatio > 0, hiddenValue >= 1, hiddenValue < Double(Int32.max) else {
            throw FolioError(.ValueError, "incnext.MlpHead: dim, classes and mlp_ratio·dim must be at least 1 (dim = \(dim), classes = \(classes), mlp_ratio = \(mlpRatio))")
        }
        var seeds = InceptionNeXtSeeds(seed)
        fc1 = try Linear(dim, Int(hiddenValue), dtype: dtype, seed: seeds.next())
        norm = try LayerNorm(Int(hiddenValue), epsilon: 1e-6, dtype: dtype)
        fc2 = try Linear(Int(hiddenValue), classes, dtype: dtype, seed: seeds.next())
        super.init()
        register(child: fc1, named: "fc1")
        register(child: norm, named: "norm")
        register(child: fc2, named: "fc2")
    }

    public override var layerDescription: String { "incnext.MlpHead(\(fc1.inputFeatures), classes: \(fc2.outputFeatures))" }

    public override func forward(_ input: Variable) throws -> Variable {
        guard input.rank == 4, input.shape[1] == fc1.inputFeatures else {
            throw NNError.shapeMismatch(layer: layerDescription, expected: "(N, \(fc1.inputFeatures), H, W)", got: input.shape)
        }
        return try fc2(norm(fc1(input.mean(axes: [2, 3])).gelu()))
    }
}

/// `MetaNeXtStage`: an optional downsample (BatchNorm2d + 2×2 stride-2 conv) then `depth` blocks.
public final class MetaNeXtStage: Module {
    public let downsample: Sequential?
    public let blocks: Sequential

    init(inputChannels: Int, outputChannels: Int, downsampling: Bool, depth: Int, mlpRatio: Double,
         configuration: InceptionNeXtModel.Configuration, seeds: inout InceptionNeXtSeeds) throws {
        downsample = downsampling
            ? Sequential([try BatchNorm2d(inputChannels), try Conv2d(inputChannels, outputChannels, kernel: [2, 2], stride: [2, 2], seed: seeds.next())])
            : nil
        var layers: [Module] = []
        for _ in 0..<depth {
            let mixer = try InceptionDWConv2d(channels: outputChannels, squareKernel: configuration.squareKernel,
                                              bandKernel: configuration.bandKernel, branchRatio: configuration.branchRatio, seed: seeds.next())
            layers.append(try MetaNeXtBlock(dim: outputChannels, mlpRatio: mlpRatio, layerScaleInit: configuration.layerScaleInit,
                                            mixer: mixer, seed: seeds.next()))
        }
        blocks = Sequential(layers)
        super.init()
        if let downsample { register(child: downsample, named: "downsample") }
        register(child: blocks, named: "blocks")
    }

    public override func forward(_ input: Variable) throws -> Variable {
        try blocks(downsample.map { try $0(input) } ?? input)
    }
}

/// `MetaNeXt` with Inception depthwise mixers: stem → stages → head.
public final class InceptionNeXtModel: Module {
    public struct Configuration {
        public var depths: [Int]
        public var dims: [Int]
        public var squareKernel = 3
        public var bandKernel = 11
        public var branchRatio = 0.125
        public var mlpRatios: [Double] = [4, 4, 4, 3]
        public var layerScaleInit = 1e-6

        public init(depths: [Int], dims: [Int], squareKernel: Int = 3, bandKernel: Int = 11, branchRatio: Double = 0.125,
                    mlpRatios: [Double] = [4, 4, 4, 3], layerScaleInit: Double = 1e-6) {
            (self.depths, self.dims, self.squareKernel, self.bandKernel) = (depths, dims, squareKernel, bandKernel)
            (self.branchRatio, self.mlpRatios, self.layerScaleInit) = (branchRatio, mlpRatios, layerScaleInit)
        }

        /// The factories `inceptionnext_atto/tiny/small/base`.
        public static func variant(_ name: String) -> Configuration? {
            switch name {
            case "atto": return Configuration(depths: [2, 2, 6, 2], dims: [40, 80, 160, 320], bandKernel: 9, branchRatio: 0.25)
            case "tiny": return Configuration(depths: [3, 3, 9, 3], dims: [96, 192, 384, 768])
            case "small": return Configuration(depths: [3, 3, 27, 3], dims: [96, 192, 384, 768])
            case "base": return Configuration(depths: [3, 3, 27, 3], dims: [128, 256, 512, 1024])
            default: return nil
            }
        }

        public static let variants = ["atto", "tiny", "small", "base"]
    }

    public let configuration: Configuration
    public let stem: Sequential
    public let stages: Sequential
    public let head: MlpHead

    public init(_ configuration: Configuration, classes: Int, inputChannels: Int, seed: UInt64) throws {
        let name = "incnext.InceptionNeXt"
        let (depths, dims) = (configuration.depths, configuration.dims)
        guard !dims.isEmpty, depths.count == dims.count, configuration.mlpRatios.count == dims.count else {
            throw FolioError(.ValueError, "\(name): depths, dims (and mlp ratios) need one entry per stage, got \(depths.count) and \(dims.count)")
        }
        guard depths.allSatisfy({ $0 >= 0 && $0 < 1000 }), dims.allSatisfy({ $0 >= 1 && $0 < 1 << 20 }), inputChannels >= 1 else {
            throw FolioError(.ValueError, "\(name): depths must be ≥ 0, dims and in_chans ≥ 1")
        }
        self.configuration = configuration
        var seeds = InceptionNeXtSeeds(seed)
        stem = Sequential([try Conv2d(inputChannels, dims[0], kernel: [4, 4], stride: [4, 4], seed: seeds.next()), try BatchNorm2d(dims[0])])
        var stageModules: [Module] = []
        for index in dims.indices {
            stageModules.append(try MetaNeXtStage(inputChannels: dims[max(index - 1, 0)], outputChannels: dims[index], downsampling: index > 0,
                                                  depth: depths[index], mlpRatio: configuration.mlpRatios[index],
                                                  configuration: configuration, seeds: &seeds))
        }
        stages = Sequential(stageModules)
        head = try MlpHead(dim: dims[dims.count - 1], classes: classes, mlpRatio: 3, seed: seeds.next())
        super.init()
        register(child: stem, named: "stem")
        register(child: stages, named: "stages")
        register(child: head, named: "head")
        try InceptionNeXtModel.initializeWeights(self, seeds: &seeds)
    }

    /// `MetaNeXt._init_weights`: trunc-normal(std .02) weights and zero biases for every conv and linear layer.
    static func initializeWeights(_ module: Module, seeds: inout InceptionNeXtSeeds) throws {
        if module is Conv2d || module is Linear, let weight = module.parameter(named: "weight") {
            try weight.assign(Initializer.truncatedNormal(mean: 0, std: 0.02, low: -2, high: 2).make(weight.shape, dtype: weight.dtype, seed: seeds.next()))
            if let bias = module.parameter(named: "bias") { try bias.assign(Tensor.zeros(bias.shape, dtype: bias.dtype)) }
        }
        for child in module.children { try initializeWeights(child.module, seeds: &seeds) }
    }

    public override var layerDescription: String {
        "incnext.InceptionNeXt(depths: \(configuration.depths), dims: \(configuration.dims))"
    }

    public override func forward(_ input: Variable) throws -> Variable {
        guard input.rank == 4, input.shape[1] == stem[0].parameter(named: "weight")?.shape[1] ?? input.shape[1] else {
            throw NNError.shapeMismatch(layer: layerDescription, expected: "(N, in_chans, H, W)", got: input.shape)
        }
        return try head(stages(stem(input)))
    }
}
