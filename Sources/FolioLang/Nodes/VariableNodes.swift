import FolioRuntime

/// Reading and writing variables, one node type per kind of slot the resolver chose.

final class ConstantNode: Evaluable {
    let value: Value
    init(_ value: Value) { self.value = value }
    override func evaluate(_ interpreter: Interpreter) throws -> Value { value }
}

final class LocalGetNode: Evaluable {
    let slot: Int
    init(slot: Int) { self.slot = slot }
    override func evaluate(_ interpreter: Interpreter) throws -> Value { interpreter.local(slot) }
}

final class BoxedLocalGetNode: Evaluable {
    let slot: Int
    init(slot: Int) { self.slot = slot }
    override func evaluate(_ interpreter: Interpreter) throws -> Value { interpreter.box(slot).value }
}

final class CapturedGetNode: Evaluable {
    let index: Int
    init(index: Int) { self.index = index }
    override func evaluate(_ interpreter: Interpreter) throws -> Value { interpreter.capturedBox(index).value }
}

final class GlobalGetNode: Evaluable {
    let global: GlobalVariable
    let span: SourceSpan
    /// Local names visible where the read was written, for "did you mean" if the global never appears.
    let nearbyNames: [String]

    init(global: GlobalVariable, span: SourceSpan, nearbyNames: [String]) {
        self.global = global
        self.span = span
        self.nearbyNames = nearbyNames
    }

    override func evaluate(_ interpreter: Interpreter) throws -> Value {
        if global.isDefined { return global.value }
        let candidates = nearbyNames + interpreter.globals.definedNames
        let hint = SpellingSuggestion.hint(for: global.name, among: candidates)
        throw FolioError(.NameError, "name '\(global.name)' is not defined\(hint)", span: span)
    }
}

/// Where an assignment or declaration stores its value.
enum VariableTarget {
    case global(GlobalVariable)
    case local(slot: Int)
    case boxedLocal(slot: Int)
    case captured(index: Int)
}

extension Interpreter {
    func read(_ target: VariableTarget, span: SourceSpan) throws -> Value {
        switch target {
        case .global(let global):
            guard global.isDefined else {
                throw FolioError(.NameError, "name '\(global.name)' is not defined", span: span)
            }
            return global.value
        case .local(let slot): return local(slot)
        case .boxedLocal(let slot): return box(slot).value
        case .captured(let index): return capturedBox(index).value
        }
    }

    /// Assignment to an existing variable (a global must be defined and not a `let`).
    func assign(_ value: Value, to target: VariableTarget, span: SourceSpan) throws {
        switch target {
        case .global(let global):
            guard global.isDefined else {
                let hint = SpellingSuggestion.hint(for: global.name, among: globals.definedNames)
                throw FolioError(.NameError, "cannot assign to '\(global.name)': it is not declared; use 'var \(global.name) = ...'\(hint)", span: span)
            }
            if global.isConstant {
                throw FolioError(.TypeError, "cannot assign to '\(global.name)': it is a constant declared with 'let'; declare it with 'var' to change it", span: span)
            }
            global.value = value
        case .local(let slot): setLocal(slot, value)
        case .boxedLocal(let slot): box(slot).value = value
        case .captured(let index): capturedBox(index).value = value
        }
    }

    /// A declaration: defines the global, or puts the value in a fresh slot or box.
    func declare(_ value: consuming Value, at target: VariableTarget, isConstant: Bool) {
        switch target {
        case .global(let global): global.define(value, isConstant: isConstant)
        case .local(let slot): setLocal(slot, value)
        case .boxedLocal(let slot): setLocal(slot, .native(VariableBox(value)))
        case .captured(let index): capturedBox(index).value = value
        }
    }
}
