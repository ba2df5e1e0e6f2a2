import FolioLang
import FolioRuntime
import Foundation

/// `folio run FILE.folio`: runs a script as one cell. Output and the value go to stdout, figures to
/// SVG files beside the working directory, an error to stderr (as a notebook shows it) with status 1.
enum RunCommand {
    static func run(_ arguments: [String]) -> Int32 {
        guard arguments.count == 1, let path = arguments.first else {
            CommandLineInterface.printError("usage: folio run FILE.folio")
            return 2
        }
        let code: String
        do {
            code = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            CommandLineInterface.printError("folio run: cannot read \(path): \(error.localizedDescription)")
            return 1
        }
        let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        let host = TerminalHost(figureStem: stem)
        var status: Int32 = 0
        LargeStack.run {
            let session = Session()
            switch session.execute(code, sourceName: path, host: host) {
            case .value(let bundle, let pages):
                for page in pages { host.show(page) }
                if let bundle { host.show(bundle) }
            case .error(let report):
                CommandLineInterface.printError(report.traceback.joined(separator: "\n"))
                status = 1
            }
        }
        return status
    }
}

/// Runs work on a thread whose stack fits the interpreter's deepest allowed recursion.
enum LargeStack {
    static let size = 512 << 20

    static func run(_ work: @escaping () -> Void) {
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            work()
            done.signal()
        }
        thread.stackSize = size
        thread.start()
        done.wait()
    }
}

/// A session host for the terminal: streams to stdout/stderr, input from stdin.
final class TerminalHost: SessionHost {
    private let figureStem: String
    private var figureCount = 0

    init(figureStem: String) { self.figureStem = figureStem }

    func write(_ text: String, to stream: OutputStreamName) {
        let handle = stream == .stderr ? FileHandle.standardError : FileHandle.standardOutput
        handle.write(Data(text.utf8))
    }

    func display(_ bundle: MimeBundle, displayID: String?) { show(bundle) }

    func updateDisplay(_ bundle: MimeBundle, displayID: String) { show(bundle) }

    func clearOutput(wait: Bool) {}

    func readLine(prompt: String, password: Bool) throws -> String {
        write(prompt, to: .stdout)
        guard let line = Swift.readLine() else {
            throw FolioError(kind: .RuntimeError, message: "input(): standard input is at its end")
        }
        return line
    }

    /// Shows a value as a terminal can: a figure becomes an SVG file, everything else its text.
    func show(_ bundle: MimeBundle) {
        if let svg = bundle.data["image/svg+xml"] {
            figureCount += 1
            let name = "\(figureStem)-\(figureCount).svg"
            do {
                try Data(svg.utf8).write(to: URL(fileURLWithPath: name))
                write("[figure written to \(name)]\n", to: .stdout)
            } catch {
                write("folio run: cannot write \(name): \(error.localizedDescription)\n", to: .stderr)
            }
            return
        }
        let text = bundle.data["text/plain"] ?? bundle.data["text/markdown"] ?? ""
        write(text.hasSuffix("\n") ? text : text + "\n", to: .stdout)
    }
}
