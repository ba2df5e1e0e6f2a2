import FolioRuntime

/// Expressions, lowest precedence first:
/// ternary `?:` < `||` < `&&` < comparison < range `..<` `...` < `+ -` < `* / % @` < prefix `- + !` < `**` < postfix.
extension Parser {
    /// Trees taller than this are rejected (see `Expr.height`).
    static let maximumHeight = 1_000

    mutating func parseExpression() throws -> Expr {
        try enterNesting()
        defer { nesting -= 1 }
        return try parseTernary()
    }

    /// Stops a chain as soon as it gets too tall, before a huge tree is built (and freed recursively).
    mutating func checkHeight(_ expression: Expr) throws -> Expr {
        if expression.height > Parser.maximumHeight {
            record("expression is too long (more than \(Parser.maximumHeight) operations in a chain); split it with 'let'",
                   span: expression.span)
            throw Failure()
        }
        return expression
    }

    private mutating func parseTernary() throws -> Expr {
        let condition = try parseOr()
        guard match("?") else { return condition }
        let then = try parseExpression()
        _ = try expect(":", "expected ':' in the conditional expression")
        let otherwise = try parseExpression()
        return Expr(kind: .ternary(condition: condition, then: then, otherwise: otherwise),
                    span: condition.span.merged(with: otherwise.span))
    }

    private mutating func parseOr() throws -> Expr {
        var left = try parseAnd()
        while match("||") {
            let right = try parseAnd()
            left = try checkHeight(Expr(kind: .logical(isAnd: false, left, right), span: left.span.merged(with: right.span)))
        }
        return left
    }

    private mutating func parseAnd() throws -> Expr {
        var left = try parseComparison()
        while match("&&") {
            let right = try parseComparison()
            left = try checkHeight(Expr(kind: .logical(isAnd: true, left, right), span: left.span.merged(with: right.span)))
        }
        return left
    }

    private static let comparisons: [String: BinaryOperator] = [
        "==": .equal, "!=": .notEqual, "<": .less, "<=": .lessEqual, ">": .greater, ">=": .greaterEqual,
    ]

    private mutating func parseComparison() throws -> Expr {
        let left = try parseRange()
        guard case .symbol(let symbol) = peek.kind, let operation = Parser.comparisons[symbol] else { return left }
        advance()
        let right = try parseRange()
        if case .symbol(let next) = peek.kind, Parser.comparisons[next] != nil {
            record("comparisons cannot be chained; combine them with &&", span: peek.span)
            throw Failure()
        }
        return Expr(kind: .binary(operation, left, right), span: left.span.merged(with: right.span))
    }

    private mutating func parseRange() throws -> Expr {
        let left = try parseAdditive()
        let isClosed: Bool
        if match("..<") {
            isClosed = false
        } else if match("...") {
            isClosed = true
        } else {
            return left
        }
        let right = try parseAdditive()
        return Expr(kind: .range(left, right, isClosed: isClosed), span: left.span.merged(with: right.span))
    }

    private mutating func parseAdditive() throws -> Expr {
        try parseLeftAssociative(["+": .add, "-": .subtract]) { parser in try parser.parseMultiplicative() }
    }

    private mutating func parseMultiplicative() throws -> Expr {
        try parseLeftAssociative(["*": .multiply, "/": .divide, "%": .remainder, "@": .matmul]) { parser in
            try parser.parseUnary()
        }
    }

    private mutating func parseLeftAssociative(_ operators: [String: BinaryOperator],
                                               operand: (inout Parser) throws -> Expr) throws -> Expr {
        var left = try operand(&self)
        while case .symbol(let symbol) = peek.kind, let operation = operators[symbol] {
            advance()
            let right = try operand(&self)
            left = try checkHeight(Expr(kind: .binary(operation, left, right), span: left.span.merged(with: right.span)))
        }
        return left
    }

    /// Prefix operators bind looser than `**`, as in Python: `-2 ** 2` is `-4`.
    mutating func parseUnary() throws -> Expr {
        let operation: UnaryOperator
        switch peek.kind {
        case .symbol("-"): operation = .negate
        case .symbol("+"): operation = .plus
        case .symbol("!"): operation = .not
        default: return try parsePower()
        }
        let operatorToken = advance()
        try enterNesting()
        defer { nesting -= 1 }
        let operand = try parseUnary()
        if case .literal(let literal) = operand.kind, operation == .negate, let folded = Parser.negatedLiteral(literal) {
            return Expr(kind: .literal(folded), span: operatorToken.span.merged(with: operand.span))
        }
        return Expr(kind: .unary(operation, operand), span: operatorToken.span.merged(with: operand.span))
    }

    /// Folds `-5` into a literal so `-9223372036854775808` can be written... except it cannot: the
    /// positive literal overflows first, as in Swift. Folding still saves a node per negative constant.
    private static func negatedLiteral(_ value: Value) -> Value? {
        switch value {
        case .int(let integer) where integer != Int.min: return .int(-integer)
        case .double(let number): return .double(-number)
        default: return nil
        }
    }

    /// `**` is right-associative: `2 ** 3 ** 2` is `2 ** 9`.
    private mutating func parsePower() throws -> Expr {
        let base = try parsePostfix()
        guard match("**") else { return base }
        try enterNesting()
        defer { nesting -= 1 }
        let exponent = try parseUnary()
        return Expr(kind: .binary(.power, base, exponent), span: base.span.merged(with: exponent.span))
    }
}
