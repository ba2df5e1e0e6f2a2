import Foundation

/// Arithmetic with Python's rules (DESIGN.md §2): `/` is true division, `%` takes the sign of the
/// divisor, `**` on Ints stays Int; Int overflow and division by zero are errors, never traps.
extension Value {
    public static func apply(_ operation: BinaryOperator, _ left: Value, _ right: Value) throws -> Value {
        switch (left, right) {
        case let (.int(a), .int(b)): return try integerOperation(operation, a, b)
        case let (.double(a), .double(b)): return try doubleOperation(operation, a, b)
        case let (.int(a), .double(b)): return try doubleOperation(operation, Double(a), b)
        case let (.double(a), .int(b)): return try doubleOperation(operation, a, Double(b))
        default: return try generalOperation(operation, left, right)
        }
    }

    static func integerOperation(_ operation: BinaryOperator, _ a: Int, _ b: Int) throws -> Value {
        switch operation {
        case .add: return try checked(a.addingReportingOverflow(b), a, operation, b)
        case .subtract: return try checked(a.subtractingReportingOverflow(b), a, operation, b)
        case .multiply: return try checked(a.multipliedReportingOverflow(by: b), a, operation, b)
        case .divide:
            guard b != 0 else { throw FolioError(.ZeroDivisionError, "division by zero: \(a) / 0") }
            return .double(Double(a) / Double(b))
        case .remainder: return .int(try floorRemainder(a, b))
        case .power: return try integerPower(a, b)
        case .equal: return .bool(a == b)
        case .notEqual: return .bool(a != b)
        case .less: return .bool(a < b)
        case .lessEqual: return .bool(a <= b)
        case .greater: return .bool(a > b)
        case .greaterEqual: return .bool(a >= b)
        case .matmul: throw unsupported(operation, .int(a), .int(b))
        }
    }

    private static func checked(_ result: (partialValue: Int, overflow: Bool), _ a: Int,
                                _ operation: BinaryOperator, _ b: Int) throws -> Value {
        if result.overflow {
            throw FolioError(.ValueError, "integer overflow: \(a) \(operation.rawValue) \(b) does not fit in 64 bits")
        }
        return .int(result.partialValue)
    }

    /// Python's `%`: the result has the sign of the divisor.
    static func floorRemainder(_ a: Int, _ b: Int) throws -> Int {
        guard b != 0 else { throw FolioError(.ZeroDivisionError, "division by zero: \(a) % 0") }
        let (remainder, overflow) = a.remainderReportingOverflow(dividingBy: b)
        if overflow { return 0 }  // Int.min % -1 is 0 mathematically
        if remainder != 0, (remainder < 0) != (b < 0) { return remainder &+ b }
        return remainder
    }

    static func integerPower(_ base: Int, _ exponent: Int) throws -> Value {
        if exponent < 0 {
            guard base != 0 else { throw FolioError(.ZeroDivisionError, "0 cannot be raised to a negative power") }
            return .double(pow(Double(base), Double(exponent)))
        }
        var result = 1
        var factor = base
        var remaining = exponent
        while remaining > 0 {
            if remaining & 1 == 1 {
                let (product, overflow) = result.multipliedReportingOverflow(by: factor)
                if overflow { throw powerOverflow(base, exponent) }
                result = product
            }
            remaining >>= 1
            if remaining > 0 {
                let (square, overflow) = factor.multipliedReportingOverflow(by: factor)
                if overflow { throw powerOverflow(base, exponent) }
                factor = square
            }
        }
        return .int(result)
    }

    private static func powerOverflow(_ base: Int, _ exponent: Int) -> FolioError {
        FolioError(.ValueError, "integer overflow: \(base) ** \(exponent) does not fit in 64 bits")
    }

    static func doubleOperation(_ operation: BinaryOperator, _ a: Double, _ b: Double) throws -> Value {
        switch operation {
        case .add: return .double(a + b)
        case .subtract: return .double(a - b)
        case .multiply: return .double(a * b)
        case .divide:
            guard b != 0 else { throw FolioError(.ZeroDivisionError, "division by zero: \(format(a)) / 0") }
            return .double(a / b)
        case .remainder:
            guard b != 0 else { throw FolioError(.ZeroDivisionError, "division by zero: \(format(a)) % 0") }
            let remainder = a.truncatingRemainder(dividingBy: b)
            if remainder != 0, (remainder < 0) != (b < 0) { return .double(remainder + b) }
            return .double(remainder)
        case .power: return .double(try doublePower(a, b))
        case .equal: return .bool(a == b)
        case .notEqual: return .bool(a != b)
        case .less: return .bool(a < b)
        case .lessEqual: return .bool(a <= b)
        case .greater: return .bool(a > b)
        case .greaterEqual: return .bool(a >= b)
        case .matmul: throw unsupported(operation, .double(a), .double(b))
        }
    }

    private static func doublePower(_ base: Double, _ exponent: Double) throws -> Double {
        if base == 0, exponent < 0 {
            throw FolioError(.ZeroDivisionError, "0.0 cannot be raised to a negative power")
        }
        if base < 0, exponent.rounded() != exponent, exponent.isFinite {
            throw FolioError(.ValueError, "a negative number cannot be raised to a fractional power: \(format(base)) ** \(format(exponent))")
        }
        return pow(base, exponent)
    }

    public static func unsupported(_ operation: BinaryOperator, _ left: Value, _ right: Value) -> FolioError {
        FolioError(.TypeError, "unsupported operand types for \(operation.rawValue): \(left.typeName) and \(right.typeName)")
    }
}
