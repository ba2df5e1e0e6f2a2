import FolioRuntime
import FolioTensor

/// A notebook's worth of state: globals defined by earlier cells, their sources, and the interrupt flag.
///
/// Each cell is scanned, parsed, resolved and then run; a failing or interrupted cell keeps whatever
/// it already did, as in Python.
public final class Session {
    /// Set from another thread to stop the running cell; `execute` clears it when it starts.
    public let interruptFlag = InterruptFlag()
    let globals = GlobalTable()
    let sources = SourceRegistry()

    public init() {
        BuiltinLibrary.install(into: globals)
    }

    /// Runs one notebook cell; `cellNumber` names it in error locations (`cell[4]:2:13`).
    public func execute(_ code: String, cellNumber: Int?, host: SessionHost) -> CellOutcome {
        execute(code, sourceName: cellNumber.map { "cell[\($0)]" } ?? "<input>", host: host)
    }

    /// Runs code whose errors are located in `sourceName` (a file name for `folio run`).
    public func execute(_ code: String, sourceName: String, host: SessionHost) -> CellOutcome {
        interruptFlag.clear()
        // Large freed buffers are reused within a cell, then given back (an idle notebook keeps none).
        defer { TensorMemory.releaseCachedBuffers() }
        let sourceID = sources.register(name: sourceName, text: code)
        let renderer = DiagnosticRenderer(sources: sources)
        guard let source = sources.source(sourceID) else {
            return .error(renderer.report(for: [FolioError(.RuntimeError, "could not register the source")]))
        }
        let parsed = Session.parse(source.scalars, sourceID: sourceID)
        if !parsed.issues.isEmpty {
            return .error(renderer.report(for: parsed.issues.map(\.error)))
        }
        let resolver = Resolver(globals: globals)
        let program = resolver.resolveProgram(parsed.statements)
        if !resolver.errors.isEmpty {
            return .error(renderer.report(for: resolver.errors))
        }
        let interpreter = Interpreter(host: host, interruptFlag: interruptFlag, globals: globals)
        do {
            try interpreter.runTopLevel(program.statements, slotCount: program.slotCount)
        } catch let error as FolioError {
            return .error(renderer.report(for: [error]))
        } catch {
            return .error(renderer.report(for: [FolioError(.RuntimeError, "\(error)")]))
        }
        let value = interpreter.cellValue
        return .value(value.isNone ? nil : value.mimeBundle, pages: interpreter.pages)
    }

    struct ParseResult {
        var statements: [Stmt]
        var issues: [SyntaxIssue]
        var lexer: Lexer
    }

    static func parse(_ scalars: [Unicode.Scalar], sourceID: Int) -> ParseResult {
        var lexer = Lexer(scalars: scalars, sourceID: sourceID)
        let tokens = lexer.scanAll()
        var parser = Parser(tokens: tokens, scalars: scalars)
        let statements = parser.parseProgram()
        return ParseResult(statements: statements, issues: parser.issues, lexer: lexer)
    }
}
