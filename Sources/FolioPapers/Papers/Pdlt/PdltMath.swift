import FolioAutograd
import FolioRuntime
import FolioTensor
import Foundation

/// Probabilists' Gauss–Hermite quadrature: `Σ wᵢ f(√K uᵢ) ≈ ⟨f(z)⟩` for z ~ N(0, K), weights summing to 1.
struct GaussHermiteRule {
    let nodes: [Double]
    let weights: [Double]

    /// Golub–Welsch: the nodes are the eigenvalues of the Jacobi matrix of He_n (off-diagonal √k),
    /// the weights the squared first components of its unit eigenvectors.
    init(order: Int) throws {
        var jacobi = [Double](repeating: 0, count: order * order)
        for k in 1..<max(order, 1) {
            let offDiagonal = Double(k).squareRoot()
            jacobi[(k - 1) * order + k] = offDiagonal
            jacobi[k * order + k - 1] = offDiagonal
        }
        let (values, vectors) = try Tensor(jacobi, shape: [order, order], dtype: .f64).eigh()
        nodes = values.toArray()
        let firstRow = vectors.toArray().prefix(order)
        let squares = firstRow.map { $0 * $0 }
        let total = squares.reduce(0, +)
        weights = squares.map { $0 / total }
    }

    /// ⟨f(z)⟩ for z ~ N(0, variance); `f` maps a batch of points to their values.
    func expect(_ f: ([Double]) throws -> [Double], variance: Double) throws -> Double {
        let scale = variance.squareRoot()
        let values = try f(nodes.map { $0 * scale })
        return zip(weights, values).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// ⟨f(z₁) g(z₂)⟩ with z₁ = √K₁₁ u, z₂ = √K₂₂ (ρ u + √(1−ρ²) w), ρ clipped to [−1, 1].
    func expect2(_ f: ([Double]) throws -> [Double], _ g: ([Double]) throws -> [Double],
                 k11: Double, k12: Double, k22: Double) throws -> Double {
        let rho = Swift.max(-1, Swift.min(1, k12 / (k11 * k22).squareRoot()))
        let orthogonal = Swift.max(0, 1 - rho * rho).squareRoot()
        let (scale1, scale2) = (k11.squareRoot(), k22.squareRoot())
        let count = nodes.count
        var second = [Double](repeating: 0, count: count * count)
        for i in 0..<count {
            for j in 0..<count { second[i * count + j] = scale2 * (rho * nodes[i] + orthogonal * nodes[j]) }
        }
        let firstValues = try f(nodes.map { $0 * scale1 })
        let secondValues = try g(second)
        var total = 0.0
        for i in 0..<count {
            var row = 0.0
            for j in 0..<count { row += weights[j] * secondValues[i * count + j] }
            total += weights[i] * firstValues[i] * row
        }
        return total
    }
}

/// σ of the book's MLP: one with closed forms, or a language closure evaluated on tensors.
struct PdltActivation {
    enum Kind {
        case relu, tanh, linear, sin
        case custom(Value, CallContext)
    }

    let kind: Kind
    let name: String

    static let namedKinds: [String: Kind] = ["relu": .relu, "tanh": .tanh, "linear": .linear, "sin": .sin]

    var isReLU: Bool { if case .relu = kind { return true } else { return false } }
    var isLinear: Bool { if case .linear = kind { return true } else { return false } }

    func values(_ z: [Double]) throws -> [Double] {
        switch kind {
        case .relu: return z.map { Swift.max($0, 0) }
        case .tanh: return z.map { Foundation.tanh($0) }
        case .linear: return z
        case .sin: return z.map { Foundation.sin($0) }
        case .custom(let function, let context):
            return try noGrad { try callClosure(function, context, Variable(Tensor(z, shape: [z.count], dtype: .f64))).value.toArray() }
        }
    }

    /// σ'(z); a closure is differentiated by reverse mode (it must act elementwise).
    func derivatives(_ z: [Double]) throws -> [Double] {
        switch kind {
        case .relu: return z.map { $0 > 0 ? 1 : 0 }
        case .tanh: return z.map { let t = Foundation.tanh($0); return 1 - t * t }
        case .linear: return z.map { _ in 1 }
        case .sin: return z.map { Foundation.cos($0) }
        case .custom(let function, let context):
            let leaf = Variable(try Tensor(z, shape: [z.count], dtype: .f64), requiresGrad: true)
            try enableGrad { try callClosure(function, context, leaf).sum().backward() }
            guard let grad = leaf.grad else {
                throw FolioError(.ValueError, "\(name): the activation closure does not depend on its input")
            }
            return grad.toArray()
        }
    }

    private func callClosure(_ function: Value, _ context: CallContext, _ input: Variable) throws -> Variable {
        let result = try context.call(function, [TensorConversion.wrap(input)])
        let output = try TensorConversion.variable(result, name: "the activation's result")
        guard output.count == input.count else {
            throw FolioError(.ShapeError, "\(name): the activation closure must act elementwise (\(input.count) inputs gave shape \(formatShape(output.shape)))")
        }
        return output.dtype == .f64 ? output : try output.cast(to: .f64)
    }

    func tensor(_ z: Variable) throws -> Variable {
        switch kind {
        case .relu: return try z.relu()
        case .tanh: return try z.tanh()
        case .linear: return z
        case .sin: return try z.sin()
        case .custom(let function, let context): return try callClosure(function, context, z)
        }
    }
}

/// The book's infinite-width recursions on plain Doubles (no training, so no autodiff needed).
struct PdltRecursions {
    let activation: PdltActivation
    let rule: GaussHermiteRule
    /// The session's interrupt flag, checked once per layer.
    var interrupt: InterruptFlag?

    /// ⟨σ(z_a) σ(z_b)⟩ for the 2×2 kernel (k11, k12, k22); ReLU in closed form (quadrature is poor at kinks).
    func sigmaSigma(_ k11: Double, _ k12: Double, _ k22: Double, diagonal: Bool) throws -> Double {
        if activation.isReLU {
            let cosine = Swift.max(-1, Swift.min(1, k12 / (k11 * k22).squareRoot()))
            let theta = acos(cosine)
            return (k11 * k22).squareRoot() / (2 * Double.pi) * (Foundation.sin(theta) + (Double.pi - theta) * cosine)
        }
        if activation.isLinear { return k12 }
        if diagonal { return try rule.expect({ try activation.values($0).map { $0 * $0 } }, variance: k11) }
        return try rule.expect2(activation.values, activation.values, k11: k11, k12: k12, k22: k22)
    }

    /// ⟨σ'(z_a) σ'(z_b)⟩; ReLU: (π − θ)/(2π).
    func derivativeDerivative(_ k11: Double, _ k12: Double, _ k22: Double, diagonal: Bool) throws -> Double {
        if activation.isReLU {
            let cosine = Swift.max(-1, Swift.min(1, k12 / (k11 * k22).squareRoot()))
            return (Double.pi - acos(cosine)) / (2 * Double.pi)
        }
        if activation.isLinear { return 1 }
        if diagonal { return try rule.expect({ try activation.derivatives($0).map { $0 * $0 } }, variance: k11) }
        return try rule.expect2(activation.derivatives, activation.derivatives, k11: k11, k12: k12, k22: k22)
    }

    /// K^(1..depth), each m×m (row-major), from the first layer's kernel.
    func kernels(first: [Double], inputs m: Int, depth: Int, cb: Double, cw: Double) throws -> [[Double]] {
        var layers = [first]
        for _ in 1..<depth {
            try checkInterrupt()
            let previous = layers[layers.count - 1]
            var next = [Double](repeating: 0, count: m * m)
            for a in 0..<m {
                for b in a..<m {
                    let value = try sigmaSigma(previous[a * m + a], previous[a * m + b], previous[b * m + b], diagonal: a == b)
                    next[a * m + b] = cb + cw * value
                    next[b * m + a] = next[a * m + b]
                }
            }
            layers.append(next)
        }
        return layers
    }

    /// H^(1..depth): H^(ℓ+1) = λ_b + λ_W ⟨σσ⟩_{K^(ℓ)} + C_W ⟨σ'σ'⟩_{K^(ℓ)} H^(ℓ).
    func ntks(first: [Double], kernels: [[Double]], inputs m: Int, cw: Double, lamB: Double, lamW: Double) throws -> [[Double]] {
        var layers = [first]
        for layer in 1..<kernels.count {
            try checkInterrupt()
            let kernel = kernels[layer - 1]
            let previous = layers[layers.count - 1]
            var next = [Double](repeating: 0, count: m * m)
            for a in 0..<m {
                for b in a..<m {
                    let (k11, k12, k22) = (kernel[a * m + a], kernel[a * m + b], kernel[b * m + b])
                    let ss = try sigmaSigma(k11, k12, k22, diagonal: a == b)
                    let dd = try derivativeDerivative(k11, k12, k22, diagonal: a == b)
                    next[a * m + b] = lamB + lamW * ss + cw * dd * previous[a * m + b]
                    next[b * m + a] = next[a * m + b]
                }
            }
            layers.append(next)
        }
        return layers
    }

    /// [χ_∥, χ_⊥] at K: χ_∥ = (C_W/K)⟨σ'σz⟩, χ_⊥ = C_W⟨σ'²⟩ (ReLU: C_W/2 both; linear: C_W both).
    func susceptibilities(_ k: Double, cw: Double) throws -> (parallel: Double, perpendicular: Double) {
        if activation.isReLU { return (cw / 2, cw / 2) }
        if activation.isLinear { return (cw, cw) }
        let parallel = try rule.expect({ z in
            let (s, d) = (try activation.values(z), try activation.derivatives(z))
            return z.indices.map { d[$0] * s[$0] * z[$0] }
        }, variance: k)
        let perpendicular = try rule.expect({ try activation.derivatives($0).map { $0 * $0 } }, variance: k)
        return (cw / k * parallel, cw * perpendicular)
    }

    /// (⟨σ²⟩, ⟨σ⁴⟩) at K; closed forms for ReLU (K/2, 3K²/2) and linear (K, 3K²).
    func secondAndFourthMoments(_ k: Double) throws -> (Double, Double) {
        if activation.isReLU { return (k / 2, 1.5 * k * k) }
        if activation.isLinear { return (k, 3 * k * k) }
        let second = try rule.expect({ try activation.values($0).map { $0 * $0 } }, variance: k)
        let fourth = try rule.expect({ try activation.values($0).map { $0 * $0 * $0 * $0 } }, variance: k)
        return (second, fourth)
    }

    /// Single input, equal widths: K^(ℓ+1) = C_b + C_W⟨σ²⟩, V^(ℓ+1) = C_W²(⟨σ⁴⟩ − ⟨σ²⟩²) + χ_∥² V^(ℓ), V^(1) = 0.
    func fourPoint(k1: Double, depth: Int, cb: Double, cw: Double) throws -> (k: [Double], v: [Double]) {
        var (ks, vs) = ([k1], [0.0])
        for _ in 1..<depth {
            try checkInterrupt()
            let (k, v) = (ks[ks.count - 1], vs[vs.count - 1])
            let (second, fourth) = try secondAndFourthMoments(k)
            let chi = try susceptibilities(k, cw: cw).parallel
            let fluctuation = cw * cw * (fourth - second * second)
            vs.append(fluctuation + chi * chi * v)
            ks.append(cb + cw * second)
        }
        return (ks, vs)
    }

    private func checkInterrupt() throws {
        if interrupt?.isRequested ?? false {
            throw FolioError(.Interrupted, "\(activation.name) was interrupted")
        }
    }
}
