import FolioAutograd
import FolioNN
import FolioRuntime
import FolioTensor

/// The `poincare.*` layer-level functions and the Linear, Conv2d and BatchNorm2d layers.
extension Poincare {
    /// z (n, K) for x (…, n), and r (K) or nil.
    static func hyperplanes(_ arguments: BoundArguments, x: Variable) throws -> (Variable, Variable?) {
        let z = try arguments.variable(1)
        guard z.rank == 2, z.shape[0] == x.shape.last else {
            throw FolioError(.ShapeError, "\(arguments.functionName): z must be (\(x.shape.last ?? 0), K) for x of shape \(formatShape(x.shape)), got \(formatShape(z.shape))")
        }
        let r = try arguments.optionalVariable(2)
        if let r, r.shape != [z.shape[1]] {
            throw FolioError(.ShapeError, "\(arguments.functionName): the offsets must have shape (\(z.shape[1])), got \(formatShape(r.shape))")
        }
        return (z, r)
    }

    static let hyperplaneFunction = PaperPrimitive.tensorFunction(
        "poincare.hyperplane_dists", [Argument("x"), Argument("z"), Argument("r"), cArgument],
        doc("HNN++ signed distances v_k(x) of points x (…, n) to K Poincaré hyperplanes (orientations z (n, K), offsets r (K) or nil).",
            "poincare.hyperplane_dists(tensor([[0.1, 0.2]]), eye(2), zeros(2), c: 1.0)",
            #"v_k(x) = \frac{2\|z_k\|}{\sqrt c}\operatorname{asinh}\!\Big(\sqrt c\,\lambda_x\big\langle x, \tfrac{z_k}{\|z_k\|}\big\rangle\cosh(2\sqrt c\,r_k) - (\lambda_x - 1)\sinh(2\sqrt c\,r_k)\Big)"#,
            "v_k(x) = (2‖z_k‖/√c)·asinh(√c λ_x⟨x, z_k/‖z_k‖⟩cosh(2√c r_k) − (λ_x − 1)sinh(2√c r_k))",
            details: "λ_x = 2/(1 − c‖x‖²) as in HNN++ and hypll (poincare-resnet's linreg.py writes 2(1 − c‖x‖²); see the paper file).")
    ) { arguments, _ in
        let x = try vectors(arguments, 0)
        let (z, r) = try hyperplanes(arguments, x: x)
        return try hyperplaneDists(x, z: z, r: r, c: curvature(arguments, 3))
    }

    static let fcFunction = PaperPrimitive.tensorFunction(
        "poincare.fc", [Argument("x"), Argument("z"), Argument("bias"), cArgument],
        doc("The Poincaré fully connected map (HNN++): hyperplane distances v(x), w = sinh(√c v)/√c, y = w/(1 + √(1 + c‖w‖²)).",
            "poincare.fc(tensor([[0.1, 0.2]]), 0.5 * eye(2), zeros(2), c: 1.0)",
            #"y = \operatorname{proj}\Big(\frac{w}{1 + \sqrt{1 + c\|w\|^2}}\Big),\ w = \frac{\sinh(\sqrt c\,v(x))}{\sqrt c}"#,
            "y = proj(w / (1 + √(1 + c‖w‖²))), w = sinh(√c v(x))/√c")
    ) { arguments, _ in
        let x = try vectors(arguments, 0)
        let (z, bias) = try hyperplanes(arguments, x: x)
        return try fullyConnected(x, z: z, bias: bias, c: curvature(arguments, 3))
    }

    static let midpointFunction = PaperPrimitive.tensorFunction(
        "poincare.midpoint", [Argument("x"), cArgument, Argument("axis", .labelled, defaultText: "0")],
        doc("The Poincaré (gyro)midpoint of points x over `axis` (kept with size 1).",
            "poincare.midpoint(tensor([[0.1, 0.2], [0.3, -0.1]]), c: 1.0)",
            #"m = \frac{\sum_i \gamma_i^2 x_i}{\sum_i \gamma_i^2 - N/2},\ \gamma_i^2 = \frac{1}{1 - c\|x_i\|^2},\ \mu = \frac{\gamma_m}{1 + \gamma_m}\,m"#,
            "m = Σγ_i²x_i / (Σγ_i² − N/2), γ_i² = 1/(1 − c‖x_i‖²); μ = γ_m/(1 + γ_m)·m")
    ) { arguments, _ in
        let x = try vectors(arguments, 0)
        var axis = try arguments.int(2, default: 0)
        if axis < 0 { axis += x.rank }
        guard axis >= 0, axis < x.rank - 1 else {
            throw FolioError(.IndexError, "poincare.midpoint: axis \(try arguments.int(2, default: 0)) is not a batch axis of shape \(formatShape(x.shape)) (the last axis holds the vectors)")
        }
        return try midpoint(x, c: curvature(arguments, 1), axis: axis)
    }

    static let frechetMeanFunction = PaperPrimitive.tensorFunction(
        "poincare.frechet_mean", [Argument("x"), cArgument],
        doc("The Fréchet mean of points x (N, n) on the ball, (1, n), by Lou et al.'s fixed-point iteration (differentiable).",
            "poincare.frechet_mean(tensor([[0.1, 0.2], [0.3, -0.1], [-0.2, 0.0]]), c: 1.0)",
            #"\mu = \arg\min_{\mu} \sum_i d_c(x_i, \mu)^2"#, "μ = argmin_μ Σ_i d_c(x_i, μ)²",
            details: "Used by poincare.BatchNorm2d(midpoint: false). Points with c‖x‖² ≥ 1 are an error.")
    ) { arguments, _ in
        let x = try vectors(arguments, 0), c = try curvature(arguments, 1)
        guard x.rank == 2, x.shape[0] > 0 else {
            throw FolioError(.ShapeError, "poincare.frechet_mean: x must be (N, n) with N > 0, got shape \(formatShape(x.shape))")
        }
        try requireInside(x, c: c, function: "poincare.frechet_mean")
        return try frechetMean(x, c: c)
    }

    static let varianceFunction = PaperPrimitive.tensorFunction(
        "poincare.frechet_variance", [Argument("x"), Argument("mu"), cArgument],
        doc("The Fréchet variance mean_i d_c(x_i, μ)² of points x (N, n) about μ (a 0-d tensor).",
            "poincare.frechet_variance(tensor([[0.1, 0.2], [0.3, -0.1]]), tensor([[0.2, 0.05]]), c: 1.0)",
            #"\sigma^2 = \frac1N \sum_i d_c(x_i, \mu)^2"#, "σ² = (1/N) Σ_i d_c(x_i, μ)²")
    ) { arguments, _ in
        let x = try vectors(arguments, 0), mu = try vectors(arguments, 1), c = try curvature(arguments, 2)
        try requireInside(x, c: c, function: "poincare.frechet_variance")
        return try frechetVariance(x, mean: mu, c: c)
    }

    static let batchnormFunction = PaperPrimitive.tensorFunction(
        "poincare.batchnorm", [Argument("v"), Argument("mean"), Argument("var"), cArgument],
        doc("Poincaré midpoint batch normalisation of NCHW tangent maps: re-centre at expmap0(mean), rescale to Fréchet variance var.",
            "poincare.batchnorm(randn(4, 3, 2, 2, seed: 0), zeros(3), 1.0, c: 0.1).shape",
            #"y = \log_0\Big(\exp_\beta\Big(\sqrt{\tfrac{\mathrm{var}}{\sigma^2 + 10^{-6}}}\;P_{\mu\to\beta}(\log_\mu x)\Big)\Big),\ \beta = \exp_0(\mathrm{mean})"#,
            "y = log_0(exp_β(√(var/(σ² + 1e-6))·P_{μ→β}(log_μ x))), β = exp_0(mean), μ the midpoint, σ² the Fréchet variance",
            details: "v is (N, C, H, W) with channels on axis 1 (pass vectors (N, C) as (N, C, 1, 1)); the statistics are over N·H·W points.")
    ) { arguments, _ in
        let v = try nchwTangent(arguments.variable(0), function: "poincare.batchnorm")
        let mean = try arguments.variable(1), variance = try arguments.variable(2)
        guard mean.shape == [v.shape[1]] else {
            throw FolioError(.ShapeError, "poincare.batchnorm: mean must have shape (\(v.shape[1])), got \(formatShape(mean.shape))")
        }
        guard variance.count == 1 else { throw FolioError(.ShapeError, "poincare.batchnorm: var must be one number") }
        return try batchNorm2d(v, mean: mean, variance: variance.reshape([]), c: curvature(arguments, 3))
    }

    static func nchwTangent(_ v: Variable, function: String) throws -> Variable {
        guard v.rank == 4, v.shape[1] > 0, v.count > 0 else {
            throw FolioError(.ShapeError, "\(function) expects NCHW tangent maps, got shape \(formatShape(v.shape)); pass vectors (N, C) as (N, C, 1, 1)")
        }
        return v.dtype.isFloatingPoint ? v : try v.cast(to: .f32)
    }

    static let residualFunction = PaperPrimitive.tensorFunction(
        "poincare.residual", [Argument("fx"), Argument("res"), cArgument, Argument("order", .labelled, defaultText: "\"fr\"")],
        doc("The Möbius skip connection of tangent vectors: logmap0(expmap0(fx) ⊕ expmap0(res)) (\"rf\" swaps the operands).",
            "poincare.residual(tensor([0.5, 0.1]), tensor([-0.2, 0.3]), c: 0.1)",
            #"y = \log_0\big(\exp_0(f(x)) \oplus_c \exp_0(x)\big)"#, "y = log_0(exp_0(f(x)) ⊕ exp_0(x))",
            details: "Vectors along the last axis; for NCHW maps permute the channels last first.")
    ) { arguments, _ in
        let order = try arguments.string(3, default: "fr")
        guard order == "fr" || order == "rf" else {
            throw FolioError(.ValueError, "poincare.residual: order must be \"fr\" or \"rf\", got \"\(order)\"")
        }
        return try residual(vectors(arguments, 0), vectors(arguments, 1), c: curvature(arguments, 2), order: order)
    }

    static let linearLayer = PaperPrimitive.layer(
        "poincare.Linear",
        [Argument("in"), Argument("out"), Argument("c", .labelled, defaultText: "0.1"), Argument("id_init", .labelled, defaultText: "true"),
         Argument("bias", .labelled, defaultText: "true"), PaperPrimitive.seedArgument],
        doc("Poincaré fully connected layer on tangent vectors: logmap0(fc(expmap0(v), z, bias)), parameters z (in, out) and bias (out).",
            "let layer = poincare.Linear(3, 3)\nlet v = randn(4, 3, seed: 0)\n(layer(v) - v).abs().max().item",
            #"y = \log_0\big(\operatorname{fc}(\exp_0(v); Z, b)\big)"#, "y = log_0(fc(exp_0(v); Z, b))",
            details: "id_init: Z = ½·eye(in, out), b = 0, so a square layer is the identity; otherwise Z ~ N(0, (2·in·out)^(−1/2)). Fixed curvature.")
    ) { arguments, seed in
        let inputs = try PaperPrimitive.int(arguments, 0, default: 0, within: 1...8192)
        let outputs = try PaperPrimitive.int(arguments, 1, default: 0, within: 1...8192)
        return try PoincareLinear(inputs: inputs, outputs: outputs, c: curvature(arguments, 2, default: 0.1),
                                  identity: arguments.bool(3, default: true), bias: arguments.bool(4, default: true), seed: seed)
    }

    static let conv2dLayer = PaperPrimitive.layer(
        "poincare.Conv2d",
        [Argument("cin"), Argument("cout"), Argument("k"), Argument("stride", .labelled, defaultText: "1"),
         Argument("padding", .labelled, defaultText: "0"), Argument("c", .labelled, defaultText: "0.1"),
         Argument("id_init", .labelled, defaultText: "true"), PaperPrimitive.seedArgument],
        doc("Poincaré convolution of NCHW tangent maps: β-scaled k×k patches, expmap0, fc with weights (cin·k², cout) and bias, logmap0 over channels.",
            "let conv = poincare.Conv2d(2, 4, 3, padding: 1)\nconv(randn(1, 2, 5, 5, seed: 0)).shape",
            #"x \leftarrow x\,\frac{B(\frac{c_{in}k^2}{2}, \frac12)}{B(\frac{c_{in}}{2}, \frac12)},\quad y = \log_0\big(\operatorname{fc}(\exp_0(\operatorname{unfold}(x)); W, b)\big)"#,
            "x ← x·B(cin·k²/2, ½)/B(cin/2, ½); y = log_0(fc(exp_0(unfold(x)); W, b))",
            details: "id_init: weights = ½·eye(cin·k², cout), bias = 0; otherwise weights ~ N(0, (2·cin·k²·cout)^(−1/2)). Output size (H + 2p − k)//s + 1.")
    ) { arguments, seed in
        let cin = try PaperPrimitive.int(arguments, 0, default: 0, within: 1...4096)
        let cout = try PaperPrimitive.int(arguments, 1, default: 0, within: 1...4096)
        let kernel = try PaperPrimitive.int(arguments, 2, default: 0, within: 1...31)
        let stride = try PaperPrimitive.int(arguments, 3, default: 1, within: 1...1024)
        let padding = try PaperPrimitive.int(arguments, 4, default: 0, within: 0...1024)
        return try PoincareConv2d(inChannels: cin, outChannels: cout, kernel: kernel, stride: stride, padding: padding,
                                  c: curvature(arguments, 5, default: 0.1), identity: arguments.bool(6, default: true), seed: seed)
    }

    static let batchNormLayer = PaperPrimitive.layer(
        "poincare.BatchNorm2d",
        [Argument("channels"), Argument("c", .labelled, defaultText: "0.1"), Argument("midpoint", .labelled, defaultText: "true")],
        doc("Poincaré midpoint batch normalisation layer (NCHW tangent maps) with parameters mean (C, init 0) and var (scalar, init 1).",
            "let bn = poincare.BatchNorm2d(3)\nbn(randn(4, 3, 2, 2, seed: 0)).shape",
            #"y = \log_0\Big(\exp_\beta\Big(\sqrt{\tfrac{\mathrm{var}}{\sigma^2 + 10^{-6}}}\;P_{\mu\to\beta}(\log_\mu x)\Big)\Big)"#,
            "y = log_0(exp_β(√(var/(σ² + 1e-6))·P_{μ→β}(log_μ x))), β = exp_0(mean)",
            details: """
                Batch statistics in training and evaluation alike, as the official code (whose running buffers are never \
                used). midpoint: false centres at the Fréchet mean (Lou et al.'s iteration) instead of the Poincaré midpoint.
                """)
    ) { arguments, _ in
        let channels = try PaperPrimitive.int(arguments, 0, default: 0, within: 1...(1 << 20))
        return PoincareBatchNorm2d(channels: channels, c: try curvature(arguments, 1, default: 0.1),
                                   useMidpoint: try arguments.bool(2, default: true))
    }
}

/// `poincare.Linear`: parameters `z` (in, out) and `bias` (out).
public final class PoincareLinear: Module {
    public let inputs: Int
    public let outputs: Int
    public let c: Double
    public let z: FolioNN.Parameter
    public let bias: FolioNN.Parameter?

    public init(inputs: Int, outputs: Int, c: Double, identity: Bool, bias hasBias: Bool, seed: UInt64?, dtype: DType = .f32) throws {
        self.inputs = inputs
        self.outputs = outputs
        self.c = c
        let std = 1 / (2 * Double(inputs * outputs)).squareRoot()
        let initial = identity ? try PoincareLinear.halfEye(inputs, outputs, dtype: dtype)
            : try Initializer.normal(mean: 0, std: std).make([inputs, outputs], dtype: dtype, seed: SeedSource.next(seed))
        z = FolioNN.Parameter(initial)
        bias = hasBias ? FolioNN.Parameter(try Tensor.zeros([outputs], dtype: dtype)) : nil
        super.init()
        register(parameter: z, named: "z")
        if let bias { register(parameter: bias, named: "bias") }
    }

    /// ½·eye(rows, columns) (rectangular).
    static func halfEye(_ rows: Int, _ columns: Int, dtype: DType) throws -> Tensor {
        var values = [Double](repeating: 0, count: rows * columns)
        for index in 0..<min(rows, columns) { values[index * columns + index] = 0.5 }
        return try Tensor(values, shape: [rows, columns], dtype: dtype)
    }

    public override var layerDescription: String { "poincare.Linear(in: \(inputs), out: \(outputs), c: \(c))" }

    public override func forward(_ input: Variable) throws -> Variable {
        guard input.rank >= 1, input.shape.last == inputs else {
            throw NNError.shapeMismatch(layer: layerDescription, expected: "(..., \(inputs))", got: input.shape)
        }
        let point = try Poincare.expmap0(input, c: c)
        return try Poincare.logmap0(Poincare.fullyConnected(point, z: z.variable, bias: bias?.variable, c: c), c: c)
    }
}

/// `poincare.Conv2d`: parameters `weights` (cin·k², cout) and `bias` (cout), the official names.
public final class PoincareConv2d: Module {
    public let inChannels: Int
    public let outChannels: Int
    public let kernel: Int
    public let stride: Int
    public let padding: Int
    public let c: Double
    public let weights: FolioNN.Parameter
    public let bias: FolioNN.Parameter

    public init(inChannels: Int, outChannels: Int, kernel: Int, stride: Int, padding: Int, c: Double, identity: Bool,
                seed: UInt64?, dtype: DType = .f32) throws {
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
        self.c = c
        let rows = inChannels * kernel * kernel
        let std = 1 / (2 * Double(rows * outChannels)).squareRoot()
        let initial = identity ? try PoincareLinear.halfEye(rows, outChannels, dtype: dtype)
            : try Initializer.normal(mean: 0, std: std).make([rows, outChannels], dtype: dtype, seed: SeedSource.next(seed))
        weights = FolioNN.Parameter(initial)
        bias = FolioNN.Parameter(try Tensor.zeros([outChannels], dtype: dtype))
        super.init()
        register(parameter: weights, named: "weights")
        register(parameter: bias, named: "bias")
    }

    public override var layerDescription: String {
        "poincare.Conv2d(\(inChannels), \(outChannels), k: \(kernel), stride: \(stride), padding: \(padding), c: \(c))"
    }

    public override func forward(_ input: Variable) throws -> Variable {
        guard input.rank == 4, input.shape[1] == inChannels else {
            throw NNError.shapeMismatch(layer: layerDescription, expected: "(N, \(inChannels), H, W)", got: input.shape)
        }
        return try Poincare.conv2d(input, weights: weights.variable, bias: bias.variable, kernel: kernel, stride: stride,
                                   padding: padding, c: c)
    }
}

/// `poincare.BatchNorm2d`: parameters `mean` (C) and `var` (scalar).
public final class PoincareBatchNorm2d: Module {
    public let channels: Int
    public let c: Double
    public let mean: FolioNN.Parameter
    public let variance: FolioNN.Parameter

    public let useMidpoint: Bool

    public init(channels: Int, c: Double, useMidpoint: Bool = true, dtype: DType = .f32) {
        self.channels = channels
        self.c = c
        self.useMidpoint = useMidpoint
        mean = FolioNN.Parameter(Tensor((0..<channels).map { _ in 0 }, dtype: dtype))
        variance = FolioNN.Parameter(Tensor(scalar: 1, dtype: dtype))
        super.init()
        register(parameter: mean, named: "mean")
        register(parameter: variance, named: "var")
    }

    public override var layerDescription: String { "poincare.BatchNorm2d(\(channels), c: \(c))" }

    public override func forward(_ input: Variable) throws -> Variable {
        guard input.rank == 4, input.shape[1] == channels, input.count > 0 else {
            throw NNError.shapeMismatch(layer: layerDescription, expected: "(N, \(channels), H, W)", got: input.shape)
        }
        return try Poincare.batchNorm2d(input, mean: mean.variable, variance: variance.variable, c: c, useMidpoint: useMidpoint)
    }
}
