import FolioRuntime

/// Completion, inspection and is-complete, answered from the same scanner, parser and globals
/// the interpreter uses.
extension Session {
    /// Matches for the word at `cursor` (Unicode scalar offsets in and out).
    public func complete(_ code: String, cursor: Int) -> CompletionResult {
        Completer(globals: globals).complete(code, cursor: cursor)
    }

    /// Documentation or type and value of what is at `cursor`; nil when there is nothing to show.
    public func inspect(_ code: String, cursor: Int, detailLevel: Int) -> MimeBundle? {
        Inspector(globals: globals).inspect(code, cursor: cursor, detailLevel: detailLevel)
    }

    public func isComplete(_ code: String) -> Completeness {
        CompletenessChecker.check(code)
    }
}
