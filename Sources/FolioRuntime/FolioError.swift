/// One frame of a DSL traceback: the function that was running and where it was called from.
public struct TracebackFrame: Equatable, Sendable {
    /// The function whose call is at `callSite`; nil for the top level of a cell.
    public var functionName: String
    public var callSite: SourceSpan

    public init(functionName: String, callSite: SourceSpan) {
        self.functionName = functionName
        self.callSite = callSite
    }
}

/// An error raised by a Folio program (or by the parser on its text).
///
/// Native code throws it without a span; the interpreter attaches the span of the expression that
/// was running and appends a frame for every DSL call it unwinds through.
public struct FolioError: Error, Sendable {
    public var kind: ErrorKind
    public var message: String
    public var span: SourceSpan?
    /// Innermost call first, as the stack unwinds.
    public var frames: [TracebackFrame]

    public init(_ kind: ErrorKind, _ message: String, span: SourceSpan? = nil) {
        self.kind = kind
        self.message = message
        self.span = span
        self.frames = []
    }

    public init(kind: ErrorKind, message: String, span: SourceSpan? = nil, frames: [TracebackFrame] = []) {
        self.kind = kind
        self.message = message
        self.span = span
        self.frames = frames
    }

    /// This error located at `span` unless it already knows a more precise place.
    public func located(at span: SourceSpan) -> FolioError {
        guard self.span == nil else { return self }
        var copy = self
        copy.span = span
        return copy
    }
}
