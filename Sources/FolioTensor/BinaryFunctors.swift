/// One functor type per elementwise binary primitive, generic over the scalar.

struct AddFunctor<T: NumericScalar>: BinaryFunctor {
    @inline(__always) static func apply(_ lhs: T, _ rhs: T) -> T { T.add(lhs, rhs) }
}

struct SubtractFunctor<T: NumericScalar>: BinaryFunctor {
    @inline(__always) static func apply(_ lhs: T, _ rhs: T) -> T { T.subtract(lhs, rhs) }
}

struct MultiplyFunctor<T: NumericScalar>: BinaryFunctor {
    @inline(__always) static func apply(_ lhs: T, _ rhs: T) -> T { T.multiply(lhs, rhs) }
}

struct DivideFunctor<T: DivisibleScalar>: BinaryFunctor {
    @inline(__always) static func apply(_ lhs: T, _ rhs: T) -> T { T.divide(lhs, rhs) }
}

struct PowerFunctor<T: FloatingScalar>: BinaryFunctor {
    @inline(__always) static func apply(_ lhs: T, _ rhs: T) -> T { T.pow(lhs, rhs) }
}

/// Integer power by squaring, wrapping on overflow like NumPy; exponents are checked
/// non-negative before the kernel runs.
struct IntegerPowerFunctor: BinaryFunctor {
    @inline(__always)
    static func apply(_ base: Int64, _ exponent: Int64) -> Int64 {
        var result: Int64 = 1
        var factor = base
        var remaining = exponent
        while remaining > 0 {
            if remaining & 1 == 1 { result = result &* factor }
            factor = factor &* factor
            remaining >>= 1
        }
        return result
    }
}

struct MaximumFunctor<T: RealScalar>: BinaryFunctor {
    @inline(__always) static func apply(_ lhs: T, _ rhs: T) -> T { T.maximum(lhs, rhs) }
}

struct MinimumFunctor<T: RealScalar>: BinaryFunctor {
    @inline(__always) static func apply(_ lhs: T, _ rhs: T) -> T { T.minimum(lhs, rhs) }
}

struct EqualFunctor<T: TensorScalar & Equatable>: BinaryFunctor {
    @inline(__always) static func apply(_ lhs: T, _ rhs: T) -> Bool { lhs == rhs }
}

struct NotEqualFunctor<T: TensorScalar & Equatable>: BinaryFunctor {
    @inline(__always) static func apply(_ lhs: T, _ rhs: T) -> Bool { lhs != rhs }
}

struct LessFunctor<T: RealScalar>: BinaryFunctor {
    @inline(__always) static func apply(_ lhs: T, _ rhs: T) -> Bool { lhs < rhs }
}

struct LessEqualFunctor<T: RealScalar>: BinaryFunctor {
    @inline(__always) static func apply(_ lhs: T, _ rhs: T) -> Bool { lhs <= rhs }
}

struct GreaterFunctor<T: RealScalar>: BinaryFunctor {
    @inline(__always) static func apply(_ lhs: T, _ rhs: T) -> Bool { lhs > rhs }
}

struct GreaterEqualFunctor<T: RealScalar>: BinaryFunctor {
    @inline(__always) static func apply(_ lhs: T, _ rhs: T) -> Bool { lhs >= rhs }
}

struct SelectFunctor<T: TensorScalar>: TernaryFunctor {
    @inline(__always) static func apply(_ condition: Bool, _ whenTrue: T, _ whenFalse: T) -> T {
        condition ? whenTrue : whenFalse
    }
}
