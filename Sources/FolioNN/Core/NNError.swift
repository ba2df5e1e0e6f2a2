import FolioTensor

/// Errors raised by modules, losses, optimisers, data loaders and weight files.
///
/// Each case carries what a notebook user needs to fix the cell: the layer, the expected and the
/// actual shapes, the offending name or file.
public enum NNError: Error, Equatable, CustomStringConvertible, Sendable {
    /// A layer got an input it cannot take; `expected` describes the requirement in words.
    case shapeMismatch(layer: String, expected: String, got: [Int])
    /// A constructor argument is out of range (`in: 0`, `p: 1.5`, ...).
    case invalidArgument(String)
    /// Weights being loaded do not fit the module; nothing was assigned.
    case weightMismatch(String)
    /// A weight file or dataset is malformed.
    case badFile(String)
    /// A module has no `forward` for this call.
    case notImplemented(String)

    /// The message as a full sentence.
    public var message: String {
        switch self {
        case let .shapeMismatch(layer, expected, got):
            return "\(layer): expected \(expected), got shape \(formatShape(got))"
        case let .invalidArgument(text), let .weightMismatch(text), let .badFile(text), let .notImplemented(text):
            return text
        }
    }

    public var description: String { message }
}
