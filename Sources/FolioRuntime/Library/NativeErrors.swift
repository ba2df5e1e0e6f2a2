import FolioAutograd
import FolioPlot
import FolioTensor

/// Turns the libraries' errors into `FolioError`s of the matching kind, and runs native work so
/// that a notebook interrupt stops long tensor kernels.
///
/// The libraries know nothing of the language, so every call from a builtin, a method or an
/// operator into them goes through `NativeCall.run`; the interpreter then adds the span and caret.
public enum NativeCall {
    /// Runs `body` with a cancellation token that reads the session's interrupt flag, mapping
    /// library errors. Without a context (operators), kernels run under whatever token is bound.
    public static func run<Result>(_ context: CallContext?, _ body: () throws -> Result) throws -> Result {
        guard let flag = context?.interruptFlag else { return try mapping(body) }
        let token = TensorCancellation(probe: { flag.isRequested })
        do {
            return try TensorCancellation.$current.withValue(token) { try mapping(body) }
        } catch let error as FolioError where error.kind == .Interrupted {
            // The kernel saw the request; clear it as the interpreter's own check would.
            flag.clear()
            throw error
        }
    }

    /// Runs `body`, converting `TensorError`, `AutogradError` and `PlotError` to `FolioError`.
    public static func mapping<Result>(_ body: () throws -> Result) throws -> Result {
        do {
            return try body()
        } catch let error as FolioError {
            throw error
        } catch let error as TensorError {
            throw FolioError(kind(of: error.kind), error.message)
        } catch let error as AutogradError {
            throw FolioError(kind(of: error.kind), error.message)
        } catch let error as PlotError {
            throw FolioError(kind(of: error), error.description)
        } catch {
            // Foundation's file errors (save_npy, savefig) and anything else a library lets through.
            throw FolioError(.RuntimeError, error.localizedDescription)
        }
    }

    static func kind(of error: PlotError) -> ErrorKind {
        switch error {
        case .lengthMismatch: return .ShapeError
        case .axesIndexOutOfRange: return .IndexError
        default: return .ValueError
        }
    }

    static func kind(of kind: TensorError.Kind) -> ErrorKind {
        switch kind {
        case .shape: return .ShapeError
        case .type: return .TypeError
        case .index: return .IndexError
        case .value: return .ValueError
        case .interrupted: return .Interrupted
        }
    }
}
