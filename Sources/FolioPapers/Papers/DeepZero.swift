// DeepZero: Scaling up Zeroth-Order Optimization for Deep Model Training.
// Aochuan Chen, Yimeng Zhang, Jinghan Jia, James Diffenderfer, Jiancheng Liu, Konstantinos Parasyris, Yihua Zhang,
// Zheng Zhang, Bhavya Kailkhura, Sijia Liu. ICLR 2024. arXiv:2310.02025.
//
// Implemented, line by line with the official code (OPTML-Group/DeepZero): the coordinate-wise estimator `cge`
// (algorithm/zoo/gradient_estimate.py `cge`: one base query, then a forward difference per unmasked coordinate),
// the randomized estimator in the paper's form `rge` and the code's form `rge_code` (= μ·rge: the code multiplies
// the normalised direction by μ before accumulating), ZO-GraSP scores (algorithm/prune/importance_scores.py
// `zoo_grasp_importance_score`: two rge_code calls with independent directions, the second at θ + μ·g0, base
// re-queried there), global L1-unstructured pruning masks and their layer-wise sparsity (algorithm/prune/main.py
// `global_prune`, `layer_sparsity`), the sparse-CGE step (random masks with the layer-wise ratios, as
// `prune.random_unstructured`; weights are not zeroed) and ZO-SGD (PyTorch SGD semantics with the defaults of
// tools/misc.py).
// Decisions:
// - θ is one tensor or an array of tensors (one per layer); `f` is called with the same structure. RGE directions
//   are normalised per block, as the code does per parameter tensor.
// - Pruning counts are round(ratio·n) with Python's round (half to even), as torch.nn.utils.prune computes them;
//   ties in |score| prune the earlier entry (torch.topk leaves tie order unspecified).
// - Random directions and masks come from Folio's Philox generator (`seed:` or the session's stream), so draws
//   are reproducible but not those of torch.randn.
// Not implemented: the paper's feature reuse and forward parallelisation (pure speed-ups with identical results),
// the mask re-draw interval in epochs (ZOSGD draws a fresh sparse mask every step) and the learning-rate schedule
// (use the language's schedules around the optimiser if needed).
import FolioAutograd
import FolioRuntime
import FolioTensor

public enum DeepZero {
    typealias Argument = PaperPrimitive.Argument

    public static let paper = Paper(
        number: 33, key: "deepzero",
        citation: Citation(title: "DeepZero: Scaling up Zeroth-Order Optimization for Deep Model Training",
                           authors: ["Aochuan Chen", "Yimeng Zhang", "Jinghan Jia", "James Diffenderfer", "Jiancheng Liu",
                                     "Konstantinos Parasyris", "Yihua Zhang", "Zheng Zhang", "Bhavya Kailkhura", "Sijia Liu"],
                           year: 2023, arXiv: "2310.02025", venue: "ICLR 2024"),
        summary: """
            Training a deep network from loss queries alone (no backpropagation) scales when the gradient is \
            estimated coordinate by coordinate (CGE) rather than along random directions (RGE), and only on a \
            sparse, ZO-GraSP-chosen share of the coordinates per layer. With feature reuse and forward \
            parallelisation this trains ResNet-20 on CIFAR-10 from scratch to near first-order accuracy.
            """,
        status: "complete (not implemented: feature reuse and forward parallelisation, which are pure speed-ups; ZOSGD redraws sparse masks every step, not every 5 epochs)",
        functions: [cgeBuiltin, rgeBuiltin, rgeCodeBuiltin, zoGraspScoresBuiltin, pruneMaskBuiltin, layerRatiosBuiltin,
                    sparseCGEBuiltin],
        objects: [zosgdBuiltin])

    static let testFunction = "let c = tensor([0.41, -0.62, 0.95, -0.13, 0.77, -0.29], dtype: \"f64\")\nlet f = { t in sum(c * sin(t)) + 0.5 * sum(t * t) }\n"

    // MARK: Argument helpers

    static let fArgument = Argument("f")
    static let thetaArgument = Argument("theta")
    static let muArgument = Argument("mu", .labelled, defaultText: "5e-3")

    /// q directions: explicit `directions:` or `q:` Gaussian draws from `seed:` (or the session's stream).
    static func directions(_ arguments: BoundArguments, _ point: Point, _ context: CallContext,
                           directionsIndex: Int, qIndex: Int, seedIndex: Int) throws -> [[[Double]]] {
        let name = arguments.functionName
        let q = try arguments.optionalInt(qIndex)
        if let given = arguments[directionsIndex], !given.isNone {
            guard q == nil else { throw FolioError(.TypeError, "\(name): give either directions: or q:, not both") }
            return try directionRows(given, point, function: name)
        }
        guard let q else { throw FolioError(.TypeError, "\(name): needs directions: D (q rows) or q: with an optional seed:") }
        guard q >= 1 else { throw FolioError(.ValueError, "\(name): q must be at least 1, got \(q)") }
        let seed = try arguments.optionalInt(seedIndex).map { UInt64(bitPattern: Int64($0)) }
        return try context.random(seed: seed) { try gaussianDirections(sizes: point.sizes, q: q, generator: &$0) }
    }

    /// A ratio in [0, 1].
    static func ratio(_ value: Double, function: String, what: String) throws -> Double {
        guard (0...1).contains(value) else { throw FolioError(.ValueError, "\(function): \(what) must be in [0, 1], got \(value)") }
        return value
    }

    /// `ratios:` as one number for every block or an array with one per block.
    static func ratios(_ value: Value, blocks: Int, function: String) throws -> [Double] {
        let numbers: [Double]
        if let number = value.numericValue {
            numbers = Array(repeating: number, count: blocks)
        } else if case .array(let items) = value {
            numbers = try items.map { item in
                guard let number = item.numericValue else { throw FolioError(.TypeError, "\(function): ratios must be numbers, got \(item.typeName)") }
                return number
            }
            guard numbers.count == blocks else {
                throw FolioError(.ShapeError, "\(function): ratios has \(numbers.count) entries for \(blocks) parameter blocks")
            }
        } else {
            throw FolioError(.TypeError, "\(function): ratios must be a number or an array of numbers, got \(value.typeName)")
        }
        return try numbers.map { try ratio($0, function: function, what: "ratios") }
    }

    // MARK: Builtins

    static let cgeBuiltin = PaperPrimitive.function(
        "deepzero.cge", [fArgument, thetaArgument, muArgument, Argument("mask", .labelled, defaultText: "nil")],
        DocEntry("Coordinate-wise gradient estimate (CGE) of a black-box scalar f at theta: a forward difference per coordinate.",
                 details: """
                    theta is a tensor or an array of tensors; f is called with the same structure and returns a number. \
                    With `mask:` (same structure, 0/1) only the kept coordinates are queried and the rest of the estimate \
                    is 0. Cost: 1 + (number of kept coordinates) queries. No autodiff.
                    """,
                 example: testFunction + "deepzero.cge(f, tensor([0.5, -1.0, 2.0, 0.0, 1.5, -0.5], dtype: \"f64\"))",
                 formula: #"\hat g = \sum_{i \in \mathrm{supp}(m)} \frac{f(\theta + \mu e_i) - f(\theta)}{\mu}\, e_i"#,
                 formulaText: "ĝ = Σ_{i ∈ supp(mask)} [(f(θ + μ e_i) − f(θ))/μ] e_i")
    ) { arguments, context in
        let name = arguments.functionName
        let point = try Point(arguments.value(1), function: name, what: "theta")
        let mu = try PaperPrimitive.positive(arguments, 2, default: 5e-3)
        let masks = try arguments[3].flatMap { $0.isNone ? nil : try point.matching($0, function: name, what: "mask") }
        let f = objective(arguments.value(0), point, context, function: name)
        return try point.value(of: cge(f, at: point.blocks, mu: mu, masks: masks))
    }

    static func rgeDeclaration(_ name: String, code: Bool) -> BuiltinFunction {
        let summary = code
            ? "The official code's RGE: μ times deepzero.rge with the same arguments (used by ZO-GraSP)."
            : "Randomized gradient estimate (RGE) of a black-box scalar f along q normalised directions."
        return PaperPrimitive.function(
            name, [fArgument, thetaArgument, Argument("directions", .labelled, defaultText: "nil"),
                   Argument("q", .labelled, defaultText: "nil"), muArgument, PaperPrimitive.seedArgument],
            DocEntry(summary,
                     details: """
                        Give `directions: D` with D of shape (q, d) (d = theta's number of entries; for an array theta, one \
                        such tensor per block), or `q:` to draw Gaussian directions (with `seed:`). Each direction is divided \
                        by its norm + 1e-8 (per block, as the official code does per parameter tensor). Cost: q + 1 queries.
                        """,
                     example: testFunction + "\(name)(f, zeros(6, dtype: \"f64\"), q: 16, seed: 0)",
                     formula: code ? #"\hat g_{\mathrm{code}} = \frac{\mu}{q} \sum_i \frac{f(\theta + \mu u_i) - f(\theta)}{\mu}\, u_i"#
                        : #"\hat g = \frac{1}{q} \sum_i \frac{f(\theta + \mu u_i) - f(\theta)}{\mu}\, u_i,\quad u_i = \frac{d_i}{\lVert d_i \rVert + 10^{-8}}"#,
                     formulaText: code ? "ĝ_code = μ/q Σ_i [(f(θ + μu_i) − f(θ))/μ] u_i"
                        : "ĝ = (1/q) Σ_i [(f(θ + μu_i) − f(θ))/μ] u_i,  u_i = d_i/(‖d_i‖ + 1e-8)")
        ) { arguments, context in
            let point = try Point(arguments.value(1), function: name, what: "theta")
            let mu = try PaperPrimitive.positive(arguments, 4, default: 5e-3)
            let rows = try directions(arguments, point, context, directionsIndex: 2, qIndex: 3, seedIndex: 5)
            let f = objective(arguments.value(0), point, context, function: name)
            let estimate = code ? try rgeCode(f, at: point.blocks, directions: rows, mu: mu)
                : try rge(f, at: point.blocks, directions: rows, mu: mu)
            return try point.value(of: estimate)
        }
    }

    static let rgeBuiltin = rgeDeclaration("deepzero.rge", code: false)
    static let rgeCodeBuiltin = rgeDeclaration("deepzero.rge_code", code: true)

    static let zoGraspScoresBuiltin = PaperPrimitive.function(
        "deepzero.zo_grasp_scores",
        [fArgument, thetaArgument, Argument("q", .labelled, defaultText: "192"), muArgument, PaperPrimitive.seedArgument,
         Argument("d0", .labelled, defaultText: "nil"), Argument("d1", .labelled, defaultText: "nil")],
        DocEntry("ZO-GraSP pruning scores: −θ ⊙ (a zeroth-order Hessian-gradient product), from two rge_code estimates.",
                 details: """
                    g0 = rge_code(f, θ; D0), g1 = rge_code(f, θ + μ·g0; D1), Hg = (g1 − g0)/μ, score = −θ ⊙ Hg, as \
                    `zoo_grasp_importance_score`. Give `d0:` and `d1:` (each (q, d)) for explicit directions, else q \
                    Gaussian directions are drawn for each (from `seed:`). Feed the scores to deepzero.prune_mask.
                    """,
                 example: testFunction + "deepzero.zo_grasp_scores(f, tensor([0.5, -1.0, 2.0, 0.1, 1.5, -0.5], dtype: \"f64\"), q: 32, seed: 0)",
                 formula: #"s = -\theta \odot \frac{\hat g(\theta + \mu \hat g_0) - \hat g_0}{\mu},\quad \hat g_0 = \hat g(\theta)"#,
                 formulaText: "s = −θ ⊙ (ĝ(θ + μ ĝ0) − ĝ0)/μ, ĝ0 = ĝ(θ) with ĝ = rge_code")
    ) { arguments, context in
        let name = arguments.functionName
        let point = try Point(arguments.value(1), function: name, what: "theta")
        let mu = try PaperPrimitive.positive(arguments, 3, default: 5e-3)
        let explicit = [arguments[5], arguments[6]].map { $0.flatMap { $0.isNone ? nil : $0 } }
        let d0: [[[Double]]], d1: [[[Double]]]
        if let first = explicit[0], let second = explicit[1] {
            (d0, d1) = (try directionRows(first, point, function: name), try directionRows(second, point, function: name))
        } else if explicit[0] == nil, explicit[1] == nil {
            let q = try PaperPrimitive.int(arguments, 2, default: 192, atLeast: 1)
            let seed = try arguments.optionalInt(4).map { UInt64(bitPattern: Int64($0)) }
            (d0, d1) = try context.random(seed: seed) { generator in
                (try gaussianDirections(sizes: point.sizes, q: q, generator: &generator),
                 try gaussianDirections(sizes: point.sizes, q: q, generator: &generator))
            }
        } else {
            throw FolioError(.TypeError, "\(name): give both d0: and d1:, or neither")
        }
        let f = objective(arguments.value(0), point, context, function: name)
        return try point.value(of: zoGraspScores(f, at: point.blocks, d0: d0, d1: d1, mu: mu))
    }

    static let pruneMaskBuiltin = PaperPrimitive.function(
        "deepzero.prune_mask", [Argument("scores"), Argument("ratio")],
        DocEntry("Global L1-unstructured pruning mask: 0 for the round(ratio·n) entries of smallest |score|, 1 elsewhere.",
                 details: """
                    scores is one tensor or an array of tensors (one per layer; ranked together, as `global_prune`); the \
                    masks have the same structure. round is Python's (half to even), as torch.nn.utils.prune uses.
                    """,
                 example: "deepzero.prune_mask(tensor([0.3, -0.1, 0.7, 0.05]), 0.5)",
                 formula: #"m_i = [\,|s_i| \text{ not among the } \mathrm{round}(r n) \text{ smallest}\,]"#,
                 formulaText: "m_i = 0 for the round(r·n) smallest |s_i|, else 1")
    ) { arguments, _ in
        let name = arguments.functionName
        let point = try Point(arguments.value(0), function: name, what: "scores")
        let fraction = try ratio(arguments.double(1, default: 0), function: name, what: "ratio")
        return try point.value(of: pruneMasks(scores: point.blocks, ratio: fraction))
    }

    static let layerRatiosBuiltin = PaperPrimitive.function(
        "deepzero.layer_ratios", [Argument("masks")],
        DocEntry("The fraction of zeros of each mask (layer-wise sparsity), as an array of numbers.",
                 details: "Use it as `ratios:` of deepzero.sparse_cge or deepzero.ZOSGD (`layer_sparsity` in the official code).",
                 example: "deepzero.layer_ratios(deepzero.prune_mask([tensor([0.3, -0.1]), tensor([0.7, 0.05, 0.2])], 0.4))",
                 formula: #"r_l = \frac{\#\{i : m^{(l)}_i = 0\}}{n_l}"#,
                 formulaText: "r_l = #{i : m_i = 0} / n_l")
    ) { arguments, _ in
        let point = try Point(arguments.value(0), function: arguments.functionName, what: "masks")
        return .array(layerRatios(point.blocks).map { .double($0) })
    }

    static let sparseCGEBuiltin = PaperPrimitive.function(
        "deepzero.sparse_cge", [fArgument, thetaArgument, Argument("ratios", .labelled), muArgument, PaperPrimitive.seedArgument],
        DocEntry("DeepZero's sparse CGE: a random mask per block with the given layer-wise sparsity, then CGE on the kept coordinates.",
                 details: """
                    `ratios:` is one number or one per block of theta (e.g. deepzero.layer_ratios of ZO-GraSP masks). \
                    Exactly round(ratio·n) coordinates of each block are left out (estimate 0 there); the weights \
                    themselves are not zeroed. Cost: 1 + (kept coordinates) queries.
                    """,
                 example: testFunction + "deepzero.sparse_cge(f, ones(6, dtype: \"f64\"), ratios: 0.5, seed: 0)",
                 formula: #"\hat g = \mathrm{CGE}(f, \theta; m),\quad m^{(l)} \sim \text{random with sparsity } r_l"#,
                 formulaText: "ĝ = CGE(f, θ; m), m_l random with sparsity r_l")
    ) { arguments, context in
        let name = arguments.functionName
        let point = try Point(arguments.value(1), function: name, what: "theta")
        let fractions = try ratios(arguments.value(2), blocks: point.blocks.count, function: name)
        let mu = try PaperPrimitive.positive(arguments, 3, default: 5e-3)
        let seed = try arguments.optionalInt(4).map { UInt64(bitPattern: Int64($0)) }
        let masks = try context.random(seed: seed) { try randomMasks(sizes: point.sizes, ratios: fractions, generator: &$0) }
        let f = objective(arguments.value(0), point, context, function: name)
        return try point.value(of: cge(f, at: point.blocks, mu: mu, masks: masks))
    }

    static let zosgdBuiltin = PaperPrimitive.function(
        "deepzero.ZOSGD",
        [Argument("params"), Argument("lr", .labelled, defaultText: "0.1"), Argument("momentum", .labelled, defaultText: "0.9"),
         Argument("weight_decay", .labelled, defaultText: "5e-4"), muArgument,
         Argument("estimator", .labelled, defaultText: "\"cge\""), Argument("q", .labelled, defaultText: "8"),
         Argument("ratios", .labelled, defaultText: "nil"), PaperPrimitive.seedArgument],
        DocEntry("Zeroth-order SGD: opt.step { loss } estimates the gradient from loss queries and applies SGD with momentum.",
                 details: """
                    `estimator:` "cge" (d + 1 queries a step), "rge" (q + 1) or "sparse_cge" (needs `ratios:`, one number \
                    or one per parameter; a fresh random mask each step). The update is PyTorch's SGD: g = ĝ + λθ, \
                    b = g (first step) or m·b + g, θ −= lr·b. `opt.step` returns the loss before the step; `opt.queries` \
                    counts the loss evaluations so far. Defaults are the official code's.
                    """,
                 example: "let w = param(tensor([1.0, -2.0]))\nlet opt = deepzero.ZOSGD([w], lr: 0.1, momentum: 0)\nopt.step { sum(w * w) }\nw",
                 formula: #"b \leftarrow m b + \hat g + \lambda\theta,\quad \theta \leftarrow \theta - \eta\, b"#,
                 formulaText: "b ← m·b + ĝ + λθ, θ ← θ − η·b")
    ) { arguments, context in
        let name = arguments.functionName
        let given = arguments.value(0)
        let items: [Value]
        if case .array(let elements) = given { items = elements } else { items = [given] }
        let objects = try items.map { item -> TensorObject in
            guard case .native(let object as TensorObject) = item, object.variable.dtype.isFloatingPoint else {
                throw FolioError(.TypeError, "\(name): params must be float tensors (e.g. net.params), got \(item.typeName)")
            }
            return object
        }
        guard !objects.isEmpty else { throw FolioError(.ValueError, "\(name): params is empty") }
        let estimatorName = try arguments.string(5, default: "cge")
        guard let estimator = ZerothOrderSGD.Estimator(rawValue: estimatorName) else {
            let known = ZerothOrderSGD.Estimator.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw FolioError(.ValueError, "\(name): unknown estimator \"\(estimatorName)\"; use one of \(known)")
        }
        var fractions = [Double](repeating: 0, count: objects.count)
        if let ratiosValue = arguments[7], !ratiosValue.isNone {
            fractions = try ratios(ratiosValue, blocks: objects.count, function: name)
        } else if estimator == .sparseCGE {
            throw FolioError(.TypeError, "\(name): estimator \"sparse_cge\" needs ratios:")
        }
        let seed = try arguments.optionalInt(8).map { UInt64(bitPattern: Int64($0)) }
        let optimizer = ZerothOrderSGD(
            learningRate: try PaperPrimitive.positive(arguments, 1, default: 0.1),
            momentum: try ratio(arguments.double(2, default: 0.9), function: name, what: "momentum"),
            weightDecay: try nonNegative(arguments.double(3, default: 5e-4), function: name, what: "weight_decay"),
            mu: try PaperPrimitive.positive(arguments, 4, default: 5e-3), estimator: estimator,
            q: try PaperPrimitive.int(arguments, 6, default: 8, atLeast: 1), ratios: fractions,
            seed: try seed ?? context.drawSeed())
        return .native(ZerothOrderSGDObject(objects: objects, optimizer: optimizer))
    }

    static func nonNegative(_ value: Double, function: String, what: String) throws -> Double {
        guard value >= 0, value.isFinite else { throw FolioError(.ValueError, "\(function): \(what) must be ≥ 0, got \(value)") }
        return value
    }
}
