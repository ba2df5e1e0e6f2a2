/// Questions about a syntax tree that the resolver asks before resolving it.
enum SyntaxScan {
    /// Whether any closure or nested `func` appears in `statements`: if so, that function's locals
    /// may be captured and are boxed. A precise per-variable analysis would need a second pass; the
    /// coarse rule keeps plain loops and recursive functions on the unboxed fast path.
    static func containsFunction(_ statements: [Stmt]) -> Bool {
        statements.contains(where: containsFunction)
    }

    static func containsFunction(_ statement: Stmt) -> Bool {
        switch statement.kind {
        case .function, .model: return true
        case .expression(let expression): return containsFunction(expression)
        case .declaration(_, _, _, let initializer): return initializer.map(containsFunction) ?? false
        case .assignment(let target, _, let value): return containsFunction(target) || containsFunction(value)
        case .conditional(let condition, let then, let otherwise):
            return containsFunction(condition) || containsFunction(then) || containsFunction(otherwise ?? [])
        case .whileLoop(let condition, let body): return containsFunction(condition) || containsFunction(body)
        case .forLoop(_, let sequence, let body): return containsFunction(sequence) || containsFunction(body)
        case .returnValue(let value): return value.map(containsFunction) ?? false
        case .breakLoop, .continueLoop: return false
        }
    }

    static func containsFunction(_ expression: Expr) -> Bool {
        switch expression.kind {
        case .closure: return true
        case .literal, .name, .invalid: return false
        case .interpolation(let parts):
            return parts.contains { if case .expression(let inner) = $0 { return containsFunction(inner) } else { return false } }
        case .unary(_, let operand): return containsFunction(operand)
        case .binary(_, let left, let right), .logical(_, let left, let right), .range(let left, let right, _):
            return containsFunction(left) || containsFunction(right)
        case .ternary(let condition, let then, let otherwise):
            return containsFunction(condition) || containsFunction(then) || containsFunction(otherwise)
        case .call(let callee, let arguments):
            return containsFunction(callee) || arguments.contains { containsFunction($0.value) }
        case .member(let object, _, _): return containsFunction(object)
        case .subscripted(let object, let items): return containsFunction(object) || items.contains(where: containsFunction)
        case .array(let elements): return elements.contains(where: containsFunction)
        case .dictionary(let pairs): return pairs.contains { containsFunction($0.key) || containsFunction($0.value) }
        case .record(let fields): return fields.contains { containsFunction($0.value) }
        }
    }

    private static func containsFunction(_ item: SubscriptItem) -> Bool {
        switch item {
        case .index(let expression): return containsFunction(expression)
        case .slice(let start, let stop, let step):
            return [start, stop, step].contains { $0.map(containsFunction) ?? false }
        case .ellipsis: return false
        }
    }
}
