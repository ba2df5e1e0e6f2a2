import FolioKernel
import FolioLang
import FolioRuntime
import Foundation

/// Makes a FolioLang `Session` the protocol core's `LanguageKernel`.
final class FolioLanguageKernel: LanguageKernel {
    private let session = Session()

    let info = KernelInfo(
        implementation: "folio",
        implementationVersion: CommandLineInterface.version,
        language: LanguageInfo(name: "folio", version: CommandLineInterface.version, mimetype: "text/x-folio",
                               fileExtension: ".folio", pygmentsLexer: "swift", codemirrorMode: "swift",
                               nbconvertExporter: "script"),
        banner: """
            Folio \(CommandLineInterface.version): a Swift-flavoured language for tensors and models.
            help(x) shows the documentation of x.
            """,
        helpLinks: [
            HelpLink(text: "Swift language guide (Folio's syntax)", url: "https://docs.swift.org/swift-book/"),
            HelpLink(text: "NumPy broadcasting rules", url: "https://numpy.org/doc/stable/user/basics.broadcasting.html"),
            HelpLink(text: "Jupyter documentation", url: "https://docs.jupyter.org/"),
        ])

    func execute(code: String, context: ExecutionContext) -> ExecutionOutcome {
        let host = ContextHost(context: context)
        switch session.execute(code, cellNumber: context.executionCount, host: host) {
        case .value(let bundle, let pages):
            let payloads = Self.mergedPage(pages).map { [ExecutePayload.page($0, start: 0)] } ?? []
            return .success(result: bundle.map(Self.mimeData), payloads: payloads)
        case .error(let report):
            return .failure(ExecutionError(name: report.kind, value: report.message, traceback: report.traceback))
        }
    }

    func complete(code: String, cursorPosition: Int) -> FolioKernel.CompletionResult {
        let result = session.complete(code, cursor: cursorPosition)
        let scalars = Array(code.unicodeScalars)
        let types: [JSONValue] = zip(result.matches, result.kinds).map { match, kind in
            let start = min(max(result.start, 0), scalars.count)
            let end = min(max(result.end, start), scalars.count)
            return ["start": .int(start), "end": .int(end), "text": .string(match), "type": .string(kind)]
        }
        return FolioKernel.CompletionResult(matches: result.matches, cursorStart: result.start, cursorEnd: result.end,
                                metadata: ["_jupyter_types_experimental": .array(types)])
    }

    func inspect(code: String, cursorPosition: Int, detailLevel: Int) -> InspectionResult? {
        session.inspect(code, cursor: cursorPosition, detailLevel: detailLevel).map {
            InspectionResult(data: Self.mimeData($0))
        }
    }

    func isComplete(code: String) -> CompletenessStatus {
        switch session.isComplete(code) {
        case .complete: return .complete
        case .incomplete(let indent): return .incomplete(indent: indent)
        case .invalid: return .invalid
        }
    }

    func interrupt() { session.interruptFlag.request() }

    func shutdown(restart: Bool) {}

    static func mimeData(_ bundle: MimeBundle) -> MimeData {
        bundle.data.mapValues { JSONValue.string($0) }
    }

    /// Several `help` calls in one cell make one page, as a pager shows one document.
    static func mergedPage(_ pages: [MimeBundle]) -> MimeData? {
        guard pages.count > 1 else { return pages.first.map(mimeData) }
        var merged: [String: String] = [:]
        for page in pages {
            for (type, text) in page.data {
                merged[type] = merged[type].map { $0 + "\n\n" + text } ?? text
            }
        }
        return merged.mapValues { JSONValue.string($0) }
    }
}

/// Routes a session's output through the execution context of the current request.
final class ContextHost: SessionHost {
    private let context: ExecutionContext

    init(context: ExecutionContext) { self.context = context }

    func write(_ text: String, to stream: OutputStreamName) {
        context.stream(stream == .stderr ? .stderr : .stdout, text)
    }

    func display(_ bundle: MimeBundle, displayID: String?) {
        context.display(FolioLanguageKernel.mimeData(bundle), metadata: [:], displayID: displayID)
    }

    func updateDisplay(_ bundle: MimeBundle, displayID: String) {
        context.updateDisplay(FolioLanguageKernel.mimeData(bundle), metadata: [:], displayID: displayID)
    }

    func clearOutput(wait: Bool) { context.clearOutput(wait: wait) }

    func readLine(prompt: String, password: Bool) throws -> String {
        do {
            return try context.input(prompt: prompt, password: password)
        } catch .notAllowed {
            throw FolioError(kind: .RuntimeError,
                             message: "input() is not available: this frontend does not accept input (allow_stdin is false)")
        } catch .interrupted {
            throw FolioError(kind: .Interrupted, message: "interrupted while waiting for input")
        } catch .closed {
            throw FolioError(kind: .RuntimeError, message: "input() is not available: the kernel is shutting down")
        }
    }
}
