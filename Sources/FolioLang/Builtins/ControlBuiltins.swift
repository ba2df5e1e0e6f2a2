import Foundation
import FolioRuntime

/// `assert` and `time { }`.
enum ControlBuiltins {
    static let all: [BuiltinFunction] = [assert, time]

    static let assert = BuiltinFunction(
        "assert", [Parameter("condition"), Parameter("message", defaultText: "\"\"")],
        doc: DocEntry("Raises a RuntimeError with the message when the condition is false.",
                      example: "assert(len([1, 2]) > 0, \"no data\")")
    ) { arguments, _ in
        guard case .bool(let condition) = arguments.value(0) else {
            throw arguments.typeError(0, expected: "Bool", got: arguments.value(0))
        }
        if !condition {
            let message = arguments[1].map(\.description) ?? ""
            throw FolioError(.RuntimeError, message.isEmpty ? "assertion failed" : "assertion failed: \(message)")
        }
        return .none
    }

    static let time = BuiltinFunction(
        "time", [Parameter("body")],
        doc: DocEntry("Runs a block, prints its wall time and returns the time in seconds.",
                      example: "let seconds = time { sum(0..<1000) }")
    ) { arguments, context in
        let start = DispatchTime.now().uptimeNanoseconds
        _ = try context.call(arguments.value(0), [])
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        context.host.write("wall time: \(formatDuration(seconds))\n", to: .stdout)
        return .double(seconds)
    }

    static func formatDuration(_ seconds: Double) -> String {
        if seconds < 1e-3 { return String(format: "%.1f µs", seconds * 1e6) }
        if seconds < 1 { return String(format: "%.2f ms", seconds * 1e3) }
        return String(format: "%.3f s", seconds)
    }
}
