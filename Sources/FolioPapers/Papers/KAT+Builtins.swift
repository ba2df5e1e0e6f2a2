import FolioAutograd
import FolioNN
import FolioRuntime
import FolioTensor

/// KAT's builtins: the rational, its initial coefficients, the variance-preserving std and two layers.
extension KAT {
    static let rationalFormula = #"F(x) = \frac{\sum_{i=0}^{5} a_i x^i}{1 + \sum_{i=0}^{3} |b_i|\,|x|^{i+1}}\ \text{(A)},\qquad \frac{\sum_{i=0}^{5} a_i x^i}{1 + \big|\sum_{i=0}^{3} b_i x^{i+1}\big|}\ \text{(B)}"#
    static let rationalFormulaText = "F(x) = Σ a_i x^i / (1 + Σ |b_i||x|^(i+1))  (A);  Σ a_i x^i / (1 + |Σ b_i x^(i+1)|)  (B)"
    static let formDetails = """
        form "A" is the official CUDA/Triton kernels' denominator (what trains KAT), "B" the paper's safe Padé unit \
        (what init.json was fitted with). The "gelu" coefficients approximate GELU only in form B (in form A the \
        error reaches about 1.5 at |x| = 3); "swish" fits in both forms.
        """

    static func form(_ arguments: BoundArguments, _ index: Int) throws -> Form {
        let name = try arguments.string(index, default: "A")
        guard let form = Form(rawValue: name) else {
            throw FolioError(.ValueError, "\(arguments.functionName): form must be \"A\" or \"B\", got \"\(name)\"")
        }
        return form
    }

    static let rationalBuiltin = PaperPrimitive.tensorFunction(
        "kat.rational",
        [Argument("x"), Argument("a"), Argument("b"), Argument("groups", .labelled, defaultText: "8"),
         Argument("form", .labelled, defaultText: "\"A\"")],
        DocEntry("Group-wise rational activation P(x)/Q(x) of order (5, 4) over the last axis (KAT's GR-KAN unit).",
                 details: """
                    x is (..., D) with D divisible by groups; channel d uses group d // (D/groups). a is (6) (shared, as \
                    KAT_Group) or (groups, 6); b is (4) or (groups, 4). Q ≥ 1, so there is no pole. \(formDetails) \
                    Differentiable in x, a and b (form A with the kernels' backward, sign(0) = +1).
                    """,
                 example: "let c = kat.init_coeffs(mode: \"swish\")\nkat.rational(linspace(-3.0, 3.0, 8).reshape([1, 8]), c.a, c.b, groups: 1)",
                 formula: rationalFormula, formulaText: rationalFormulaText)
    ) { arguments, _ in
        let groups = try arguments.int(3, default: 8)
        return try rational(arguments.variable(0), numerator: arguments.variable(1), denominator: arguments.variable(2),
                            groups: groups, form: form(arguments, 4))
    }

    static let initCoeffsBuiltin = PaperPrimitive.function(
        "kat.init_coeffs", [Argument("mode", .labelled, defaultText: "\"gelu\"")],
        DocEntry("The initial rational coefficients of kat_rational/init.json: a record (a: (6), b: (4)) in float64.",
                 details: "Modes: " + initialCoefficients.map(\.mode).joined(separator: ", ") + ". \(formDetails)",
                 example: "kat.init_coeffs(mode: \"identity\")",
                 formula: rationalFormula, formulaText: rationalFormulaText)
    ) { arguments, _ in
        let (a, b) = try coefficients(arguments.string(0, default: "gelu"), function: arguments.functionName)
        return TensorMethods.record([("a", Variable(try Tensor(a, shape: [6], dtype: .f64))),
                                     ("b", Variable(try Tensor(b, shape: [4], dtype: .f64)))])
    }

    static let vpStdBuiltin = PaperPrimitive.function(
        "kat.vp_std",
        [Argument("fan_in"), Argument("mode", .labelled, defaultText: "\"gelu\""), Argument("gain", .labelled, defaultText: "\"official\""),
         Argument("form", .labelled, defaultText: "\"A\"")],
        DocEntry("Variance-preserving weight std sqrt(gain²/fan_in) for a layer after the rational of `mode`.",
                 details: """
                    gain² = Var[x]/E[F(x)²] with x ~ N(0, 1). `gain: "official"` uses katransformer.py's constants (gelu \
                    2.3567850379928976, swish/silu 2.8178205270359653, identity/linear 1; Monte-Carlo estimates made with \
                    the form-B rational); `gain: "quadrature"` computes 1/E[F²] by 200-point Gauss–Hermite for `form`.
                    """,
                 example: "[kat.vp_std(768), kat.vp_std(768, gain: \"quadrature\", form: \"B\")]",
                 formula: #"\sigma = \sqrt{\frac{\mathrm{gain}^2}{\mathrm{fan_{in}}}},\quad \mathrm{gain}^2 = \frac{\mathrm{Var}[x]}{\mathbb{E}[F(x)^2]}"#,
                 formulaText: "σ = sqrt(gain²/fan_in), gain² = Var[x]/E[F(x)²]")
    ) { arguments, _ in
        let name = arguments.functionName
        let gain = try arguments.string(2, default: "official")
        guard gain == "official" || gain == "quadrature" else {
            throw FolioError(.ValueError, "\(name): gain must be \"official\" or \"quadrature\", got \"\(gain)\"")
        }
        return .double(try vpStd(fanIn: arguments.int(0, default: 1), mode: arguments.string(1, default: "gelu"),
                                 quadrature: gain == "quadrature", form: form(arguments, 3), function: name))
    }

    static let groupRationalBuiltin = PaperPrimitive.layer(
        "kat.GroupRational",
        [Argument("groups", .labelled, defaultText: "8"), Argument("mode", .labelled, defaultText: "\"gelu\""),
         Argument("form", .labelled, defaultText: "\"A\"")],
        DocEntry("KAT_Group: the group-wise rational as a layer, parameters a (1, 6) shared and b (groups, 4) per group.",
                 details: "Input (B, L, D) or (B, D), D divisible by groups. `layer.a = t` and `layer.b = t` set the coefficients. \(formDetails)",
                 example: "let act = kat.GroupRational(groups: 4, mode: \"swish\")\nact(randn(2, 5, 16, seed: 0)).shape",
                 formula: rationalFormula, formulaText: rationalFormulaText)
    ) { arguments, _ in
        try GroupRational(groups: PaperPrimitive.int(arguments, 0, default: 8, atLeast: 1), mode: arguments.string(1, default: "gelu"),
                          form: form(arguments, 2))
    }

    static let grkanBuiltin = PaperPrimitive.layer(
        "kat.GRKAN",
        [Argument("in"), Argument("hidden", .labelled, defaultText: "4*in"), Argument("out", .labelled, defaultText: "in"),
         Argument("groups", .labelled, defaultText: "8"), Argument("act_init", .labelled, defaultText: "\"gelu\""),
         Argument("bias", .labelled, defaultText: "true"), Argument("form", .labelled, defaultText: "\"A\""),
         Argument("init", .labelled, defaultText: "\"default\""), PaperPrimitive.seedArgument],
        DocEntry("GR-KAN, KAT's channel mixer: fc2(act2(fc1(act1(x)))) with group-wise rationals act1 (identity) and act2 (act_init).",
                 details: """
                    Children act1, fc1 (Linear in → hidden), act2, fc2 (Linear hidden → out); in and hidden must be divisible \
                    by groups. `init: "vp"` is the paper's variance-preserving init (fc1 ~ N(0, 1/in), fc2 ~ N(0, gain²/hidden), \
                    biases 0, gain² from kat.vp_std); "default" keeps nn.Linear's. Dropout (0 by default) is omitted.
                    """,
                 example: "let mixer = kat.GRKAN(16, groups: 4, init: \"vp\", seed: 0)\nmixer(randn(2, 5, 16, seed: 1)).shape",
                 formula: #"y = W_2\,F_2(W_1\,F_1(x) + c_1) + c_2"#, formulaText: "y = fc2(F2(fc1(F1(x))))")
    ) { arguments, seed in
        let name = arguments.functionName
        let inputs = try PaperPrimitive.int(arguments, 0, default: 1, atLeast: 1)
        guard inputs < 1 << 24 else { throw FolioError(.ValueError, "\(name): in is too large (\(inputs))") }
        let hidden = try PaperPrimitive.int(arguments, 1, default: 4 * inputs, atLeast: 1)
        let initName = try arguments.string(7, default: "default")
        guard let initialization = GRKAN.Initialization(rawValue: initName) else {
            throw FolioError(.ValueError, "\(name): init must be \"default\" or \"vp\", got \"\(initName)\"")
        }
        return try GRKAN(inputs: inputs, hidden: hidden, outputs: PaperPrimitive.int(arguments, 2, default: inputs, atLeast: 1),
                         groups: PaperPrimitive.int(arguments, 3, default: 8, atLeast: 1), activation: arguments.string(4, default: "gelu"),
                         bias: arguments.bool(5, default: true), form: form(arguments, 6), init: initialization, seed: seed)
    }
}
