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

    override func evaluate(_ interpreter: Interpreter) throws -> Value {
        let a = try left.evaluate(interpreter)
        let b = try right.evaluate(interpreter)
        if let result = FastArithmetic.apply(operation, a, b) {
            return result
        }
        return try general(a, b)
    }

    override func evaluateCondition(_ interpreter: Interpreter, _ role: ConditionRole, span conditionSpan: SourceSpan) throws -> Bool {
        let a = try left.evaluate(interpreter)
        let b = try right.evaluate(interpreter)
        if case .int(let x) = a, case .int(let y) = b, let flag = FastArithmetic.integerComparison(operation, x, y) {
            return flag
        }
        let result = try FastArithmetic.apply(operation, a, b) ?? general(a, b)
        return try requireBool(result, role.description, span: conditionSpan)
    }

    private func general(_ a: Value, _ b: Value) throws -> Value {
        do {
            return try Value.apply(operation, a, b)
        } catch {
            throw locating(error, at: span)
        }
    }
}

/// `local op constant` with a numeric constant (`n - 1`, `i < 10`, `x * 0.5`): reads the slot and
/// the constant without two child evaluations.
final class LocalConstantBinaryNode: Evaluable {
    let operation: BinaryOperator
    let slot: Int
    let constant: Value
    let isIntConstant: Bool
    let intConstant: Int
    let span: SourceSpan

    init(_ operation: BinaryOperator, slot: Int, constant: Value, span: SourceSpan) {
        self.operation = operation
        self.slot = slot
        self.constant = constant
        if case .int(let value) = constant {
            isIntConstant = true
            intConstant = value
        } else {
            isIntConstant = false
            intConstant = 0
        }
        self.span = span
    }

    override func evaluate(_ interpreter: Interpreter) throws -> Value {
        if isIntConstant, case .int(let x) = interpreter.stack.slots[interpreter.frameBase &+ slot],
           let result = FastArithmetic.integer(operation, x, intConstant) {
            return result
        }
        let value = interpreter.local(slot)
        if let result = FastArithmetic.apply(operation, value, constant) { return result }
        do {
            return try Value.apply(operation, value, constant)
        } catch {
            throw locating(error, at: span)
        }
    }

    override func evaluateCondition(_ interpreter: Interpreter, _ role: ConditionRole, span conditionSpan: SourceSpan) throws -> Bool {
        if isIntConstant, case .int(let x) = interpreter.stack.slots[interpreter.frameBase &+ slot],
           let flag = FastArithmetic.integerComparison(operation, x, intConstant) {
            return flag
        }
        return try requireBool(try evaluate(interpreter), role.description, span: conditionSpan)
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

    override func evaluate(_ interpreter: Interpreter) throws -> Value {
        let value = try operand.evaluate(interpreter)
        do {
            return try Value.apply(operation, value)
        } catch {
            throw locating(error, at: span)
        }
    }
}

/// Conditions must be Bool: `if 1 {}` is a TypeError rather than a silent truthiness rule.
@inline(__always)
func requireBool(_ value: Value, _ role: @autoclosure () -> String, span: SourceSpan) throws -> Bool {
    if case .bool(let flag) = value { return flag }
    throw notBool(value, role(), span: span)
}

@inline(never)
private func notBool(_ value: Value, _ role: String, span: SourceSpan) -> FolioError {
    FolioError(.TypeError, "\(role) must be a Bool, got \(value.typeName)", span: span)
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

    override func evaluate(_ interpreter: Interpreter) throws -> Value {
        .bool(try evaluateCondition(interpreter, .andOperand, span: leftSpan))
    }

    override func evaluateCondition(_ interpreter: Interpreter, _ role: ConditionRole, span: SourceSpan) throws -> Bool {
        let operandRole: ConditionRole = isAnd ? .andOperand : .orOperand
        let first = try left.evaluateCondition(interpreter, operandRole, span: leftSpan)
        if first != isAnd { return first }
        return try right.evaluateCondition(interpreter, operandRole, span: rightSpan)
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

    override func evaluate(_ interpreter: Interpreter) throws -> Value {
        // Two calls rather than `(flag ? then : otherwise).evaluate`, which copies (retains) the node.
        if try condition.evaluateCondition(interpreter, .ternaryCondition, span: conditionSpan) {
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

    override func evaluate(_ interpreter: Interpreter) throws -> Value {
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

    override func evaluate(_ interpreter: Interpreter) throws -> Value {
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
