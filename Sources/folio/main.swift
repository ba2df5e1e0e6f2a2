import Foundation

// folio — the command line: `kernel`, `install`, `run`, `--version`.
let arguments = Array(CommandLine.arguments.dropFirst())
exit(CommandLineInterface.run(arguments))
