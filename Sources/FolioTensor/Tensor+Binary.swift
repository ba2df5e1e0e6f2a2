/// Elementwise binary primitives, comparisons and `where`: broadcasting, promotion, dispatch.
extension Tensor {
    /// The operands cast to `dtype` and broadcast to their common shape.
    static func prepare(_ operands: [Tensor], dtype: DType, op: String) throws -> (operands: [Tensor], shape: [Int]) {
        let shape = try ShapeMath.broadcast(operands.map(\.shape), op: op)
        let prepared = try operands.map { try $0.cast(to: dtype).expand(shape) }
        return (prepared, shape)
    }

    /// The forward kernel of a binary primitive (see `DType` for the promotion rules).
    public func apply(_ op: BinaryOp, _ other: Tensor) throws -> Tensor {
        var common = DType.promote(dtype, other.dtype)
        switch op {
        case .add, .sub, .mul, .pow:
            if common == .bool { common = .i64 }
        case .div:
            common = common.floatingType
        case .maximum, .minimum:
            guard !common.isComplex else {
                throw TensorError.unsupportedDType(op: op.rawValue, dtype: common, reason: "complex numbers are not ordered")
            }
            if common == .bool { return try cast(to: .i64).apply(op, other.cast(to: .i64)).cast(to: .bool) }
        }
        if op == .pow && common == .i64 && other.hasNegativeElements() {
            throw TensorError.invalidArgument(op: "pow", message: "integers to negative integer powers are not allowed")
        }
        let (operands, shape) = try Tensor.prepare([self, other], dtype: common, op: op.rawValue)
        return try Tensor.binaryKernel(op, operands[0], operands[1], shape: shape)
    }

    private func hasNegativeElements() -> Bool {
        toArray(of: Int64.self).contains { $0 < 0 }
    }

    private static func binaryKernel(_ op: BinaryOp, _ lhs: Tensor, _ rhs: Tensor, shape: [Int]) throws -> Tensor {
        switch lhs.dtype {
        case .i64: return integerKernel(op, lhs, rhs, shape: shape)
        case .f32: return floatKernel(op, lhs, rhs, shape: shape, Float.self)
        case .f64: return floatKernel(op, lhs, rhs, shape: shape, Double.self)
        case .c64: return try complexKernel(op, lhs, rhs, shape: shape, Float.self)
        case .c128: return try complexKernel(op, lhs, rhs, shape: shape, Double.self)
        case .bool: throw TensorError.unsupportedDType(op: op.rawValue, dtype: .bool, reason: "not defined for booleans")
        }
    }

    private static func integerKernel(_ op: BinaryOp, _ lhs: Tensor, _ rhs: Tensor, shape: [Int]) -> Tensor {
        switch op {
        case .add: return ElementwiseKernels.map(AddFunctor<Int64>.self, lhs, rhs, shape: shape)
        case .sub: return ElementwiseKernels.map(SubtractFunctor<Int64>.self, lhs, rhs, shape: shape)
        case .mul: return ElementwiseKernels.map(MultiplyFunctor<Int64>.self, lhs, rhs, shape: shape)
        case .pow: return ElementwiseKernels.map(IntegerPowerFunctor.self, lhs, rhs, shape: shape)
        case .maximum: return ElementwiseKernels.map(MaximumFunctor<Int64>.self, lhs, rhs, shape: shape)
        case .minimum: return ElementwiseKernels.map(MinimumFunctor<Int64>.self, lhs, rhs, shape: shape)
        case .div: return ElementwiseKernels.map(AddFunctor<Int64>.self, lhs, rhs, shape: shape) // unreachable: div promotes to float
        }
    }

    private static func floatKernel<T: FloatingScalar>(_ op: BinaryOp, _ lhs: Tensor, _ rhs: Tensor, shape: [Int],
                                                      _ type: T.Type) -> Tensor {
        switch op {
        case .add: return ElementwiseKernels.map(AddFunctor<T>.self, lhs, rhs, shape: shape)
        case .sub: return ElementwiseKernels.map(SubtractFunctor<T>.self, lhs, rhs, shape: shape)
        case .mul: return ElementwiseKernels.map(MultiplyFunctor<T>.self, lhs, rhs, shape: shape)
        case .div: return ElementwiseKernels.map(DivideFunctor<T>.self, lhs, rhs, shape: shape)
        case .pow: return ElementwiseKernels.map(PowerFunctor<T>.self, lhs, rhs, shape: shape)
        case .maximum: return ElementwiseKernels.map(MaximumFunctor<T>.self, lhs, rhs, shape: shape)
        case .minimum: return ElementwiseKernels.map(MinimumFunctor<T>.self, lhs, rhs, shape: shape)
        }
    }

    private static func complexKernel<R: FloatingScalar>(_ op: BinaryOp, _ lhs: Tensor, _ rhs: Tensor, shape: [Int],
                                                        _ type: R.Type) throws -> Tensor where Complex<R>: DivisibleScalar {
        typealias C = Complex<R>
        switch op {
        case .add: return ElementwiseKernels.map(AddFunctor<C>.self, lhs, rhs, shape: shape)
        case .sub: return ElementwiseKernels.map(SubtractFunctor<C>.self, lhs, rhs, shape: shape)
        case .mul: return ElementwiseKernels.map(MultiplyFunctor<C>.self, lhs, rhs, shape: shape)
        case .div: return ElementwiseKernels.map(DivideFunctor<C>.self, lhs, rhs, shape: shape)
        case .pow, .maximum, .minimum:
            throw TensorError.unsupportedDType(op: op.rawValue, dtype: lhs.dtype, reason: "not supported for complex tensors")
        }
    }

    /// The forward kernel of a comparison; `bool` results. Ordering complex numbers is an error.
    public func compare(_ op: ComparisonOp, _ other: Tensor) throws -> Tensor {
        var common = DType.promote(dtype, other.dtype)
        let ordered = op != .eq && op != .ne
        if ordered && common.isComplex {
            throw TensorError.unsupportedDType(op: op.rawValue, dtype: common, reason: "complex numbers are not ordered")
        }
        if ordered && common == .bool { common = .i64 }
        let (operands, shape) = try Tensor.prepare([self, other], dtype: common, op: op.rawValue)
        let (lhs, rhs) = (operands[0], operands[1])
        switch common {
        case .bool: return Tensor.equality(op, lhs, rhs, shape: shape, Bool.self)
        case .c64: return Tensor.equality(op, lhs, rhs, shape: shape, Complex<Float>.self)
        case .c128: return Tensor.equality(op, lhs, rhs, shape: shape, Complex<Double>.self)
        case .i64: return Tensor.ordering(op, lhs, rhs, shape: shape, Int64.self)
        case .f32: return Tensor.ordering(op, lhs, rhs, shape: shape, Float.self)
        case .f64: return Tensor.ordering(op, lhs, rhs, shape: shape, Double.self)
        }
    }

    private static func equality<T: TensorScalar & Equatable>(_ op: ComparisonOp, _ lhs: Tensor, _ rhs: Tensor,
                                                             shape: [Int], _ type: T.Type) -> Tensor {
        op == .eq ? ElementwiseKernels.map(EqualFunctor<T>.self, lhs, rhs, shape: shape)
            : ElementwiseKernels.map(NotEqualFunctor<T>.self, lhs, rhs, shape: shape)
    }

    private static func ordering<T: RealScalar>(_ op: ComparisonOp, _ lhs: Tensor, _ rhs: Tensor,
                                               shape: [Int], _ type: T.Type) -> Tensor {
        switch op {
        case .eq: return ElementwiseKernels.map(EqualFunctor<T>.self, lhs, rhs, shape: shape)
        case .ne: return ElementwiseKernels.map(NotEqualFunctor<T>.self, lhs, rhs, shape: shape)
        case .lt: return ElementwiseKernels.map(LessFunctor<T>.self, lhs, rhs, shape: shape)
        case .le: return ElementwiseKernels.map(LessEqualFunctor<T>.self, lhs, rhs, shape: shape)
        case .gt: return ElementwiseKernels.map(GreaterFunctor<T>.self, lhs, rhs, shape: shape)
        case .ge: return ElementwiseKernels.map(GreaterEqualFunctor<T>.self, lhs, rhs, shape: shape)
        }
    }

    /// `whenTrue` where `condition` holds, else `whenFalse`, broadcasting all three
    /// (NumPy `where`); the condition is converted to `bool` (non-zero is true).
    public static func select(_ condition: Tensor, _ whenTrue: Tensor, _ whenFalse: Tensor) throws -> Tensor {
        let common = DType.promote(whenTrue.dtype, whenFalse.dtype)
        let shape = try ShapeMath.broadcast([condition.shape, whenTrue.shape, whenFalse.shape], op: "where")
        let mask = try condition.cast(to: .bool).expand(shape)
        let a = try whenTrue.cast(to: common).expand(shape)
        let b = try whenFalse.cast(to: common).expand(shape)
        switch common {
        case .bool: return ElementwiseKernels.map(SelectFunctor<Bool>.self, mask, a, b, shape: shape)
        case .i64: return ElementwiseKernels.map(SelectFunctor<Int64>.self, mask, a, b, shape: shape)
        case .f32: return ElementwiseKernels.map(SelectFunctor<Float>.self, mask, a, b, shape: shape)
        case .f64: return ElementwiseKernels.map(SelectFunctor<Double>.self, mask, a, b, shape: shape)
        case .c64: return ElementwiseKernels.map(SelectFunctor<Complex<Float>>.self, mask, a, b, shape: shape)
        case .c128: return ElementwiseKernels.map(SelectFunctor<Complex<Double>>.self, mask, a, b, shape: shape)
        }
    }
}
