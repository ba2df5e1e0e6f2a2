import FolioRuntime

extension Resolver {
    func resolve(_ statement: Stmt) -> Executable {
        switch statement.kind {
        case .expression(let expression):
            return ExpressionStatementNode(resolve(expression))
        case let .declaration(isConstant, name, _, initializer):
            // The initializer is resolved first: `let x = x + 1` reads the outer x.
            let value = initializer.map(resolve)
            let reusesBox = declaresModelField
            return DeclarationNode(target: declare(name, isConstant: isConstant), isConstant: isConstant, initializer: value,
                                   reusesBox: reusesBox)
        case let .assignment(target, operation, value):
            return resolveAssignment(target: target, operation: operation, value: value, span: statement.span)
        case .function(let declaration):
            return resolveFunctionStatement(declaration)
        case .model(let declaration):
            let target = declare(declaration.name, isConstant: true)
            let code = resolveFunction(declaration, isModel: true)
            return FunctionDeclarationNode(closure: ClosureNode(code: code), target: target)
        case let .conditional(condition, then, otherwise):
            return IfNode(condition: resolve(condition), conditionSpan: condition.span,
                          then: resolveBlock(then), otherwise: otherwise.map(resolveBlock) ?? [])
        case let .whileLoop(condition, body):
            let conditionNode = resolve(condition)
            return WhileNode(condition: conditionNode, conditionSpan: condition.span, body: resolveLoopBody(body))
        case let .forLoop(names, sequence, body):
            return resolveFor(names: names, sequence: sequence, body: body)
        case .breakLoop, .continueLoop:
            let isBreak: Bool
            if case .breakLoop = statement.kind { isBreak = true } else { isBreak = false }
            if context.loopDepth == 0 {
                report(.SyntaxError, "'\(isBreak ? "break" : "continue")' is only allowed inside a loop", span: statement.span)
            }
            return isBreak ? BreakNode() : ContinueNode()
        case .returnValue(let value):
            if context.isTopLevel {
                report(.SyntaxError, "'return' is only allowed inside a function", span: statement.span)
            } else if context.isModelBody, context.scopes.count <= 2 {
                report(.SyntaxError, "'return' is not allowed in a model body; a model returns its instance", span: statement.span)
            }
            return ReturnNode(value: value.map(resolve))
        }
    }

    /// A declaration at the top of a model body fills the field's existing box, which methods
    /// declared above it have already captured.
    private var declaresModelField: Bool {
        context.fieldsDeclaredUpFront && context.scopes.count == 2
    }

    private func resolveLoopBody(_ body: [Stmt]) -> [Executable] {
        context.loopDepth += 1
        defer { context.loopDepth -= 1 }
        return resolveBlock(body)
    }

    private func resolveFor(names: [(String, SourceSpan)], sequence: Expr, body: [Stmt]) -> Executable {
        let sequenceNode = resolve(sequence)
        context.scopes.append([:])
        defer { context.scopes.removeLast() }
        // Loop variables are locals even at a cell's top level, as in Swift.
        let targets = names.map { context.target(for: context.declare($0.0, isConstant: true)) }
        let bodyNodes = resolveLoopBody(body)
        return ForNode(targets: targets, sequence: sequenceNode, sequenceSpan: sequence.span, body: bodyNodes)
    }

    private func resolveFunctionStatement(_ declaration: FunctionDeclaration) -> Executable {
        // Declared before the body is resolved so the function can call itself.
        let reusesBox = declaresModelField
        let target = declare(declaration.name, isConstant: true)
        let code = resolveFunction(declaration)
        return FunctionDeclarationNode(closure: ClosureNode(code: code), target: target, reusesBox: reusesBox)
    }

    private func resolveAssignment(target: Expr, operation: BinaryOperator?, value: Expr, span: SourceSpan) -> Executable {
        let valueNode = resolve(value)
        switch target.kind {
        case .name(let name):
            let (variable, isConstant) = lookup(name)
            if isConstant, !isGlobal(variable) {
                report(.TypeError, "cannot assign to '\(name)': it is a constant declared with 'let'; declare it with 'var' to change it",
                       span: target.span)
            }
            if case .local(let slot) = variable, let operation {
                return LocalCompoundAssignmentNode(slot: slot, operation: operation, value: valueNode, span: span)
            }
            if case .global(let global) = variable, let operation {
                return GlobalCompoundAssignmentNode(global: global, operation: operation, value: valueNode, span: span)
            }
            return AssignmentNode(target: variable, operation: operation, value: valueNode, span: span)
        default:
            return resolvePathAssignment(target: target, operation: operation, value: valueNode, span: span)
        }
    }

    private func isGlobal(_ target: VariableTarget) -> Bool {
        if case .global = target { return true }
        return false
    }

    /// `a.b[i].c = v`: the root variable (or, for `f().x = v`, an expression) and the steps below it.
    private func resolvePathAssignment(target: Expr, operation: BinaryOperator?, value: Evaluable, span: SourceSpan) -> Executable {
        if let (root, accessors) = resolvePath(target) {
            return PathAssignmentNode(root: root, accessors: accessors, operation: operation, value: value, span: span)
        }
        // The chain starts at an expression, not a name (`f().x = v`): assign through its value.
        let (base, accessors) = splitPath(target)
        let root = PathRoot(expression: resolve(base), span: base.span)
        return PathAssignmentNode(root: root, accessors: accessors, operation: operation, value: value, span: span)
    }
}
