// folio-bench: the Swift side of `make bench` (tensor engine and training-step timings).
//
// Prints one JSON line per case for bench/numeric_bench.py, which runs the same cases in NumPy and
// JAX in the same run and prints the ratios; timing lives here and there, never in tests
// (CONVENTIONS.md). Build it in release mode: a debug build measures Swift's checks, not Folio.
//
//   folio-bench --list                  case names, one a line
//   folio-bench [--cases a,b] [--quick] time the cases (all by default); --quick runs each once
//   folio-bench --info                  which OpenBLAS kernel and threads this process uses
//   folio-bench --chain-peak N          the peak-memory chain on N f32, in this process alone
import Foundation
import FolioTensor

let usage = """
    usage: folio-bench [--list | --info | --chain-peak N | [--cases NAME,NAME...] [--quick]]
    """

/// The command line, parsed by hand: four flags do not justify a dependency.
struct Options {
    enum Mode { case list, info, chainPeak(Int), run }
    var mode = Mode.run
    var caseNames: [String]?
    var quick = false

    init(_ arguments: [String]) throws {
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            switch argument {
            case "--list": mode = .list
            case "--info": mode = .info
            case "--quick": quick = true
            case "--cases":
                guard let value = remaining.popFirst() else { throw UsageError("--cases needs a comma-separated list") }
                caseNames = value.split(separator: ",").map(String.init)
            case "--chain-peak":
                guard let value = remaining.popFirst(), let count = Int(value), count > 0 else {
                    throw UsageError("--chain-peak needs a positive element count")
                }
                mode = .chainPeak(count)
            default: throw UsageError("unknown argument \(argument)")
            }
        }
    }
}

struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Every timed case, in the order the driver's table lists them.
let registry: [BenchCase] = TensorCases.all + TrainingCases.all

func selectedCases(_ names: [String]?) throws -> [BenchCase] {
    guard let names = names else { return registry }
    return try names.map { name in
        guard let found = registry.first(where: { $0.name == name }) else {
            throw UsageError("no case named \(name) (--list shows them)")
        }
        return found
    }
}

func main() -> Int32 {
    // Before any BLAS call: OpenBLAS's kernel for this CPU (see OpenBLASCore).
    OpenBLASCore.configure()
    do {
        let options = try Options(Array(CommandLine.arguments.dropFirst()))
        switch options.mode {
        case .list: registry.forEach { print($0.name) }
        case .info: printJSONLine(ProcessProbe.blasInfo())
        case let .chainPeak(count): try PeakMemoryCase.run(elements: count)
        case .run:
            for benchCase in try selectedCases(options.caseNames) { try runCase(benchCase, quick: options.quick) }
        }
        return 0
    } catch let error as UsageError {
        FileHandle.standardError.write(Data("folio-bench: \(error)\n\(usage)\n".utf8))
        return 2
    } catch {
        FileHandle.standardError.write(Data("folio-bench: \(error)\n".utf8))
        return 1
    }
}

exit(main())
