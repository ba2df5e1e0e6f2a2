import Foundation

/// `Float` and `Double`: the scalars the transcendental kernels are generic over.
///
/// Per-element functions call libm; the `…Contiguous` entry points let `Float` substitute its
/// SIMD implementations (`VectorMath`) on dense data, where libm's `expf` is ~4x slower than NumPy.
public protocol FloatingScalar: RealScalar, DivisibleScalar, BinaryFloatingPoint {
    static func exp(_ x: Self) -> Self
    static func log(_ x: Self) -> Self
    static func log1p(_ x: Self) -> Self
    static func expm1(_ x: Self) -> Self
    static func sin(_ x: Self) -> Self
    static func cos(_ x: Self) -> Self
    static func tan(_ x: Self) -> Self
    static func asin(_ x: Self) -> Self
    static func acos(_ x: Self) -> Self
    static func atan(_ x: Self) -> Self
    static func sinh(_ x: Self) -> Self
    static func cosh(_ x: Self) -> Self
    static func tanh(_ x: Self) -> Self
    static func asinh(_ x: Self) -> Self
    static func acosh(_ x: Self) -> Self
    static func atanh(_ x: Self) -> Self
    static func erf(_ x: Self) -> Self
    static func pow(_ x: Self, _ y: Self) -> Self
    /// Dense `exp`; `Float` overrides it with a vectorised polynomial.
    static func expContiguous(_ source: UnsafePointer<Self>, _ destination: UnsafeMutablePointer<Self>, count: Int)
    /// Dense `log`; `Float` overrides it with a vectorised polynomial.
    static func logContiguous(_ source: UnsafePointer<Self>, _ destination: UnsafeMutablePointer<Self>, count: Int)
    /// Dense `tanh`; `Float` overrides it with a vectorised implementation.
    static func tanhContiguous(_ source: UnsafePointer<Self>, _ destination: UnsafeMutablePointer<Self>, count: Int)
    /// Dense `sigmoid`; `Float` and `Double` override it with SIMD kernels where the CPU has them.
    static func sigmoidContiguous(_ source: UnsafePointer<Self>, _ destination: UnsafeMutablePointer<Self>, count: Int)
}

extension FloatingScalar {
    public static func expContiguous(_ source: UnsafePointer<Self>, _ destination: UnsafeMutablePointer<Self>, count: Int) {
        for index in 0..<count { destination[index] = exp(source[index]) }
    }
    public static func logContiguous(_ source: UnsafePointer<Self>, _ destination: UnsafeMutablePointer<Self>, count: Int) {
        for index in 0..<count { destination[index] = log(source[index]) }
    }
    public static func tanhContiguous(_ source: UnsafePointer<Self>, _ destination: UnsafeMutablePointer<Self>, count: Int) {
        for index in 0..<count { destination[index] = tanh(source[index]) }
    }
    public static func sigmoidContiguous(_ source: UnsafePointer<Self>, _ destination: UnsafeMutablePointer<Self>, count: Int) {
        for index in 0..<count { destination[index] = SigmoidKind.apply(source[index]) }
    }
}

extension Float: FloatingScalar {
    @inline(__always) public static func exp(_ x: Float) -> Float { Foundation.exp(x) }
    @inline(__always) public static func log(_ x: Float) -> Float { Foundation.log(x) }
    @inline(__always) public static func log1p(_ x: Float) -> Float { Foundation.log1p(x) }
    @inline(__always) public static func expm1(_ x: Float) -> Float { Foundation.expm1(x) }
    @inline(__always) public static func sin(_ x: Float) -> Float { Foundation.sin(x) }
    @inline(__always) public static func cos(_ x: Float) -> Float { Foundation.cos(x) }
    @inline(__always) public static func tan(_ x: Float) -> Float { Foundation.tan(x) }
    @inline(__always) public static func asin(_ x: Float) -> Float { Foundation.asin(x) }
    @inline(__always) public static func acos(_ x: Float) -> Float { Foundation.acos(x) }
    @inline(__always) public static func atan(_ x: Float) -> Float { Foundation.atan(x) }
    @inline(__always) public static func sinh(_ x: Float) -> Float { Foundation.sinh(x) }
    @inline(__always) public static func cosh(_ x: Float) -> Float { Foundation.cosh(x) }
    @inline(__always) public static func tanh(_ x: Float) -> Float { Foundation.tanh(x) }
    @inline(__always) public static func asinh(_ x: Float) -> Float { Foundation.asinh(x) }
    @inline(__always) public static func acosh(_ x: Float) -> Float { Foundation.acosh(x) }
    @inline(__always) public static func atanh(_ x: Float) -> Float { Foundation.atanh(x) }
    @inline(__always) public static func erf(_ x: Float) -> Float { Foundation.erf(x) }
    @inline(__always) public static func pow(_ x: Float, _ y: Float) -> Float { Foundation.pow(x, y) }
}

extension Double: FloatingScalar {
    @inline(__always) public static func exp(_ x: Double) -> Double { Foundation.exp(x) }
    @inline(__always) public static func log(_ x: Double) -> Double { Foundation.log(x) }
    @inline(__always) public static func log1p(_ x: Double) -> Double { Foundation.log1p(x) }
    @inline(__always) public static func expm1(_ x: Double) -> Double { Foundation.expm1(x) }
    @inline(__always) public static func sin(_ x: Double) -> Double { Foundation.sin(x) }
    @inline(__always) public static func cos(_ x: Double) -> Double { Foundation.cos(x) }
    @inline(__always) public static func tan(_ x: Double) -> Double { Foundation.tan(x) }
    @inline(__always) public static func asin(_ x: Double) -> Double { Foundation.asin(x) }
    @inline(__always) public static func acos(_ x: Double) -> Double { Foundation.acos(x) }
    @inline(__always) public static func atan(_ x: Double) -> Double { Foundation.atan(x) }
    @inline(__always) public static func sinh(_ x: Double) -> Double { Foundation.sinh(x) }
    @inline(__always) public static func cosh(_ x: Double) -> Double { Foundation.cosh(x) }
    @inline(__always) public static func tanh(_ x: Double) -> Double { Foundation.tanh(x) }
    @inline(__always) public static func asinh(_ x: Double) -> Double { Foundation.asinh(x) }
    @inline(__always) public static func acosh(_ x: Double) -> Double { Foundation.acosh(x) }
    @inline(__always) public static func atanh(_ x: Double) -> Double { Foundation.atanh(x) }
    @inline(__always) public static func erf(_ x: Double) -> Double { Foundation.erf(x) }
    @inline(__always) public static func pow(_ x: Double, _ y: Double) -> Double { Foundation.pow(x, y) }
}
