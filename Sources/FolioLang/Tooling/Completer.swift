import FolioRuntime

/// Completion: members after `.` (from the actual value), argument labels inside a call, and
/// otherwise keywords, names declared in the cell before the cursor, and the session's globals.
struct Completer {
    let globals: GlobalTable

    func complete(_ code: String, cursor position: Int) -> CompletionResult {
        let cursor = SourceCursor(code, cursor: position)
        let start = cursor.wordStart
        let prefix = cursor.text(start..<cursor.cursor)
        var candidates: [(String, String)] = []
        if let chain = cursor.receiverChain {
            if let receiver = ValueLookup(globals: globals).value(of: chain) {
                candidates = MemberAccess.memberNames(of: receiver).map { ($0, "member") }
            }
        } else {
            if let callee = cursor.enclosingCallee, let function = ValueLookup(globals: globals).function(of: callee) {
                candidates += function.parameters.filter { $0.style == .labelled }.map { ("\($0.name):", "label") }
            }
            candidates += localNames(in: cursor, before: start).map { ($0, "variable") }
            candidates += globals.ordered.filter(\.isDefined).map { ($0.name, kind(of: $0)) }
            candidates += Keyword.allCases.map { ($0.rawValue, "keyword") }
        }
        var seen = Set<String>()
        var matches: [String] = []
        var kinds: [String] = []
        for (name, kind) in candidates where name.hasPrefix(prefix) && !seen.contains(name) {
            seen.insert(name)
            matches.append(name)
            kinds.append(kind)
        }
        let order = matches.indices.sorted { matches[$0].lowercased() < matches[$1].lowercased() }
        return CompletionResult(matches: order.map { matches[$0] }, start: start, end: cursor.wordEnd,
                                kinds: order.map { kinds[$0] })
    }

    private func kind(of variable: GlobalVariable) -> String {
        if case .function = variable.value { return "function" }
        return variable.isBuiltin ? "constant" : "variable"
    }

    /// Names the cell declares before the cursor (`let`, `var`, `func`, `for`, parameters): the
    /// scopes the resolver would build, approximated from tokens so half-typed code still completes.
    private func localNames(in cursor: SourceCursor, before offset: Int) -> [String] {
        var lexer = Lexer(scalars: Array(cursor.scalars[0..<offset]), sourceID: 0)
        let tokens = lexer.scanAll()
        var names: [String] = []
        for (index, token) in tokens.enumerated() {
            guard let name = token.identifierName, index > 0 else { continue }
            let previous = tokens[index - 1]
            let declares = previous.isKeyword(.let) || previous.isKeyword(.var) || previous.isKeyword(.func)
                || previous.isKeyword(.for) || (index + 1 < tokens.count && tokens[index + 1].isKeyword(.in))
            let isParameter = (previous.isSymbol("(") || previous.isSymbol(",")) && isInsideDeclaration(tokens, before: index)
            if declares || isParameter { names.append(name) }
        }
        return names
    }

    private func isInsideDeclaration(_ tokens: [Token], before index: Int) -> Bool {
        var position = index - 1
        while position >= 0, !tokens[position].isSymbol("(") { position -= 1 }
        return position >= 2 && tokens[position - 2].isKeyword(.func)
    }
}

/// Looks up `a.b.c` among the session's globals without running any code.
struct ValueLookup {
    let globals: GlobalTable

    func value(of chain: [String]) -> Value? {
        guard let first = chain.first, let variable = globals.lookup(first), variable.isDefined else { return nil }
        var value = variable.value
        for name in chain.dropFirst() {
            guard let member = try? MemberAccess.member(name, of: value) else { return nil }
            value = member
        }
        return value
    }

    func function(of chain: [String]) -> FunctionObject? {
        switch value(of: chain) {
        case .function(let function)?: return function
        case .native(let object)?: return object.callable
        default: return nil
        }
    }
}
