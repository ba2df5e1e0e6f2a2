import FolioRuntime

/// Arithmetic, comparison and logic.

final class BinaryNode: Evaluable {
    let operation: BinaryOperator
    let left: Evaluable
    let right: Evaluable
    let span: SourceSpan

    init(_ operation: BinaryOperator, _ left: Evaluable, _ right: Evaluable, span: SourceSpan) {
        self.operation = operation
        self.left = left
        self.right = right
        self.span = span
    }

    func evaluate(_ interpreter: Interpreter) throws -> Value {
        let a = try left.evaluate(interpreter)
        let b = try right.evaluate(interpreter)
        if case .int(let x) = a, case .int(let y) = b, let result = BinaryNode.integerFastPath(operation, x, y) {
            return result
        }
        do {
            return try Value.apply(operation, a, b)
        } catch let error as FolioError {
            throw error.located(at: span)
        }
    }

    /// Int arithmetic and comparison without leaving this module (`Value.apply` is a cross-module
    /// call); nil for overflow, division and anything else, which the general path reports.
    @inline(__always)
    static func integerFastPath(_ operation: BinaryOperator, _ x: Int, _ y: Int) -> Value? {
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
}

final class UnaryNode: Evaluable {
    let operation: UnaryOperator
    let operand: Evaluable
    let span: SourceSpan

    init(_ operation: UnaryOperator, _ operand: Evaluable, span: SourceSpan) {
        self.operation = operation
        self.operand = operand
        self.span = span
    }

    func evaluate(_ interpreter: Interpreter) throws -> Value {
        let value = try operand.evaluate(interpreter)
        do {
            return try Value.apply(operation, value)
        } catch let error as FolioError {
            throw error.located(at: span)
        }
    }
}

/// Conditions must be Bool: `if 1 {}` is a TypeError rather than a silent truthiness rule.
func requireBool(_ value: Value, _ role: String, span: SourceSpan) throws -> Bool {
    if case .bool(let flag) = value { return flag }
    throw FolioError(.TypeError, "\(role) must be a Bool, got \(value.typeName)", span: span)
}

final class LogicalNode: Evaluable {
    let isAnd: Bool
    let left: Evaluable
    let right: Evaluable
    let leftSpan: SourceSpan
    let rightSpan: SourceSpan

    init(isAnd: Bool, _ left: Evaluable, _ right: Evaluable, leftSpan: SourceSpan, rightSpan: SourceSpan) {
        self.isAnd = isAnd
        self.left = left
        self.right = right
        self.leftSpan = leftSpan
        self.rightSpan = rightSpan
    }

    func evaluate(_ interpreter: Interpreter) throws -> Value {
        let role = isAnd ? "the operand of &&" : "the operand of ||"
        let first = try requireBool(try left.evaluate(interpreter), role, span: leftSpan)
        if first != isAnd { return .bool(first) }
        return .bool(try requireBool(try right.evaluate(interpreter), role, span: rightSpan))
    }
}

final class TernaryNode: Evaluable {
    let condition: Evaluable
    let then: Evaluable
    let otherwise: Evaluable
    let conditionSpan: SourceSpan

    init(condition: Evaluable, then: Evaluable, otherwise: Evaluable, conditionSpan: SourceSpan) {
        self.condition = condition
        self.then = then
        self.otherwise = otherwise
        self.conditionSpan = conditionSpan
    }

    func evaluate(_ interpreter: Interpreter) throws -> Value {
        // Two calls rather than `(flag ? then : otherwise).evaluate`, which copies (retains) the node.
        if try requireBool(try condition.evaluate(interpreter), "the condition of ?:", span: conditionSpan) {
            return try then.evaluate(interpreter)
        }
        return try otherwise.evaluate(interpreter)
    }
}

final class RangeNode: Evaluable {
    let lower: Evaluable
    let upper: Evaluable
    let isClosed: Bool
    let span: SourceSpan

    init(lower: Evaluable, upper: Evaluable, isClosed: Bool, span: SourceSpan) {
        self.lower = lower
        self.upper = upper
        self.isClosed = isClosed
        self.span = span
    }

    func evaluate(_ interpreter: Interpreter) throws -> Value {
        let low = try lower.evaluate(interpreter)
        let high = try upper.evaluate(interpreter)
        guard case .int(let a) = low, case .int(let b) = high else {
            throw FolioError(.TypeError, "range bounds must be Int, got \(low.typeName) and \(high.typeName)", span: span)
        }
        return .range(FolioRange(lower: a, upper: b, isClosed: isClosed))
    }
}

/// `"a \(x) b"`: each part's `description` concatenated.
final class InterpolationNode: Evaluable {
    enum Part {
        case text(String)
        case value(Evaluable)
    }

    let parts: [Part]

    init(parts: [Part]) { self.parts = parts }

    func evaluate(_ interpreter: Interpreter) throws -> Value {
        var result = ""
        for part in parts {
            switch part {
            case .text(let text): result += text
            case .value(let node): result += try node.evaluate(interpreter).description
            }
        }
        return .string(result)
    }
}
