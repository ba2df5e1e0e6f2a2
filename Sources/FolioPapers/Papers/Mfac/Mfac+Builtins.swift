import FolioAutograd
import FolioNN
import FolioRuntime
import FolioTensor
import Foundation

extension Mfac {
    static let fisherFormula = #"F = \lambda I + \frac{1}{m}\sum_{i=1}^m g_i g_i^\top,\quad F^{-1}x = \frac{x}{\lambda} - \sum_i \frac{v_i^\top x}{\mathrm{den}_i} v_i"#
    static let fisherText = "F = λI + (1/m) Σ gᵢgᵢᵀ; F⁻¹x = x/λ − Σᵢ (vᵢ·x / denᵢ) vᵢ"

    static func staticInverse(_ arguments: BoundArguments, gradients gradientIndex: Int, damp dampIndex: Int, block blockIndex: Int?) throws -> StaticInverse {
        let (values, m, d) = try gradients(arguments, gradientIndex)
        let damp = try damp(arguments, dampIndex)
        let block = try blockIndex.map { try self.block(arguments, $0) } ?? nil
        return StaticInverse(gradients: values, count: m, dimension: d, damp: damp, block: block)
    }

    static let staticInverse = PaperPrimitive.function(
        "mfac.Static",
        [Argument("G"), Argument("damp", .labelled, defaultText: "1e-5"), Argument("block", .labelled, defaultText: "nil")],
        DocEntry("The static M-FAC inverse of the damped empirical Fisher of m gradients G (m, d): ihvp(x), diag(), element(i, j).",
                 details: """
                    O(dm²) precompute, O(dm) memory; ihvp is O(dm), element O(m). block: B applies the algorithm to each \
                    contiguous block of B coordinates (a block-diagonal F). Fields: denominators, m, d, damp.
                    """,
                 example: "let s = mfac.Static(randn(4, 6, seed: 0), damp: 0.1)\ns.ihvp(ones(6))",
                 formula: fisherFormula, formulaText: fisherText)
    ) { arguments, _ in
        .native(MfacStaticObject(try staticInverse(arguments, gradients: 0, damp: 1, block: 2)))
    }

    static let ihvp = PaperPrimitive.tensorFunction(
        "mfac.ihvp",
        [Argument("G"), Argument("x"), Argument("damp", .labelled, defaultText: "1e-5")],
        DocEntry("F⁻¹x for the damped empirical Fisher of the gradients G (m, d): Static(G, damp:).ihvp(x).",
                 details: "Differentiable in x (a linear map), not in G.",
                 example: "mfac.ihvp(randn(4, 6, seed: 0), ones(6), damp: 0.1)",
                 formula: fisherFormula, formulaText: fisherText)
    ) { arguments, _ in
        let inverse = try staticInverse(arguments, gradients: 0, damp: 2, block: nil)
        return try inverse.ihvp(vector(arguments, 1, length: inverse.dimension))
    }

    static let obsPrune = PaperPrimitive.function(
        "mfac.obs_prune",
        [Argument("w"), Argument("G"), Argument("damp", .labelled), Argument("k", .labelled), Argument("block", .labelled, defaultText: "nil")],
        DocEntry("One-shot Optimal-Brain-Surgeon pruning of the k least salient weights with the M-FAC inverse: {mask, delta, saliency}.",
                 details: """
                    Saliency ρ_q = w_q²/(2[F⁻¹]_qq); removing q moves the weights by −w_q F⁻¹e_q/[F⁻¹]_qq. The k smallest \
                    saliencies are removed at once and their single-weight updates summed (no multi-weight correction): \
                    the pruned weights are (w + delta) * mask. w has d entries (any shape; mask and delta take it).
                    """,
                 example: "let r = mfac.obs_prune(randn(6, seed: 1), randn(4, 6, seed: 0), damp: 0.1, k: 2)\nr.mask",
                 formula: #"\rho_q = \frac{w_q^2}{2[F^{-1}]_{qq}},\quad \delta w = -\frac{w_q}{[F^{-1}]_{qq}} F^{-1} e_q"#,
                 formulaText: "ρ_q = w_q²/(2[F⁻¹]_qq); δw = −w_q F⁻¹e_q / [F⁻¹]_qq")
    ) { arguments, _ in
        let inverse = try staticInverse(arguments, gradients: 1, damp: 2, block: 4)
        let w = try vector(arguments, 0, length: inverse.dimension)
        let shape = try arguments.variable(0).shape
        let weights = w.value.toArray()
        let k = try arguments.int(3, default: 0)
        guard (0...inverse.dimension).contains(k) else {
            throw FolioError(.ValueError, "mfac.obs_prune: k must be between 0 and d = \(inverse.dimension), got \(k)")
        }
        let diagonal = inverse.diagonal()
        let saliency = zip(weights, diagonal).map { $0 * $0 / (2 * $1) }
        let order = saliency.indices.sorted { saliency[$0] < saliency[$1] || (saliency[$0] == saliency[$1] && $0 < $1) }
        var mask = [Double](repeating: 1, count: weights.count)
        var delta = [Double](repeating: 0, count: weights.count)
        for q in order.prefix(k) {
            mask[q] = 0
            let column = inverse.column(q)
            let factor = -weights[q] / diagonal[q]
            for index in delta.indices where column[index] != 0 { delta[index] += factor * column[index] }
        }
        let dtype = w.dtype.isFloatingPoint ? w.dtype : .f64
        func tensor(_ values: [Double]) throws -> Variable { Variable(try Tensor(values, shape: shape, dtype: dtype)) }
        return TensorMethods.record([("mask", try tensor(mask)), ("delta", try tensor(delta)), ("saliency", try tensor(saliency))])
    }

    static let dynamic = PaperPrimitive.function(
        "mfac.Dynamic",
        [Argument("d"), Argument("m", .labelled, defaultText: "1024"), Argument("damp", .labelled, defaultText: "1e-5")],
        DocEntry("The dynamic (sliding-window) M-FAC inverse over the last m gradients of d entries: update(g), mul(x), update_mul(g).",
                 details: """
                    The window starts as m zero rows (so F uses 1/m from the first update); update replaces the oldest row \
                    and recomputes the O(m³) coefficients; mul is O(dm + m²). The result equals Static(window, damp:).ihvp(x).
                    """,
                 example: "let w = mfac.Dynamic(6, m: 3, damp: 0.1)\nw.update_mul(ones(6))",
                 formula: fisherFormula, formulaText: fisherText)
    ) { arguments, _ in
        let d = try PaperPrimitive.int(arguments, 0, default: 1, atLeast: 1)
        let m = try windowSize(arguments, 1)
        let (size, overflow) = d.multipliedReportingOverflow(by: m)
        guard !overflow, size <= 200_000_000 else {
            throw FolioError(.ValueError, "mfac.Dynamic: the window of m × d = \(m) × \(d) values is too large")
        }
        return .native(MfacDynamicObject(DynamicInverse(dimension: d, count: m, damp: try damp(arguments, 2))))
    }

    static let optimizerParameters = [
        Argument("lr", .labelled, defaultText: "1e-3"), Argument("momentum", .labelled, defaultText: "0"),
        Argument("weight_decay", .labelled, defaultText: "0"), Argument("ngrads", .labelled, defaultText: "1024"),
        Argument("damp", .labelled, defaultText: "1e-5"), Argument("sparse", .labelled, defaultText: "false"),
    ]

    /// The optimizer's transformation from `optimizerParameters` starting at `first`.
    static func optimizerTransform(_ arguments: BoundArguments, first: Int) throws -> (GradientTransformation, String) {
        let lr = try arguments.double(first, default: 1e-3)
        let momentum = try arguments.double(first + 1, default: 0)
        let weightDecay = try arguments.double(first + 2, default: 0)
        guard lr.isFinite, (0..<1).contains(momentum), weightDecay >= 0, weightDecay.isFinite else {
            throw FolioError(.ValueError, "\(arguments.functionName): needs a finite lr, 0 <= momentum < 1 and weight_decay >= 0")
        }
        let ngrads = try windowSize(arguments, first + 3)
        let damp = try damp(arguments, first + 4)
        let sparse = try arguments.bool(first + 5, default: false)
        let transform = optimizer(lr: lr, momentum: momentum, weightDecay: weightDecay, ngrads: ngrads, damp: damp, sparse: sparse)
        return (transform, "mfac.MFAC(lr: \(lr), momentum: \(momentum), weight_decay: \(weightDecay), ngrads: \(ngrads), damp: \(damp))")
    }

    static let mfacOptimizer = PaperPrimitive.function(
        "mfac.MFAC",
        [Argument("params")] + optimizerParameters,
        DocEntry("The M-FAC optimizer: θ ← θ − lr · F_window⁻¹(∇ + weight_decay·θ), with averaged momentum, over all params flattened together.",
                 details: """
                    An Optimizer (step(loss), step(), zero_grad()) whose transformation is chain(add_decayed_weights, \
                    mfac.scale_by_mfac, momentum v = μv + (1 − μ)u, −lr). sparse: true preconditions only the entries that \
                    are non-zero at construction (pruned weights stay zero). The window costs ngrads × (number of weights) f64 values.
                    """,
                 example: "let net = Linear(3, 1)\nlet opt = mfac.MFAC(net.params, lr: 0.1, ngrads: 8, damp: 1e-3)\nopt.step(mse(net(ones(4, 3)), zeros(4, 1)))\nopt.steps",
                 formula: #"u = F_{\text{window}}^{-1}(\nabla + \text{wd}\,\theta),\quad v \leftarrow \mu v + (1-\mu) u,\quad \theta \leftarrow \theta - \eta v"#,
                 formulaText: "u = F_window⁻¹(∇ + wd·θ); v ← μv + (1 − μ)u; θ ← θ − lr·v")
    ) { arguments, _ in
        let (transform, description) = try optimizerTransform(arguments, first: 1)
        let params = try OptimizerObject.trainableTensors(in: arguments.value(0), for: "mfac.MFAC")
        let total = params.reduce(0) { $0 + $1.variable.count }
        let ngrads = try windowSize(arguments, 4)
        let (size, overflow) = total.multipliedReportingOverflow(by: ngrads)
        guard !overflow, size <= 200_000_000 else {
            throw FolioError(.ValueError, "mfac.MFAC: the gradient window of ngrads × weights = \(ngrads) × \(total) values is too large")
        }
        return .native(try OptimizerObject(params, TransformObject(transform, description: description)))
    }

    static let scaleByMFACTransform = PaperPrimitive.function(
        "mfac.scale_by_mfac",
        [Argument("ngrads", .labelled, defaultText: "1024"), Argument("damp", .labelled, defaultText: "1e-5"),
         Argument("sparse", .labelled, defaultText: "false")],
        DocEntry("A gradient transformation that preconditions the updates with the sliding-window M-FAC inverse F_window⁻¹.",
                 details: "Compose it like any transform: Optimizer(net.params, chain(mfac.scale_by_mfac(ngrads: 32), sgd(lr: 0.1))). All parameters are flattened into one vector.",
                 example: "let w = param(ones(3))\nlet opt = Optimizer([w], chain(mfac.scale_by_mfac(ngrads: 4, damp: 0.1), sgd(lr: 0.1)))\nopt.step(sum(w * w))\nw",
                 formula: #"u \leftarrow F_{\text{window}}^{-1} u"#, formulaText: "u ← F_window⁻¹ u")
    ) { arguments, _ in
        let ngrads = try windowSize(arguments, 0)
        let damp = try damp(arguments, 1)
        let sparse = try arguments.bool(2, default: false)
        return .native(TransformObject(scaleByMFAC(ngrads: ngrads, damp: damp, sparse: sparse),
                                       description: "mfac.scale_by_mfac(ngrads: \(ngrads), damp: \(damp))"))
    }
}
