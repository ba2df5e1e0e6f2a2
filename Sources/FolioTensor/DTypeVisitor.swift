/// A computation generic over the element type, run for a tensor's dtype by `DType.visit`.
///
/// Kernels that only move elements (copies, gathers, scatters) are written once as a visitor
/// instead of repeating a six-case switch; the switch happens once per call, never per element.
protocol DTypeVisitor {
    associatedtype Result
    func visit<T: TensorScalar>(_ type: T.Type) -> Result
}

/// A computation over the dtypes with `+` and `*` (`i64`, floats, complex); `bool` is rejected.
protocol NumericVisitor {
    associatedtype Result
    func visit<T: NumericScalar>(_ type: T.Type) -> Result
}

/// A computation over the ordered dtypes (`i64`, `f32`, `f64`).
protocol RealVisitor {
    associatedtype Result
    func visit<T: RealScalar>(_ type: T.Type) -> Result
}

extension DType {
    /// Runs `visitor` specialised for this dtype's Swift type.
    func visit<V: DTypeVisitor>(_ visitor: V) -> V.Result {
        switch self {
        case .bool: return visitor.visit(Bool.self)
        case .i64: return visitor.visit(Int64.self)
        case .f32: return visitor.visit(Float.self)
        case .f64: return visitor.visit(Double.self)
        case .c64: return visitor.visit(Complex<Float>.self)
        case .c128: return visitor.visit(Complex<Double>.self)
        }
    }

    /// Runs `visitor` for a numeric dtype; `bool` throws a `TypeError` naming `op`.
    func visit<V: NumericVisitor>(numeric visitor: V, op: String) throws -> V.Result {
        switch self {
        case .bool: throw TensorError.unsupportedDType(op: op, dtype: self, reason: "not defined for booleans")
        case .i64: return visitor.visit(Int64.self)
        case .f32: return visitor.visit(Float.self)
        case .f64: return visitor.visit(Double.self)
        case .c64: return visitor.visit(Complex<Float>.self)
        case .c128: return visitor.visit(Complex<Double>.self)
        }
    }

    /// Runs `visitor` for an ordered dtype; `bool` runs as `i64` is the caller's job, complex throws.
    func visit<V: RealVisitor>(real visitor: V, op: String) throws -> V.Result {
        switch self {
        case .i64: return visitor.visit(Int64.self)
        case .f32: return visitor.visit(Float.self)
        case .f64: return visitor.visit(Double.self)
        case .bool, .c64, .c128:
            throw TensorError.unsupportedDType(op: op, dtype: self, reason: "expected an ordered (integer or float) dtype")
        }
    }
}
