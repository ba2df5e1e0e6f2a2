import FolioAutograd
import FolioNN
import FolioRuntime
import FolioTensor

/// The function builtins of `evonorm`: s0, b0 and the timm variants s1, s2, b1, b2.
extension Evonorm {
    static let s0Formula = #"y = \frac{x\,\sigma(v \odot x)}{\sqrt{s^2_{w,h,c/g}(x) + \epsilon}}\,\gamma + \beta"#
    static let s0FormulaText = "y = x·σ(v⊙x) / sqrt(s²_{w,h,c/g}(x) + ε) · γ + β"
    static let b0Formula = #"y = \frac{x}{\max\left(\sqrt{s^2_{b,w,h}(x) + \epsilon},\ v \odot x + \sqrt{s^2_{w,h}(x) + \epsilon}\right)}\,\gamma + \beta"#
    static let b0FormulaText = "y = x / max(sqrt(s²_{b,w,h}(x) + ε), v⊙x + sqrt(s²_{w,h}(x) + ε)) · γ + β"
    static let groupsNotice = "A `groups` that does not divide C is lowered until it does, as the official code does (C = 6, groups = 4 uses 3 groups)."

    /// x (NCHW) and the per-channel arguments at `indices`, each as (1, C, 1, 1).
    static func inputs(_ arguments: BoundArguments, channelArguments indices: [Int]) throws -> (x: Variable, channel: [Variable]) {
        let name = arguments.functionName
        let x = try nchw(arguments.variable(0), function: name)
        let channel = try indices.map { index in
            try channelVector(arguments.variable(index), channels: x.shape[1], function: name,
                              name: arguments.parameters[index].name)
        }
        return (x, channel)
    }

    static let s0 = PaperPrimitive.tensorFunction(
        "evonorm.s0",
        [Argument("x"), Argument("v"), Argument("gamma"), Argument("beta"),
         Argument("groups", .labelled, defaultText: "32"), Argument("eps", .labelled, defaultText: "1e-5")],
        DocEntry("Batch-independent EvoNorm-S0: x·σ(v·x) divided by the group standard deviation, then scaled and shifted.",
                 details: """
                    x is (N, C, H, W); v, gamma, beta have C values. The variance is biased, over each group's \
                    (C/G, H, W). \(groupsNotice) Differentiable in every tensor argument.
                    """,
                 example: "let x = randn(2, 8, 3, 3, seed: 0)\nevonorm.s0(x, ones(8), ones(8), zeros(8), groups: 4).shape",
                 formula: s0Formula, formulaText: s0FormulaText)
    ) { arguments, _ in
        let (x, channel) = try inputs(arguments, channelArguments: [1, 2, 3])
        let groups = try PaperPrimitive.int(arguments, 4, default: 32, atLeast: 1)
        let eps = try PaperPrimitive.positive(arguments, 5, default: 1e-5)
        return try s0(x, v: channel[0], gamma: channel[1], beta: channel[2], groups: groups, eps: eps)
    }

    static let b0 = PaperPrimitive.function(
        "evonorm.b0",
        [Argument("x"), Argument("v"), Argument("gamma"), Argument("beta"),
         Argument("running_var", .labelled, defaultText: "nil"), Argument("training", .labelled, defaultText: "true"),
         Argument("momentum", .labelled, defaultText: "0.1"), Argument("eps", .labelled, defaultText: "1e-5")],
        DocEntry("Batch-dependent EvoNorm-B0: x over the larger of the batch std and v·x + the instance std; returns {y, running_var}.",
                 details: """
                    x is (N, C, H, W); v, gamma, beta and running_var have C values. In training the variance is the \
                    batch's (biased, over N, H, W) and running_var comes back as (1 − momentum)·running_var + \
                    momentum·variance (nil when none was given); with `training: false` running_var is used \
                    instead and returned unchanged. The instance std is over (H, W). The gradient of max goes to \
                    the branch selected (ties to the batch std). Differentiable in x, v, gamma, beta.
                    """,
                 example: """
                    let x = randn(4, 8, 3, 3, seed: 0)
                    let out = evonorm.b0(x, ones(8), ones(8), zeros(8), running_var: ones(8))
                    out.running_var
                    """,
                 formula: b0Formula, formulaText: b0FormulaText)
    ) { arguments, _ in
        let name = arguments.functionName
        let (x, channel) = try inputs(arguments, channelArguments: [1, 2, 3])
        let given = try arguments.optionalVariable(4)
        let running = try given.map { try channelVector($0, channels: x.shape[1], function: name, name: "running_var") }
        let training = try arguments.bool(5, default: true)
        let momentum = try arguments.double(6, default: 0.1)
        guard (0...1).contains(momentum) else {
            throw FolioError(.ValueError, "\(name): momentum must be in [0, 1], got \(momentum)")
        }
        let eps = try PaperPrimitive.positive(arguments, 7, default: 1e-5)
        let variance: Variable
        var updated = given
        if training {
            try requireBatchStatistics(x, function: name)
            variance = try batchVariance(x)
            if let running, let given {
                let next = try updatedRunningVariance(running.value, batch: variance.value, momentum: momentum)
                updated = Variable(try next.reshape(given.shape))
            }
        } else {
            guard let running else { throw FolioError(.ValueError, "\(name): running_var required when training=false") }
            variance = running
        }
        let y = try b0(x, v: channel[0], gamma: channel[1], beta: channel[2], variance: variance, eps: eps)
        let runningValue = updated.map { TensorConversion.wrap($0) } ?? .none
        return .record(Record(fields: ["y", "running_var"], values: [TensorConversion.wrap(y), runningValue]))
    }

    static let s1 = PaperPrimitive.tensorFunction(
        "evonorm.s1",
        [Argument("x"), Argument("gamma"), Argument("beta"),
         Argument("groups", .labelled, defaultText: "32"), Argument("eps", .labelled, defaultText: "1e-5")],
        DocEntry("Variant (timm) EvoNorm-S1: x·σ(x) (SiLU) divided by the group standard deviation, then scaled and shifted.",
                 details: """
                    As defined in timm (timm/layers/evo_norm.py), which credits the paper; not checked against the \
                    paper's appendix. x is (N, C, H, W); gamma, beta have C values; the variance is biased. \
                    \(groupsNotice)
                    """,
                 example: "evonorm.s1(randn(2, 8, 3, 3, seed: 0), ones(8), zeros(8), groups: 4).shape",
                 formula: #"y = \frac{x\,\sigma(x)}{\sqrt{s^2_{w,h,c/g}(x) + \epsilon}}\,\gamma + \beta"#,
                 formulaText: "y = x·σ(x) / sqrt(s²_{w,h,c/g}(x) + ε) · γ + β")
    ) { arguments, _ in
        let (x, channel) = try inputs(arguments, channelArguments: [1, 2])
        let groups = try PaperPrimitive.int(arguments, 3, default: 32, atLeast: 1)
        let eps = try PaperPrimitive.positive(arguments, 4, default: 1e-5)
        return try s1(x, gamma: channel[0], beta: channel[1], groups: groups, eps: eps)
    }

    static let s2 = PaperPrimitive.tensorFunction(
        "evonorm.s2",
        [Argument("x"), Argument("gamma"), Argument("beta"),
         Argument("groups", .labelled, defaultText: "32"), Argument("eps", .labelled, defaultText: "1e-5")],
        DocEntry("Variant (timm) EvoNorm-S2: x·σ(x) (SiLU) divided by the group root mean square, then scaled and shifted.",
                 details: """
                    As defined in timm (timm/layers/evo_norm.py), which credits the paper; not checked against the \
                    paper's appendix. group_rms = sqrt(mean over (C/G, H, W) of x² + eps). \(groupsNotice)
                    """,
                 example: "evonorm.s2(randn(2, 8, 3, 3, seed: 0), ones(8), zeros(8), groups: 4).shape",
                 formula: #"y = \frac{x\,\sigma(x)}{\sqrt{\mu_{w,h,c/g}(x^2) + \epsilon}}\,\gamma + \beta"#,
                 formulaText: "y = x·σ(x) / sqrt(µ_{w,h,c/g}(x²) + ε) · γ + β")
    ) { arguments, _ in
        let (x, channel) = try inputs(arguments, channelArguments: [1, 2])
        let groups = try PaperPrimitive.int(arguments, 3, default: 32, atLeast: 1)
        let eps = try PaperPrimitive.positive(arguments, 4, default: 1e-5)
        return try s2(x, gamma: channel[0], beta: channel[1], groups: groups, eps: eps)
    }

    static let b1 = PaperPrimitive.tensorFunction(
        "evonorm.b1",
        [Argument("x"), Argument("gamma"), Argument("beta"), Argument("eps", .labelled, defaultText: "1e-5")],
        DocEntry("Variant (timm) EvoNorm-B1: x over the larger of the batch std and (x + 1)·instance RMS, with batch statistics.",
                 details: """
                    As defined in timm (timm/layers/evo_norm.py), which credits the paper; not checked against the \
                    paper's appendix. The batch variance is biased, over (N, H, W); the instance RMS is over (H, W). \
                    Always uses the batch's statistics (no running variance). Ties in max go to the batch std.
                    """,
                 example: "evonorm.b1(randn(4, 8, 3, 3, seed: 0), ones(8), zeros(8)).shape",
                 formula: #"y = \frac{x}{\max\left(\sqrt{s^2_{b,w,h}(x) + \epsilon},\ (x + 1)\sqrt{\mu_{w,h}(x^2) + \epsilon}\right)}\,\gamma + \beta"#,
                 formulaText: "y = x / max(sqrt(s²_{b,w,h}(x) + ε), (x+1)·sqrt(µ_{w,h}(x²) + ε)) · γ + β")
    ) { arguments, _ in
        let (x, channel) = try inputs(arguments, channelArguments: [1, 2])
        try requireBatchStatistics(x, function: arguments.functionName)
        let eps = try PaperPrimitive.positive(arguments, 3, default: 1e-5)
        return try b1(x, gamma: channel[0], beta: channel[1], eps: eps)
    }

    static let b2 = PaperPrimitive.tensorFunction(
        "evonorm.b2",
        [Argument("x"), Argument("gamma"), Argument("beta"), Argument("eps", .labelled, defaultText: "1e-5")],
        DocEntry("Variant (timm) EvoNorm-B2: x over the larger of the batch std and instance RMS − x, with batch statistics.",
                 details: """
                    As defined in timm (timm/layers/evo_norm.py), which credits the paper; not checked against the \
                    paper's appendix. The batch variance is biased, over (N, H, W); the instance RMS is over (H, W). \
                    Always uses the batch's statistics (no running variance). Ties in max go to the batch std.
                    """,
                 example: "evonorm.b2(randn(4, 8, 3, 3, seed: 0), ones(8), zeros(8)).shape",
                 formula: #"y = \frac{x}{\max\left(\sqrt{s^2_{b,w,h}(x) + \epsilon},\ \sqrt{\mu_{w,h}(x^2) + \epsilon} - x\right)}\,\gamma + \beta"#,
                 formulaText: "y = x / max(sqrt(s²_{b,w,h}(x) + ε), sqrt(µ_{w,h}(x²) + ε) − x) · γ + β")
    ) { arguments, _ in
        let (x, channel) = try inputs(arguments, channelArguments: [1, 2])
        try requireBatchStatistics(x, function: arguments.functionName)
        let eps = try PaperPrimitive.positive(arguments, 3, default: 1e-5)
        return try b2(x, gamma: channel[0], beta: channel[1], eps: eps)
    }
}
