import FolioRuntime

/// `f(a, b, label: c)`.
final class CallNode: Evaluable {
    let callee: Evaluable
    let positional: [Evaluable]
    let simpleArguments: ExpressionList
    let labels: [String]
    let labelled: [Evaluable]
    let span: SourceSpan
    /// The last function called here and its user-function form, so a call site that always calls
    /// the same function (recursion, loops) skips the dynamic cast.
    @exclusivity(unchecked) private var cachedFunction: FunctionObject?
    @exclusivity(unchecked) private var cachedUserFunction: UserFunction?

    init(callee: Evaluable, positional: [Evaluable], labels: [String], labelled: [Evaluable], span: SourceSpan) {
        self.callee = callee
        self.positional = positional
        self.simpleArguments = ExpressionList(positional)
        self.labels = labels
        self.labelled = labelled
        self.span = span
    }

    override func evaluate(_ interpreter: Interpreter) throws -> Value {
        let function = try callee.evaluate(interpreter)
        do {
            if case .function(let object) = function, let user = userFunction(object),
               labels.isEmpty, user.code.isSimple, user.code.parameterCount == simpleArguments.count {
                return try interpreter.callSimple(user, simpleArguments, callSite: span)
            }
            let arguments = try evaluateArguments(interpreter)
            return try interpreter.callValue(function, arguments, callSite: span)
        } catch {
            throw locating(error, at: span)
        }
    }

    @inline(__always)
    private func userFunction(_ object: FunctionObject) -> UserFunction? {
        if object === cachedFunction { return cachedUserFunction }
        cachedFunction = object
        cachedUserFunction = object as? UserFunction
        return cachedUserFunction
    }

    private func evaluateArguments(_ interpreter: Interpreter) throws -> Arguments {
        var values: [Value] = []
        values.reserveCapacity(positional.count)
        for node in positional { values.append(try node.evaluate(interpreter)) }
        var labelledValues: [Value] = []
        for node in labelled { labelledValues.append(try node.evaluate(interpreter)) }
        return Arguments(positional: values, labels: labels, labelled: labelledValues)
    }
}

/// `f(a, b)` where `f` is a global: the common case (recursion, helpers) reads the global's cached
/// user function directly instead of copying its value and casting it.
final class GlobalCallNode: Evaluable {
    let global: GlobalVariable
    let arguments: ExpressionList
    let general: CallNode
    let span: SourceSpan

    init(global: GlobalVariable, positional: [Evaluable], general: CallNode, span: SourceSpan) {
        self.global = global
        self.arguments = ExpressionList(positional)
        self.general = general
        self.span = span
    }

    override func evaluate(_ interpreter: Interpreter) throws -> Value {
        if let constant = global.constantFunction {
            return try constant._withUnsafeGuaranteedRef { try call($0, interpreter) }
        }
        // A variable's function is held (retained) for the call: the call may reassign the variable.
        guard let user = global.userFunction else { return try general.evaluate(interpreter) }
        return try call(user, interpreter)
    }

    /// Out of line, so `evaluate` stays a small frame and the call's work has one frame for both
    /// the constant and the variable case.
    @inline(never)
    private func call(_ user: UserFunction, _ interpreter: Interpreter) throws -> Value {
        if user.code.isSimple, user.code.parameterCount == arguments.count {
            do {
                return try interpreter.callSimple(user, arguments, callSite: span)
            } catch {
                throw locating(error, at: span)
            }
        }
        return try general.evaluate(interpreter)
    }
}

/// Evaluating a closure expression (or running a nested `func`) captures the current boxes.
final class ClosureNode: Evaluable {
    let code: FunctionCode

    init(code: FunctionCode) { self.code = code }

    override func evaluate(_ interpreter: Interpreter) throws -> Value {
        var boxes: [VariableBox] = []
        boxes.reserveCapacity(code.captures.count)
        for source in code.captures {
            switch source {
            case .localBox(let slot): boxes.append(interpreter.box(slot))
            case .captured(let index): boxes.append(interpreter.capturedBox(index))
            }
        }
        return .function(UserFunction(code: code, captured: boxes))
    }
}

/// `func name(...) { }` as a statement: creates the function and binds it to its name.
final class FunctionDeclarationNode: Executable {
    let closure: ClosureNode
    let target: VariableTarget
    let reusesBox: Bool

    init(closure: ClosureNode, target: VariableTarget, reusesBox: Bool = false) {
        self.closure = closure
        self.target = target
        self.reusesBox = reusesBox
    }

    override func execute(_ interpreter: Interpreter) throws -> Flow {
        if reusesBox, case .boxedLocal(let slot) = target {
            let box = interpreter.box(slot)
            box.value = try closure.evaluate(interpreter)
        } else if case .boxedLocal(let slot) = target {
            // A fresh box exists before the closure captures it, so the function can call itself.
            let box = VariableBox(.none)
            interpreter.setLocal(slot, .native(box))
            box.value = try closure.evaluate(interpreter)
        } else {
            interpreter.declare(try closure.evaluate(interpreter), at: target, isConstant: true)
        }
        return .normal
    }
}
