// Adding Gradient Noise Improves Learning for Very Deep Networks.
// Arvind Neelakantan, Luke Vilnis, Quoc V. Le, Ilya Sutskever, Lukasz Kaiser, Karol Kurach, James Martens.
// 2015 (ICLR 2016 submission). arXiv:1511.06807.
//
// Implemented: the annealed noise schedule of Sec. 2, σ_t² = η/(1 + t)^γ (`gradnoise.variance`, `gradnoise.std`),
// adding g + σ_t·z to every gradient entry (`gradnoise.add`), global-L2 clipping (`gradnoise.clip`) and an
// optimiser wrapper `gradnoise.Noisy(opt, ...)` doing clip → noise → the inner optimiser's update with its own
// step counter. No official code was published; the formula is the paper's.
// Decisions:
// - t counts from 0 (the first step has σ² = η), as the spec says.
// - Clip-then-noise order in Noisy is a Folio choice (the paper does not pin it down; TensorFlow's
//   optimize_loss(gradient_noise_scale=...) adds un-annealed noise before clipping, a different method).
// - The same σ_t for every parameter; z is i.i.d. N(0, 1) per entry, drawn in the gradient's dtype.
// - With `seed:`, the noise of step t is a pure function of (seed, t): the generator's key mixes both, so a
//   seeded wrapper is reproducible and its steps get independent noise. Without a seed the session's
//   generator is used (what `seed(n)` resets).
// - A parameter without a gradient counts as a zero gradient (as the optimisers do) and still gets noise.
import FolioAutograd
import FolioNN
import FolioRuntime
import FolioTensor

public enum Gradnoise {
    typealias Argument = PaperPrimitive.Argument

    public static let paper = Paper(
        number: 18, key: "gradnoise",
        citation: Citation(title: "Adding Gradient Noise Improves Learning for Very Deep Networks",
                           authors: ["Arvind Neelakantan", "Luke Vilnis", "Quoc V. Le", "Ilya Sutskever", "Lukasz Kaiser",
                                     "Karol Kurach", "James Martens"],
                           year: 2015, arXiv: "1511.06807"),
        summary: """
            Adding annealed Gaussian noise N(0, η/(1 + t)^γ) to every gradient entry at each step, on top of SGD \
            or Adam (often with gradient clipping), helped very deep or complex networks train: a 20-layer MLP \
            on MNIST from a poor initialisation, End-to-End Memory Networks, the Neural Programmer and NRAM.
            """,
        functions: [variance, std, add, clip],
        objects: [Noisy])

    // MARK: Math

    /// σ_t² = η/(1 + t)^γ, elementwise.
    public static func annealedVariance(_ t: Variable, eta: Double, gamma: Double) throws -> Variable {
        try eta / (t + 1).pow(gamma)
    }

    /// A 64-bit key mixing `seed` and the step `t` (SplitMix64's finaliser), so seeded noise differs per step.
    public static func stepSeed(_ seed: UInt64, step t: Int) -> UInt64 {
        var z = seed &+ UInt64(bitPattern: Int64(t)) &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// g + σ·z for each gradient, z given per gradient (same shapes).
    public static func noisy(_ gradients: [Tensor], sigma: Double, noise: [Tensor]) throws -> [Tensor] {
        guard sigma != 0 else { return gradients }
        return try zip(gradients, noise).map { gradient, z in
            let scaled = try z.cast(to: gradient.dtype) * sigma
            return try gradient + scaled
        }
    }

    /// The global L2 norm over all tensors, in float64.
    public static func globalNorm(_ gradients: [Tensor]) throws -> Double {
        var total = 0.0
        for gradient in gradients {
            let values = try gradient.cast(to: .f64)
            total += try (values * values).sum().item().doubleValue
        }
        return total.squareRoot()
    }

    /// g·min(1, maxNorm/‖g‖) with ‖g‖ over all tensors; unchanged when the norm is 0.
    public static func clipped(_ gradients: [Tensor], maxNorm: Double) throws -> [Tensor] {
        let norm = try globalNorm(gradients)
        guard norm > maxNorm, norm > 0 else { return gradients }
        let scale = maxNorm / norm
        return try gradients.map { try ($0 * scale).cast(to: $0.dtype) }
    }

    // MARK: Arguments

    /// An array of tensors (or one tensor), and whether it was one tensor.
    static func tensors(_ value: Value, function: String, name: String) throws -> (tensors: [Tensor], single: Bool) {
        if case .array(let elements) = value {
            let tensors = try elements.enumerated().map { index, element in
                try TensorConversion.tensor(from: element, dtype: nil, name: "\(function): \(name)[\(index)]")
            }
            return (tensors, false)
        }
        return ([try TensorConversion.tensor(from: value, dtype: nil, name: "\(function): \(name)")], true)
    }

    static func floatingOnly(_ tensors: [Tensor], function: String, name: String) throws {
        if let index = tensors.firstIndex(where: { !$0.dtype.isFloatingPoint }) {
            throw FolioError(.TypeError, "\(function): \(name) must be floating-point tensors, got \(tensors[index].dtype) at \(index)")
        }
    }

    static func result(_ tensors: [Tensor], single: Bool) -> Value {
        single ? TensorConversion.wrap(Variable(tensors[0])) : .array(tensors.map { TensorConversion.wrap(Variable($0)) })
    }

    /// η ≥ 0 and γ ≥ 0 at `etaIndex`, `etaIndex + 1`.
    static func schedule(_ arguments: BoundArguments, etaIndex: Int) throws -> (eta: Double, gamma: Double) {
        let eta = try arguments.double(etaIndex, default: 0.01)
        let gamma = try arguments.double(etaIndex + 1, default: 0.55)
        for (name, value) in [("eta", eta), ("gamma", gamma)] where !(value >= 0 && value.isFinite) {
            throw FolioError(.ValueError, "\(arguments.functionName): \(name) must be ≥ 0, got \(value)")
        }
        return (eta, gamma)
    }

    /// A step t ≥ 0 given as a number.
    static func step(_ arguments: BoundArguments, _ index: Int) throws -> Int {
        let value = arguments.value(index)
        guard let number = value.numericValue, number.isFinite, number.rounded() == number, number >= 0, number < 1e15 else {
            throw FolioError(.ValueError, "\(arguments.functionName): t must be a whole number ≥ 0, got \(value)")
        }
        return Int(number)
    }
}
