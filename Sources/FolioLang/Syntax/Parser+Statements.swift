import FolioRuntime

/// Statements: declarations, control flow, assignment and expression statements.
extension Parser {
    mutating func parseStatement() throws -> Stmt {
        let start = peek
        switch start.kind {
        case .keyword(.let), .keyword(.var): return try parseDeclaration()
        case .keyword(.func): return try parseFunctionStatement(isModel: false)
        case .keyword(.if): return try parseIf()
        case .keyword(.while): return try parseWhile()
        case .keyword(.for): return try parseFor()
        case .keyword(.break):
            advance()
            return Stmt(kind: .breakLoop, span: start.span)
        case .keyword(.continue):
            advance()
            return Stmt(kind: .continueLoop, span: start.span)
        case .keyword(.return): return try parseReturn()
        case .keyword(.model): return try parseFunctionStatement(isModel: true)
        default: return try parseExpressionStatement()
        }
    }

    private mutating func parseDeclaration() throws -> Stmt {
        let keyword = advance()
        let isConstant = keyword.isKeyword(.let)
        guard let name = peek.identifierName else {
            throw error("expected a name after '\(isConstant ? "let" : "var")'")
        }
        let nameToken = advance()
        var initializer: Expr?
        if match("=") {
            initializer = try parseExpression()
        } else if isConstant {
            throw error("a 'let' needs a value: let \(name) = ...")
        }
        let span = keyword.span.merged(with: initializer?.span ?? nameToken.span)
        return Stmt(kind: .declaration(isConstant: isConstant, name: name, nameSpan: nameToken.span,
                                       initializer: initializer), span: span)
    }

    private mutating func parseFunctionStatement(isModel: Bool) throws -> Stmt {
        let keyword = advance()
        let what = isModel ? "model" : "function"
        guard let name = peek.identifierName else { throw error("expected a \(what) name after '\(isModel ? "model" : "func")'") }
        let nameToken = advance()
        var parameters: [FunctionDeclaration.ParameterDeclaration] = []
        if match("(") {
            parameters = try parseParameters(closing: ")")
        } else if !isModel {
            throw error("expected '(' after the function name")
        }
        let body = try parseBlock()
        let declaration = FunctionDeclaration(name: name, nameSpan: nameToken.span, parameters: parameters,
                                              body: body.statements, doc: keyword.docComment,
                                              isClosure: false, span: body.closingSpan)
        let span = keyword.span.merged(with: nameToken.span)
        return Stmt(kind: isModel ? .model(declaration) : .function(declaration), span: span)
    }

    /// `x`, `label:` (a required label), `label: default` or `x = default`, up to `closing`.
    mutating func parseParameters(closing: String) throws -> [FunctionDeclaration.ParameterDeclaration] {
        var parameters: [FunctionDeclaration.ParameterDeclaration] = []
        while !check(closing) {
            guard let name = peek.identifierName else { throw error("expected a parameter name") }
            let nameToken = advance()
            var parameter = FunctionDeclaration.ParameterDeclaration(name: name, span: nameToken.span, style: .positional)
            if match(":") {
                parameter.style = .labelled
                if !check(",") && !check(closing) { try parseDefault(into: &parameter) }
            } else if match("=") {
                try parseDefault(into: &parameter)
            }
            if parameters.contains(where: { $0.name == name }) {
                record("duplicate parameter '\(name)'", span: nameToken.span)
            }
            parameters.append(parameter)
            if !match(",") { break }
        }
        _ = try expect(closing, "expected ',' or '\(closing)' in the parameter list")
        return parameters
    }

    private mutating func parseDefault(into parameter: inout FunctionDeclaration.ParameterDeclaration) throws {
        let value = try parseExpression()
        parameter.defaultValue = value
        parameter.defaultText = text(of: value.span)
    }

    /// `{ statements }`, reporting errors inside and resynchronizing at each statement.
    mutating func parseBlock(alreadyOpened: Bool = false) throws -> (statements: [Stmt], closingSpan: SourceSpan) {
        try enterNesting()
        defer { nesting -= 1 }
        if !alreadyOpened { _ = try expect("{", "expected '{' to open a block") }
        var statements: [Stmt] = []
        skipNewlines()
        while !check("}") {
            if isAtEnd { throw error("expected '}' to close the block") }
            if let statement = parseStatementRecovering() { statements.append(statement) }
            skipNewlines()
        }
        let closing = advance()
        return (statements, closing.span)
    }

    /// Parses a condition or sequence, where `{` must open the body rather than a trailing closure.
    private mutating func parseHeaderExpression() throws -> Expr {
        let saved = allowsTrailingClosure
        allowsTrailingClosure = false
        defer { allowsTrailingClosure = saved }
        return try parseExpression()
    }

    private mutating func parseIf() throws -> Stmt {
        try enterNesting()
        defer { nesting -= 1 }
        let keyword = advance()
        let condition = try parseHeaderExpression()
        let then = try parseBlock().statements
        var otherwise: [Stmt]?
        if elseFollows() {
            advance()
            if peek.isKeyword(.if) {
                otherwise = [try parseIf()]
            } else {
                otherwise = try parseBlock().statements
            }
        }
        return Stmt(kind: .conditional(condition: condition, then: then, otherwise: otherwise),
                    span: keyword.span.merged(with: condition.span))
    }

    /// `else` may start the next line after `}`, as in Swift.
    private mutating func elseFollows() -> Bool {
        var offset = 0
        while peek(ahead: offset).kind == .newline { offset += 1 }
        guard peek(ahead: offset).isKeyword(.else) else { return false }
        current += offset
        return true
    }

    private mutating func parseWhile() throws -> Stmt {
        let keyword = advance()
        let condition = try parseHeaderExpression()
        let body = try parseBlock().statements
        return Stmt(kind: .whileLoop(condition: condition, body: body), span: keyword.span.merged(with: condition.span))
    }

    /// `for x in seq`, `for (i, x) in seq` or `for i, x in seq`.
    private mutating func parseFor() throws -> Stmt {
        let keyword = advance()
        let parenthesized = match("(")
        var names: [(String, SourceSpan)] = []
        repeat {
            guard let name = peek.identifierName else { throw error("expected a loop variable name after 'for'") }
            names.append((name, advance().span))
        } while match(",")
        if parenthesized { _ = try expect(")", "expected ')' after the loop variables") }
        guard match(.in) else { throw error("expected 'in' after the loop variable") }
        let sequence = try parseHeaderExpression()
        let body = try parseBlock().statements
        return Stmt(kind: .forLoop(names: names, sequence: sequence, body: body), span: keyword.span.merged(with: sequence.span))
    }

    private mutating func parseReturn() throws -> Stmt {
        let keyword = advance()
        if peek.kind == .newline || check(";") || check("}") || isAtEnd {
            return Stmt(kind: .returnValue(nil), span: keyword.span)
        }
        let value = try parseExpression()
        return Stmt(kind: .returnValue(value), span: keyword.span.merged(with: value.span))
    }

    private static let assignmentOperators: [String: BinaryOperator?] = [
        "=": nil, "+=": .add, "-=": .subtract, "*=": .multiply, "/=": .divide, "%=": .remainder, "**=": .power,
    ]

    private mutating func parseExpressionStatement() throws -> Stmt {
        let expression = try parseExpression()
        guard case .symbol(let symbol) = peek.kind, let operation = Parser.assignmentOperators[symbol] else {
            return Stmt(kind: .expression(expression), span: expression.span)
        }
        let operatorToken = advance()
        switch expression.kind {
        case .name, .member, .subscripted: break
        default:
            record("cannot assign to this expression; only names, members (a.b) and subscripts (a[i]) can be assigned",
                   span: expression.span)
            throw Failure()
        }
        _ = operatorToken
        let value = try parseExpression()
        return Stmt(kind: .assignment(target: expression, operation: operation, value: value),
                    span: expression.span.merged(with: value.span))
    }
}
