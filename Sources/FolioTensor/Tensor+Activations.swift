import Foundation

/// Named elementwise functions. Primitives forward to `apply(_:)`; the activations below the
/// primitives are composites, so autodiff differentiates them through their parts.
extension Tensor {
    public func abs() throws -> Tensor { try apply(.abs) }
    public func sign() throws -> Tensor { try apply(.sign) }
    public func exp() throws -> Tensor { try apply(.exp) }
    public func log() throws -> Tensor { try apply(.log) }
    public func log1p() throws -> Tensor { try apply(.log1p) }
    public func expm1() throws -> Tensor { try apply(.expm1) }
    public func sqrt() throws -> Tensor { try apply(.sqrt) }
    public func rsqrt() throws -> Tensor { try apply(.rsqrt) }
    public func sin() throws -> Tensor { try apply(.sin) }
    public func cos() throws -> Tensor { try apply(.cos) }
    public func tan() throws -> Tensor { try apply(.tan) }
    public func asin() throws -> Tensor { try apply(.asin) }
    public func acos() throws -> Tensor { try apply(.acos) }
    public func atan() throws -> Tensor { try apply(.atan) }
    public func sinh() throws -> Tensor { try apply(.sinh) }
    public func cosh() throws -> Tensor { try apply(.cosh) }
    public func tanh() throws -> Tensor { try apply(.tanh) }
    public func asinh() throws -> Tensor { try apply(.asinh) }
    public func acosh() throws -> Tensor { try apply(.acosh) }
    public func atanh() throws -> Tensor { try apply(.atanh) }
    public func sigmoid() throws -> Tensor { try apply(.sigmoid) }
    public func erf() throws -> Tensor { try apply(.erf) }
    public func relu() throws -> Tensor { try apply(.relu) }
    public func floor() throws -> Tensor { try apply(.floor) }
    public func ceil() throws -> Tensor { try apply(.ceil) }
    /// Rounds half to even, as NumPy.
    public func round() throws -> Tensor { try apply(.round) }
    public func isnan() throws -> Tensor { try apply(.isnan) }
    public func isfinite() throws -> Tensor { try apply(.isfinite) }

    /// `log(1 + exp(x))`, computed as `relu(x) + log1p(exp(-|x|))` so it never overflows.
    public func softplus() throws -> Tensor {
        let negativeMagnitude = try -abs()
        return try relu() + negativeMagnitude.exp().log1p()
    }

    /// `x * sigmoid(x)` (SiLU / swish).
    public func silu() throws -> Tensor {
        try self * sigmoid()
    }

    /// The exact GELU, `x/2 * (1 + erf(x / √2))` (PyTorch's default `approximate='none'`).
    public func gelu() throws -> Tensor {
        let scaled = try self * (1 / 2.0.squareRoot())
        let gate = try scaled.erf() + 1.0
        let half = try self * 0.5
        return try half * gate
    }

    /// Elementwise limits to `[lower, upper]`; either bound may be omitted. Composite:
    /// `minimum(maximum(x, lower), upper)`.
    public func clamp(min lower: Double? = nil, max upper: Double? = nil) throws -> Tensor {
        var result = self
        if let lower { result = try result.maximum(Tensor.weakScalar(lower, like: result)) }
        if let upper { result = try result.minimum(Tensor.weakScalar(upper, like: result)) }
        return result
    }

    /// `clamp` with tensor bounds (broadcast against `self`).
    public func clamp(min lower: Tensor?, max upper: Tensor?) throws -> Tensor {
        var result = self
        if let lower { result = try result.maximum(lower) }
        if let upper { result = try result.minimum(upper) }
        return result
    }
}
