import FolioRuntime

/// What running a cell produced.
public enum CellOutcome {
    /// The cell ran: its value to show as `execute_result` (nil shows nothing) and any help pages.
    case value(MimeBundle?, pages: [MimeBundle])
    case error(ErrorReport)
}

/// An error as the kernel reports it: `ename`, `evalue` and the rendered traceback lines.
public struct ErrorReport: Equatable {
    public var kind: String
    public var message: String
    /// The header line "Kind: message", the `-->` location, source lines with carets, and the frames.
    public var traceback: [String]

    public init(kind: String, message: String, traceback: [String]) {
        self.kind = kind
        self.message = message
        self.traceback = traceback
    }
}

/// Completion matches for the text between `start` and `end` (Unicode scalar offsets).
public struct CompletionResult: Equatable {
    public var matches: [String]
    public var start: Int
    public var end: Int
    /// Parallel to `matches`: "keyword", "function", "variable", "builtin", "member", "label".
    public var kinds: [String]

    public init(matches: [String], start: Int, end: Int, kinds: [String]) {
        self.matches = matches
        self.start = start
        self.end = end
        self.kinds = kinds
    }
}

/// Whether a cell is ready to run (`is_complete_request`).
public enum Completeness: Equatable {
    case complete
    /// More lines are expected; the frontend should indent the next one by `indent`.
    case incomplete(indent: String)
    /// No further text can fix it.
    case invalid
}
