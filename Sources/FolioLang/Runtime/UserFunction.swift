import FolioRuntime

/// Where a closure gets each captured variable when it is created.
enum CaptureSource {
    /// A boxed local of the function that creates the closure.
    case localBox(slot: Int)
    /// A variable the creating function itself captured.
    case captured(index: Int)
}

/// The resolved, executable form of a `func` or closure; shared by every closure made from it.
final class FunctionCode {
    let name: String
    let parameters: [Parameter]
    /// Default values, evaluated in the callee's frame at call time (so they may use earlier parameters).
    let defaults: [Evaluable?]
    let slotCount: Int
    /// Locals live in boxes because a closure inside may capture them.
    let boxesLocals: Bool
    // Immutable, so a call can read the body without retaining it.
    let body: [Executable]
    let captures: [CaptureSource]
    let doc: String?
    let declarationSpan: SourceSpan
    /// True when every parameter is positional without a default, so a call with exactly that many
    /// positional arguments can skip argument binding.
    let isSimple: Bool
    let parameterCount: Int
    /// The body is one expression whose value it returns (`{ x in x * 2 }`, `func f(n) { n + 1 }`):
    /// a call evaluates `result` directly instead of running statements and passing the value
    /// back through `Flow.returnValue`. Non-optional, so reading it costs no reference counting.
    let returnsResult: Bool
    let result: Evaluable
    /// `model` constructors show as `model Name(...)` in help.
    let isModel: Bool

    struct Layout {
        var slotCount: Int
        var boxesLocals: Bool
        var captures: [CaptureSource]
    }

    init(name: String, parameters: [Parameter], defaults: [Evaluable?], body: [Executable], layout: Layout,
         doc: String?, declarationSpan: SourceSpan, isModel: Bool) {
        self.name = name
        self.parameters = parameters
        self.defaults = defaults
        self.body = body
        self.slotCount = layout.slotCount
        self.boxesLocals = layout.boxesLocals
        self.captures = layout.captures
        self.doc = doc
        self.declarationSpan = declarationSpan
        self.isModel = isModel
        self.isSimple = parameters.allSatisfy { $0.style == .positional && $0.defaultText == nil }
        self.parameterCount = parameters.count
        if body.count == 1, let returnNode = body[0] as? ReturnNode, let value = returnNode.value {
            returnsResult = true
            result = value
        } else {
            returnsResult = false
            result = ConstantNode(.none)
        }
    }
}

/// A user function or closure value: code plus the boxes it captured.
final class UserFunction: FunctionObject {
    let code: FunctionCode
    let captured: [VariableBox]

    init(code: FunctionCode, captured: [VariableBox]) {
        self.code = code
        self.captured = captured
        super.init(name: code.name)
    }

    override var parameters: [Parameter] { code.parameters }

    override var doc: DocEntry? {
        guard let text = code.doc else { return nil }
        let lines = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        return DocEntry(String(lines.first ?? ""), details: lines.count > 1 ? String(lines[1]) : "")
    }

    override var signature: String {
        (code.isModel ? "model " : "func ") + super.signature
    }

    override func call(_ arguments: Arguments, context: CallContext) throws -> Value {
        guard let interpreter = context as? Interpreter else {
            throw FolioError(.RuntimeError, "\(name) can only be called while a cell runs")
        }
        return try interpreter.call(self, arguments, callSite: nil)
    }
}
