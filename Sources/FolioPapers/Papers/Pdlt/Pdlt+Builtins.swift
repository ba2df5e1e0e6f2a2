import FolioAutograd
import FolioNN
import FolioRuntime
import FolioTensor
import Foundation

extension Pdlt {
    static let gaussExpect = PaperPrimitive.tensorFunction(
        "pdlt.gauss_expect",
        [Argument("f"), Argument("K"), Argument("order", .labelled, defaultText: "128")],
        DocEntry("⟨f(z)⟩ for z ~ N(0, K) by probabilists' Gauss–Hermite quadrature.",
                 details: "f is an elementwise closure (called once on a tensor of all nodes) or an activation name. K > 0; order between 2 and 512.",
                 example: "pdlt.gauss_expect({ z in z ** 4 }, 2.0)",
                 formula: #"\langle f\rangle_K = \sum_i w_i f(\sqrt{K}\,u_i)"#,
                 formulaText: "⟨f⟩_K = Σᵢ wᵢ f(√K uᵢ)")
    ) { arguments, context in
        let f = try activation(arguments, 0, context)
        let k = try positiveScalar(arguments, 1)
        let value = try rule(arguments, 2).expect(f.values, variance: k)
        return Variable(try Tensor([value], dtype: .f64).reshape([]))
    }

    static let gaussExpect2 = PaperPrimitive.tensorFunction(
        "pdlt.gauss_expect2",
        [Argument("f"), Argument("g"), Argument("K11"), Argument("K12"), Argument("K22"), Argument("order", .labelled, defaultText: "128")],
        DocEntry("⟨f(z₁) g(z₂)⟩ for (z₁, z₂) Gaussian with covariance [[K11, K12], [K12, K22]], by a product Gauss–Hermite rule.",
                 details: "z₁ = √K11 u, z₂ = √K22 (ρu + √(1−ρ²) w), ρ = K12/√(K11 K22). Rejects K11, K22 ≤ 0 and |K12| > √(K11 K22)(1 + 1e-12).",
                 example: "pdlt.gauss_expect2({ z in z }, { z in z }, 1.0, 0.3, 2.0)",
                 formula: #"\langle f(z_1) g(z_2)\rangle = \sum_{i,j} w_i w_j f(\sqrt{K_{11}}u_i)\, g(\sqrt{K_{22}}(\rho u_i + \sqrt{1-\rho^2}u_j))"#,
                 formulaText: "⟨f(z₁)g(z₂)⟩ = Σᵢⱼ wᵢwⱼ f(√K₁₁ uᵢ) g(√K₂₂(ρuᵢ + √(1−ρ²)uⱼ))")
    ) { arguments, context in
        let f = try activation(arguments, 0, context)
        let g = try activation(arguments, 1, context)
        let k11 = try positiveScalar(arguments, 2)
        let k12 = try scalar(arguments, 3, default: 0)
        let k22 = try positiveScalar(arguments, 4)
        let bound = (k11 * k22).squareRoot() * (1 + 1e-12)
        guard k12.isFinite, abs(k12) <= bound else {
            throw FolioError(.ValueError, "pdlt.gauss_expect2: |K12| = \(abs(k12)) exceeds sqrt(K11·K22) = \((k11 * k22).squareRoot()); the covariance is not positive semi-definite")
        }
        let value = try rule(arguments, 5).expect2(f.values, g.values, k11: k11, k12: k12, k22: k22)
        return Variable(try Tensor([value], dtype: .f64).reshape([]))
    }

    static let kernel = PaperPrimitive.tensorFunction(
        "pdlt.kernel",
        [Argument("x"), Argument("depth"), Argument("act", .labelled, defaultText: "\"tanh\""),
         Argument("cb", .labelled, defaultText: "0"), Argument("cw", .labelled, defaultText: "1")],
        DocEntry("The infinite-width kernel K^(1..depth) of an MLP on inputs x (m, n0), as a (depth, m, m) f64 tensor.",
                 details: """
                    act is "relu", "tanh", "linear", "sin" or an elementwise closure (quadrature of order 128; ReLU \
                    uses its closed form). Rejects depth < 1, cw <= 0, cb < 0.
                    """,
                 example: "pdlt.kernel(randn(3, 5, seed: 0), 4, act: \"relu\", cw: 2)[3]",
                 formula: kernelFormula,
                 formulaText: "K¹_ab = C_b + C_W x_a·x_b/n0; K^(ℓ+1)_ab = C_b + C_W ⟨σ(z_a)σ(z_b)⟩_K^(ℓ)")
    ) { arguments, context in
        let x = try inputs(arguments, 0)
        let depth = try depth(arguments, 1)
        let act = try activation(arguments, 2, context, default: "tanh")
        let (cb, cw) = try variances(arguments, cb: 3, cw: 4)
        let recursions = PdltRecursions(activation: act, rule: try GaussHermiteRule(order: 128), interrupt: context.interruptFlag)
        let m = x.shape[0]
        let first = try firstLayer(x, constant: cb, scale: cw)
        return try stacked(recursions.kernels(first: first, inputs: m, depth: depth, cb: cb, cw: cw), m: m)
    }

    static let chi = PaperPrimitive.tensorFunction(
        "pdlt.chi",
        [Argument("K"), Argument("act"), Argument("cw")],
        DocEntry("The parallel and perpendicular susceptibilities [χ_∥, χ_⊥] at a single-input kernel K.",
                 details: "χ_∥ = C_W d⟨σ²⟩/dK governs how K moves with depth, χ_⊥ how nearby inputs separate; criticality is χ_∥ = χ_⊥ = 1. ReLU: both C_W/2.",
                 example: "pdlt.chi(1.0, \"tanh\", 1.0)",
                 formula: #"\chi_\parallel = \frac{C_W}{K}\langle \sigma'(z)\sigma(z) z\rangle_K,\quad \chi_\perp = C_W\langle \sigma'(z)^2\rangle_K"#,
                 formulaText: "χ_∥ = (C_W/K)⟨σ'σz⟩_K, χ_⊥ = C_W⟨σ'²⟩_K")
    ) { arguments, context in
        let k = try positiveScalar(arguments, 0)
        let act = try activation(arguments, 1, context)
        let cw = try positiveScalar(arguments, 2)
        let values = try PdltRecursions(activation: act, rule: GaussHermiteRule(order: 128), interrupt: context.interruptFlag).susceptibilities(k, cw: cw)
        return Variable(Tensor([values.parallel, values.perpendicular], dtype: .f64))
    }

    static let criticality = PaperPrimitive.function(
        "pdlt.criticality",
        [Argument("act")],
        DocEntry("The critical initialisation {cb, cw} of an activation (χ_∥ = χ_⊥ = 1).",
                 details: "relu: (0, 2), linear: (0, 1) (scale-invariant class); tanh, sin: (0, 1) (K* = 0 class). Other activations have no tabulated point.",
                 example: "pdlt.criticality(\"relu\")",
                 formula: #"\chi_\parallel(K^\star) = \chi_\perp(K^\star) = 1"#,
                 formulaText: "χ_∥(K*) = χ_⊥(K*) = 1")
    ) { arguments, _ in
        let table: [String: Double] = ["relu": 2, "linear": 1, "tanh": 1, "sin": 1]
        guard case .string(let name) = arguments.value(0), let cw = table[name] else {
            throw FolioError(.ValueError, "pdlt.criticality: no tabulated critical point; solve χ_∥ = χ_⊥ = 1 numerically")
        }
        return .record(Record(fields: ["cb", "cw"], values: [.double(0), .double(cw)]))
    }

    static let fourPoint = PaperPrimitive.function(
        "pdlt.four_point",
        [Argument("K1"), Argument("depth"), Argument("act"), Argument("cb"), Argument("cw")],
        DocEntry("The single-input kernel K^(ℓ) and four-point vertex V^(ℓ), ℓ = 1..depth, as a record {K, V} of (depth) f64 tensors.",
                 details: """
                    Equal widths n: E[z⁴] − 3E[z²]² = 3V/n for one preactivation. V^(1) = 0. ReLU at criticality \
                    gives V^(ℓ) = 5(ℓ−1)K². K1 is the first layer's kernel.
                    """,
                 example: "pdlt.four_point(1.0, 5, \"relu\", 0, 2).V",
                 formula: #"V^{(\ell+1)} = C_W^2\left[\langle\sigma^4\rangle - \langle\sigma^2\rangle^2\right]_{K^{(\ell)}} + \chi_\parallel(K^{(\ell)})^2 V^{(\ell)}"#,
                 formulaText: "V^(ℓ+1) = C_W²[⟨σ⁴⟩ − ⟨σ²⟩²]_K^(ℓ) + χ_∥² V^(ℓ)")
    ) { arguments, context in
        let k1 = try positiveScalar(arguments, 0)
        let depth = try depth(arguments, 1)
        let act = try activation(arguments, 2, context)
        let (cb, cw) = try variances(arguments, cb: 3, cw: 4)
        let result = try PdltRecursions(activation: act, rule: GaussHermiteRule(order: 128), interrupt: context.interruptFlag).fourPoint(k1: k1, depth: depth, cb: cb, cw: cw)
        return TensorMethods.record([("K", Variable(Tensor(result.k, dtype: .f64))), ("V", Variable(Tensor(result.v, dtype: .f64)))])
    }

    static let ntk = PaperPrimitive.tensorFunction(
        "pdlt.ntk",
        [Argument("x"), Argument("depth"), Argument("act"), Argument("cb"), Argument("cw"),
         Argument("lam_b", .labelled, defaultText: "1"), Argument("lam_w", .labelled, defaultText: "1")],
        DocEntry("The frozen (infinite-width) neural tangent kernel H^(1..depth) on inputs x (m, n0), as (depth, m, m).",
                 details: "lam_b, lam_w are the learning-rate tensors of biases and weights. ReLU uses ⟨σ'σ'⟩ = (π−θ)/(2π).",
                 example: "pdlt.ntk(randn(3, 5, seed: 0), 3, \"relu\", 0, 2, lam_b: 0)[2]",
                 formula: #"H^{(\ell+1)}_{ab} = \lambda_b + \lambda_W\langle\sigma_a\sigma_b\rangle_{K^{(\ell)}} + C_W\langle\sigma'_a\sigma'_b\rangle_{K^{(\ell)}} H^{(\ell)}_{ab}"#,
                 formulaText: "H^(ℓ+1)_ab = λ_b + λ_W⟨σ_aσ_b⟩ + C_W⟨σ'_aσ'_b⟩ H^(ℓ)_ab, H¹ = λ_b + λ_W x_a·x_b/n0")
    ) { arguments, context in
        let x = try inputs(arguments, 0)
        let depth = try depth(arguments, 1)
        let act = try activation(arguments, 2, context)
        let (cb, cw) = try variances(arguments, cb: 3, cw: 4)
        let lamB = try scalar(arguments, 5, default: 1)
        let lamW = try scalar(arguments, 6, default: 1)
        let recursions = PdltRecursions(activation: act, rule: try GaussHermiteRule(order: 128), interrupt: context.interruptFlag)
        let m = x.shape[0]
        let kernels = try recursions.kernels(first: firstLayer(x, constant: cb, scale: cw), inputs: m, depth: depth, cb: cb, cw: cw)
        let first = try firstLayer(x, constant: lamB, scale: lamW)
        return try stacked(recursions.ntks(first: first, kernels: kernels, inputs: m, cw: cw, lamB: lamB, lamW: lamW), m: m)
    }
}
