/// A Swift type that can be the element of a tensor: `Bool`, `Int64`, `Float`, `Double`,
/// `Complex<Float>` and `Complex<Double>`.
///
/// Conversions go through the four `as…` views so that a cast kernel `S → D` is one generic
/// function the optimiser specialises per pair, with no per-element dynamic dispatch.
public protocol TensorScalar: Sendable {
    /// The dtype this Swift type stores.
    static var dtype: DType { get }
    static var zero: Self { get }
    static var one: Self { get }
    var asBool: Bool { get }
    var asInt64: Int64 { get }
    var asDouble: Double { get }
    var asComplex: Complex<Double> { get }
    /// This type's value nearest to `value` (see each conformance for NaN and overflow).
    static func converted<Source: TensorScalar>(from value: Source) -> Self
}

/// Scalars with `+ - *` (wrapping for `Int64`, as NumPy does) and negation.
public protocol NumericScalar: TensorScalar {
    static func add(_ lhs: Self, _ rhs: Self) -> Self
    static func subtract(_ lhs: Self, _ rhs: Self) -> Self
    static func multiply(_ lhs: Self, _ rhs: Self) -> Self
    static func negate(_ value: Self) -> Self
}

/// Numeric scalars that divide exactly (floats and complex).
public protocol DivisibleScalar: NumericScalar {
    static func divide(_ lhs: Self, _ rhs: Self) -> Self
}

/// Ordered numeric scalars (`Int64`, `Float`, `Double`).
public protocol RealScalar: NumericScalar, Comparable {
    /// `max` that returns NaN if either operand is NaN, as NumPy's `maximum` does.
    static func maximum(_ lhs: Self, _ rhs: Self) -> Self
    /// `min` that returns NaN if either operand is NaN, as NumPy's `minimum` does.
    static func minimum(_ lhs: Self, _ rhs: Self) -> Self
    /// True for NaN; integers never are.
    var isNaNValue: Bool { get }
    static var lowest: Self { get }
    static var highest: Self { get }
}

extension Bool: TensorScalar {
    public static var dtype: DType { .bool }
    public static var zero: Bool { false }
    public static var one: Bool { true }
    public var asBool: Bool { self }
    public var asInt64: Int64 { self ? 1 : 0 }
    public var asDouble: Double { self ? 1 : 0 }
    public var asComplex: Complex<Double> { Complex(asDouble) }
    @inline(__always)
    public static func converted<Source: TensorScalar>(from value: Source) -> Bool { value.asBool }
}

extension Int64: RealScalar {
    public static var dtype: DType { .i64 }
    public static var one: Int64 { 1 }
    public var asBool: Bool { self != 0 }
    public var asInt64: Int64 { self }
    public var asDouble: Double { Double(self) }
    public var asComplex: Complex<Double> { Complex(asDouble) }
    public var isNaNValue: Bool { false }
    public static var lowest: Int64 { .min }
    public static var highest: Int64 { .max }
    @inline(__always)
    public static func converted<Source: TensorScalar>(from value: Source) -> Int64 { value.asInt64 }
    @inline(__always) public static func add(_ lhs: Int64, _ rhs: Int64) -> Int64 { lhs &+ rhs }
    @inline(__always) public static func subtract(_ lhs: Int64, _ rhs: Int64) -> Int64 { lhs &- rhs }
    @inline(__always) public static func multiply(_ lhs: Int64, _ rhs: Int64) -> Int64 { lhs &* rhs }
    @inline(__always) public static func negate(_ value: Int64) -> Int64 { 0 &- value }
    @inline(__always) public static func maximum(_ lhs: Int64, _ rhs: Int64) -> Int64 { Swift.max(lhs, rhs) }
    @inline(__always) public static func minimum(_ lhs: Int64, _ rhs: Int64) -> Int64 { Swift.min(lhs, rhs) }
}

/// NaN, infinities and out-of-range values become `Int64.min`, matching NumPy on x86-64 instead of
/// trapping as `Int64(_:)` would.
@inline(__always)
func saturatingInt64(_ value: Double) -> Int64 {
    // 2^63 is exactly representable; anything at or past it (or NaN) has no Int64.
    guard value > -9.223372036854775808e18, value < 9.223372036854775808e18 else { return .min }
    return Int64(value)
}

extension Float: RealScalar, DivisibleScalar {
    public static var dtype: DType { .f32 }
    public var asBool: Bool { self != 0 }
    public var asInt64: Int64 { saturatingInt64(Double(self)) }
    public var asDouble: Double { Double(self) }
    public var asComplex: Complex<Double> { Complex(asDouble) }
    public var isNaNValue: Bool { isNaN }
    public static var lowest: Float { -.infinity }
    public static var highest: Float { .infinity }
    @inline(__always)
    public static func converted<Source: TensorScalar>(from value: Source) -> Float {
        Float(value.asDouble)
    }
}

extension Double: RealScalar, DivisibleScalar {
    public static var dtype: DType { .f64 }
    public var asBool: Bool { self != 0 }
    public var asInt64: Int64 { saturatingInt64(self) }
    public var asDouble: Double { self }
    public var asComplex: Complex<Double> { Complex(self) }
    public var isNaNValue: Bool { isNaN }
    public static var lowest: Double { -.infinity }
    public static var highest: Double { .infinity }
    @inline(__always)
    public static func converted<Source: TensorScalar>(from value: Source) -> Double { value.asDouble }
}

extension BinaryFloatingPoint where Self: RealScalar {
    public static var zero: Self { 0 }
    public static var one: Self { 1 }
    @inline(__always) public static func add(_ lhs: Self, _ rhs: Self) -> Self { lhs + rhs }
    @inline(__always) public static func subtract(_ lhs: Self, _ rhs: Self) -> Self { lhs - rhs }
    @inline(__always) public static func multiply(_ lhs: Self, _ rhs: Self) -> Self { lhs * rhs }
    @inline(__always) public static func divide(_ lhs: Self, _ rhs: Self) -> Self { lhs / rhs }
    @inline(__always) public static func negate(_ value: Self) -> Self { -value }
    @inline(__always)
    public static func maximum(_ lhs: Self, _ rhs: Self) -> Self {
        lhs.isNaN || rhs.isNaN ? .nan : Swift.max(lhs, rhs)
    }
    @inline(__always)
    public static func minimum(_ lhs: Self, _ rhs: Self) -> Self {
        lhs.isNaN || rhs.isNaN ? .nan : Swift.min(lhs, rhs)
    }
}

extension Complex: TensorScalar, NumericScalar, DivisibleScalar
where RealType: RealScalar & DivisibleScalar {
    public static var dtype: DType { RealType.dtype == .f32 ? .c64 : .c128 }
    public static var zero: Complex { Complex(0) }
    public static var one: Complex { Complex(1) }
    public var asBool: Bool { real != 0 || imaginary != 0 }
    /// The real part, as NumPy's complex-to-int cast does (it warns; Folio documents it).
    public var asInt64: Int64 { real.asInt64 }
    public var asDouble: Double { real.asDouble }
    public var asComplex: Complex<Double> { Complex<Double>(real.asDouble, imaginary.asDouble) }
    @inline(__always)
    public static func converted<Source: TensorScalar>(from value: Source) -> Complex {
        let parts = value.asComplex
        return Complex(RealType(parts.real), RealType(parts.imaginary))
    }
    @inline(__always) public static func add(_ lhs: Complex, _ rhs: Complex) -> Complex { lhs + rhs }
    @inline(__always) public static func subtract(_ lhs: Complex, _ rhs: Complex) -> Complex { lhs - rhs }
    @inline(__always) public static func multiply(_ lhs: Complex, _ rhs: Complex) -> Complex { lhs * rhs }
    @inline(__always) public static func divide(_ lhs: Complex, _ rhs: Complex) -> Complex { lhs / rhs }
    @inline(__always) public static func negate(_ value: Complex) -> Complex { -value }
}
