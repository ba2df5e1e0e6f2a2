import FolioAutograd
import FolioNN
import FolioRuntime
import FolioTensor

/// The `polycom.*` builtins and the two layers, around the math in Polycom.swift.
extension Polycom {
    static let polynormFunction = PaperPrimitive.tensorFunction(
        "polycom.polynorm",
        [Argument("x"), Argument("weight", .labelled, defaultText: "[1/3, 1/3, 1/3]"), Argument("bias", .labelled, defaultText: "0.0"),
         Argument("eps", .labelled, defaultText: "1e-6")],
        DocEntry("PolyNorm: a weighted sum of RMS-normalised powers of x over the last axis, weight highest power first.",
                 details: """
                    For weight of length r: Σ_j weight[j]·N(x^(r−j)) + bias with N(z) = z / sqrt(mean(z², last axis) + eps), \
                    so the default order 3 is w0·N(x³) + w1·N(x²) + w2·N(x) + bias (the official code's order; the paper \
                    writes Σ a_i x^i/‖x^i‖). Differentiable in x, weight and bias.
                    """,
                 example: "polycom.polynorm(randn(2, 8, seed: 0), weight: [0.5, 0.3, 0.2], bias: 0.1).shape",
                 formula: #"\operatorname{PolyNorm}(x) = \sum_{j=0}^{r-1} w_j\,\frac{x^{r-j}}{\sqrt{\operatorname{mean}(x^{2(r-j)}) + \epsilon}} + b"#,
                 formulaText: "PolyNorm(x) = Σ_j w_j · x^(r−j) / sqrt(mean(x^(2(r−j))) + ε) + b")
    ) { arguments, _ in
        let x = try input(arguments, normalised: true)
        return try polynorm(x, weight: weight(arguments, 1, like: x), bias: bias(arguments, 2, like: x), eps: eps(arguments, 3))
    }

    static let polyreluFunction = PaperPrimitive.tensorFunction(
        "polycom.polyrelu",
        [Argument("x"), Argument("weight", .labelled, defaultText: "[1/3, 1/3, 1/3]"), Argument("bias", .labelled, defaultText: "0.0")],
        DocEntry("PolyReLU: a polynomial of relu(x), weight highest power first (w0·relu(x)³ + w1·relu(x)² + w2·relu(x) + bias).",
                 details: "Elementwise, any shape; the derivative of relu at 0 is 0. Differentiable in x, weight and bias.",
                 example: "polycom.polyrelu(linspace(-1.0, 1.0, 5))",
                 formula: #"\operatorname{PolyReLU}(x) = \sum_{j=0}^{r-1} w_j\,\operatorname{relu}(x)^{r-j} + b"#,
                 formulaText: "PolyReLU(x) = Σ_j w_j · relu(x)^(r−j) + b")
    ) { arguments, _ in
        let x = try input(arguments, normalised: false)
        return try polyrelu(x, weight: weight(arguments, 1, like: x), bias: bias(arguments, 2, like: x))
    }

    static let polyNormLayer = PaperPrimitive.layer(
        "polycom.PolyNorm",
        [Argument("order", .labelled, defaultText: "3"), Argument("eps", .labelled, defaultText: "1e-6")],
        DocEntry("PolyNorm activation layer with learnable weight (order values, init 1/order, highest power first) and bias (init 0).",
                 details: "Replaces the FFN activation: Sequential([Linear(d, 4d), polycom.PolyNorm(), Linear(4d, d)]).",
                 example: "let ffn = Sequential([Linear(8, 32, seed: 0), polycom.PolyNorm(), Linear(32, 8, seed: 1)])\nffn(randn(2, 8, seed: 2)).shape",
                 formula: #"\operatorname{PolyNorm}(x) = \sum_{j=0}^{r-1} w_j\,\frac{x^{r-j}}{\sqrt{\operatorname{mean}(x^{2(r-j)}) + \epsilon}} + b"#,
                 formulaText: "PolyNorm(x) = Σ_j w_j · x^(r−j) / sqrt(mean(x^(2(r−j))) + ε) + b")
    ) { arguments, _ in
        let order = try PaperPrimitive.int(arguments, 0, default: 3, within: 1...64)
        let eps = try arguments.double(1, default: 1e-6)
        guard eps > 0, eps.isFinite else { throw FolioError(.ValueError, "polycom.PolyNorm: eps must be > 0, got \(eps)") }
        return PolyCompositionLayer(kind: .norm, order: order, eps: eps)
    }

    static let polyReLULayer = PaperPrimitive.layer(
        "polycom.PolyReLU",
        [Argument("order", .labelled, defaultText: "3")],
        DocEntry("PolyReLU activation layer with learnable weight (order values, init 1/order, highest power first) and bias (init 0).",
                 example: "let act = polycom.PolyReLU()\nact(linspace(-1.0, 1.0, 5))",
                 formula: #"\operatorname{PolyReLU}(x) = \sum_{j=0}^{r-1} w_j\,\operatorname{relu}(x)^{r-j} + b"#,
                 formulaText: "PolyReLU(x) = Σ_j w_j · relu(x)^(r−j) + b")
    ) { arguments, _ in
        PolyCompositionLayer(kind: .relu, order: try PaperPrimitive.int(arguments, 0, default: 3, within: 1...64), eps: 1e-6)
    }
}

/// `polycom.PolyNorm` and `polycom.PolyReLU`: the polynomial with learnable `weight` (order) and `bias` (1).
public final class PolyCompositionLayer: Module {
    public enum Kind { case norm, relu }

    public let kind: Kind
    public let order: Int
    public let eps: Double
    public let weight: FolioNN.Parameter
    public let bias: FolioNN.Parameter

    public init(kind: Kind, order: Int, eps: Double, dtype: DType = .f32) {
        self.kind = kind
        self.order = order
        self.eps = eps
        let initial = (0..<order).map { _ in 1 / Double(order) }
        weight = FolioNN.Parameter(Tensor(initial, dtype: dtype))
        bias = FolioNN.Parameter(Tensor([0], dtype: dtype))
        super.init()
        register(parameter: weight, named: "weight")
        register(parameter: bias, named: "bias")
    }

    public override var layerDescription: String {
        kind == .norm ? "polycom.PolyNorm(order: \(order))" : "polycom.PolyReLU(order: \(order))"
    }

    public override func forward(_ input: Variable) throws -> Variable {
        switch kind {
        case .norm:
            guard let features = input.shape.last, features > 0 else {
                throw NNError.shapeMismatch(layer: layerDescription, expected: "(..., D) with D > 0", got: input.shape)
            }
            return try Polycom.polynorm(input, weight: weight.variable, bias: bias.variable, eps: eps)
        case .relu:
            return try Polycom.polyrelu(input, weight: weight.variable, bias: bias.variable)
        }
    }
}
