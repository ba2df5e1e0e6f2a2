/// A function implemented in Swift, declared once: name, parameters, doc entry and body.
///
/// Argument binding and its error messages live in `BoundArguments`, so every builtin reports a
/// wrong call the same way and `help` reads the same parameter list the binder checks.
public final class BuiltinFunction: FunctionObject {
    public typealias Body = (BoundArguments, CallContext) throws -> Value

    private let declaredParameters: [Parameter]
    private let documentation: DocEntry
    private let body: Body

    public init(_ name: String, _ parameters: [Parameter] = [], doc: DocEntry, body: @escaping Body) {
        self.declaredParameters = parameters
        self.documentation = doc
        self.body = body
        super.init(name: name)
    }

    public override var parameters: [Parameter] { declaredParameters }

    public override var doc: DocEntry? { documentation }

    public override func call(_ arguments: Arguments, context: CallContext) throws -> Value {
        let bound = try BoundArguments(binding: arguments, to: declaredParameters, functionName: name)
        return try body(bound, context)
    }

    /// The same function with its doc entry changed (a paper adds itself as the source).
    public func documented(_ change: (inout DocEntry) -> Void) -> BuiltinFunction {
        var doc = documentation
        change(&doc)
        return BuiltinFunction(name, declaredParameters, doc: doc, body: body)
    }

    /// The same function running `prelude` before each call (a session records which papers it used).
    public func observed(_ prelude: @escaping (CallContext) -> Void) -> BuiltinFunction {
        let body = self.body
        return BuiltinFunction(name, declaredParameters, doc: documentation) { arguments, context in
            prelude(context)
            return try body(arguments, context)
        }
    }
}
