/// Anything callable from Folio: builtins, user functions and closures, bound methods of native objects.
///
/// A class rather than a protocol so a `Value` holds it without an existential box and the
/// interpreter can recognise its own functions with one cast.
open class FunctionObject {
    public let name: String

    public init(name: String) {
        self.name = name
    }

    /// The declared parameters; completion offers their labels and `help` shows them.
    open var parameters: [Parameter] { [] }

    open var doc: DocEntry? { nil }

    /// `name(x, lr: 0.1)` in the notation DESIGN.md §4 uses for specs.
    open var signature: String {
        "\(name)(" + parameters.map(\.signatureText).joined(separator: ", ") + ")"
    }

    open func call(_ arguments: Arguments, context: CallContext) throws -> Value {
        throw FolioError(.TypeError, "\(name) cannot be called")
    }
}

/// One declared parameter.
///
/// Bare parameters are positional; labelled ones are passed as `label: value` and may have a default.
public struct Parameter: Sendable {
    public enum Style: Sendable {
        case positional
        case labelled
        /// Takes every remaining positional argument (as `print`'s items).
        case variadic
    }

    public var name: String
    public var style: Style
    /// The default's source text as `help` shows it; nil when the argument is required.
    public var defaultText: String?

    public init(_ name: String, _ style: Style = .positional, defaultText: String? = nil) {
        self.name = name
        self.style = style
        self.defaultText = defaultText
    }

    public var signatureText: String {
        switch style {
        case .positional: return defaultText.map { "\(name) = \($0)" } ?? name
        case .variadic: return "\(name)..."
        case .labelled: return defaultText.map { "\(name): \($0)" } ?? "\(name):"
        }
    }
}

/// The arguments of one call as written: positional ones, then labelled ones.
public struct Arguments {
    public var positional: [Value]
    public var labels: [String]
    public var labelled: [Value]

    public init(positional: [Value], labels: [String] = [], labelled: [Value] = []) {
        self.positional = positional
        self.labels = labels
        self.labelled = labelled
    }
}

/// What a builtin may ask of the running session.
public protocol CallContext: AnyObject {
    var host: SessionHost { get }
    var interruptFlag: InterruptFlag { get }
    /// Calls a Folio function value (for `map`, `sorted(by:)`, `time { }`).
    func call(_ function: Value, _ arguments: [Value]) throws -> Value
    /// Adds a help page to the cell's reply (the execute reply's `page` payload).
    func page(_ bundle: MimeBundle)
}
