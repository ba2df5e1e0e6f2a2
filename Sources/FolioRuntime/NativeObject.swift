/// A value implemented in Swift (a tensor, a figure, a layer, a paper namespace).
///
/// Subclasses expose members and methods by name; the interpreter resolves `x.name` through
/// `member(named:)` and calls on it through the returned function value, so a native type needs
/// no changes to the language to be usable from it.
open class NativeObject {
    public init() {}

    /// The type name shown by `type(x)` and in error messages.
    open var typeName: String { "Object" }

    /// The names completion offers after `x.`.
    open var memberNames: [String] { [] }

    /// The member `name`, or nil when there is none (the interpreter then reports an error with a suggestion).
    open func member(named name: String) throws -> Value? { nil }

    /// The error for `x.name` when there is no such member, or nil for the interpreter's generic
    /// TypeError (a namespace reports a NameError with the qualified suggestion instead).
    open func missingMemberError(_ name: String) -> FolioError? { nil }

    /// Assigns `x.name = value`; the default refuses.
    open func setMember(named name: String, to value: Value) throws {
        throw FolioError(.TypeError, "cannot assign to member '\(name)' of \(typeName)")
    }

    /// Calling the object itself, as `net(x)` calls `forward`; nil means it is not callable.
    open var callable: FunctionObject? { nil }

    open var plainText: String { "<\(typeName)>" }

    open var mimeBundle: MimeBundle { MimeBundle(plainText: plainText) }

    /// The documentation `help(x)` shows for this object.
    open var doc: DocEntry? { nil }

    /// A whole help page replacing the one built from `doc` (a paper namespace shows its card).
    open var helpPage: MimeBundle? { nil }

    open func isEqual(to other: NativeObject) -> Bool { self === other }

    /// `self op other` (or `other op self` when `reflected`); nil declines and lets the caller report a TypeError.
    open func binaryOperation(_ operation: BinaryOperator, _ other: Value, reflected: Bool) throws -> Value? { nil }

    /// `object[indices]`; nil when the object cannot be subscripted.
    open func subscriptGet(_ indices: [SubscriptIndex]) throws -> Value? { nil }

    /// `object[indices] = value`; false when the object cannot be assigned through a subscript.
    open func subscriptSet(_ indices: [SubscriptIndex], to value: Value) throws -> Bool { false }

    /// The trainable parameters (tensors) this object holds; a model's `.params` collects these
    /// from its fields, so a layer or a tensor marked as a parameter needs only this override.
    open var parameterValues: [Value] { [] }

    /// The elements `for x in object` visits; nil when the object is not iterable.
    open func elements() throws -> [Value]? { nil }

    open func unaryOperation(_ operation: UnaryOperator) throws -> Value? { nil }
}

