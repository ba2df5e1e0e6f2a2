import FolioAutograd
import FolioNN
import FolioRuntime
import FolioTensor

/// The `hlgauss.*` builtins: argument checks and doc entries around the math in Hlgauss.swift.
extension Hlgauss {
    static let probsFunction = PaperPrimitive.tensorFunction(
        "hlgauss.probs",
        [Argument("y"), Argument("vmin"), Argument("vmax"), Argument("num_bins"), Argument("sigma", .labelled, defaultText: "nil")],
        DocEntry("HL-Gauss target: the Gaussian N(y, σ²) integrated over each of num_bins bins on [vmin, vmax], renormalised to the support.",
                 details: """
                    y (…) gives (…, num_bins). Edges e = linspace(vmin, vmax, num_bins + 1); σ defaults to 0.75 bin widths \
                    (the paper's σ/ζ = 0.75). Targets outside the support keep their truncated mass; one more than about \
                    7.5σ outside is an error. Computed in Float64; a constant (no gradient flows to y).
                    """,
                 example: "hlgauss.probs([0.0, 2.5], -5, 5, 10).sum(axis: 1)",
                 formula: #"p_i(y) = \frac{\operatorname{erf}\big(\frac{e_{i+1}-y}{\sqrt2\sigma}\big) - \operatorname{erf}\big(\frac{e_i-y}{\sqrt2\sigma}\big)}{\operatorname{erf}\big(\frac{e_K-y}{\sqrt2\sigma}\big) - \operatorname{erf}\big(\frac{e_0-y}{\sqrt2\sigma}\big)}"#,
                 formulaText: "p_i(y) = (erf((e_{i+1}−y)/(√2σ)) − erf((e_i−y)/(√2σ))) / (erf((e_K−y)/(√2σ)) − erf((e_0−y)/(√2σ)))")
    ) { arguments, _ in
        let y = try arguments.variable(0)
        let (vmin, vmax) = try support(arguments, 1, 2)
        let bins = try PaperPrimitive.int(arguments, 3, default: 0, within: 2...maxBins)
        let width = try sigma(arguments, 4) ?? defaultSigma(vmin: vmin, vmax: vmax, bins: bins)
        return try targetTensor(probs(y.value.toArray(), vmin: vmin, vmax: vmax, bins: bins, sigma: width), y, bins: bins)
    }

    static let centersFunction = PaperPrimitive.tensorFunction(
        "hlgauss.centers",
        [Argument("vmin"), Argument("vmax"), Argument("num_bins")],
        DocEntry("The bin centres (e_i + e_{i+1})/2 of num_bins equal bins on [vmin, vmax] (Float64).",
                 example: "hlgauss.centers(-1, 1, 4)",
                 formula: #"c_i = \tfrac12(e_i + e_{i+1}),\quad e = \operatorname{linspace}(v_{min}, v_{max}, K+1)"#,
                 formulaText: "c_i = (e_i + e_{i+1})/2, e = linspace(vmin, vmax, K+1)")
    ) { arguments, _ in
        let (vmin, vmax) = try support(arguments, 0, 1)
        let bins = try PaperPrimitive.int(arguments, 2, default: 0, within: 1...maxBins)
        return Variable(try Tensor(centers(vmin: vmin, vmax: vmax, bins: bins), shape: [bins], dtype: .f64))
    }

    static let valueFunction = PaperPrimitive.tensorFunction(
        "hlgauss.value",
        [Argument("logits"), Argument("vmin"), Argument("vmax")],
        DocEntry("The predicted value softmax(logits)·centres, the bins being the last axis of logits (differentiable).",
                 example: "hlgauss.value(zeros(3, 10), -5, 5)",
                 formula: #"\hat y = \sum_i \operatorname{softmax}(\ell)_i\, c_i"#,
                 formulaText: "ŷ = Σ_i softmax(ℓ)_i · c_i")
    ) { arguments, _ in
        let logits = try arguments.variable(0)
        let (vmin, vmax) = try support(arguments, 1, 2)
        guard let bins = logits.shape.last, bins >= 1 else {
            throw FolioError(.ShapeError, "hlgauss.value: logits need a last axis of bins, got shape \(formatShape(logits.shape))")
        }
        return try expectation(logits, locations: centers(vmin: vmin, vmax: vmax, bins: bins))
    }

    static let lossFunction = PaperPrimitive.tensorFunction(
        "hlgauss.loss",
        [Argument("logits"), Argument("y"), Argument("vmin"), Argument("vmax"), Argument("sigma", .labelled, defaultText: "nil"),
         Argument("reduction", .labelled, defaultText: "\"mean\"")],
        DocEntry("HL-Gauss loss: cross-entropy of softmax(logits) against hlgauss.probs(y), differentiable in logits.",
                 details: """
                    logits (…, K), y (…). reduction: "mean" (default), "sum" or "none" (one loss per sample). σ defaults \
                    to 0.75 (vmax − vmin)/K.
                    """,
                 example: "let logits = randn(4, 21, seed: 0)\nhlgauss.loss(logits, [0.5, -1.0, 2.0, 0.0], -3, 3)",
                 formula: #"\mathcal L = -\sum_i p_i(y)\,\log\operatorname{softmax}(\ell)_i"#,
                 formulaText: "L = −Σ_i p_i(y) · log softmax(ℓ)_i")
    ) { arguments, _ in
        let logits = try arguments.variable(0)
        let y = try PaperPrimitive.variable(arguments, 1, literalType: .f64)
        let (vmin, vmax) = try support(arguments, 2, 3)
        return try loss(logits, y.value, vmin: vmin, vmax: vmax, sigma: sigma(arguments, 4), reduction: reduction(arguments, 5))
    }

    static let twoHotFunction = PaperPrimitive.tensorFunction(
        "hlgauss.two_hot",
        [Argument("y"), Argument("vmin"), Argument("vmax"), Argument("num_bins")],
        DocEntry("Two-Hot target: y clipped to [vmin, vmax] split linearly between its two neighbours among linspace(vmin, vmax, num_bins).",
                 details: "y (…) gives (…, num_bins); y = vmax puts mass 1 on the last location. A constant (no gradient flows to y).",
                 example: "hlgauss.two_hot([-3.3, 10.0], -5, 10, 7)",
                 formula: #"p_i = \frac{z_{i+1}-y}{z_{i+1}-z_i},\ p_{i+1} = \frac{y-z_i}{z_{i+1}-z_i}\quad (z_i \le y < z_{i+1})"#,
                 formulaText: "p_i = (z_{i+1} − y)/(z_{i+1} − z_i), p_{i+1} = (y − z_i)/(z_{i+1} − z_i) for z_i ≤ y < z_{i+1}")
    ) { arguments, _ in
        let y = try arguments.variable(0)
        let (vmin, vmax) = try support(arguments, 1, 2)
        let count = try PaperPrimitive.int(arguments, 3, default: 0, within: 2...maxBins)
        return try targetTensor(twoHot(y.value.toArray(), vmin: vmin, vmax: vmax, locations: count), y, bins: count)
    }

    static let twoHotLossFunction = PaperPrimitive.tensorFunction(
        "hlgauss.two_hot_loss",
        [Argument("logits"), Argument("y"), Argument("vmin"), Argument("vmax"), Argument("reduction", .labelled, defaultText: "\"mean\"")],
        DocEntry("Two-Hot loss: cross-entropy of softmax(logits) against hlgauss.two_hot(y); the locations are the last axis of logits.",
                 details: "Its value head reads softmax(logits)·linspace(vmin, vmax, K) (locations, not bin centres).",
                 example: "hlgauss.two_hot_loss(zeros(2, 7), [0.0, 2.5], -5, 10, reduction: \"none\")",
                 formula: #"\mathcal L = -\sum_i p_i^{\text{two-hot}}(y)\,\log\operatorname{softmax}(\ell)_i"#,
                 formulaText: "L = −Σ_i p_i^two-hot(y) · log softmax(ℓ)_i")
    ) { arguments, _ in
        let logits = try arguments.variable(0)
        let y = try PaperPrimitive.variable(arguments, 1, literalType: .f64)
        let (vmin, vmax) = try support(arguments, 2, 3)
        return try twoHotLoss(logits, y.value, vmin: vmin, vmax: vmax, reduction: reduction(arguments, 4))
    }

    static let c51Function = PaperPrimitive.tensorFunction(
        "hlgauss.c51_project",
        [Argument("next_probs"), Argument("rewards"), Argument("dones"), Argument("gamma"), Argument("vmin"), Argument("vmax")],
        DocEntry("C51 target: the distribution next_probs on atoms z shifted to r + γ(1 − done)z, clipped and projected back onto z.",
                 details: """
                    next_probs (B, A), rewards and dones (B), gamma a number or (B). Atoms z = linspace(vmin, vmax, A). \
                    When b_j falls exactly on an atom its whole mass goes there. A constant (no gradient).
                    """,
                 example: "hlgauss.c51_project(ones(2, 5) / 5, [0.5, 1.0], [0, 1], 0.9, -2, 2)",
                 formula: #"b_j = \frac{\operatorname{clip}(r + \gamma(1-d) z_j) - v_{min}}{\Delta z},\ m_{\lfloor b_j\rfloor} \mathrel{+}= p_j(\lceil b_j\rceil - b_j),\ m_{\lceil b_j\rceil} \mathrel{+}= p_j(b_j - \lfloor b_j\rfloor)"#,
                 formulaText: "b_j = (clip(r + γ(1−d)z_j) − vmin)/Δz; m_⌊b⌋ += p_j(⌈b⌉ − b); m_⌈b⌉ += p_j(b − ⌊b⌋)")
    ) { arguments, _ in
        let next = try arguments.variable(0)
        guard next.rank == 2, next.shape[1] >= 2 else {
            throw FolioError(.ShapeError, "hlgauss.c51_project: next_probs must be (batch, atoms) with at least 2 atoms, got shape \(formatShape(next.shape))")
        }
        let (batch, atoms) = (next.shape[0], next.shape[1])
        let rewards = try perSample(arguments, 1, batch: batch)
        let dones = try perSample(arguments, 2, batch: batch)
        let gammas = try perSample(arguments, 3, batch: batch)
        let (vmin, vmax) = try support(arguments, 4, 5)
        let probabilities = next.value.toArray()
        guard probabilities.allSatisfy(\.isFinite) else { throw FolioError(.ValueError, "hlgauss.c51_project: next_probs must be finite") }
        let projected = c51Project(nextProbs: probabilities, batch: batch, atoms: atoms, rewards: rewards, dones: dones,
                                   gammas: gammas, vmin: vmin, vmax: vmax)
        return Variable(try Tensor(projected, shape: [batch, atoms], dtype: floatType(next.dtype)))
    }

    /// A number (repeated) or a (batch) tensor.
    static func perSample(_ arguments: BoundArguments, _ index: Int, batch: Int) throws -> [Double] {
        let values = try PaperPrimitive.variable(arguments, index, literalType: .f64).value
        let numbers = values.toArray()
        guard numbers.allSatisfy(\.isFinite) else {
            throw FolioError(.ValueError, "\(arguments.functionName): \(arguments.parameters[index].name) must be finite")
        }
        if numbers.count == 1 { return Array(repeating: numbers[0], count: batch) }
        guard values.shape == [batch] else {
            throw FolioError(.ShapeError, "\(arguments.functionName): \(arguments.parameters[index].name) must be a number or have shape (\(batch)), got \(formatShape(values.shape))")
        }
        return numbers
    }

    static let tdTargetFunction = PaperPrimitive.tensorFunction(
        "hlgauss.td_target",
        [Argument("r"), Argument("done"), Argument("gamma"), Argument("next_value")],
        DocEntry("The scalar TD target r + γ(1 − done)·next_value (broadcasting), to feed hlgauss.loss.",
                 details: "Differentiable in every argument; detach next_value for a semi-gradient update.",
                 example: "hlgauss.td_target([1.0, 0.0], [0, 1], 0.99, [2.0, 3.0])",
                 formula: #"y = r + \gamma (1 - d)\, V(s')"#,
                 formulaText: "y = r + γ(1 − d)·V(s′)")
    ) { arguments, _ in
        let reward = try arguments.variable(0)
        let literalType = floatType(reward.dtype)
        return try tdTarget(reward: reward, done: PaperPrimitive.variable(arguments, 1, literalType: literalType),
                            gamma: PaperPrimitive.variable(arguments, 2, literalType: literalType),
                            nextValue: PaperPrimitive.variable(arguments, 3, literalType: literalType))
    }

    static let headLayer = PaperPrimitive.layer(
        "hlgauss.HLGaussHead",
        [Argument("in"), Argument("num_bins"), Argument("vmin"), Argument("vmax"), Argument("sigma", .labelled, defaultText: "nil"),
         PaperPrimitive.seedArgument],
        DocEntry("A classification value head: Linear(in, num_bins) giving logits, with .value(x) and .loss(x, y) (HL-Gauss).",
                 details: """
                    Calling the head returns the logits (…, num_bins); `head.value(x)` is softmax(logits)·centres and \
                    `head.loss(x, y, reduction: "mean")` the HL-Gauss cross-entropy. Parameters `weight` (num_bins, in) and \
                    `bias` (num_bins), PyTorch's Linear initialisation.
                    """,
                 example: "let head = hlgauss.HLGaussHead(4, 21, -3, 3, seed: 0)\nlet x = randn(8, 4, seed: 1)\nhead.loss(x, zeros(8)).item + head.value(x).shape[0]",
                 formula: #"\hat y(x) = \sum_i \operatorname{softmax}(Wx + b)_i\, c_i"#,
                 formulaText: "ŷ(x) = Σ_i softmax(Wx + b)_i · c_i")
    ) { arguments, seed in
        let inputs = try PaperPrimitive.int(arguments, 0, default: 0, within: 1...(1 << 20))
        let bins = try PaperPrimitive.int(arguments, 1, default: 0, within: 2...maxBins)
        guard inputs * bins <= 1 << 26 else {
            throw FolioError(.ValueError, "hlgauss.HLGaussHead: in × num_bins = \(inputs * bins) weights is too many")
        }
        let (vmin, vmax) = try support(arguments, 2, 3)
        return try HLGaussHead(inputs: inputs, bins: bins, vmin: vmin, vmax: vmax, sigma: sigma(arguments, 4), seed: seed)
    }
}

/// Linear(in, num_bins) whose logits are read as a categorical value over HL-Gauss bins.
public final class HLGaussHead: Module, LayerMethodProviding {
    public let bins: Int
    public let vmin: Double
    public let vmax: Double
    public let sigma: Double
    private let linear: Linear

    public init(inputs: Int, bins: Int, vmin: Double, vmax: Double, sigma: Double?, seed: UInt64?, dtype: DType = .f32) throws {
        self.bins = bins
        self.vmin = vmin
        self.vmax = vmax
        self.sigma = sigma ?? Hlgauss.defaultSigma(vmin: vmin, vmax: vmax, bins: bins)
        linear = try Linear(inputs, bins, dtype: dtype, seed: seed)
        super.init()
        register(parameter: linear.weight, named: "weight")
        if let bias = linear.bias { register(parameter: bias, named: "bias") }
    }

    public override var layerDescription: String {
        "hlgauss.HLGaussHead(in: \(linear.inputFeatures), num_bins: \(bins), vmin: \(vmin), vmax: \(vmax))"
    }

    public override func forward(_ input: Variable) throws -> Variable { try linear.forward(input) }

    /// softmax(logits(x))·centres.
    public func value(_ input: Variable) throws -> Variable {
        try Hlgauss.expectation(forward(input), locations: Hlgauss.centers(vmin: vmin, vmax: vmax, bins: bins))
    }

    public func loss(_ input: Variable, _ y: Tensor, reduction: Hlgauss.Reduction) throws -> Variable {
        try Hlgauss.loss(forward(input), y, vmin: vmin, vmax: vmax, sigma: sigma, reduction: reduction,
                         function: "hlgauss.HLGaussHead.loss")
    }

    public var layerMethods: [(name: String, function: BuiltinFunction)] {
        let value = PaperPrimitive.tensorFunction(
            "hlgauss.HLGaussHead.value", [PaperPrimitive.Argument("x")],
            DocEntry("The head's value softmax(logits(x))·centres.", example: "hlgauss.HLGaussHead(2, 5, -1, 1, seed: 0).value(ones(3, 2))")
        ) { arguments, _ in try self.value(arguments.variable(0)) }
        let loss = PaperPrimitive.tensorFunction(
            "hlgauss.HLGaussHead.loss",
            [PaperPrimitive.Argument("x"), PaperPrimitive.Argument("y"), PaperPrimitive.Argument("reduction", .labelled, defaultText: "\"mean\"")],
            DocEntry("The HL-Gauss loss of the head's logits(x) against targets y.",
                     example: "hlgauss.HLGaussHead(2, 5, -1, 1, seed: 0).loss(ones(3, 2), zeros(3))")
        ) { arguments, _ in
            try self.loss(arguments.variable(0), PaperPrimitive.variable(arguments, 1, literalType: .f64).value, reduction: Hlgauss.reduction(arguments, 2))
        }
        return [("value", value), ("loss", loss)]
    }
}
