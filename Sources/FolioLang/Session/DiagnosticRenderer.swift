import FolioRuntime

/// Renders errors in DESIGN.md's format:
///
///     ShapeError: matmul: inner dimensions differ: (256, 2) @ (3, 1)
///       --> cell[4]:2:13
///       |
///     2 | let h = x @ w
///       |         ^^^^^
///       = in f, called at cell[5]:1:1
struct DiagnosticRenderer {
    let sources: SourceRegistry

    func report(for errors: [FolioError]) -> ErrorReport {
        let first = errors.first ?? FolioError(.RuntimeError, "unknown error")
        let lines = errors.flatMap(render)
        return ErrorReport(kind: first.kind.rawValue, message: first.message, traceback: lines)
    }

    func render(_ error: FolioError) -> [String] {
        var lines = ["\(error.kind.rawValue): \(error.message)"]
        if let span = error.span, let source = sources.source(span.sourceID) {
            lines += quote(span, in: source)
        }
        lines += renderFrames(error.frames)
        return lines
    }

    private func quote(_ span: SourceSpan, in source: SourceText) -> [String] {
        let (line, column) = source.location(of: span.start)
        let text = source.line(line)
        let gutter = String(repeating: " ", count: String(line).count + 1)
        let lineLength = text.unicodeScalars.count
        let endOnLine = min(span.end, span.start + max(0, lineLength - column + 1))
        let width = max(1, endOnLine - span.start)
        let caretPadding = String(repeating: " ", count: max(0, column - 1))
        return [
            "\(gutter)--> \(source.name):\(line):\(column)",
            "\(gutter)|",
            "\(line) | \(text)",
            "\(gutter)| \(caretPadding)\(String(repeating: "^", count: width))",
        ]
    }

    /// One line per DSL frame, innermost first; runs of identical frames (deep recursion) collapse.
    private func renderFrames(_ frames: [TracebackFrame]) -> [String] {
        var lines: [String] = []
        var index = 0
        while index < frames.count {
            let frame = frames[index]
            var repeats = 1
            while index + repeats < frames.count, frames[index + repeats] == frame { repeats += 1 }
            var line = "  = in \(frame.functionName), called at \(sources.describe(frame.callSite))"
            if repeats > 1 { line += " (and \(repeats - 1) more identical frame\(repeats == 2 ? "" : "s"))" }
            lines.append(line)
            index += repeats
            if lines.count >= 40, index < frames.count {
                lines.append("  = ... \(frames.count - index) more frames")
                break
            }
        }
        return lines
    }
}
