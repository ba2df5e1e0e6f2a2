import FolioAutograd
import FolioNN
import FolioRuntime
import FolioTensor

/// The layer builtins of `evonorm`: S0 and B0.
extension Evonorm {
    static let S0 = PaperPrimitive.layer(
        "evonorm.S0",
        [Argument("channels"), Argument("groups", .labelled, defaultText: "32"), Argument("eps", .labelled, defaultText: "1e-5"),
         Argument("nonlinearity", .labelled, defaultText: "true"), Argument("init_zero", .labelled, defaultText: "false")],
        DocEntry("EvoNorm-S0 layer with parameters v = 1, gamma = 1 (0 with init_zero: true), beta = 0, each (1, C, 1, 1).",
                 details: "`nonlinearity: false` leaves only the affine x·gamma + beta, as the official code's switch does. \(groupsNotice)",
                 example: "let net = Sequential([Conv2d(3, 8, kernel_size: 3, padding: 1), evonorm.S0(8, groups: 4)])\nnet(randn(2, 3, 8, 8, seed: 1)).shape",
                 formula: s0Formula, formulaText: s0FormulaText)
    ) { arguments, _ in
        let channels = try PaperPrimitive.int(arguments, 0, default: 0, atLeast: 1)
        let groups = try PaperPrimitive.int(arguments, 1, default: 32, atLeast: 1)
        let eps = try PaperPrimitive.positive(arguments, 2, default: 1e-5)
        let layer = try EvoNormS0(channels: channels, groups: groups, eps: eps, nonlinearity: arguments.bool(3, default: true))
        if try arguments.bool(4, default: false) { try layer.gamma.assign(Tensor.zeros([1, channels, 1, 1], dtype: .f32)) }
        return layer
    }

    static let B0 = PaperPrimitive.layer(
        "evonorm.B0",
        [Argument("channels"), Argument("momentum", .labelled, defaultText: "0.1"), Argument("eps", .labelled, defaultText: "1e-5"),
         Argument("nonlinearity", .labelled, defaultText: "true"), Argument("init_zero", .labelled, defaultText: "false")],
        DocEntry("EvoNorm-B0 layer with parameters v = 1, gamma = 1 (0 with init_zero: true), beta = 0 and buffer running_var = 1, each (1, C, 1, 1).",
                 details: """
                    In training mode (the default, `net.train()`) it divides by the batch std and updates running_var \
                    to (1 − momentum)·running_var + momentum·(biased batch variance); after `net.eval()` it uses \
                    running_var. `nonlinearity: false` leaves only x·gamma + beta (and no update), as the official code.
                    """,
                 example: """
                    let layer = evonorm.B0(8)
                    let y = layer(randn(4, 8, 3, 3, seed: 0))
                    layer.running_var.reshape([8])
                    """,
                 formula: b0Formula, formulaText: b0FormulaText)
    ) { arguments, _ in
        let momentum = try arguments.double(1, default: 0.1)
        guard (0...1).contains(momentum) else {
            throw FolioError(.ValueError, "evonorm.B0: momentum must be in [0, 1], got \(momentum)")
        }
        let channels = try PaperPrimitive.int(arguments, 0, default: 0, atLeast: 1)
        let eps = try PaperPrimitive.positive(arguments, 2, default: 1e-5)
        let layer = try EvoNormB0(channels: channels, momentum: momentum, eps: eps, nonlinearity: arguments.bool(3, default: true))
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

    public init(channels: Int, groups: Int, eps: Double, nonlinearity: Bool, dtype: DType = .f32) throws {
        self.channels = channels
        self.groups = groups
        self.eps = eps
        self.nonlinearity = nonlinearity
        let shape = [1, channels, 1, 1]
        v = FolioNN.Parameter(try Tensor.ones(shape, dtype: dtype))
        gamma = FolioNN.Parameter(try Tensor.ones(shape, dtype: dtype))
        beta = FolioNN.Parameter(try Tensor.zeros(shape, dtype: dtype))
        super.init()
        register(parameter: v, named: "v")
        register(parameter: gamma, named: "gamma")
        register(parameter: beta, named: "beta")
    }

    public override var layerDescription: String { "evonorm.S0(\(channels), groups: \(groups))" }

    public override func forward(_ input: Variable) throws -> Variable {
        // Deviation: the layer also takes features (N, C), as (N, C, 1, 1), so it can follow a
        // Linear layer (DESIGN.md's example); the group variance is then over each group's C/G features.
        let flat = input.rank == 2
        let x = try Evonorm.nchw(flat ? input.reshape(input.shape + [1, 1]) : input, function: "evonorm.S0")
        guard x.shape[1] == channels else {
            throw NNError.shapeMismatch(layer: layerDescription, expected: "(N, \(channels), H, W) or (N, \(channels))", got: input.shape)
        }
        let y = try Evonorm.s0(x, v: v.variable, gamma: gamma.variable, beta: beta.variable, groups: groups, eps: eps,
                               nonlinearity: nonlinearity)
        return flat ? try y.reshape(input.shape) : y
    }
}

/// The EvoNorm-B0 layer: `Evonorm.b0` with learned v, γ, β and a running variance buffer used in evaluation.
public final class EvoNormB0: Module {
    public let channels: Int
    public let momentum: Double
    public let eps: Double
    public let nonlinearity: Bool
    public let v: FolioNN.Parameter
    public let gamma: FolioNN.Parameter
    public let beta: FolioNN.Parameter

    public init(channels: Int, momentum: Double, eps: Double, nonlinearity: Bool, dtype: DType = .f32) throws {
        self.channels = channels
        self.momentum = momentum
        self.eps = eps
        self.nonlinearity = nonlinearity
        let shape = [1, channels, 1, 1]
        v = FolioNN.Parameter(try Tensor.ones(shape, dtype: dtype))
        gamma = FolioNN.Parameter(try Tensor.ones(shape, dtype: dtype))
        beta = FolioNN.Parameter(try Tensor.zeros(shape, dtype: dtype))
        super.init()
        register(parameter: v, named: "v")
        register(parameter: gamma, named: "gamma")
        register(parameter: beta, named: "beta")
        register(buffer: try Tensor.ones(shape, dtype: dtype), named: "running_var")
    }

    public override var layerDescription: String { "evonorm.B0(\(channels))" }

    /// The running variance, (1, C, 1, 1).
    public var runningVariance: Tensor {
        get throws {
            guard let value = buffer(named: "running_var") else { throw NNError.notImplemented("\(layerDescription) lost its running_var buffer") }
            return value
        }
    }

    public override func forward(_ input: Variable) throws -> Variable {
        let x = try Evonorm.nchw(input, function: "evonorm.B0")
        guard x.shape[1] == channels else {
            throw NNError.shapeMismatch(layer: layerDescription, expected: "(N, \(channels), H, W)", got: x.shape)
        }
        guard nonlinearity else { return try x * gamma.variable + beta.variable }
        let variance: Variable
        if isTraining {
            try Evonorm.requireBatchStatistics(x, function: "evonorm.B0")
            variance = try Evonorm.batchVariance(x)
            let updated = try Evonorm.updatedRunningVariance(runningVariance, batch: variance.value, momentum: momentum)
            register(buffer: updated, named: "running_var")
        } else {
            variance = Variable.constant(try runningVariance)
        }
        return try Evonorm.b0(x, v: v.variable, gamma: gamma.variable, beta: beta.variable, variance: variance, eps: eps)
    }
}
