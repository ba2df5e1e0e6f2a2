import FolioRuntime

/// Shift-Tab inspection: the documentation of the function at (or enclosing) the cursor, or the
/// type and value of a variable.
struct Inspector {
    let globals: GlobalTable

    func inspect(_ code: String, cursor position: Int, detailLevel: Int) -> MimeBundle? {
        let cursor = SourceCursor(code, cursor: position)
        let lookup = ValueLookup(globals: globals)
        if let chain = cursor.memberChain(endingAt: cursor.wordEnd), let value = lookup.value(of: chain) {
            return describe(value, name: chain.joined(separator: "."), detailLevel: detailLevel)
        }
        if let word = cursor.memberChain(endingAt: cursor.wordEnd)?.last, let keyword = Keyword(rawValue: word) {
            return MimeBundle(plainText: "\(keyword.rawValue): a Folio keyword (see docs/language.md)")
        }
        if let callee = cursor.enclosingCallee, let value = lookup.value(of: callee) {
            return describe(value, name: callee.joined(separator: "."), detailLevel: detailLevel)
        }
        return nil
    }

    private func describe(_ value: Value, name: String, detailLevel: Int) -> MimeBundle {
        switch value {
        case .function, .native:
            return HelpPages.page(for: value)
        default:
            if let doc = BuiltinLibrary.constantDoc(name) {
                return MimeBundle(data: ["text/plain": "\(name): \(value.typeName) = \(value.repr)\n\n\(doc)",
                                         "text/markdown": "`\(name)`: `\(value.typeName)` = `\(value.repr)`\n\n\(doc)"])
            }
            let shown = detailLevel > 0 ? value.repr : Inspector.abbreviated(value.repr)
            return MimeBundle(data: ["text/plain": "\(name): \(value.typeName) = \(shown)",
                                     "text/markdown": "`\(name)`: `\(value.typeName)` = `\(shown)`"])
        }
    }

    static func abbreviated(_ text: String, limit: Int = 200) -> String {
        text.count <= limit ? text : String(text.prefix(limit)) + "..."
    }
}
