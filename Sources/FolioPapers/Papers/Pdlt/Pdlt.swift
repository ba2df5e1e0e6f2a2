// The Principles of Deep Learning Theory: An Effective Theory Approach to Understanding Neural Networks.
// Daniel A. Roberts, Sho Yaida (based on research with Boris Hanin). Cambridge University Press 2022.
// arXiv:2106.10165.
//
// Implemented (the book's MLP: z^(1) = b + W x, z^(ℓ+1) = b + W σ(z^(ℓ)), Var b = C_b, Var W = C_W/n_ℓ):
// Gaussian expectations by probabilists' Gauss–Hermite quadrature (`gauss_expect`, `gauss_expect2`),
// the infinite-width kernel recursion (`kernel`, chapter 4), the susceptibilities χ_∥, χ_⊥ and the
// tabulated critical points (`chi`, `criticality`, chapter 5), the leading 1/n four-point vertex for a
// single input (`four_point`, chapter 4.3/5), the frozen NTK (`ntk`, chapter 9) and Monte-Carlo random
// MLPs to compare against (`sample_mlp`).
// Decisions on the spec's doubts:
// - Equation numbers are not cited: the formulas are the spec's, checked numerically (Monte Carlo for V in
//   the tests and the notebook, the ReLU and sin closed forms for the quadrature).
// - Equal widths only: `four_point` drops the book's n_ℓ/n_{ℓ−1} factor, and `sample_mlp` requires equal
//   widths so its preactivations stack into one (n_nets, layers, m, width) tensor.
// - ReLU uses the closed forms ⟨σσ⟩ = √(K₁₁K₂₂)/(2π)(sin θ + (π−θ)cos θ), ⟨σ'σ'⟩ = (π−θ)/(2π), ⟨σ²⟩ = K/2,
//   ⟨σ⁴⟩ = 3K²/2 and χ = C_W/2 (quadrature converges slowly at the kink); linear is exact too.
// - A closure activation must act elementwise on a tensor; its σ' (for χ and the NTK) comes from
//   reverse-mode autodiff through the closure.
// - Nothing here is differentiable with respect to its inputs (the recursions are plain Doubles): the
//   spec asks for no gradients, and the results are f64 constants.
import FolioAutograd
import FolioNN
import FolioRuntime
import FolioTensor
import Foundation

public enum Pdlt {
    typealias Argument = PaperPrimitive.Argument

    public static let paper = Paper(
        number: 8, key: "pdlt",
        citation: Citation(title: "The Principles of Deep Learning Theory: An Effective Theory Approach to Understanding Neural Networks",
                           authors: ["Daniel A. Roberts", "Sho Yaida", "Boris Hanin"],
                           year: 2021, arXiv: "2106.10165", venue: "Cambridge University Press 2022"),
        summary: """
            At infinite width a randomly initialised MLP is a Gaussian process whose kernel obeys a layer-to-layer \
            recursion; finite width adds a four-point vertex V/n that grows with depth. Initialisations at \
            criticality (χ_∥ = χ_⊥ = 1) keep the kernel from exploding or vanishing exponentially, and the \
            depth-to-width ratio ℓ/n controls how far a real network is from the kernel limit.
            """,
        status: "complete (equal widths; the 1/n² corrections, NTK fluctuations and dNTK are out of scope)",
        functions: [gaussExpect, gaussExpect2, kernel, chi, criticality, fourPoint, ntk, sampleMLP])

    static let kernelFormula = #"K^{(1)}_{ab} = C_b + \frac{C_W}{n_0} x_a\cdot x_b,\quad K^{(\ell+1)}_{ab} = C_b + C_W \langle \sigma(z_a)\sigma(z_b)\rangle_{K^{(\ell)}}"#

    // MARK: Arguments

    /// `act`: "relu", "tanh", "linear", "sin" or an elementwise closure.
    static func activation(_ arguments: BoundArguments, _ index: Int, _ context: CallContext, default fallback: String? = nil) throws -> PdltActivation {
        let name = arguments.functionName
        let value = arguments[index] ?? fallback.map { Value.string($0) } ?? .none
        switch value {
        case .string(let text):
            guard let kind = PdltActivation.namedKinds[text] else {
                throw FolioError(.ValueError, "\(name): unknown activation \"\(text)\"; use \"relu\", \"tanh\", \"linear\", \"sin\" or a closure")
            }
            return PdltActivation(kind: kind, name: name)
        case .function: return PdltActivation(kind: .custom(value, context), name: name)
        default: throw arguments.typeError(index, expected: "an activation name or a closure", got: value)
        }
    }

    /// A number or a one-element tensor.
    static func scalar(_ arguments: BoundArguments, _ index: Int, default fallback: Double) throws -> Double {
        guard let value = arguments[index] else { return fallback }
        if let number = value.numericValue { return number }
        let variable = try arguments.variable(index)
        guard variable.count == 1 else { throw arguments.typeError(index, expected: "a number", got: value) }
        return variable.value.toArray()[0]
    }

    static func positiveScalar(_ arguments: BoundArguments, _ index: Int, default fallback: Double = 0) throws -> Double {
        let value = try scalar(arguments, index, default: fallback)
        guard value > 0, value.isFinite else {
            throw FolioError(.ValueError, "\(arguments.functionName): \(arguments.parameters[index].name) must be positive, got \(value)")
        }
        return value
    }

    /// C_b ≥ 0 and C_W > 0.
    static func variances(_ arguments: BoundArguments, cb cbIndex: Int, cw cwIndex: Int, defaults: (Double, Double) = (0, 1)) throws -> (cb: Double, cw: Double) {
        let cb = try scalar(arguments, cbIndex, default: defaults.0)
        let cw = try scalar(arguments, cwIndex, default: defaults.1)
        guard cb >= 0, cb.isFinite else { throw FolioError(.ValueError, "\(arguments.functionName): cb must be >= 0, got \(cb)") }
        guard cw > 0, cw.isFinite else { throw FolioError(.ValueError, "\(arguments.functionName): cw must be > 0, got \(cw)") }
        return (cb, cw)
    }

    static func rule(_ arguments: BoundArguments, _ index: Int) throws -> GaussHermiteRule {
        let order = try arguments.int(index, default: 128)
        guard (2...512).contains(order) else {
            throw FolioError(.ValueError, "\(arguments.functionName): order must be between 2 and 512, got \(order)")
        }
        return try GaussHermiteRule(order: order)
    }

    /// x as f64 (m, n0); a vector is one input.
    static func inputs(_ arguments: BoundArguments, _ index: Int) throws -> Tensor {
        var x = try arguments.variable(index).value.cast(to: .f64)
        if x.rank == 1 { x = try x.reshape([1, x.shape[0]]) }
        guard x.rank == 2, x.shape[0] >= 1, x.shape[1] >= 1 else {
            throw FolioError(.ShapeError, "\(arguments.functionName): x must be (m, n0) inputs, got shape \(formatShape(x.shape))")
        }
        guard x.toArray().allSatisfy(\.isFinite) else { throw FolioError(.ValueError, "\(arguments.functionName): x must be finite") }
        guard x.shape[0] <= 2_000 else { throw FolioError(.ValueError, "\(arguments.functionName): at most 2000 inputs (m = \(x.shape[0]))") }
        return x
    }

    /// C + λ x xᵀ/n0, row-major.
    static func firstLayer(_ x: Tensor, constant: Double, scale: Double) throws -> [Double] {
        let gram = try x.matmul(x.transpose(0, 1)).toArray()
        let n0 = Double(x.shape[1])
        return gram.map { constant + scale * $0 / n0 }
    }

    static func depth(_ arguments: BoundArguments, _ index: Int) throws -> Int {
        let value = try PaperPrimitive.int(arguments, index, default: 1, atLeast: 1)
        guard value <= 100_000 else { throw FolioError(.ValueError, "\(arguments.functionName): depth must be at most 100000, got \(value)") }
        return value
    }

    static func stacked(_ layers: [[Double]], m: Int) throws -> Variable {
        Variable(try Tensor(layers.flatMap { $0 }, shape: [layers.count, m, m], dtype: .f64))
    }
}
