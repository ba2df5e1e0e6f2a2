import FolioRuntime

/// The pages `help(x)` shows; Shift-Tab inspection shows the same text.
enum HelpPages {
    static func page(for value: Value?) -> MimeBundle {
        guard let value, !value.isNone else { return overview() }
        switch value {
        case .function(let function):
            let doc = function.doc ?? DocEntry("A function without documentation; add `///` lines above its `func`.")
            return doc.page(signature: function.signature)
        case .native(let object):
            if let page = object.helpPage { return page }
            let doc = object.doc ?? DocEntry("A value of type \(object.typeName).")
            return doc.page(signature: object.typeName)
        default:
            let text = "\(value.typeName): \(value.repr)"
            return MimeBundle(data: ["text/plain": text, "text/markdown": "`\(value.typeName)`: `\(value.repr)`"])
        }
    }

    static func overview() -> MimeBundle {
        let functions = BuiltinLibrary.functions.map { "\($0.signature)  \($0.doc?.summary ?? "")" }
        let plain = ["Folio builtins:", ""] + functions + ["", "help(f) shows one function's documentation."]
        let markdown = ["## Folio builtins", ""] + BuiltinLibrary.functions.map { "- `\($0.signature)`: \($0.doc?.summary ?? "")" }
        return MimeBundle(data: ["text/plain": plain.joined(separator: "\n"), "text/markdown": markdown.joined(separator: "\n")])
    }
}
