import FolioRuntime

/// One step below the root of an assignment target, before evaluation.
enum PathAccessor {
    case member(String)
    case `subscript`([SubscriptIndexNode])

    func evaluate(_ interpreter: Interpreter) throws -> PathStep {
        switch self {
        case .member(let name): return .member(name)
        case .subscript(let items): return .subscript(try items.map { try $0.evaluate(interpreter) })
        }
    }
}

/// The variable (or expression) a path assignment or in-place method call starts from.
struct PathRoot {
    var target: VariableTarget?
    var expression: Evaluable?
    var name = ""
    var isConstant = false
    var span: SourceSpan

    init(target: VariableTarget, name: String, isConstant: Bool, span: SourceSpan) {
        self.target = target
        self.name = name
        self.isConstant = isConstant
        self.span = span
    }

    init(expression: Evaluable, span: SourceSpan) {
        self.expression = expression
        self.span = span
    }

    /// Takes the root's value out of its variable, lets `body` change it in place, and stores it
    /// back (a native object is changed through its own members and needs no store).
    func modify(_ interpreter: Interpreter, _ body: (inout Value) throws -> Value) throws -> Value {
        guard let target else {
            var value = try expression?.evaluate(interpreter) ?? .none
            return try body(&value)
        }
        var value = try interpreter.read(target, span: span)
        if case .native = value { return try body(&value) }
        if isConstant || isConstantGlobal {
            throw FolioError(.TypeError, "cannot change '\(name)': it is a constant declared with 'let'; declare it with 'var' to change it", span: span)
        }
        try interpreter.assign(.none, to: target, span: span)
        defer { try? interpreter.assign(value, to: target, span: span) }
        return try body(&value)
    }

    private var isConstantGlobal: Bool {
        if case .global(let global)? = target { return global.isConstant }
        return false
    }
}

/// `a.b[i] = v` (or `op=`): changes the root variable in place along the path.
final class PathAssignmentNode: Executable {
    let root: PathRoot
    let accessors: [PathAccessor]
    let operation: BinaryOperator?
    let value: Evaluable
    let span: SourceSpan

    init(root: PathRoot, accessors: [PathAccessor], operation: BinaryOperator?, value: Evaluable, span: SourceSpan) {
        self.root = root
        self.accessors = accessors
        self.operation = operation
        self.value = value
        self.span = span
    }

    override func execute(_ interpreter: Interpreter) throws -> Flow {
        do {
            let steps = try accessors.map { try $0.evaluate(interpreter) }
            let newValue = try value.evaluate(interpreter)
            _ = try root.modify(interpreter) { rootValue in
                try ValueUpdate.update(&rootValue, steps[...]) { [operation] slot in
                    slot = try operation.map { try Value.apply($0, slot, newValue) } ?? newValue
                    return .none
                }
            }
        } catch let error as FolioError {
            throw error.located(at: span)
        }
        return .normal
    }
}
