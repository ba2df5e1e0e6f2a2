/// Swift operators over tensors and weak scalars (see `DType` for promotion).
///
/// Scalars are *weak*: `x * 2.0` keeps `x`'s float dtype, and `i64 * 0.5` gives `f32`.
/// Pointwise comparisons use the SIMD-style operators `.==`, `.<`, ... and give `bool` tensors.
extension Tensor {
    /// A 0-d tensor holding a Swift `Double` that combines weakly with `tensor`.
    public static func weakScalar(_ value: Double, like tensor: Tensor) -> Tensor {
        Tensor(scalar: value, dtype: DType.promote(tensor.dtype, weakScalar: .f64))
    }

    /// A 0-d tensor holding a Swift `Int` that combines weakly with `tensor`.
    public static func weakScalar(_ value: Int, like tensor: Tensor) -> Tensor {
        let dtype = DType.promote(tensor.dtype, weakScalar: .i64)
        return Tensor(scalar: Int64(value)).cast(to: dtype)
    }

    public static func + (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.apply(.add, rhs) }
    public static func - (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.apply(.sub, rhs) }
    public static func * (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.apply(.mul, rhs) }
    public static func / (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.apply(.div, rhs) }

    public static func + (lhs: Tensor, rhs: Double) throws -> Tensor { try lhs.apply(.add, weakScalar(rhs, like: lhs)) }
    public static func - (lhs: Tensor, rhs: Double) throws -> Tensor { try lhs.apply(.sub, weakScalar(rhs, like: lhs)) }
    public static func * (lhs: Tensor, rhs: Double) throws -> Tensor { try lhs.apply(.mul, weakScalar(rhs, like: lhs)) }
    public static func / (lhs: Tensor, rhs: Double) throws -> Tensor { try lhs.apply(.div, weakScalar(rhs, like: lhs)) }
    public static func + (lhs: Double, rhs: Tensor) throws -> Tensor { try weakScalar(lhs, like: rhs).apply(.add, rhs) }
    public static func - (lhs: Double, rhs: Tensor) throws -> Tensor { try weakScalar(lhs, like: rhs).apply(.sub, rhs) }
    public static func * (lhs: Double, rhs: Tensor) throws -> Tensor { try weakScalar(lhs, like: rhs).apply(.mul, rhs) }
    public static func / (lhs: Double, rhs: Tensor) throws -> Tensor { try weakScalar(lhs, like: rhs).apply(.div, rhs) }

    public static func + (lhs: Tensor, rhs: Int) throws -> Tensor { try lhs.apply(.add, weakScalar(rhs, like: lhs)) }
    public static func - (lhs: Tensor, rhs: Int) throws -> Tensor { try lhs.apply(.sub, weakScalar(rhs, like: lhs)) }
    public static func * (lhs: Tensor, rhs: Int) throws -> Tensor { try lhs.apply(.mul, weakScalar(rhs, like: lhs)) }
    public static func / (lhs: Tensor, rhs: Int) throws -> Tensor { try lhs.apply(.div, weakScalar(rhs, like: lhs)) }

    public static prefix func - (operand: Tensor) throws -> Tensor { try operand.apply(.neg) }

    public static func .== (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.compare(.eq, rhs) }
    public static func .!= (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.compare(.ne, rhs) }
    public static func .< (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.compare(.lt, rhs) }
    public static func .<= (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.compare(.le, rhs) }
    public static func .> (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.compare(.gt, rhs) }
    public static func .>= (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.compare(.ge, rhs) }
    public static func .< (lhs: Tensor, rhs: Double) throws -> Tensor { try lhs.compare(.lt, weakScalar(rhs, like: lhs)) }
    public static func .> (lhs: Tensor, rhs: Double) throws -> Tensor { try lhs.compare(.gt, weakScalar(rhs, like: lhs)) }

    /// `self ** exponent`, elementwise; integer tensors to non-negative integer powers stay `i64`.
    public func pow(_ exponent: Tensor) throws -> Tensor { try apply(.pow, exponent) }

    /// `self ** exponent` with a weak scalar exponent.
    public func pow(_ exponent: Double) throws -> Tensor { try apply(.pow, Tensor.weakScalar(exponent, like: self)) }

    /// The elementwise larger value; NaN wins, as NumPy's `maximum`.
    public func maximum(_ other: Tensor) throws -> Tensor { try apply(.maximum, other) }

    /// The elementwise smaller value; NaN wins, as NumPy's `minimum`.
    public func minimum(_ other: Tensor) throws -> Tensor { try apply(.minimum, other) }
}
