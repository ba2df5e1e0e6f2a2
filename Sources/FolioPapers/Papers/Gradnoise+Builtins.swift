import FolioAutograd
import FolioNN
import FolioRuntime
import FolioTensor
import Foundation

/// The builtins of `gradnoise`: the schedule, adding noise, clipping and the optimiser wrapper.
extension Gradnoise {
    static let varianceFormula = #"\sigma_t^2 = \frac{\eta}{(1 + t)^{\gamma}}"#
    static let varianceFormulaText = "σ_t² = η / (1 + t)^γ"

    /// σ_t² (or σ_t with `root`) for a number or a tensor of steps.
    static func schedule(_ arguments: BoundArguments, root: Bool) throws -> Value {
        let (eta, gamma) = try schedule(arguments, etaIndex: 1)
        let name = arguments.functionName
        let given = arguments.value(0)
        if let number = given.numericValue, !(given.isTensor) {
            guard number >= 0 else { throw FolioError(.ValueError, "\(name): t must be ≥ 0, got \(number)") }
            let value = eta / Foundation.pow(1 + number, gamma)
            return .double(root ? value.squareRoot() : value)
        }
        let t = try TensorConversion.variable(given, name: "\(name): t")
        let steps = try t.cast(to: t.dtype.floatingType)
        if steps.count > 0, try steps.value.min().item().doubleValue < 0 {
            throw FolioError(.ValueError, "\(name): t must be ≥ 0, got a tensor with minimum \(try steps.value.min().item().doubleValue)")
        }
        let value = try annealedVariance(steps, eta: eta, gamma: gamma)
        return TensorConversion.wrap(root ? try value.sqrt() : value)
    }

    static let variance = PaperPrimitive.function(
        "gradnoise.variance",
        [Argument("t"), Argument("eta", .labelled, defaultText: "0.01"), Argument("gamma", .labelled, defaultText: "0.55")],
        DocEntry("The annealed noise variance σ_t² = η/(1 + t)^γ of step t (t = 0 is the first step).",
                 details: """
                    Elementwise over a tensor of steps (a number gives a number). The paper uses η ∈ {0.01, 0.3, 1.0} \
                    and γ = 0.55. Rejects t < 0, η < 0, γ < 0.
                    """,
                 example: "gradnoise.variance(tensor([0, 1, 10, 100]), eta: 0.3)",
                 formula: varianceFormula, formulaText: varianceFormulaText)
    ) { arguments, _ in try schedule(arguments, root: false) }

    static let std = PaperPrimitive.function(
        "gradnoise.std",
        [Argument("t"), Argument("eta", .labelled, defaultText: "0.01"), Argument("gamma", .labelled, defaultText: "0.55")],
        DocEntry("The annealed noise standard deviation σ_t = sqrt(η/(1 + t)^γ) of step t.",
                 details: "The square root of `gradnoise.variance`, with the same arguments and checks.",
                 example: "gradnoise.std(0, eta: 1.0)",
                 formula: #"\sigma_t = \sqrt{\eta / (1 + t)^{\gamma}}"#, formulaText: "σ_t = sqrt(η / (1 + t)^γ)")
    ) { arguments, _ in try schedule(arguments, root: true) }

    static let add = PaperPrimitive.function(
        "gradnoise.add",
        [Argument("grads"), Argument("t"), Argument("eta", .labelled, defaultText: "0.01"),
         Argument("gamma", .labelled, defaultText: "0.55"), Argument("seed", .labelled, defaultText: "nil"),
         Argument("noise", .labelled, defaultText: "nil")],
        DocEntry("Adds annealed Gaussian noise σ_t·z, z ~ N(0, I), to every gradient tensor (an array of tensors, or one).",
                 details: """
                    Returns g + σ_t·z for each tensor of `grads` in order, with the same σ_t = sqrt(η/(1 + t)^γ) for all. \
                    `noise:` gives z explicitly (same shapes); otherwise z is drawn from the session's generator, or, \
                    with `seed:`, from a generator keyed by (seed, t), so a seeded call is reproducible and different \
                    steps get independent noise. η = 0 returns the gradients unchanged without drawing. Acts on \
                    gradients, so it is not differentiated through.
                    """,
                 example: "gradnoise.add([zeros(2, 2), zeros(3)], 0, eta: 1.0, seed: 0)",
                 formula: #"g_t \leftarrow g_t + \mathcal{N}\!\left(0, \frac{\eta}{(1 + t)^{\gamma}}\right)"#,
                 formulaText: "g_t ← g_t + N(0, η / (1 + t)^γ)")
    ) { arguments, context in
        let name = arguments.functionName
        let (gradients, single) = try tensors(arguments.value(0), function: name, name: "grads")
        try floatingOnly(gradients, function: name, name: "grads")
        let t = try step(arguments, 1)
        let (eta, gamma) = try schedule(arguments, etaIndex: 2)
        let seed = try arguments.optionalInt(4).map { UInt64(bitPattern: Int64($0)) }
        var noise: [Tensor]?
        if let given = arguments[5], !given.isNone {
            noise = try checkedNoise(given, like: gradients, function: name)
        }
        guard eta > 0 else { return result(gradients, single: single) }
        let z = try noise ?? draw(like: gradients, step: t, seed: seed, context: context)
        let sigma = (eta / Foundation.pow(1 + Double(t), gamma)).squareRoot()
        return result(try Gradnoise.noisy(gradients, sigma: sigma, noise: z), single: single)
    }

    /// z ~ N(0, I) for each gradient, from the generator keyed by (seed, t) or the session's.
    static func draw(like gradients: [Tensor], step t: Int, seed: UInt64?, context: CallContext) throws -> [Tensor] {
        try context.random(seed: seed.map { stepSeed($0, step: t) }) { generator in
            try gradients.map { try Tensor.randn($0.shape, dtype: $0.dtype, generator: &generator) }
        }
    }

    static func checkedNoise(_ value: Value, like gradients: [Tensor], function: String) throws -> [Tensor] {
        let (noise, _) = try tensors(value, function: function, name: "noise")
        guard noise.count == gradients.count else {
            throw FolioError(.ValueError, "\(function): noise has \(noise.count) tensors, grads has \(gradients.count)")
        }
        for (index, (z, gradient)) in zip(noise, gradients).enumerated() where z.shape != gradient.shape {
            throw FolioError(.ShapeError, "\(function): noise[\(index)] has shape \(formatShape(z.shape)), its gradient \(formatShape(gradient.shape))")
        }
        return noise
    }

    static let clip = PaperPrimitive.function(
        "gradnoise.clip",
        [Argument("grads"), Argument("max_norm")],
        DocEntry("Global-L2 gradient clipping g ← g·min(1, max_norm/‖g‖), with ‖g‖ over all tensors.",
                 details: "An array of tensors (or one tensor) in, the same out; a zero gradient stays zero. max_norm must be positive.",
                 example: "gradnoise.clip([ones(3) * 3, ones(1) * 4], 2.0)",
                 formula: #"g \leftarrow g \cdot \min\left(1, \frac{c}{\lVert g \rVert_2}\right)"#,
                 formulaText: "g ← g · min(1, c / ‖g‖₂)")
    ) { arguments, _ in
        let name = arguments.functionName
        let (gradients, single) = try tensors(arguments.value(0), function: name, name: "grads")
        try floatingOnly(gradients, function: name, name: "grads")
        let maxNorm = try PaperPrimitive.positive(arguments, 1, default: 1)
        return result(try Gradnoise.clipped(gradients, maxNorm: maxNorm), single: single)
    }

    static let Noisy = PaperPrimitive.function(
        "gradnoise.Noisy",
        [Argument("opt"), Argument("eta", .labelled, defaultText: "0.01"), Argument("gamma", .labelled, defaultText: "0.55"),
         Argument("clip", .labelled, defaultText: "nil"), Argument("seed", .labelled, defaultText: "nil")],
        DocEntry("Wraps an optimiser so each step clips (optionally), adds annealed Gaussian noise to the gradients, then updates.",
                 details: """
                    `noisy.step(loss)` runs loss.backward(), then `gradnoise.clip` (when `clip:` is given), then \
                    `gradnoise.add` with the wrapper's step counter t (0 at the first step, `noisy.t`), then the inner \
                    optimiser's update, which also clears the gradients; `noisy.step()` skips the backward. Works with \
                    any Optimizer (SGD, Adam, chains). Clip before noise is Folio's choice; the paper does not fix it. \
                    With `seed:` the noise of step t depends only on (seed, t).
                    """,
                 example: """
                    let w = param(ones(3))
                    let opt = gradnoise.Noisy(SGD([w], lr: 0.1), eta: 0.3, seed: 0)
                    opt.step(sum(w * w))
                    opt.t
                    """,
                 formula: #"g_t \leftarrow \mathrm{clip}(g_t) + \mathcal{N}\!\left(0, \frac{\eta}{(1 + t)^{\gamma}}\right)"#,
                 formulaText: "g_t ← clip(g_t) + N(0, η / (1 + t)^γ), then the inner update")
    ) { arguments, _ in
        let name = arguments.functionName
        guard case .native(let inner as OptimizerObject) = arguments.value(0) else {
            throw FolioError(.TypeError, "\(name): opt must be an Optimizer (SGD, Adam, Optimizer(params, transform)), got \(arguments.value(0).typeName)")
        }
        let (eta, gamma) = try schedule(arguments, etaIndex: 1)
        var clip: Double?
        if let given = try arguments.optionalDouble(3) {
            guard given > 0, given.isFinite else { throw FolioError(.ValueError, "\(name): clip must be positive, got \(given)") }
            clip = given
        }
        let seed = try arguments.optionalInt(4).map { UInt64(bitPattern: Int64($0)) }
        return .native(NoisyOptimizerObject(inner: inner, eta: eta, gamma: gamma, clip: clip, seed: seed))
    }
}

extension Value {
    fileprivate var isTensor: Bool {
        if case .native(let object) = self, object is TensorObject { return true }
        return false
    }
}
