import Foundation

/// Parses the command line and runs one command; returns the process exit status.
enum CommandLineInterface {
    static let version = "0.1.0"

    static let usage = """
        usage: folio kernel -f CONNECTION_FILE     serve a Jupyter frontend
               folio install [--user | --sys-prefix | --prefix DIR] [--name NAME]
                                                  write the Jupyter kernelspec
               folio run FILE.folio               run a script as one cell
               folio papers [--markdown]          list the paper library (--markdown: docs/papers.md)
               folio --version                    print the version
        """

    static func run(_ arguments: [String]) -> Int32 {
        guard let command = arguments.first else {
            printError(usage)
            return 2
        }
        let rest = Array(arguments.dropFirst())
        switch command {
        case "--version", "-V", "version":
            print("folio \(version)")
            return 0
        case "--help", "-h", "help":
            print(usage)
            return 0
        case "kernel":
            return KernelCommand.run(rest)
        case "install":
            return InstallCommand.run(rest)
        case "run":
            return RunCommand.run(rest)
        case "papers":
            return PapersCommand.run(rest)
        default:
            printError("folio: unknown command '\(command)'\n\(usage)")
            return 2
        }
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }
}
