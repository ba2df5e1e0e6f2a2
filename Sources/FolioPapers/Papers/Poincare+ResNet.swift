import FolioAutograd
import FolioNN
import FolioRuntime
import FolioTensor

/// `poincare.ResNet`: the official hyperbolic.py network built from the Poincaré layers.
extension Poincare {
    static let resnetLayer = PaperPrimitive.layer(
        "poincare.ResNet",
        [Argument("classes"), Argument("channels", .labelled, defaultText: "[16, 32, 64]"),
         Argument("depths", .labelled, defaultText: "[3, 3, 3]"), Argument("c", .labelled, defaultText: "0.1"),
         Argument("act", .labelled, defaultText: "\"relu\""), PaperPrimitive.seedArgument],
        doc("Poincaré ResNet (default: ResNet-20) on NCHW images with 3 channels, returning tangent logits (N, classes).",
            "let net = poincare.ResNet(10, channels: [4, 8, 8], depths: [1, 1, 1])\nnet(randn(2, 3, 8, 8, seed: 0)).shape",
            #"\text{conv}_{3\times3} \to \text{BN} \to \sigma \to 3 \times [\text{blocks}] \to \text{avgpool} \to \text{Linear}"#,
            "conv3×3 → BN → act → 3 groups of residual blocks (strides 1, 2, 2) → global average → Poincaré Linear",
            details: """
                Blocks are conv3×3 → BN → act → conv3×3 → BN → Möbius skip (fr) → act, a 1×1 Poincaré conv downsampling the \
                skip where the stride is 2; every layer starts at its identity initialisation. As in the official code the \
                skip's Möbius addition runs along the last (width) axis. act: "relu", "gelu" or "none". The final \
                pooling averages the whole map (the official AvgPool2d(8) on 32×32 inputs).
                """)
    ) { arguments, seed in
        let classes = try PaperPrimitive.int(arguments, 0, default: 0, within: 1...8192)
        let channels = try arguments.ints(1, default: [16, 32, 64])
        let depths = try arguments.ints(2, default: [3, 3, 3])
        guard channels.count == 3, depths.count == 3, channels.allSatisfy({ (1...1024).contains($0) }),
              depths.allSatisfy({ (1...64).contains($0) }) else {
            throw FolioError(.ValueError, "poincare.ResNet: channels and depths need 3 entries each (channels 1...1024, depths 1...64), got \(channels), \(depths)")
        }
        let act = try arguments.string(4, default: "relu")
        guard ["relu", "gelu", "none"].contains(act) else {
            throw FolioError(.ValueError, "poincare.ResNet: act must be \"relu\", \"gelu\" or \"none\", got \"\(act)\"")
        }
        return try PoincareResNet(classes: classes, channels: channels, depths: depths, c: curvature(arguments, 3, default: 0.1),
                                  activation: act, seed: seed)
    }

    static func activate(_ x: Variable, _ name: String) throws -> Variable {
        switch name {
        case "relu": return try x.relu()
        case "gelu": return try x.gelu()
        default: return x
        }
    }
}

/// One residual block of hyperbolic.py: conv → BN → act → conv → BN → Möbius skip → act.
public final class PoincareResidualBlock: Module {
    let activation: String
    let c: Double
    let conv1: PoincareConv2d, bn1: PoincareBatchNorm2d, conv2: PoincareConv2d, bn2: PoincareBatchNorm2d
    let downsample: PoincareConv2d?

    init(inChannels: Int, outChannels: Int, stride: Int, c: Double, activation: String, seed: UInt64, dtype: DType) throws {
        self.activation = activation
        self.c = c
        conv1 = try PoincareConv2d(inChannels: inChannels, outChannels: outChannels, kernel: 3, stride: stride, padding: 1, c: c,
                                   identity: true, seed: seed, dtype: dtype)
        bn1 = PoincareBatchNorm2d(channels: outChannels, c: c, dtype: dtype)
        conv2 = try PoincareConv2d(inChannels: outChannels, outChannels: outChannels, kernel: 3, stride: 1, padding: 1, c: c,
                                   identity: true, seed: seed &+ 1, dtype: dtype)
        bn2 = PoincareBatchNorm2d(channels: outChannels, c: c, dtype: dtype)
        downsample = stride == 1 ? nil : try PoincareConv2d(inChannels: inChannels, outChannels: outChannels, kernel: 1,
                                                            stride: stride, padding: 0, c: c, identity: true, seed: seed &+ 2,
                                                            dtype: dtype)
        super.init()
        register(child: conv1, named: "conv1")
        register(child: bn1, named: "bn1")
        register(child: conv2, named: "conv2")
        register(child: bn2, named: "bn2")
        if let downsample { register(child: downsample, named: "downsample") }
    }

    public override var layerDescription: String { "poincare.ResidualBlock(\(conv1.inChannels), \(conv1.outChannels), stride: \(conv1.stride))" }

    public override func forward(_ input: Variable) throws -> Variable {
        let hidden = try Poincare.activate(bn1(conv1(input)), activation)
        let branch = try bn2(conv2(hidden))
        let skip = try downsample.map { try $0(input) } ?? input
        // Official hyperbolic.py: expmap0/mobius_add/logmap0 with dim=-1 on NCHW maps, i.e. along the width axis.
        return try Poincare.activate(Poincare.residual(branch, skip, c: c, order: "fr"), activation)
    }
}

/// `poincare.ResNet`: stem, three groups of residual blocks, global average, Poincaré Linear.
public final class PoincareResNet: Module {
    let activation: String
    let stem: PoincareConv2d, stemNorm: PoincareBatchNorm2d
    let groups: [Sequential]
    let head: PoincareLinear

    public init(classes: Int, channels: [Int], depths: [Int], c: Double, activation: String, seed: UInt64?, dtype: DType = .f32) throws {
        self.activation = activation
        var next = SeedSource.next(seed)
        func draw() -> UInt64 { next = next &+ 3; return next }
        stem = try PoincareConv2d(inChannels: 3, outChannels: channels[0], kernel: 3, stride: 1, padding: 1, c: c, identity: true,
                                  seed: draw(), dtype: dtype)
        stemNorm = PoincareBatchNorm2d(channels: channels[0], c: c, dtype: dtype)
        var made: [Sequential] = []
        var inChannels = channels[0]
        for (index, (width, depth)) in zip(channels, depths).enumerated() {
            var blocks: [Module] = []
            for position in 0..<depth {
                let stride = index > 0 && position == 0 ? 2 : 1
                blocks.append(try PoincareResidualBlock(inChannels: inChannels, outChannels: width, stride: stride, c: c,
                                                        activation: activation, seed: draw(), dtype: dtype))
                inChannels = width
            }
            made.append(Sequential(blocks))
        }
        groups = made
        head = try PoincareLinear(inputs: channels[2], outputs: classes, c: c, identity: true, bias: true, seed: draw(), dtype: dtype)
        super.init()
        register(child: stem, named: "conv")
        register(child: stemNorm, named: "bn")
        for (index, group) in groups.enumerated() { register(child: group, named: "group\(index + 1)") }
        register(child: head, named: "fc")
    }

    public override var layerDescription: String { "poincare.ResNet(classes: \(head.outputs))" }

    public override func forward(_ input: Variable) throws -> Variable {
        guard input.rank == 4, input.shape[1] == 3 else {
            throw NNError.shapeMismatch(layer: layerDescription, expected: "(N, 3, H, W)", got: input.shape)
        }
        var x = try Poincare.activate(stemNorm(stem(input)), activation)
        for group in groups { x = try group(x) }
        let pooled = try x.mean(axes: [2, 3])
        return try head(pooled)
    }
}
