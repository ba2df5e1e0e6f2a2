// Polynomial Composition Activations: Unleashing the Dynamics of Large Language Models.
// Zhijian Zhuo, Ya Wang, Yutao Zeng, Xiaoqing Li, Xun Zhou, Jinwen Ma. ICLR 2025. arXiv:2411.03884.
//
// Implemented: PolyNorm and PolyReLU as functions (`polycom.polynorm`, `polycom.polyrelu`) and layers
// (`polycom.PolyNorm`, `polycom.PolyReLU`), following the official dense-model code (BryceZhuo/PolyCom,
// dense_model/megatron_patch/model/llama2/transformer.py: `norm`, `polynorm`, `poly`, `PolyNorm`, `PolyReLU`):
// N(z) = z·rsqrt(mean(z², last axis) + eps), eps = 1e-6 inside the square root; weight init ones(r)/r,
// bias init zeros(1) (a one-element parameter, as the official `torch.zeros(1)`).
// Decisions on the spec's doubts:
// - Weight order is the code's, highest power first: weight[0] multiplies x^r (the paper writes Σ a_i x^i).
// - The normalisation runs over the plain last axis (dense model), not the chunked reshape of the MoE
//   model's PolyNorm; this is the paper's formula.
// - Powers are built by repeated multiplication (x·x·x) rather than pow, so the gradient at negative x
//   is the exact p·x^{p−1} with no log(x) branch; relu's derivative at 0 is 0, as the spec says.
// - `order` (layers) and the length of `weight` (functions) may be any r ≥ 1, as the general formula allows.
import FolioAutograd
import FolioNN
import FolioRuntime
import FolioTensor

public enum Polycom {
    typealias Argument = PaperPrimitive.Argument

    public static let paper = Paper(
        number: 41, key: "polycom",
        citation: Citation(title: "Polynomial Composition Activations: Unleashing the Dynamics of Large Language Models",
                           authors: ["Zhijian Zhuo", "Ya Wang", "Yutao Zeng", "Xiaoqing Li", "Xun Zhou", "Jinwen Ma"],
                           year: 2024, arXiv: "2411.03884", venue: "ICLR 2025"),
        summary: """
            Composing a base activation with a learned polynomial gives transformer FFNs higher-order interactions at \
            almost no cost. PolyReLU is a cubic polynomial of ReLU(x); PolyNorm sums RMS-normalised powers x, x², x³ with \
            learned weights. Replacing SwiGLU/GELU in 1B dense and MoE language models lowered training loss and \
            improved downstream accuracy.
            """,
        functions: [polynormFunction, polyreluFunction],
        layers: [polyNormLayer, polyReLULayer],
        layerSamples: [
            PaperLayerSample("polycom.PolyNorm") {
                let layer = PolyCompositionLayer(kind: .norm, order: 3, eps: 1e-6)
                try layer.weight.assign(Tensor([0.5, -0.3, 0.8]))
                return (layer, try Tensor(PaperPrimitive.sampleValues(count: 24), shape: [3, 8]))
            },
            PaperLayerSample("polycom.PolyReLU") {
                let layer = PolyCompositionLayer(kind: .relu, order: 3, eps: 1e-6)
                return (layer, try Tensor(PaperPrimitive.sampleValues(count: 24), shape: [3, 8]))
            },
        ])

    // MARK: Math

    /// x, x², …, x^order by repeated multiplication (exact gradients at negative x).
    static func powers(_ x: Variable, order: Int) throws -> [Variable] {
        var result = [x]
        while result.count < order, let last = result.last { result.append(try last * x) }
        return result
    }

    /// N(z) = z / sqrt(mean(z², last axis) + eps).
    public static func rmsNormalise(_ z: Variable, eps: Double) throws -> Variable {
        let meanSquare = try (z * z).mean(axes: [z.rank - 1], keepDims: true)
        return try z * (meanSquare + eps).rsqrt()
    }

    /// Σ_j weight[j]·f(x^{r−j}) + bias, weight highest power first.
    static func polynomial(_ x: Variable, weight: Variable, bias: Variable, term: (Variable) throws -> Variable) throws -> Variable {
        let order = weight.shape.first ?? 0
        let terms = try powers(x, order: order)
        var total: Variable?
        for index in 0..<order {
            let coefficient = try weight.slice([.at(index)])
            let part = try coefficient * term(terms[order - 1 - index])
            total = try total.map { try $0 + part } ?? part
        }
        guard let total else { throw FolioError(.ValueError, "polycom: weight must not be empty") }
        return try total + bias
    }

    /// PolyNorm: Σ_j w_j·N(x^{r−j}) + bias over the last axis.
    public static func polynorm(_ x: Variable, weight: Variable, bias: Variable, eps: Double) throws -> Variable {
        try polynomial(x, weight: weight, bias: bias) { try rmsNormalise($0, eps: eps) }
    }

    /// PolyReLU: Σ_j w_j·relu(x)^{r−j} + bias, elementwise.
    public static func polyrelu(_ x: Variable, weight: Variable, bias: Variable) throws -> Variable {
        try polynomial(x.relu(), weight: weight, bias: bias) { $0 }
    }

    /// The default weight ones(r)/r.
    static func defaultWeight(order: Int, dtype: DType) throws -> Tensor {
        try Tensor.full(shape: [order], value: 1 / Double(order), dtype: dtype)
    }

    // MARK: Argument checks

    /// `weight:` as a non-empty vector (default [1/3, 1/3, 1/3] in x's float dtype).
    static func weight(_ arguments: BoundArguments, _ index: Int, like x: Variable) throws -> Variable {
        guard let value = arguments[index], !value.isNone else { return Variable(try defaultWeight(order: 3, dtype: x.dtype)) }
        let given = try PaperPrimitive.variable(arguments, index, literalType: x.dtype)
        guard given.rank == 1, given.count > 0 else {
            throw FolioError(.ValueError, "\(arguments.functionName): weight must be a non-empty vector (highest power first), got shape \(formatShape(given.shape))")
        }
        return given
    }

    static func bias(_ arguments: BoundArguments, _ index: Int, like x: Variable) throws -> Variable {
        guard let value = arguments[index], !value.isNone else { return Variable(Tensor(scalar: 0, dtype: x.dtype)) }
        let given = try PaperPrimitive.variable(arguments, index, literalType: x.dtype)
        guard given.count == 1 else {
            throw FolioError(.ShapeError, "\(arguments.functionName): bias must be one number, got shape \(formatShape(given.shape))")
        }
        return given
    }

    static func input(_ arguments: BoundArguments, normalised: Bool) throws -> Variable {
        let x = try arguments.variable(0)
        let floating = x.dtype.isFloatingPoint ? x : try x.cast(to: .f32)
        if normalised {
            guard let features = floating.shape.last, features > 0 else {
                throw FolioError(.ShapeError, "\(arguments.functionName): x needs a non-empty last axis to normalise over, got shape \(formatShape(floating.shape))")
            }
        }
        return floating
    }

    static func eps(_ arguments: BoundArguments, _ index: Int) throws -> Double {
        let value = try arguments.double(index, default: 1e-6)
        guard value > 0, value.isFinite else { throw FolioError(.ValueError, "\(arguments.functionName): eps must be > 0, got \(value)") }
        return value
    }
}
