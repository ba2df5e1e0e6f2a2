import FolioKernel
import FolioWire
import Foundation

/// `folio kernel -f CONNECTION_FILE`: serves one Jupyter frontend until shutdown.
enum KernelCommand {
    static func run(_ arguments: [String]) -> Int32 {
        var connectionPath: String?
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "-f" || argument == "--connection-file", index + 1 < arguments.count {
                connectionPath = arguments[index + 1]
                index += 2
            } else if argument.hasPrefix("--connection-file=") || argument.hasPrefix("-f=") {
                connectionPath = String(argument.split(separator: "=", maxSplits: 1).last ?? "")
                index += 1
            } else {
                CommandLineInterface.printError("folio kernel: unexpected argument '\(argument)'")
                return 2
            }
        }
        guard let connectionPath, !connectionPath.isEmpty else {
            CommandLineInterface.printError("folio kernel: a connection file is required: folio kernel -f FILE")
            return 2
        }
        do {
            let connection = try ConnectionInfo.load(from: connectionPath)
            let server = try KernelServer(connection: connection) { transport in
                Kernel(language: FolioLanguageKernel(), transport: transport)
            }
            return server.run()
        } catch {
            CommandLineInterface.printError("folio kernel: \(error)")
            return 1
        }
    }
}
