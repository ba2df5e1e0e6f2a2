import FolioTensor

/// Every misuse of automatic differentiation, with the context its message needs.
///
/// Tensor errors raised by ops inside a differentiated function pass through unchanged; these
/// cover what only the autodiff layer can detect. `kind` uses the same classes as `TensorError`.
public enum AutogradError: Error, Equatable, CustomStringConvertible, Sendable {
    /// `backward()` or `grad(f)` on an output with more than one element.
    case nonScalarOutput(op: String, shape: [Int])
    /// A gradient had to flow through an op that has none (rounding, `sign`, ...).
    case notDifferentiable(op: String)
    /// A differentiable primitive that this layer has no VJP rule for yet.
    case noGradientRule(op: String)
    /// `backward()` on a value that does not depend on anything requiring grad.
    case noGraph(op: String)
    /// Differentiating with respect to a non-floating tensor.
    case notFloatingPoint(op: String, argument: Int, dtype: DType)
    /// A bad argument to a transform (`argnums` out of range, a seed of the wrong shape, ...).
    case invalidArgument(op: String, message: String)

    /// The language-level error class this maps to.
    public var kind: TensorError.Kind {
        switch self {
        case .nonScalarOutput: return .shape
        case .notFloatingPoint: return .type
        case .notDifferentiable, .noGradientRule, .noGraph, .invalidArgument: return .value
        }
    }

    /// A sentence naming the op and the offending shape or dtype.
    public var message: String {
        switch self {
        case let .nonScalarOutput(op, shape):
            return "\(op): the output has shape \(formatShape(shape)); it must be a scalar (reduce it with sum() or mean(), or pass a seed)"
        case let .notDifferentiable(op):
            return "\(op) is not differentiable: its gradient is zero or undefined; detach() its input if that is intended"
        case let .noGradientRule(op):
            return "no gradient rule for \(op) yet"
        case let .noGraph(op):
            return "\(op): the value does not depend on any variable that requires grad"
        case let .notFloatingPoint(op, argument, dtype):
            return "\(op): argument \(argument) has dtype \(dtype); only floating-point tensors can be differentiated"
        case let .invalidArgument(op, message):
            return "\(op): \(message)"
        }
    }

    public var description: String { "\(kind.rawValue): \(message)" }
}
