import Foundation
import FolioTensor

// Before anything can call BLAS: make OpenBLAS use this CPU's kernel (see OpenBLASCore).
OpenBLASCore.configure()

// folio — the command line: `kernel`, `install`, `run`, `--version`.
let arguments = Array(CommandLine.arguments.dropFirst())
exit(CommandLineInterface.run(arguments))
