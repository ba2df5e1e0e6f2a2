/// One functor type per elementwise unary primitive, generic over the scalar so each dtype gets
/// its own specialised loop.

struct NegateFunctor<T: NumericScalar>: UnaryFunctor {
    @inline(__always) static func apply(_ x: T) -> T { T.negate(x) }
}

struct AbsFunctor<T: RealScalar>: UnaryFunctor {
    @inline(__always) static func apply(_ x: T) -> T { x < T.zero ? T.negate(x) : x }
}

struct ComplexAbsFunctor<R: FloatingScalar>: UnaryFunctor where Complex<R>: TensorScalar {
    @inline(__always) static func apply(_ x: Complex<R>) -> R { x.magnitude }
}

/// `sign(0) = 0`, `sign(nan) = nan`, as NumPy.
struct SignFunctor<T: RealScalar>: UnaryFunctor {
    @inline(__always)
    static func apply(_ x: T) -> T {
        if x.isNaNValue { return x }
        return x > T.zero ? T.one : (x < T.zero ? T.negate(T.one) : T.zero)
    }
}

struct ReluFunctor<T: RealScalar>: UnaryFunctor {
    @inline(__always) static func apply(_ x: T) -> T { x.isNaNValue ? x : (x > T.zero ? x : T.zero) }
}

struct IsNaNFunctor<T: TensorScalar>: UnaryFunctor {
    @inline(__always)
    static func apply(_ x: T) -> Bool {
        let parts = x.asComplex
        return parts.real.isNaN || parts.imaginary.isNaN
    }
}

struct IsFiniteFunctor<T: TensorScalar>: UnaryFunctor {
    @inline(__always) static func apply(_ x: T) -> Bool { x.asComplex.isFinite }
}

/// The float-only unary primitives, selected by a static tag so the loop is specialised per op.
protocol FloatUnaryKind {
    static func apply<T: FloatingScalar>(_ x: T) -> T
    static func applyContiguous<T: FloatingScalar>(_ source: UnsafePointer<T>, _ destination: UnsafeMutablePointer<T>, count: Int)
}

extension FloatUnaryKind {
    @inline(__always)
    static func applyContiguous<T: FloatingScalar>(_ source: UnsafePointer<T>, _ destination: UnsafeMutablePointer<T>, count: Int) {
        for index in 0..<count { destination[index] = apply(source[index]) }
    }
}

struct FloatUnaryFunctor<T: FloatingScalar, Kind: FloatUnaryKind>: UnaryFunctor {
    @inline(__always) static func apply(_ x: T) -> T { Kind.apply(x) }
    @inline(__always)
    static func applyContiguous(_ source: UnsafePointer<T>, _ destination: UnsafeMutablePointer<T>, count: Int) {
        Kind.applyContiguous(source, destination, count: count)
    }
}

enum ExpKind: FloatUnaryKind {
    @inline(__always) static func apply<T: FloatingScalar>(_ x: T) -> T { T.exp(x) }
    @inline(__always)
    static func applyContiguous<T: FloatingScalar>(_ source: UnsafePointer<T>, _ destination: UnsafeMutablePointer<T>, count: Int) {
        T.expContiguous(source, destination, count: count)
    }
}

enum LogKind: FloatUnaryKind {
    @inline(__always) static func apply<T: FloatingScalar>(_ x: T) -> T { T.log(x) }
    @inline(__always)
    static func applyContiguous<T: FloatingScalar>(_ source: UnsafePointer<T>, _ destination: UnsafeMutablePointer<T>, count: Int) {
        T.logContiguous(source, destination, count: count)
    }
}

enum TanhKind: FloatUnaryKind {
    @inline(__always) static func apply<T: FloatingScalar>(_ x: T) -> T { T.tanh(x) }
    @inline(__always)
    static func applyContiguous<T: FloatingScalar>(_ source: UnsafePointer<T>, _ destination: UnsafeMutablePointer<T>, count: Int) {
        T.tanhContiguous(source, destination, count: count)
    }
}

enum Log1pKind: FloatUnaryKind { @inline(__always) static func apply<T: FloatingScalar>(_ x: T) -> T { T.log1p(x) } }
enum Expm1Kind: FloatUnaryKind { @inline(__always) static func apply<T: FloatingScalar>(_ x: T) -> T { T.expm1(x) } }
enum SqrtKind: FloatUnaryKind { @inline(__always) static func apply<T: FloatingScalar>(_ x: T) -> T { x.squareRoot() } }
enum RsqrtKind: FloatUnaryKind { @inline(__always) static func apply<T: FloatingScalar>(_ x: T) -> T { 1 / x.squareRoot() } }
enum SinKind: FloatUnaryKind { @inline(__always) static func apply<T: FloatingScalar>(_ x: T) -> T { T.sin(x) } }
enum CosKind: FloatUnaryKind { @inline(__always) static func apply<T: FloatingScalar>(_ x: T) -> T { T.cos(x) } }
enum TanKind: FloatUnaryKind { @inline(__always) static func apply<T: FloatingScalar>(_ x: T) -> T { T.tan(x) } }
enum AsinKind: FloatUnaryKind { @inline(__always) static func apply<T: FloatingScalar>(_ x: T) -> T { T.asin(x) } }
enum AcosKind: FloatUnaryKind { @inline(__always) static func apply<T: FloatingScalar>(_ x: T) -> T { T.acos(x) } }
enum AtanKind: FloatUnaryKind { @inline(__always) static func apply<T: FloatingScalar>(_ x: T) -> T { T.atan(x) } }
enum SinhKind: FloatUnaryKind { @inline(__always) static func apply<T: FloatingScalar>(_ x: T) -> T { T.sinh(x) } }
enum CoshKind: FloatUnaryKind { @inline(__always) static func apply<T: FloatingScalar>(_ x: T) -> T { T.cosh(x) } }
enum AsinhKind: FloatUnaryKind { @inline(__always) static func apply<T: FloatingScalar>(_ x: T) -> T { T.asinh(x) } }
enum AcoshKind: FloatUnaryKind { @inline(__always) static func apply<T: FloatingScalar>(_ x: T) -> T { T.acosh(x) } }
enum AtanhKind: FloatUnaryKind { @inline(__always) static func apply<T: FloatingScalar>(_ x: T) -> T { T.atanh(x) } }
enum ErfKind: FloatUnaryKind { @inline(__always) static func apply<T: FloatingScalar>(_ x: T) -> T { T.erf(x) } }
enum FloorKind: FloatUnaryKind { @inline(__always) static func apply<T: FloatingScalar>(_ x: T) -> T { x.rounded(.down) } }
enum CeilKind: FloatUnaryKind { @inline(__always) static func apply<T: FloatingScalar>(_ x: T) -> T { x.rounded(.up) } }
/// Half to even, as NumPy's `round`.
enum RoundKind: FloatUnaryKind { @inline(__always) static func apply<T: FloatingScalar>(_ x: T) -> T { x.rounded(.toNearestOrEven) } }

/// `1 / (1 + exp(-x))`, written so that neither branch overflows.
enum SigmoidKind: FloatUnaryKind {
    @inline(__always)
    static func apply<T: FloatingScalar>(_ x: T) -> T {
        if x >= 0 { return 1 / (1 + T.exp(-x)) }
        let e = T.exp(x)
        return e / (1 + e)
    }
    @inline(__always)
    static func applyContiguous<T: FloatingScalar>(_ source: UnsafePointer<T>, _ destination: UnsafeMutablePointer<T>, count: Int) {
        T.sigmoidContiguous(source, destination, count: count)
    }
}
