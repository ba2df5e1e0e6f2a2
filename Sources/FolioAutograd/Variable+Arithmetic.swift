import FolioTensor

/// Elementwise arithmetic on variables, with NumPy broadcasting and weak Swift scalars (the same
/// promotion rules as `Tensor`).
extension Variable {
    /// A constant (never requiring grad) wrapping `value`.
    public static func constant(_ value: Tensor) -> Variable { Variable(value: value, node: nil) }

    /// A 0-d constant holding `value` that combines weakly with this variable's dtype.
    func scalar(_ value: Double) -> Variable {
        Variable(value: Tensor.weakScalar(value, like: self.value), node: nil)
    }

    /// Applies the elementwise primitive `op` to `self` and `other`.
    public func apply(_ op: BinaryOp, _ other: Variable) throws -> Variable {
        try Variable.apply(.binary(op), [self, other])
    }

    /// Applies the unary primitive `op`.
    public func apply(_ op: UnaryOp) throws -> Variable {
        try Variable.apply(.unary(op), [self])
    }

    public static func + (lhs: Variable, rhs: Variable) throws -> Variable { try lhs.apply(.add, rhs) }
    public static func - (lhs: Variable, rhs: Variable) throws -> Variable { try lhs.apply(.sub, rhs) }
    public static func * (lhs: Variable, rhs: Variable) throws -> Variable { try lhs.apply(.mul, rhs) }
    public static func / (lhs: Variable, rhs: Variable) throws -> Variable { try lhs.apply(.div, rhs) }

    public static func + (lhs: Variable, rhs: Double) throws -> Variable { try lhs.apply(.add, lhs.scalar(rhs)) }
    public static func - (lhs: Variable, rhs: Double) throws -> Variable { try lhs.apply(.sub, lhs.scalar(rhs)) }
    public static func * (lhs: Variable, rhs: Double) throws -> Variable { try lhs.apply(.mul, lhs.scalar(rhs)) }
    public static func / (lhs: Variable, rhs: Double) throws -> Variable { try lhs.apply(.div, lhs.scalar(rhs)) }
    public static func + (lhs: Double, rhs: Variable) throws -> Variable { try rhs.scalar(lhs).apply(.add, rhs) }
    public static func - (lhs: Double, rhs: Variable) throws -> Variable { try rhs.scalar(lhs).apply(.sub, rhs) }
    public static func * (lhs: Double, rhs: Variable) throws -> Variable { try rhs.scalar(lhs).apply(.mul, rhs) }
    public static func / (lhs: Double, rhs: Variable) throws -> Variable { try rhs.scalar(lhs).apply(.div, rhs) }

    public static prefix func - (operand: Variable) throws -> Variable { try operand.apply(.neg) }

    /// `self ** exponent`, elementwise.
    public func pow(_ exponent: Variable) throws -> Variable { try apply(.pow, exponent) }
    /// `self ** exponent` with a weak scalar exponent.
    public func pow(_ exponent: Double) throws -> Variable { try apply(.pow, scalar(exponent)) }
    public func maximum(_ other: Variable) throws -> Variable { try apply(.maximum, other) }
    public func minimum(_ other: Variable) throws -> Variable { try apply(.minimum, other) }

    /// A `bool` constant: comparisons carry no gradient.
    public func compare(_ op: ComparisonOp, _ other: Variable) throws -> Variable {
        try Variable.apply(.compare(op), [self, other])
    }

    public static func .== (lhs: Variable, rhs: Variable) throws -> Variable { try lhs.compare(.eq, rhs) }
    public static func .!= (lhs: Variable, rhs: Variable) throws -> Variable { try lhs.compare(.ne, rhs) }
    public static func .< (lhs: Variable, rhs: Variable) throws -> Variable { try lhs.compare(.lt, rhs) }
    public static func .<= (lhs: Variable, rhs: Variable) throws -> Variable { try lhs.compare(.le, rhs) }
    public static func .> (lhs: Variable, rhs: Variable) throws -> Variable { try lhs.compare(.gt, rhs) }
    public static func .>= (lhs: Variable, rhs: Variable) throws -> Variable { try lhs.compare(.ge, rhs) }
    public static func .< (lhs: Variable, rhs: Double) throws -> Variable { try lhs.compare(.lt, lhs.scalar(rhs)) }
    public static func .> (lhs: Variable, rhs: Double) throws -> Variable { try lhs.compare(.gt, lhs.scalar(rhs)) }

    /// `whenTrue` where `condition` holds, else `whenFalse` (broadcasting all three).
    public static func select(_ condition: Variable, _ whenTrue: Variable, _ whenFalse: Variable) throws -> Variable {
        try Variable.apply(.select, [condition, whenTrue, whenFalse])
    }

    public func abs() throws -> Variable { try apply(.abs) }
    public func sign() throws -> Variable { try apply(.sign) }
    public func exp() throws -> Variable { try apply(.exp) }
    public func log() throws -> Variable { try apply(.log) }
    public func log1p() throws -> Variable { try apply(.log1p) }
    public func expm1() throws -> Variable { try apply(.expm1) }
    public func sqrt() throws -> Variable { try apply(.sqrt) }
    public func rsqrt() throws -> Variable { try apply(.rsqrt) }
    public func sin() throws -> Variable { try apply(.sin) }
    public func cos() throws -> Variable { try apply(.cos) }
    public func tan() throws -> Variable { try apply(.tan) }
    public func asin() throws -> Variable { try apply(.asin) }
    public func acos() throws -> Variable { try apply(.acos) }
    public func atan() throws -> Variable { try apply(.atan) }
    public func sinh() throws -> Variable { try apply(.sinh) }
    public func cosh() throws -> Variable { try apply(.cosh) }
    public func tanh() throws -> Variable { try apply(.tanh) }
    public func asinh() throws -> Variable { try apply(.asinh) }
    public func acosh() throws -> Variable { try apply(.acosh) }
    public func atanh() throws -> Variable { try apply(.atanh) }
    public func sigmoid() throws -> Variable { try apply(.sigmoid) }
    public func erf() throws -> Variable { try apply(.erf) }
    public func relu() throws -> Variable { try apply(.relu) }
    public func floor() throws -> Variable { try apply(.floor) }
    public func ceil() throws -> Variable { try apply(.ceil) }
    public func round() throws -> Variable { try apply(.round) }
}
