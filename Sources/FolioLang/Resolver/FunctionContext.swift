import FolioRuntime

/// A local variable's place in its function's frame.
struct LocalVariable {
    var slot: Int
    var isConstant: Bool
}

/// What the resolver knows about the function (or cell top level) whose body it is resolving.
final class FunctionContext {
    let parent: FunctionContext?
    /// The top level of a cell: names declared outside any block there are globals.
    let isTopLevel: Bool
    /// A closure inside may capture locals, so every local of this function lives in a box.
    let boxesLocals: Bool
    var scopes: [[String: LocalVariable]] = [[:]]
    var slotCount = 0
    var captures: [CaptureSource] = []
    private var captureIndex: [String: (index: Int, isConstant: Bool)] = [:]
    var loopDepth = 0
    /// The body of a `model`: its top-level names become the instance's fields.
    var isModelBody = false
    /// The model body's names already have slots: their declarations reuse them instead of shadowing.
    var fieldsDeclaredUpFront = false

    init(parent: FunctionContext?, isTopLevel: Bool, boxesLocals: Bool) {
        self.parent = parent
        self.isTopLevel = isTopLevel
        self.boxesLocals = boxesLocals
    }

    /// Whether a declaration here would make a global rather than a local.
    var declaresGlobals: Bool { isTopLevel && scopes.count == 1 }

    func declare(_ name: String, isConstant: Bool) -> LocalVariable {
        if fieldsDeclaredUpFront, scopes.count == 2, let existing = scopes[1][name] {
            return existing
        }
        let variable = LocalVariable(slot: slotCount, isConstant: isConstant)
        slotCount += 1
        scopes[scopes.count - 1][name] = variable
        return variable
    }

    func lookupLocal(_ name: String) -> LocalVariable? {
        for scope in scopes.reversed() {
            if let variable = scope[name] { return variable }
        }
        return nil
    }

    /// Resolves `name` as a variable of an enclosing function, threading the capture through every
    /// function in between (clox's upvalues, with boxes instead of open upvalues).
    func resolveCaptured(_ name: String) -> (index: Int, isConstant: Bool)? {
        if let existing = captureIndex[name] { return existing }
        guard let parent else { return nil }
        let source: CaptureSource
        let isConstant: Bool
        if let local = parent.lookupLocal(name) {
            source = .localBox(slot: local.slot)
            isConstant = local.isConstant
        } else if let outer = parent.resolveCaptured(name) {
            source = .captured(index: outer.index)
            isConstant = outer.isConstant
        } else {
            return nil
        }
        let entry = (index: captures.count, isConstant: isConstant)
        captures.append(source)
        captureIndex[name] = entry
        return entry
    }

    /// All local names visible here and in enclosing functions (for "did you mean" and completion).
    var visibleNames: [String] {
        var names = scopes.flatMap(\.keys)
        if let parent { names += parent.visibleNames }
        return names
    }

    func target(for variable: LocalVariable) -> VariableTarget {
        boxesLocals ? .boxedLocal(slot: variable.slot) : .local(slot: variable.slot)
    }
}
