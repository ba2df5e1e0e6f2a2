import FolioRuntime

/// Calling functions: the allocation-free path for simple user functions, argument binding for the
/// rest, and the frames and recursion checks every DSL call goes through.
extension Interpreter {
    /// Calls any value with already evaluated arguments.
    func callValue(_ callee: Value, _ arguments: Arguments, callSite: SourceSpan?) throws -> Value {
        let function: FunctionObject
        switch callee {
        case .function(let object):
            function = object
        case .native(let object):
            guard let callable = object.callable else { throw notCallable(callee) }
            function = callable
        default:
            throw notCallable(callee)
        }
        if let user = function as? UserFunction {
            return try call(user, arguments, callSite: callSite)
        }
        try checkInterruptWithoutSpan()
        return try function.call(arguments, context: self)
    }

    private func notCallable(_ callee: Value) -> FolioError {
        FolioError(.TypeError, "a value of type \(callee.typeName) cannot be called")
    }

    private func checkInterruptWithoutSpan() throws {
        if interruptFlag.isRequested {
            interruptFlag.clear()
            throw FolioError(.Interrupted, "execution was interrupted")
        }
    }

    /// Binds labelled and defaulted arguments, then runs the body.
    func call(_ function: UserFunction, _ arguments: Arguments, callSite: SourceSpan?) throws -> Value {
        let code = function.code
        let bound = try BoundArguments(binding: arguments, to: code.parameters, functionName: code.name)
        let base = stack.reserve(code.slotCount)
        for index in code.parameters.indices {
            if let value = bound[index] {
                stack.slots[base &+ index] = value
            } else if code.parameters[index].style == .variadic {
                stack.slots[base &+ index] = .array(bound.variadic)
            }
        }
        return try enter(function, code, base: base, callSite: callSite) { [unowned self] in
            for (index, defaultValue) in code.defaults.enumerated() where bound[index] == nil {
                guard let defaultValue else { continue }
                let value = try defaultValue.evaluate(self)
                if code.boxesLocals { self.box(index).value = value } else { self.setLocal(index, value) }
            }
        }
    }

    /// The fast path: evaluates positional arguments straight into the callee's slots.
    @inline(__always)
    func callSimple(_ function: UserFunction, _ arguments: ExpressionList, callSite: SourceSpan) throws -> Value {
        let code = function.code
        let base = stack.reserve(code.slotCount)
        do {
            try arguments.evaluate(into: base, self)
        } catch {
            stack.release(to: base)
            throw error
        }
        return try enter(function, code, base: base, callSite: callSite, prepare: nil)
    }

    /// Switches to the callee's frame, runs its body and restores the caller's frame whatever happens.
    /// `code` is `function.code`, passed separately so reading its fields needs no retain.
    private func enter(_ function: UserFunction, _ code: FunctionCode, base: Int, callSite: SourceSpan?,
                       prepare: (() throws -> Void)?) throws -> Value {
        let savedBase = frameBase
        unowned(unsafe) let savedFunction = currentFunction
        callDepth &+= 1
        frameBase = base
        currentFunction = function
        defer {
            frameBase = savedBase
            currentFunction = savedFunction
            callDepth &-= 1
            stack.release(to: base)
        }
        do {
            try checkCallAllowed(code)
            if code.boxesLocals { boxParameters(code) }
            try prepare?()
            if code.returnsResult { return try code.result.evaluate(self) }
            let flow = try run(code.body)
            guard case .returnValue = flow else { return .none }
            let result = returnValue
            returnValue = .none
            return result
        } catch {
            throw Interpreter.addingFrame(to: error, code, callSite: callSite)
        }
    }

    /// A DSL error leaving a call gains the call's traceback frame (out of line, as `locating`).
    @inline(never)
    private static func addingFrame(to error: Error, _ code: FunctionCode, callSite: SourceSpan?) -> Error {
        guard var folioError = error as? FolioError, let callSite else { return error }
        folioError.frames.append(TracebackFrame(functionName: code.name, callSite: callSite))
        return folioError
    }

    @inline(__always)
    private func checkCallAllowed(_ code: FunctionCode) throws {
        if callDepth > Interpreter.recursionLimit || !stackGuard.hasRoom() {
            throw Interpreter.recursionError(in: code)
        }
        if interruptFlag.isRequested {
            throw interrupted()
        }
    }

    @inline(never)
    private static func recursionError(in code: FunctionCode) -> FolioError {
        FolioError(.RecursionError, "maximum recursion depth exceeded (\(Interpreter.recursionLimit) calls) in \(code.name)")
    }

    @inline(never)
    private func interrupted() -> FolioError {
        interruptFlag.clear()
        return FolioError(.Interrupted, "execution was interrupted")
    }

    /// In a function whose locals may be captured, parameters move into boxes on entry.
    private func boxParameters(_ code: FunctionCode) {
        for index in code.parameters.indices {
            setLocal(index, .native(VariableBox(local(index))))
        }
    }
}
