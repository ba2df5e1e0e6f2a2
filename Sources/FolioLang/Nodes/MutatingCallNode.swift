import FolioRuntime

/// `xs.append(v)`, `d[k].append(v)`, `model.items.pop()`: a method that changes the array or
/// dictionary at the end of a path rooted in a variable, in place. Receivers that are not arrays
/// or dictionaries get an ordinary method call.
final class MutatingCallNode: Evaluable {
    let root: PathRoot
    let accessors: [PathAccessor]
    let method: String
    let arguments: [Evaluable]
    let span: SourceSpan

    init(root: PathRoot, accessors: [PathAccessor], method: String, arguments: [Evaluable], span: SourceSpan) {
        self.root = root
        self.accessors = accessors
        self.method = method
        self.arguments = arguments
        self.span = span
    }

    override func evaluate(_ interpreter: Interpreter) throws -> Value {
        try call(with: try arguments.map { try $0.evaluate(interpreter) }, interpreter)
    }

    /// The call with its arguments already evaluated.
    func call(with argumentValues: [Value], _ interpreter: Interpreter) throws -> Value {
        do {
            let steps = try accessors.map { try $0.evaluate(interpreter) }
            // Only a Bool survives the peek: holding the receiver would share it and force a copy.
            guard MutatingMethods.applies(to: try peek(interpreter, steps)) else {
                let function = try MemberAccess.member(method, of: try peek(interpreter, steps))
                return try interpreter.callValue(function, Arguments(positional: argumentValues), callSite: span)
            }
            return try root.modify(interpreter) { rootValue in
                try ValueUpdate.update(&rootValue, steps[...]) { [method] collection in
                    try MutatingMethods.call(method, on: &collection, argumentValues, interpreter: interpreter)
                }
            }
        } catch let error as FolioError {
            throw error.located(at: span)
        }
    }

    /// The receiver's current value, read without changing anything, to choose the kind of call.
    private func peek(_ interpreter: Interpreter, _ steps: [PathStep]) throws -> Value {
        var value = try root.target.map { try interpreter.read($0, span: root.span) } ?? (try root.expression?.evaluate(interpreter) ?? .none)
        for step in steps {
            switch step {
            case .member(let name): value = try MemberAccess.member(name, of: value)
            case .subscript(let indices): value = try Subscripting.get(value, indices)
            }
        }
        return value
    }
}

/// `xs.append(v)` where `xs` is a `var` in a plain local slot, the shape of most list building:
/// the array is taken out of its slot (so its buffer stays uniquely referenced), grown in place
/// and put back, without the path machinery. Anything but an array goes the general way.
final class LocalAppendNode: Evaluable {
    let slot: Int
    let argument: Evaluable
    let general: MutatingCallNode

    init(slot: Int, argument: Evaluable, general: MutatingCallNode) {
        self.slot = slot
        self.argument = argument
        self.general = general
    }

    override func evaluate(_ interpreter: Interpreter) throws -> Value {
        let element = try argument.evaluate(interpreter)
        var taken = interpreter.takeLocal(slot)
        guard case .array(var elements) = taken else {
            interpreter.setLocal(slot, taken)
            return try general.call(with: [element], interpreter)
        }
        // With the slot and `taken` cleared, the array's buffer is uniquely referenced and grows in place.
        taken = .none
        elements.append(element)
        interpreter.setLocal(slot, .array(elements))
        return .none
    }
}

/// `xs.append(v)` where `xs` is a top-level `var` (a notebook cell building a list): the same
/// in-place append as `LocalAppendNode`, on the global's value.
final class GlobalAppendNode: Evaluable {
    let global: GlobalVariable
    let argument: Evaluable
    let general: MutatingCallNode

    init(global: GlobalVariable, argument: Evaluable, general: MutatingCallNode) {
        self.global = global
        self.argument = argument
        self.general = general
    }

    override func evaluate(_ interpreter: Interpreter) throws -> Value {
        let element = try argument.evaluate(interpreter)
        // Undefined and constant globals take the general path, which reports them.
        guard global.isDefined, !global.isConstant, case .array = global.value else {
            return try general.call(with: [element], interpreter)
        }
        var taken = global.value
        global.value = .none
        guard case .array(var elements) = taken else { return .none }
        taken = .none
        elements.append(element)
        global.value = .array(elements)
        return .none
    }
}
