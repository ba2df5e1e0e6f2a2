import FolioRuntime

/// The resolved form of one cell: executable statements and the size of its top-level frame.
struct ResolvedProgram {
    var statements: [Executable]
    var slotCount: Int
}

/// Resolves every name to a slot, a captured box or a global object, and builds the executable nodes.
///
/// Static errors (break outside a loop, assigning to a local `let`) are collected, not thrown, so a
/// cell reports them all together with its syntax errors.
final class Resolver {
    let globals: GlobalTable
    var context: FunctionContext
    private(set) var errors: [FolioError] = []

    init(globals: GlobalTable) {
        self.globals = globals
        self.context = FunctionContext(parent: nil, isTopLevel: true, boxesLocals: false)
    }

    func report(_ kind: ErrorKind, _ message: String, span: SourceSpan) {
        errors.append(FolioError(kind, message, span: span))
    }

    /// Resolves a cell; its last statement, if an expression, becomes the cell's value.
    func resolveProgram(_ statements: [Stmt]) -> ResolvedProgram {
        context = FunctionContext(parent: nil, isTopLevel: true, boxesLocals: SyntaxScan.containsFunction(statements))
        var nodes: [Executable] = []
        for (index, statement) in statements.enumerated() {
            if index == statements.count - 1, case .expression(let expression) = statement.kind {
                nodes.append(CellValueNode(resolve(expression)))
            } else {
                nodes.append(resolve(statement))
            }
        }
        return ResolvedProgram(statements: nodes, slotCount: context.slotCount)
    }

    /// Statements of a nested block, in a new scope.
    func resolveBlock(_ statements: [Stmt]) -> [Executable] {
        context.scopes.append([:])
        defer { context.scopes.removeLast() }
        return statements.map(resolve)
    }

    // MARK: Names

    /// A declaration's target: a global at a cell's top level, otherwise a fresh local.
    func declare(_ name: String, isConstant: Bool) -> VariableTarget {
        if context.declaresGlobals { return .global(globals.variable(named: name)) }
        return context.target(for: context.declare(name, isConstant: isConstant))
    }

    /// Where `name` lives and whether it may be assigned; unknown names are globals checked at run time.
    func lookup(_ name: String) -> (target: VariableTarget, isConstant: Bool) {
        if let local = context.lookupLocal(name) {
            return (context.target(for: local), local.isConstant)
        }
        if let captured = context.resolveCaptured(name) {
            return (.captured(index: captured.index), captured.isConstant)
        }
        return (.global(globals.variable(named: name)), false)
    }

    func read(_ name: String, span: SourceSpan) -> Evaluable {
        switch lookup(name).target {
        case .local(let slot): return LocalGetNode(slot: slot)
        case .boxedLocal(let slot): return BoxedLocalGetNode(slot: slot)
        case .captured(let index): return CapturedGetNode(index: index)
        case .global(let global):
            let nearby = global.isDefined ? [] : context.visibleNames
            return GlobalGetNode(global: global, span: span, nearbyNames: nearby)
        }
    }

    // MARK: Functions

    /// Resolves a function body in its own context; parameters take the first slots.
    func resolveFunction(_ declaration: FunctionDeclaration, isModel: Bool = false) -> FunctionCode {
        let enclosing = context
        // A model's fields are shared by its methods and by `instance.field`, so they live in boxes.
        let inner = FunctionContext(parent: enclosing, isTopLevel: false,
                                    boxesLocals: isModel || SyntaxScan.containsFunction(declaration.body))
        inner.isModelBody = isModel
        context = inner
        defer { context = enclosing }
        for parameter in declaration.parameters {
            _ = inner.declare(parameter.name, isConstant: false)
        }
        let parameters = declaration.parameters.map { Parameter($0.name, $0.style, defaultText: $0.defaultText) }
        let defaults: [Evaluable?] = declaration.parameters.map { $0.defaultValue.map(resolve) }
        var body: [Executable]
        inner.scopes.append([:])
        if isModel {
            // Fields are declared up front so a method may use a field declared below it.
            for statement in declaration.body {
                switch statement.kind {
                case .declaration(let isConstant, let name, _, _): _ = inner.declare(name, isConstant: isConstant)
                case .function(let function): _ = inner.declare(function.name, isConstant: true)
                default: break
                }
            }
            inner.fieldsDeclaredUpFront = true
            body = declaration.body.map(resolve)
            let fields = (inner.scopes[0].merging(inner.scopes[1]) { _, body in body })
                .sorted { $0.value.slot < $1.value.slot }
                .map { (name: $0.key, slot: $0.value.slot, isConstant: $0.value.isConstant) }
            body.append(ModelInstanceNode(typeName: declaration.name, fields: fields, doc: declaration.doc))
        } else {
            body = resolveFunctionBody(declaration.body)
        }
        let layout = FunctionCode.Layout(slotCount: inner.slotCount, boxesLocals: inner.boxesLocals, captures: inner.captures)
        return FunctionCode(name: declaration.name, parameters: parameters, defaults: defaults, body: body, layout: layout,
                            doc: declaration.doc, declarationSpan: declaration.nameSpan, isModel: isModel)
    }

    /// A body's last expression statement is its result, so `{ x in x * 2 }` and
    /// `func forward(x) { body(x) }` return their value without `return`; a final `if`/`else`
    /// passes this on to its branches, so `if x > 0 { "pos" } else { "neg" }` is a result too.
    private func resolveFunctionBody(_ body: [Stmt]) -> [Executable] {
        var nodes: [Executable] = []
        for (index, statement) in body.enumerated() {
            nodes.append(index == body.count - 1 ? resolveTail(statement) : resolve(statement))
        }
        return nodes
    }

    private func resolveTail(_ statement: Stmt) -> Executable {
        switch statement.kind {
        case .expression(let expression):
            return ReturnNode(value: resolve(expression))
        case let .conditional(condition, then, otherwise):
            return IfNode(condition: resolve(condition), conditionSpan: condition.span,
                          then: resolveTailBlock(then), otherwise: otherwise.map(resolveTailBlock) ?? [])
        default:
            return resolve(statement)
        }
    }

    private func resolveTailBlock(_ statements: [Stmt]) -> [Executable] {
        context.scopes.append([:])
        defer { context.scopes.removeLast() }
        return resolveFunctionBody(statements)
    }
}
