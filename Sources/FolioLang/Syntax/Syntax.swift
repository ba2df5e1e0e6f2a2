import FolioRuntime

/// The parser's output: a plain tree of what was written, with spans.
///
/// The resolver turns it into executable nodes; completion and inspection read it too, so it keeps
/// names as strings and does no resolution itself.
struct Expr {
    indirect enum Kind {
        case literal(Value)
        case interpolation([InterpolationPart])
        case name(String)
        case unary(UnaryOperator, Expr)
        case binary(BinaryOperator, Expr, Expr)
        case logical(isAnd: Bool, Expr, Expr)
        case ternary(condition: Expr, then: Expr, otherwise: Expr)
        case range(Expr, Expr, isClosed: Bool)
        case call(Expr, [CallArgument])
        case member(Expr, name: String, nameSpan: SourceSpan)
        case subscripted(Expr, [SubscriptItem])
        case array([Expr])
        case dictionary([(key: Expr, value: Expr)])
        case record([(field: String, value: Expr)])
        case closure(FunctionDeclaration)
        /// A placeholder after a syntax error, so parsing can go on.
        case invalid
    }

    var kind: Kind
    var span: SourceSpan
    /// Height of this subtree; the parser rejects very tall trees (`1 + 1 + ... + 1` with thousands
    /// of terms) because resolving, evaluating and freeing them recurses once per level.
    var height: Int

    init(kind: Kind, span: SourceSpan) {
        self.kind = kind
        self.span = span
        self.height = 1 + Expr.childHeight(of: kind)
    }

    private static func childHeight(of kind: Kind) -> Int {
        switch kind {
        case .literal, .name, .invalid, .interpolation, .closure, .array, .dictionary, .record: return 0
        case .unary(_, let operand): return operand.height
        case .binary(_, let left, let right), .logical(_, let left, let right), .range(let left, let right, _):
            return max(left.height, right.height)
        case .ternary(let condition, let then, let otherwise): return max(condition.height, then.height, otherwise.height)
        case .call(let callee, let arguments): return arguments.reduce(callee.height) { max($0, $1.value.height) }
        case .member(let object, _, _), .subscripted(let object, _): return object.height
        }
    }
}

enum InterpolationPart {
    case text(String)
    case expression(Expr)
}

struct CallArgument {
    var label: String?
    var value: Expr
}

/// One position of `x[...]`: an index, a slice `a:b:c` (parts optional) or `...`.
enum SubscriptItem {
    case index(Expr)
    case slice(start: Expr?, stop: Expr?, step: Expr?)
    case ellipsis
}

struct Stmt {
    indirect enum Kind {
        case expression(Expr)
        case declaration(isConstant: Bool, name: String, nameSpan: SourceSpan, initializer: Expr?)
        /// `target = value`, or `target op= value` when `operation` is set.
        case assignment(target: Expr, operation: BinaryOperator?, value: Expr)
        case function(FunctionDeclaration)
        /// `model Name(params) { fields and methods }`: a constructor whose top-level names become fields.
        case model(FunctionDeclaration)
        case conditional(condition: Expr, then: [Stmt], otherwise: [Stmt]?)
        case whileLoop(condition: Expr, body: [Stmt])
        case forLoop(names: [(String, SourceSpan)], sequence: Expr, body: [Stmt])
        case breakLoop
        case continueLoop
        case returnValue(Expr?)
    }

    var kind: Kind
    var span: SourceSpan
}

/// A `func` declaration or a closure: parameters, body and the doc comment above it.
final class FunctionDeclaration {
    struct ParameterDeclaration {
        var name: String
        var span: SourceSpan
        var style: Parameter.Style
        var defaultValue: Expr?
        var defaultText: String?
    }

    let name: String
    let nameSpan: SourceSpan
    let parameters: [ParameterDeclaration]
    let body: [Stmt]
    let doc: String?
    let isClosure: Bool
    /// Where the body's `}` is: a function that falls off its end is reported there.
    let span: SourceSpan

    init(name: String, nameSpan: SourceSpan, parameters: [ParameterDeclaration], body: [Stmt],
         doc: String?, isClosure: Bool, span: SourceSpan) {
        self.name = name
        self.nameSpan = nameSpan
        self.parameters = parameters
        self.body = body
        self.doc = doc
        self.isClosure = isClosure
        self.span = span
    }
}
