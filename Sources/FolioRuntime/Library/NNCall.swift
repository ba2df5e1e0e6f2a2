import FolioNN

/// Runs layer, loss, optimiser and data work from the language.
///
/// `NativeCall` maps the tensor, autodiff and plot libraries' errors; FolioNN adds its own
/// `NNError`, which would otherwise surface as an anonymous RuntimeError. Wrapping `NativeCall`
/// here keeps one mapping table for the layers without touching the tensor library's.
public enum NNCall {
    /// `body` under the session's interrupt token, with every library error mapped.
    public static func run<Result>(_ context: CallContext?, _ body: () throws -> Result) throws -> Result {
        try NativeCall.run(context) { try mapping(body) }
    }

    /// `body` with `NNError`s turned into `FolioError`s (other errors pass through to `NativeCall`).
    public static func mapping<Result>(_ body: () throws -> Result) throws -> Result {
        do {
            return try body()
        } catch let error as NNError {
            throw FolioError(kind(of: error), error.message)
        }
    }

    static func kind(of error: NNError) -> ErrorKind {
        switch error {
        case .shapeMismatch, .weightMismatch: return .ShapeError
        case .invalidArgument, .badFile: return .ValueError
        case .notImplemented: return .TypeError
        }
    }
}
