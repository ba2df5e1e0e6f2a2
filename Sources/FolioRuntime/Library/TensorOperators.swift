import FolioAutograd
import FolioTensor

/// `+ - * / % ** @` and comparisons between a tensor and another tensor, a number or an array.
///
/// Python numbers are weak scalars, as in NumPy 2 and PyTorch: `x * 2` keeps `x`'s dtype, and
/// an Int scalar with a float tensor stays float. Arrays are converted like `tensor(...)`.
public enum TensorOperators {
    public static func binary(_ operation: BinaryOperator, _ tensor: Variable, _ other: Value,
                              reflected: Bool) throws -> Value? {
        guard let operand = try operand(other, like: tensor) else { return nil }
        let (left, right) = reflected ? (operand, tensor) : (tensor, operand)
        return try NativeCall.run(nil) { TensorConversion.wrap(try apply(operation, left, right)) }
    }

    /// The other operand as a variable; nil for values tensors do not combine with (strings, ...).
    private static func operand(_ value: Value, like tensor: Variable) throws -> Variable? {
        switch value {
        case .int(let integer): return Variable(Tensor.weakScalar(integer, like: tensor.value))
        case .double(let number): return Variable(Tensor.weakScalar(number, like: tensor.value))
        case .bool(let flag): return Variable(try Tensor(bools: [flag], shape: []).cast(to: DType.promote(tensor.dtype, .bool)))
        case .array, .native(is TensorObject): return try TensorConversion.variable(value)
        default: return nil
        }
    }

    /// One operator on two tensors.
    public static func apply(_ operation: BinaryOperator, _ left: Variable, _ right: Variable) throws -> Variable {
        switch operation {
        case .add: return try left.apply(.add, right)
        case .subtract: return try left.apply(.sub, right)
        case .multiply: return try left.apply(.mul, right)
        case .divide: return try trueDivision(left, right)
        case .remainder: return try remainder(left, right)
        case .power: return try left.apply(.pow, right)
        case .matmul: return try left.matmul(right)
        case .equal: return try left.compare(.eq, right)
        case .notEqual: return try left.compare(.ne, right)
        case .less: return try left.compare(.lt, right)
        case .lessEqual: return try left.compare(.le, right)
        case .greater: return try left.compare(.gt, right)
        case .greaterEqual: return try left.compare(.ge, right)
        }
    }

    /// `/` is true division, so Int tensors divide as floats (NumPy's rule).
    private static func trueDivision(_ left: Variable, _ right: Variable) throws -> Variable {
        let integral = left.dtype.isInteger || left.dtype.isBool
        let divisorIntegral = right.dtype.isInteger || right.dtype.isBool
        let numerator = integral ? try left.cast(to: .defaultFloat) : left
        let denominator = divisorIntegral && integral ? try right.cast(to: .defaultFloat) : right
        return try numerator.apply(.div, denominator)
    }

    /// `%` with the sign of the divisor (Python's rule): `a - floor(a / b) * b`. The quotient is
    /// piecewise constant, so it enters as a constant: the gradient is 1 for `a`, `-floor(a / b)`
    /// for `b` (PyTorch's `remainder` rule).
    private static func remainder(_ left: Variable, _ right: Variable) throws -> Variable {
        let quotient = Variable(try trueDivision(left.detached(), right.detached()).value.floor())
        let multiple = try quotient.apply(.mul, right)
        let result = try left.apply(.sub, multiple)
        guard left.dtype.isInteger, right.dtype.isInteger else { return result }
        return try result.cast(to: .i64)
    }

    public static func unary(_ operation: UnaryOperator, _ tensor: Variable) throws -> Value? {
        try NativeCall.run(nil) {
            switch operation {
            case .negate: return TensorConversion.wrap(try tensor.apply(.neg))
            case .plus: return TensorConversion.wrap(tensor)
            case .not:
                guard tensor.dtype == .bool else {
                    throw FolioError(.TypeError, "'!' needs a bool tensor, got dtype \(tensor.dtype)")
                }
                let falseTensor = Variable(try Tensor(bools: [false], shape: []))
                return TensorConversion.wrap(try tensor.compare(.eq, falseTensor))
            }
        }
    }
}
