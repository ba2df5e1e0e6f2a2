import FolioRuntime

/// A top-level name. Nodes hold the object itself, so reading a global is one load, never a look-up.
final class GlobalVariable {
    let name: String
    @exclusivity(unchecked) var value: Value = .none {
        didSet {
            userFunction = GlobalVariable.userFunction(in: value)
            refreshConstantFunction()
        }
    }
    /// The value as a user function, kept beside it so a call of a global function needs no cast
    /// and no copy of the value.
    @exclusivity(unchecked) private(set) var userFunction: UserFunction?
    /// `userFunction` while the variable is a constant (`func f`, `let f = ...`), unretained.
    ///
    /// A constant global changes only when a top-level declaration runs, which happens only while
    /// no DSL function is running (function bodies declare locals), so the value keeps the function
    /// alive for every call of it, and a call need not retain it.
    @exclusivity(unchecked) private(set) var constantFunction: Unmanaged<UserFunction>?

    private static func userFunction(in value: Value) -> UserFunction? {
        guard case .function(let function) = value else { return nil }
        return function as? UserFunction
    }
    /// False until a declaration runs: reading it earlier is a NameError.
    @exclusivity(unchecked) var isDefined = false {
        didSet { refreshConstantFunction() }
    }
    @exclusivity(unchecked) var isConstant = false {
        didSet { refreshConstantFunction() }
    }
    /// Installed by the session (print, len, pi...); completion reports these as builtins.
    var isBuiltin = false

    init(name: String) {
        self.name = name
    }

    private func refreshConstantFunction() {
        if isConstant, isDefined, let userFunction {
            constantFunction = Unmanaged.passUnretained(userFunction)
        } else {
            constantFunction = nil
        }
    }

    func define(_ newValue: Value, isConstant constant: Bool) {
        value = newValue
        isDefined = true
        isConstant = constant
    }
}

/// Every top-level name of a session, in first-mention order. Redeclaring reuses the variable,
/// so functions compiled in earlier cells see the new value (as Python's globals do).
final class GlobalTable {
    private var byName: [String: GlobalVariable] = [:]
    private(set) var ordered: [GlobalVariable] = []

    func lookup(_ name: String) -> GlobalVariable? {
        byName[name]
    }

    /// The variable for `name`, created undefined if it was never mentioned.
    func variable(named name: String) -> GlobalVariable {
        if let existing = byName[name] { return existing }
        let variable = GlobalVariable(name: name)
        byName[name] = variable
        ordered.append(variable)
        return variable
    }

    var definedNames: [String] {
        ordered.filter(\.isDefined).map(\.name)
    }
}
