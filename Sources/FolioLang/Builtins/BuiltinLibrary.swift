import FolioRuntime

/// The core builtins, installed as predefined globals in every session (a cell may shadow them).
enum BuiltinLibrary {
    /// Every builtin function, one declaration each; completion, `help` and the tests iterate this list.
    static let functions: [BuiltinFunction] = LibraryBuiltins.merged(into: OutputBuiltins.all + ConversionBuiltins.all
        + MathBuiltins.all + CollectionBuiltins.all + ControlBuiltins.all) + NNBuiltins.all + PaperBuiltins.all

    static let constants: [(name: String, value: Value, doc: String)] = [
        ("pi", .double(Double.pi), "The ratio of a circle's circumference to its diameter, 3.14159..."),
        ("e", .double(2.718281828459045), "Euler's number, the base of natural logarithms, 2.71828..."),
        ("inf", .double(Double.infinity), "Positive infinity."),
        ("nan", .double(Double.nan), "Not a number."),
    ]

    static func install(into globals: GlobalTable) {
        for function in functions {
            let variable = globals.variable(named: function.name)
            variable.define(.function(function), isConstant: false)
            variable.isBuiltin = true
        }
        for namespace in PaperBuiltins.namespaces {
            let variable = globals.variable(named: namespace.paper.key)
            variable.define(.native(namespace), isConstant: false)
            variable.isBuiltin = true
        }
        for constant in constants {
            let variable = globals.variable(named: constant.name)
            variable.define(constant.value, isConstant: false)
            variable.isBuiltin = true
        }
    }

    static func constantDoc(_ name: String) -> String? {
        constants.first { $0.name == name }?.doc
    }
}
