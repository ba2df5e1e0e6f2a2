import FolioAutograd
import FolioRuntime
import FolioTensor
import Foundation

/// A dual activation ǩ(ξ) = E[φ(u)φ(v)] (corr(u, v) = ξ, ǩ(1) = 1) of models.py `dual_act`, with its derivative
/// and an activation φ realising it.
enum WdoptDual {
    case sine(Double)
    case erf
    case relu
    /// Σ c_k ξ^k (the "Nd_opt" duals and "hermite_k").
    case polynomial(name: String, coefficients: [Int: Double])

    static let erfNorm = asin(2.0 / 3.0)

    static let polynomials: [String: [Int: Double]] = [
        "2d_opt": [7: 0.5, 1: 0.5], "3d_opt": [3: 0.5, 1: 0.5],
        "5d_opt": [3: 0.25, 2: 0.5, 1: 0.25], "9d_opt": [3: 1.0 / 16, 2: 7.0 / 8, 1: 1.0 / 16],
    ]

    /// `act` with `a` (sine) and `k` (hermite); main.py's "sine_2.676" and "hermite_3" are aliases.
    static func named(_ act: String, a: Double, k: Int, function: String) throws -> WdoptDual {
        var (name, a, k) = (act, a, k)
        if act.hasPrefix("sine_"), let value = Double(act.dropFirst(5)) { (name, a) = ("sine", value) }
        if act.hasPrefix("hermite_"), let value = Int(act.dropFirst(8)) { (name, k) = ("hermite", value) }
        switch name {
        case "sine":
            guard a > 0, a.isFinite else { throw FolioError(.ValueError, "\(function): a must be > 0, got \(a)") }
            return .sine(a)
        case "erf": return .erf
        case "relu": return .relu
        case "hermite":
            guard (1...64).contains(k) else { throw FolioError(.ValueError, "\(function): k must be an integer between 1 and 64, got \(k)") }
            return .polynomial(name: "hermite_\(k)", coefficients: [k: 1])
        default:
            guard let coefficients = polynomials[name] else {
                throw FolioError(.ValueError, "\(function): unknown act \"\(act)\"; use \"sine\", \"erf\", \"relu\", \"2d_opt\", \"3d_opt\", \"5d_opt\", \"9d_opt\" or \"hermite\"")
            }
            return .polynomial(name: name, coefficients: coefficients)
        }
    }

    /// ǩ(ξ), differentiable.
    func value(_ xi: Variable) throws -> Variable {
        switch self {
        case .sine(let a): return try (xi * a).sinh() / Foundation.sinh(a)
        case .erf: return try (xi * (2.0 / 3.0)).asin() / WdoptDual.erfNorm
        case .relu:
            let angle = try Double.pi - xi.acos()
            let root = try (1 - xi * xi).clamp(min: 0).sqrt()
            return try (xi * angle + root) / Double.pi
        case .polynomial(_, let coefficients):
            return try WdoptDual.horner(xi, coefficients: coefficients)
        }
    }

    /// ǩ′(ξ) in closed form (models.py `d_dual_act`; sine for general a is a·cosh(aξ)/sinh(a)).
    func derivative(_ xi: Variable) throws -> Variable {
        switch self {
        case .sine(let a): return try (xi * a).cosh() * (a / Foundation.sinh(a))
        case .erf: return try (1 - xi * xi * (4.0 / 9.0)).sqrt().pow(-1) * (2.0 / 3.0 / WdoptDual.erfNorm)
        case .relu: return try (Double.pi - xi.acos()) / Double.pi
        case .polynomial(_, let coefficients):
            let derivative = Dictionary(uniqueKeysWithValues: coefficients.filter { $0.key > 0 }.map { ($0.key - 1, $0.value * Double($0.key)) })
            return try WdoptDual.horner(xi, coefficients: derivative)
        }
    }

    /// Σ c_k ξ^k by Horner's rule (multiplications only: cheaper and exact at ξ = ±1, unlike pow).
    static func horner(_ xi: Variable, coefficients: [Int: Double]) throws -> Variable {
        let degree = coefficients.keys.max() ?? 0
        guard degree > 0 else { return try xi * 0 + (coefficients[0] ?? 0) }
        var total = try xi * (coefficients[degree] ?? 0)
        for power in stride(from: degree - 1, through: 0, by: -1) {
            if let coefficient = coefficients[power], coefficient != 0 { total = try total + coefficient }
            if power > 0 { total = try total * xi }
        }
        return total
    }

    /// ǩ(0) and ǩ′(0), ǩ′(1) as numbers.
    func at(_ xi: Double) throws -> (value: Double, derivative: Double) {
        let point = Variable(Tensor([xi], dtype: .f64))
        return (try value(point).value.toArray()[0], try derivative(point).value.toArray()[0])
    }

    /// φ with E[φ(u)φ(v)] = ǩ(ξ) for standard normal u, v of correlation ξ (Hermite/Mehler).
    func activation(_ x: Variable) throws -> Variable {
        switch self {
        case .sine(let a):
            let scale = (2 / (1 - Foundation.exp(-2 * a))).squareRoot()
            return try (x * a.squareRoot()).sin() * scale
        case .erf: return try x.erf() / (2 / Double.pi * WdoptDual.erfNorm).squareRoot()
        case .relu: return try x.relu() * 2.0.squareRoot()
        case .polynomial(_, let coefficients):
            var total = try x * 0
            for (power, coefficient) in coefficients.sorted(by: { $0.key < $1.key }) {
                total = try total + WdoptDual.normalisedHermite(x, degree: power) * coefficient.squareRoot()
            }
            return total
        }
    }

    /// h_k = He_k/√(k!) by the recurrence He_{k+1} = x He_k − k He_{k−1}.
    static func normalisedHermite(_ x: Variable, degree: Int) throws -> Variable {
        var (previous, current) = (try x * 0 + 1, x)
        if degree == 0 { return previous }
        for order in 1..<degree {
            (previous, current) = (current, try x * current - previous * Double(order))
        }
        let factorial = (1...degree).reduce(1.0) { $0 * Double($1) }
        return try current / factorial.squareRoot()
    }
}
