import FolioRuntime

/// Int and Double arithmetic and comparison without leaving this module (`Value.apply` is a
/// cross-module call that cannot be inlined).
///
/// Each function returns nil for anything it does not handle (overflow, division by zero, other
/// operators or types); the caller then takes `Value.apply`, which reports the error. The results
/// are exactly those of `Value.apply`.
enum FastArithmetic {
    @inline(__always)
    static func apply(_ operation: BinaryOperator, _ left: Value, _ right: Value) -> Value? {
        if case .int(let x) = left {
            if case .int(let y) = right { return integer(operation, x, y) }
            if case .double(let y) = right { return double(operation, Double(x), y) }
            return nil
        }
        if case .double(let x) = left {
            if case .double(let y) = right { return double(operation, x, y) }
            if case .int(let y) = right { return double(operation, x, Double(y)) }
        }
        return nil
    }

    @inline(__always)
    static func integer(_ operation: BinaryOperator, _ x: Int, _ y: Int) -> Value? {
        switch operation {
        case .add:
            let (sum, overflow) = x.addingReportingOverflow(y)
            return overflow ? nil : .int(sum)
        case .subtract:
            let (difference, overflow) = x.subtractingReportingOverflow(y)
            return overflow ? nil : .int(difference)
        case .multiply:
            let (product, overflow) = x.multipliedReportingOverflow(by: y)
            return overflow ? nil : .int(product)
        case .less: return .bool(x < y)
        case .lessEqual: return .bool(x <= y)
        case .greater: return .bool(x > y)
        case .greaterEqual: return .bool(x >= y)
        case .equal: return .bool(x == y)
        case .notEqual: return .bool(x != y)
        default: return nil
        }
    }

    /// An Int comparison's result, nil for any other operator.
    @inline(__always)
    static func integerComparison(_ operation: BinaryOperator, _ x: Int, _ y: Int) -> Bool? {
        switch operation {
        case .less: return x < y
        case .lessEqual: return x <= y
        case .greater: return x > y
        case .greaterEqual: return x >= y
        case .equal: return x == y
        case .notEqual: return x != y
        default: return nil
        }
    }

    @inline(__always)
    static func double(_ operation: BinaryOperator, _ x: Double, _ y: Double) -> Value? {
        switch operation {
        case .add: return .double(x + y)
        case .subtract: return .double(x - y)
        case .multiply: return .double(x * y)
        case .divide: return y == 0 ? nil : .double(x / y)
        case .less: return .bool(x < y)
        case .lessEqual: return .bool(x <= y)
        case .greater: return .bool(x > y)
        case .greaterEqual: return .bool(x >= y)
        case .equal: return .bool(x == y)
        case .notEqual: return .bool(x != y)
        default: return nil
        }
    }
}
