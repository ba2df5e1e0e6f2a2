import FolioKernel
import Foundation

/// `folio install`: writes the kernelspec (kernel.json and logos) where Jupyter looks for kernels.
enum InstallCommand {
    struct Options {
        var prefix: String?
        var user = false
        var sysPrefix = false
        var name = "folio"
        var displayName = "Folio"
    }

    static func run(_ arguments: [String]) -> Int32 {
        do {
            let options = try parse(arguments)
            let directory = try kernelDirectory(for: options)
            try write(options, to: directory)
            print("Installed kernelspec \(options.name) in \(directory.path)")
            return 0
        } catch let error as InstallError {
            CommandLineInterface.printError("folio install: \(error.message)")
            return error.isUsage ? 2 : 1
        } catch {
            CommandLineInterface.printError("folio install: \(error.localizedDescription)")
            return 1
        }
    }

    struct InstallError: Error {
        var message: String
        var isUsage = false
    }

    static func parse(_ arguments: [String]) throws -> Options {
        var options = Options()
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            switch argument {
            case "--user": options.user = true
            case "--sys-prefix": options.sysPrefix = true
            case "--prefix", "--name", "--display-name":
                guard let value = remaining.popFirst() else {
                    throw InstallError(message: "\(argument) needs a value", isUsage: true)
                }
                if argument == "--prefix" { options.prefix = value }
                if argument == "--name" { options.name = value }
                if argument == "--display-name" { options.displayName = value }
            default:
                throw InstallError(message: "unexpected argument '\(argument)'\n\(CommandLineInterface.usage)",
                                   isUsage: true)
            }
        }
        let chosen = [options.user, options.sysPrefix, options.prefix != nil].filter { $0 }.count
        guard chosen <= 1 else {
            throw InstallError(message: "choose one of --user, --sys-prefix and --prefix", isUsage: true)
        }
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-")
        guard !options.name.isEmpty, options.name.allSatisfy({ allowed.contains($0) }) else {
            throw InstallError(message: "kernel name '\(options.name)' may use only a-z, 0-9, '.', '_' and '-'",
                               isUsage: true)
        }
        return options
    }

    /// The kernels folder the options name, as `jupyter kernelspec install` chooses it.
    static func kernelDirectory(for options: Options) throws -> URL {
        let environment = ProcessInfo.processInfo.environment
        let base: URL
        if let prefix = options.prefix {
            base = URL(fileURLWithPath: prefix).appendingPathComponent("share/jupyter")
        } else if options.sysPrefix {
            guard let prefix = environment["VIRTUAL_ENV"] ?? environment["CONDA_PREFIX"] else {
                throw InstallError(message: "--sys-prefix needs an active virtual environment ($VIRTUAL_ENV)")
            }
            base = URL(fileURLWithPath: prefix).appendingPathComponent("share/jupyter")
        } else if options.user {
            // The same order as jupyter_core's jupyter_data_dir() on Linux.
            if let dataDirectory = environment["JUPYTER_DATA_DIR"], !dataDirectory.isEmpty {
                base = URL(fileURLWithPath: dataDirectory)
            } else if let xdgData = environment["XDG_DATA_HOME"], !xdgData.isEmpty {
                base = URL(fileURLWithPath: xdgData).appendingPathComponent("jupyter")
            } else {
                let home = environment["HOME"] ?? FileManager.default.homeDirectoryForCurrentUser.path
                base = URL(fileURLWithPath: home).appendingPathComponent(".local/share/jupyter")
            }
        } else {
            base = URL(fileURLWithPath: "/usr/local/share/jupyter")
        }
        return base.appendingPathComponent("kernels").appendingPathComponent(options.name)
    }

    static func write(_ options: Options, to directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let spec: JSONValue = [
            "argv": [.string(executablePath()), "kernel", "-f", "{connection_file}"],
            "display_name": .string(options.displayName),
            "language": "folio",
            "interrupt_mode": "message",
            "metadata": ["debugger": false],
        ]
        try JSONCoding.encode(spec).write(to: directory.appendingPathComponent("kernel.json"))
        for logo in KernelspecLogos.files {
            guard let bytes = Data(base64Encoded: logo.base64) else { continue }
            try bytes.write(to: directory.appendingPathComponent(logo.name))
        }
    }

    /// The absolute path of this binary, symlinks resolved, so the kernelspec works from anywhere.
    static func executablePath() -> String {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return resolved
        }
        let invoked = CommandLine.arguments.first ?? "folio"
        let url = URL(fileURLWithPath: invoked, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        return url.standardizedFileURL.resolvingSymlinksInPath().path
    }
}
