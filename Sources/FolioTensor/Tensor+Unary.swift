/// Elementwise unary primitives: dtype rules and dispatch to specialised kernels.
///
/// Dtype rules: float-only functions (`exp`, `sqrt`, `sigmoid`, ...) turn `bool`/`i64` into `f32`;
/// `neg` rejects `bool` (as NumPy); `abs`, `sign`, `relu` and rounding compute `bool` in `i64`;
/// rounding `i64` returns it unchanged; `abs` of complex gives its real dtype; `isnan`/`isfinite`
/// accept every dtype. Complex inputs support `neg`, `abs`, `isnan`, `isfinite` so far.
extension Tensor {
    /// The forward kernel of a unary primitive.
    public func apply(_ op: UnaryOp) throws -> Tensor {
        switch op {
        case .isnan: return classify(finite: false)
        case .isfinite: return classify(finite: true)
        default: break
        }
        if dtype.isComplex { return try applyComplex(op) }
        if op.isFloatOnly { return try cast(to: dtype.floatingType).applyFloat(op) }
        if op == .neg && dtype == .bool {
            throw TensorError.unsupportedDType(op: "neg", dtype: dtype, reason: "negating booleans is not supported; use logical not")
        }
        let source = dtype == .bool ? cast(to: .i64) : self
        switch source.dtype {
        case .i64: return source.applyReal(op, Int64.self)
        case .f32: return try source.applyFloat(op)
        default: return try source.applyFloat(op)
        }
    }

    private func applyComplex(_ op: UnaryOp) throws -> Tensor {
        switch (op, dtype) {
        case (.neg, .c64): return ElementwiseKernels.map(NegateFunctor<Complex<Float>>.self, self)
        case (.neg, _): return ElementwiseKernels.map(NegateFunctor<Complex<Double>>.self, self)
        case (.abs, .c64): return ElementwiseKernels.map(ComplexAbsFunctor<Float>.self, self)
        case (.abs, _): return ElementwiseKernels.map(ComplexAbsFunctor<Double>.self, self)
        default:
            throw TensorError.unsupportedDType(op: op.rawValue, dtype: dtype, reason: "not supported for complex tensors")
        }
    }

    /// Ops meaningful on integers; rounding of an integer is the integer itself.
    private func applyReal<T: RealScalar>(_ op: UnaryOp, _ type: T.Type) -> Tensor {
        switch op {
        case .neg: return ElementwiseKernels.map(NegateFunctor<T>.self, self)
        case .abs: return ElementwiseKernels.map(AbsFunctor<T>.self, self)
        case .sign: return ElementwiseKernels.map(SignFunctor<T>.self, self)
        case .relu: return ElementwiseKernels.map(ReluFunctor<T>.self, self)
        default: return cast(to: dtype, forceCopy: true)
        }
    }

    private func applyFloat(_ op: UnaryOp) throws -> Tensor {
        switch dtype {
        case .f32: return applyFloat(op, Float.self)
        case .f64: return applyFloat(op, Double.self)
        default: throw TensorError.unsupportedDType(op: op.rawValue, dtype: dtype, reason: "expected a float tensor")
        }
    }

    private func applyFloat<T: FloatingScalar>(_ op: UnaryOp, _ type: T.Type) -> Tensor {
        switch op {
        case .neg, .abs, .sign, .relu, .isnan, .isfinite: return applyReal(op, T.self)
        case .exp: return map(T.self, ExpKind.self)
        case .log: return map(T.self, LogKind.self)
        case .log1p: return map(T.self, Log1pKind.self)
        case .expm1: return map(T.self, Expm1Kind.self)
        case .sqrt: return map(T.self, SqrtKind.self)
        case .rsqrt: return map(T.self, RsqrtKind.self)
        case .sin: return map(T.self, SinKind.self)
        case .cos: return map(T.self, CosKind.self)
        case .tan: return map(T.self, TanKind.self)
        case .asin: return map(T.self, AsinKind.self)
        case .acos: return map(T.self, AcosKind.self)
        case .atan: return map(T.self, AtanKind.self)
        case .sinh: return map(T.self, SinhKind.self)
        case .cosh: return map(T.self, CoshKind.self)
        case .tanh: return map(T.self, TanhKind.self)
        case .asinh: return map(T.self, AsinhKind.self)
        case .acosh: return map(T.self, AcoshKind.self)
        case .atanh: return map(T.self, AtanhKind.self)
        case .sigmoid: return map(T.self, SigmoidKind.self)
        case .erf: return map(T.self, ErfKind.self)
        case .floor: return map(T.self, FloorKind.self)
        case .ceil: return map(T.self, CeilKind.self)
        case .round: return map(T.self, RoundKind.self)
        }
    }

    private func map<T: FloatingScalar, Kind: FloatUnaryKind>(_ type: T.Type, _ kind: Kind.Type) -> Tensor {
        ElementwiseKernels.map(FloatUnaryFunctor<T, Kind>.self, self)
    }

    /// `isfinite` (or `isnan`) for any dtype; integers and booleans are always finite.
    private func classify(finite: Bool) -> Tensor {
        switch (dtype, finite) {
        case (.bool, _), (.i64, _): return Tensor.full(shape, value: finite ? 1 : 0, dtype: .bool)
        case (.f32, true): return ElementwiseKernels.map(IsFiniteFunctor<Float>.self, self)
        case (.f32, false): return ElementwiseKernels.map(IsNaNFunctor<Float>.self, self)
        case (.f64, true): return ElementwiseKernels.map(IsFiniteFunctor<Double>.self, self)
        case (.f64, false): return ElementwiseKernels.map(IsNaNFunctor<Double>.self, self)
        case (.c64, true): return ElementwiseKernels.map(IsFiniteFunctor<Complex<Float>>.self, self)
        case (.c64, false): return ElementwiseKernels.map(IsNaNFunctor<Complex<Float>>.self, self)
        case (.c128, true): return ElementwiseKernels.map(IsFiniteFunctor<Complex<Double>>.self, self)
        case (.c128, false): return ElementwiseKernels.map(IsNaNFunctor<Complex<Double>>.self, self)
        }
    }
}
