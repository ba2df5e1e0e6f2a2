import FolioRuntime

/// Postfix forms (calls, subscripts, members, trailing closures) and primary expressions.
extension Parser {
    mutating func parsePostfix() throws -> Expr {
        var expression = try parsePrimary()
        while true {
            expression = try checkHeight(expression)
            if match("(") {
                let arguments = try parseArguments()
                expression = Expr(kind: .call(expression, arguments), span: expression.span.merged(with: previous.span))
            } else if match("[") {
                let items = try parseSubscriptItems()
                expression = Expr(kind: .subscripted(expression, items), span: expression.span.merged(with: previous.span))
            } else if match(".") {
                var memberName = peek.labelName
                if case .integer(let field) = peek.kind { memberName = String(field) }
                guard let name = memberName else { throw error("expected a member name after '.'") }
                let nameToken = advance()
                expression = Expr(kind: .member(expression, name: name, nameSpan: nameToken.span),
                                  span: expression.span.merged(with: nameToken.span))
            } else if check("{"), allowsTrailingClosure {
                let closure = try parseClosure()
                let argument = CallArgument(label: nil, value: closure)
                expression = appendingTrailingClosure(argument, to: expression)
            } else {
                return expression
            }
        }
    }

    /// `f(a) { ... }` adds the closure as a last argument; `f { ... }` calls `f` with it alone.
    private func appendingTrailingClosure(_ argument: CallArgument, to expression: Expr) -> Expr {
        let span = expression.span.merged(with: argument.value.span)
        if case .call(let callee, var arguments) = expression.kind {
            arguments.append(argument)
            return Expr(kind: .call(callee, arguments), span: span)
        }
        return Expr(kind: .call(expression, [argument]), span: span)
    }

    private mutating func parseArguments() throws -> [CallArgument] {
        var arguments: [CallArgument] = []
        let saved = allowsTrailingClosure
        allowsTrailingClosure = true
        defer { allowsTrailingClosure = saved }
        while !check(")") {
            var label: String?
            if let name = peek.labelName, peek(ahead: 1).isSymbol(":") {
                label = name
                advance()
                advance()
            } else if arguments.last?.label != nil {
                record("positional arguments must come before labelled ones", span: peek.span)
            }
            arguments.append(CallArgument(label: label, value: try parseExpression()))
            if !match(",") { break }
        }
        _ = try expect(")", "expected ',' or ')' in the argument list")
        return arguments
    }

    private mutating func parseSubscriptItems() throws -> [SubscriptItem] {
        var items: [SubscriptItem] = []
        let saved = allowsTrailingClosure
        allowsTrailingClosure = true
        defer { allowsTrailingClosure = saved }
        while !check("]") {
            items.append(try parseSubscriptItem())
            if !match(",") { break }
        }
        _ = try expect("]", "expected ',' or ']' in the subscript")
        if items.isEmpty { record("a subscript needs an index", span: previous.span) }
        return items
    }

    private mutating func parseSubscriptItem() throws -> SubscriptItem {
        if check("..."), peek(ahead: 1).isSymbol(",") || peek(ahead: 1).isSymbol("]") {
            advance()
            return .ellipsis
        }
        let start = check(":") ? nil : try parseExpression()
        guard match(":") else {
            return .index(start ?? Expr(kind: .invalid, span: peek.span))
        }
        let stop = check(":") || check(",") || check("]") ? nil : try parseExpression()
        var step: Expr?
        if match(":"), !check(",") && !check("]") { step = try parseExpression() }
        return .slice(start: start, stop: stop, step: step)
    }

    mutating func parsePrimary() throws -> Expr {
        let token = peek
        switch token.kind {
        case .integer(let value): advance(); return Expr(kind: .literal(.int(value)), span: token.span)
        case .double(let value): advance(); return Expr(kind: .literal(.double(value)), span: token.span)
        case .keyword(.true): advance(); return Expr(kind: .literal(.bool(true)), span: token.span)
        case .keyword(.false): advance(); return Expr(kind: .literal(.bool(false)), span: token.span)
        case .keyword(.nil): advance(); return Expr(kind: .literal(.none), span: token.span)
        case .identifier(let name): advance(); return Expr(kind: .name(name), span: token.span)
        case .string(let segments): advance(); return try parseString(segments, span: token.span)
        case .symbol("("): return try parseParenthesized()
        case .symbol("["): return try parseCollection()
        case .symbol("{"): return try parseClosure()
        default: throw error("expected an expression")
        }
    }

    private mutating func parseString(_ segments: [StringSegment], span: SourceSpan) throws -> Expr {
        if segments.count == 1, case .text(let text) = segments[0] {
            return Expr(kind: .literal(.string(text)), span: span)
        }
        var parts: [InterpolationPart] = []
        for segment in segments {
            switch segment {
            case .text(let text): parts.append(.text(text))
            case .code(let tokens, let codeSpan): parts.append(.expression(try parseInterpolated(tokens, span: codeSpan)))
            }
        }
        return Expr(kind: .interpolation(parts), span: span)
    }

    /// The tokens inside `\( )` form one expression, parsed by a nested parser sharing the error list.
    private mutating func parseInterpolated(_ tokens: [Token], span: SourceSpan) throws -> Expr {
        var inner = Parser(tokens: tokens, scalars: scalars)
        inner.nesting = nesting
        let expression = try? inner.parseExpression()
        if expression != nil, !inner.isAtEnd {
            _ = inner.error("expected ')' to end the interpolation")
        }
        issues += inner.issues
        guard let expression, inner.issues.isEmpty else { throw Failure() }
        return expression
    }

    /// `(e)`, a record `(a: 1, b: 2)`, or an unlabelled tuple `(x, y)` (a record with fields `0`, `1`).
    private mutating func parseParenthesized() throws -> Expr {
        let open = advance()
        let saved = allowsTrailingClosure
        allowsTrailingClosure = true
        defer { allowsTrailingClosure = saved }
        var fields: [(field: String, value: Expr)] = []
        var sawComma = false
        var sawLabel = false
        while !check(")") {
            var field = String(fields.count)
            if let name = peek.labelName, peek(ahead: 1).isSymbol(":") {
                field = name
                sawLabel = true
                advance()
                advance()
            }
            if fields.contains(where: { $0.field == field }) { record("duplicate field '\(field)'", span: previous.span) }
            fields.append((field, try parseExpression()))
            if !match(",") { break }
            sawComma = true
        }
        let close = try expect(")", "expected ')'")
        let span = open.span.merged(with: close.span)
        if fields.count == 1, !sawComma, !sawLabel { return Expr(kind: fields[0].value.kind, span: fields[0].value.span) }
        if fields.isEmpty { record("empty parentheses are not a value; use nil", span: span) }
        return Expr(kind: .record(fields), span: span)
    }

    /// `[a, b]`, `[k: v]`, `[]` or `[:]`.
    private mutating func parseCollection() throws -> Expr {
        let open = advance()
        let saved = allowsTrailingClosure
        allowsTrailingClosure = true
        defer { allowsTrailingClosure = saved }
        if match(":") {
            let close = try expect("]", "expected ']' after '[:'")
            return Expr(kind: .dictionary([]), span: open.span.merged(with: close.span))
        }
        var elements: [Expr] = []
        var pairs: [(key: Expr, value: Expr)] = []
        while !check("]") {
            let first = try parseExpression()
            if match(":") {
                pairs.append((first, try parseExpression()))
            } else {
                elements.append(first)
            }
            if !match(",") { break }
        }
        let close = try expect("]", "expected ',' or ']' in the collection")
        let span = open.span.merged(with: close.span)
        if !pairs.isEmpty, !elements.isEmpty {
            record("a collection cannot mix array elements and 'key: value' pairs", span: span)
        }
        return Expr(kind: pairs.isEmpty ? .array(elements) : .dictionary(pairs), span: span)
    }

    /// `{ x, y in body }`, `{ (x, y) in body }` or `{ body }`.
    mutating func parseClosure() throws -> Expr {
        let open = peek
        let hasParameters = closureHasParameterList()
        var parameters: [FunctionDeclaration.ParameterDeclaration] = []
        let saved = allowsTrailingClosure
        allowsTrailingClosure = true
        defer { allowsTrailingClosure = saved }
        if hasParameters {
            advance()
            parameters = try parseClosureParameters()
        }
        let body = try parseBlock(alreadyOpened: hasParameters)
        let declaration = FunctionDeclaration(name: "closure", nameSpan: open.span, parameters: parameters,
                                              body: body.statements, doc: nil, isClosure: true, span: body.closingSpan)
        return Expr(kind: .closure(declaration), span: open.span.merged(with: body.closingSpan))
    }

    /// Looks past `{` for `names in` or `(names) in` without consuming anything.
    private func closureHasParameterList() -> Bool {
        var offset = 1
        let parenthesized = peek(ahead: offset).isSymbol("(")
        if parenthesized { offset += 1 }
        while peek(ahead: offset).identifierName != nil {
            offset += 1
            if peek(ahead: offset).isSymbol(",") { offset += 1 } else { break }
        }
        if parenthesized {
            guard peek(ahead: offset).isSymbol(")") else { return false }
            offset += 1
        }
        return peek(ahead: offset).isKeyword(.in)
    }

    /// The names between `{` and `in`.
    private mutating func parseClosureParameters() throws -> [FunctionDeclaration.ParameterDeclaration] {
        let parenthesized = match("(")
        var parameters: [FunctionDeclaration.ParameterDeclaration] = []
        while let name = peek.identifierName {
            parameters.append(.init(name: name, span: advance().span, style: .positional))
            if !match(",") { break }
        }
        if parenthesized { _ = try expect(")", "expected ')' after the closure parameters") }
        guard match(.in) else { throw error("expected 'in' after the closure parameters") }
        return parameters
    }
}
