/// The binary operators of the language; the raw value is the spelling used in messages.
public enum BinaryOperator: String, Sendable, CaseIterable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case remainder = "%"
    case power = "**"
    case matmul = "@"
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessEqual = "<="
    case greater = ">"
    case greaterEqual = ">="
}

/// The prefix operators.
public enum UnaryOperator: String, Sendable {
    case negate = "-"
    case plus = "+"
    case not = "!"
}
