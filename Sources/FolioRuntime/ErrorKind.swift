/// The kinds of error a program can raise; the raw value is the name shown to the user (`ename`).
public enum ErrorKind: String, Sendable, CaseIterable {
    case SyntaxError
    case NameError
    case TypeError
    case ValueError
    case IndexError
    case ShapeError
    case ZeroDivisionError
    case RecursionError
    case Interrupted
    case RuntimeError
}
