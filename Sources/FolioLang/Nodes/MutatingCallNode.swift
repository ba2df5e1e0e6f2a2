import FolioRuntime

/// `xs.append(v)` where `xs` is a variable: the method changes the variable's value in place.
///
/// The variable is read, its slot cleared so the array is uniquely referenced (and appending does
/// not copy it), changed, and stored back. Receivers other than arrays and dictionaries fall back to
/// an ordinary method call.
final class MutatingCallNode: Evaluable {
    let target: VariableTarget
    let variableName: String
    let isConstant: Bool
    let method: String
    let arguments: [Evaluable]
    let receiver: Evaluable
    let span: SourceSpan

    init(target: VariableTarget, variableName: String, isConstant: Bool, method: String, arguments: [Evaluable],
         receiver: Evaluable, span: SourceSpan) {
        self.target = target
        self.variableName = variableName
        self.isConstant = isConstant
        self.method = method
        self.arguments = arguments
        self.receiver = receiver
        self.span = span
    }

    func evaluate(_ interpreter: Interpreter) throws -> Value {
        let argumentValues = try arguments.map { try $0.evaluate(interpreter) }
        do {
            var value = try receiver.evaluate(interpreter)
            guard MutatingMethods.applies(to: value) else {
                let function = try MemberAccess.member(method, of: value)
                return try interpreter.callValue(function, Arguments(positional: argumentValues), callSite: span)
            }
            if isConstant || isConstantGlobal {
                throw FolioError(.TypeError, "cannot change '\(variableName)' with \(method)(): it is a constant declared with 'let'")
            }
            try interpreter.assign(.none, to: target, span: span)
            defer { try? interpreter.assign(value, to: target, span: span) }
            return try MutatingMethods.call(method, on: &value, argumentValues, interpreter: interpreter)
        } catch let error as FolioError {
            throw error.located(at: span)
        }
    }

    private var isConstantGlobal: Bool {
        if case .global(let global) = target { return global.isConstant }
        return false
    }
}
