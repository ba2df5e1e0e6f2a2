import FolioKernel
import Foundation

/// A LanguageKernel double whose behaviour each test scripts: the router is what is under test.
final class ScriptedLanguage: LanguageKernel {
    var executed: [String] = []
    var interruptCount = 0
    var shutdownRestart: Bool?
    /// Maps code to what running it does; unknown code succeeds with its text as the value.
    var behaviour: (String, ExecutionContext) -> ExecutionOutcome = { code, _ in
        .success(result: ["text/plain": .string(code)], payloads: [])
    }

    let info = KernelInfo(
        implementation: "scripted", implementationVersion: "1.0",
        language: LanguageInfo(name: "scripted", version: "1.0", mimetype: "text/x-scripted", fileExtension: ".s",
                               pygmentsLexer: "swift", codemirrorMode: "swift", nbconvertExporter: "script"),
        banner: "Scripted", helpLinks: [HelpLink(text: "docs", url: "https://example.org")])

    func execute(code: String, context: ExecutionContext) -> ExecutionOutcome {
        executed.append(code)
        return behaviour(code, context)
    }

    func complete(code: String, cursorPosition: Int) -> CompletionResult {
        CompletionResult(matches: ["print"], cursorStart: max(cursorPosition - 3, 0), cursorEnd: cursorPosition)
    }

    func inspect(code: String, cursorPosition: Int, detailLevel: Int) -> InspectionResult? {
        code.isEmpty ? nil : InspectionResult(data: ["text/plain": .string("doc of \(code)")])
    }

    func isComplete(code: String) -> CompletenessStatus {
        code.hasSuffix("(") ? .incomplete(indent: "    ") : .complete
    }

    func interrupt() { interruptCount += 1 }

    func shutdown(restart: Bool) { shutdownRestart = restart }
}
