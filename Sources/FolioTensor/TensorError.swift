/// Every misuse of the tensor API, with the context a message needs.
///
/// The language runtime maps `kind` to its error kinds (`ShapeError`, `TypeError`, `IndexError`,
/// `ValueError`) and shows `message`.
public enum TensorError: Error, Equatable, CustomStringConvertible, Sendable {
    /// Shapes that cannot be combined, e.g. broadcasting `(2, 3)` with `(4,)`.
    case shapeMismatch(op: String, shapes: [[Int]], reason: String)
    /// A shape that is invalid on its own (negative size, wrong element count for a reshape, ...).
    case invalidShape(op: String, shape: [Int], reason: String)
    /// An axis outside `-rank..<rank`.
    case invalidAxis(op: String, axis: Int, rank: Int)
    /// An operation that does not accept this dtype.
    case unsupportedDType(op: String, dtype: DType, reason: String)
    /// An integer index outside its axis.
    case indexOutOfRange(op: String, index: Int, axis: Int, size: Int)
    /// A matrix that LAPACK found singular (exactly, to working precision).
    case singularMatrix(op: String)
    /// A matrix that is not (numerically) positive definite.
    case notPositiveDefinite(op: String)
    /// An iterative LAPACK routine that did not converge.
    case noConvergence(op: String)
    /// Any other bad argument value.
    case invalidArgument(op: String, message: String)
    /// The kernel stopped because the current `TensorCancellation` token was cancelled.
    case interrupted(op: String)

    /// The language-level error class this maps to.
    public enum Kind: String, Sendable {
        case shape = "ShapeError"
        case type = "TypeError"
        case index = "IndexError"
        case value = "ValueError"
        case interrupted = "Interrupted"
    }

    public var kind: Kind {
        switch self {
        case .shapeMismatch, .invalidShape: return .shape
        case .invalidAxis, .indexOutOfRange: return .index
        case .unsupportedDType: return .type
        case .singularMatrix, .notPositiveDefinite, .noConvergence, .invalidArgument: return .value
        case .interrupted: return .interrupted
        }
    }

    /// A sentence naming the op and the offending shapes, axes or dtypes.
    public var message: String {
        switch self {
        case let .shapeMismatch(op, shapes, reason):
            let listed = shapes.map(formatShape).joined(separator: " and ")
            return "\(op): \(reason): \(listed)"
        case let .invalidShape(op, shape, reason):
            return "\(op): \(reason) (shape \(formatShape(shape)))"
        case let .invalidAxis(op, axis, rank):
            return "\(op): axis \(axis) is out of range for a tensor of rank \(rank)"
        case let .unsupportedDType(op, dtype, reason):
            return "\(op): \(reason) (dtype \(dtype))"
        case let .indexOutOfRange(op, index, axis, size):
            return "\(op): index \(index) is out of range for axis \(axis) with size \(size)"
        case let .singularMatrix(op):
            return "\(op): matrix is singular"
        case let .notPositiveDefinite(op):
            return "\(op): matrix is not positive definite"
        case let .noConvergence(op):
            return "\(op): the algorithm did not converge"
        case let .invalidArgument(op, message):
            return "\(op): \(message)"
        case let .interrupted(op):
            return "\(op): interrupted"
        }
    }

    public var description: String { "\(kind.rawValue): \(message)" }
}

/// `(2, 3)`, `(4,)` or `()`, as Python prints tuples.
public func formatShape(_ shape: [Int]) -> String {
    if shape.count == 1 { return "(\(shape[0]),)" }
    return "(" + shape.map(String.init).joined(separator: ", ") + ")"
}
