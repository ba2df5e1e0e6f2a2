import FolioRuntime

/// Builtins that talk to the frontend: printing, input, rich display and help pages.
enum OutputBuiltins {
    static let all: [BuiltinFunction] = [print, eprint, input, display, updateDisplay, clearOutput, help, ProgressSequence.builtin]

    static let print = BuiltinFunction(
        "print", [Parameter("items", .variadic), Parameter("separator", .labelled, defaultText: "\" \""),
                  Parameter("terminator", .labelled, defaultText: "\"\\n\"")],
        doc: DocEntry("Writes the items to standard output, separated by spaces and followed by a new line.",
                      details: "Strings print without quotes; other values as a cell shows them.",
                      example: "print(\"loss\", 0.25, separator: \" = \")   // loss = 0.25")
    ) { arguments, context in
        context.host.write(try line(arguments), to: .stdout)
        return .none
    }

    static let eprint = BuiltinFunction(
        "eprint", [Parameter("items", .variadic), Parameter("separator", .labelled, defaultText: "\" \""),
                   Parameter("terminator", .labelled, defaultText: "\"\\n\"")],
        doc: DocEntry("Like print, but writes to standard error.", example: "eprint(\"warning: no data\")")
    ) { arguments, context in
        context.host.write(try line(arguments), to: .stderr)
        return .none
    }

    private static func line(_ arguments: BoundArguments) throws -> String {
        let separator = try arguments.string(1, default: " ")
        let terminator = try arguments.string(2, default: "\n")
        return arguments.variadic.map(\.description).joined(separator: separator) + terminator
    }

    static let input = BuiltinFunction(
        "input", [Parameter("prompt", defaultText: "\"\""), Parameter("password", .labelled, defaultText: "false")],
        doc: DocEntry("Asks the user for a line of text and returns it (without the line break).",
                      details: "In a notebook the frontend shows an input box; `password: true` hides what is typed.",
                      example: "let name = input(\"Your name: \")")
    ) { arguments, context in
        let prompt = try arguments.string(0, default: "")
        let password = try arguments.bool(1, default: false)
        return .string(try context.host.readLine(prompt: prompt, password: password))
    }

    static let display = BuiltinFunction(
        "display", [Parameter("value"), Parameter("id", .labelled, defaultText: "nil")],
        doc: DocEntry("Shows a value now, as rich output, instead of only at the end of the cell.",
                      details: "With `id:` the output can later be replaced with `update_display(value, id:)`.",
                      example: "display([0.5, 0.25], id: \"progress\")")
    ) { arguments, context in
        let id = arguments[1].flatMap { $0.isNone ? nil : $0.description }
        context.host.display(arguments.value(0).mimeBundle, displayID: id)
        return .none
    }

    static let updateDisplay = BuiltinFunction(
        "update_display", [Parameter("value"), Parameter("id", .labelled)],
        doc: DocEntry("Replaces the output shown earlier by `display(value, id:)` with the same id.",
                      example: "update_display(\"step 2\", id: \"progress\")")
    ) { arguments, context in
        context.host.updateDisplay(arguments.value(0).mimeBundle, displayID: try arguments.string(1, default: ""))
        return .none
    }

    static let clearOutput = BuiltinFunction(
        "clear_output", [Parameter("wait", .labelled, defaultText: "false")],
        doc: DocEntry("Clears the output of the current cell.",
                      details: "With `wait: true` the output is cleared only when new output arrives, which avoids flicker.",
                      example: "clear_output(wait: true)")
    ) { arguments, context in
        context.host.clearOutput(wait: try arguments.bool(0, default: false))
        return .none
    }

    static let help = BuiltinFunction(
        "help", [Parameter("value", defaultText: "nil")],
        doc: DocEntry("Shows the documentation of a function, a type or a value in the pager.",
                      details: "`help()` alone lists the builtins.", example: "help(print)")
    ) { arguments, context in
        context.page(HelpPages.page(for: arguments[0]))
        return .none
    }
}
