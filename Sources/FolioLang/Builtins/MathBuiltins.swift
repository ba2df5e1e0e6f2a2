import Foundation
import FolioRuntime

/// Numeric builtins: `abs`, `min`, `max`, `sum`, `round`, `idiv` and the elementary functions.
enum MathBuiltins {
    static let all: [BuiltinFunction] = [abs, min, max, sum, round, idiv] + elementary

    static let abs = BuiltinFunction(
        "abs", [Parameter("x")], doc: DocEntry("The absolute value of a number.", example: "abs(-3)   // 3")
    ) { arguments, _ in
        switch arguments.value(0) {
        case .int(let integer):
            guard integer != Int.min else { throw FolioError(.ValueError, "integer overflow: abs(\(integer)) does not fit in 64 bits") }
            return .int(Swift.abs(integer))
        case .double(let number): return .double(Swift.abs(number))
        case let other: throw arguments.typeError(0, expected: "a number", got: other)
        }
    }

    static let min = BuiltinFunction(
        "min", [Parameter("values", .variadic)],
        doc: DocEntry("The smallest of the arguments, or of one array argument.", example: "min(3, 1, 2)   // 1")
    ) { arguments, _ in
        try extreme(arguments, name: "min") { $0 < 0 }
    }

    static let max = BuiltinFunction(
        "max", [Parameter("values", .variadic)],
        doc: DocEntry("The largest of the arguments, or of one array argument.", example: "max([3, 1, 2])   // 3")
    ) { arguments, _ in
        try extreme(arguments, name: "max") { $0 > 0 }
    }

    private static func extreme(_ arguments: BoundArguments, name: String, better: (Int) -> Bool) throws -> Value {
        var candidates = arguments.variadic
        if candidates.count == 1, let elements = try Sequences.elements(of: candidates[0]) { candidates = elements }
        guard var best = candidates.first else { throw FolioError(.ValueError, "\(name)() of an empty sequence") }
        for candidate in candidates.dropFirst() where better(try Value.ordering(candidate, best)) {
            best = candidate
        }
        return best
    }

    static let sum = BuiltinFunction(
        "sum", [Parameter("values"), Parameter("start", .labelled, defaultText: "0")],
        doc: DocEntry("The sum of a sequence of numbers, starting from `start`.", example: "sum([1, 2, 3])   // 6")
    ) { arguments, _ in
        var total = arguments[1] ?? .int(0)
        guard let elements = try Sequences.elements(of: arguments.value(0)) else {
            throw arguments.typeError(0, expected: "a sequence", got: arguments.value(0))
        }
        for element in elements { total = try Value.apply(.add, total, element) }
        return total
    }

    static let round = BuiltinFunction(
        "round", [Parameter("x"), Parameter("digits", .labelled, defaultText: "nil")],
        doc: DocEntry("Rounds half to even, as Python does; without `digits:` the result is an Int.",
                      example: "round(2.5)   // 2\nround(3.14159, digits: 2)   // 3.14")
    ) { arguments, _ in
        let x = try arguments.double(0, default: 0)
        if let digits = arguments[1], !digits.isNone {
            guard case .int(let places) = digits else { throw arguments.typeError(1, expected: "Int", got: digits) }
            let factor = pow(10.0, Double(places))
            return .double((x * factor).rounded(.toNearestOrEven) / factor)
        }
        if case .int = arguments.value(0) { return arguments.value(0) }
        guard let result = Int(exactly: x.rounded(.toNearestOrEven)) else {
            throw FolioError(.ValueError, "round(): \(Value.format(x)) cannot be converted to Int")
        }
        return .int(result)
    }

    static let idiv = BuiltinFunction(
        "idiv", [Parameter("a"), Parameter("b")],
        doc: DocEntry("Floor division of Ints (Python's `//`; `//` starts a comment in Folio).", example: "idiv(-7, 2)   // -4")
    ) { arguments, _ in
        guard case .int(let a) = arguments.value(0) else { throw arguments.typeError(0, expected: "Int", got: arguments.value(0)) }
        guard case .int(let b) = arguments.value(1) else { throw arguments.typeError(1, expected: "Int", got: arguments.value(1)) }
        let remainder = try Value.apply(.remainder, .int(a), .int(b))
        guard case .int(let r) = remainder else { return remainder }
        let (quotient, overflow) = (a &- r).dividedReportingOverflow(by: b)
        if overflow { throw FolioError(.ValueError, "integer overflow: idiv(\(a), \(b)) does not fit in 64 bits") }
        return .int(quotient)
    }

    /// One-argument functions of a Double, with a domain check where the result would be NaN.
    static let elementary: [BuiltinFunction] = [
        unary("sqrt", "The square root.", domain: { $0 >= 0 }, Foundation.sqrt),
        unary("exp", "e raised to the power x.", Foundation.exp),
        unary("log", "The natural logarithm.", domain: { $0 > 0 }, Foundation.log),
        unary("log2", "The base-2 logarithm.", domain: { $0 > 0 }, Foundation.log2),
        unary("log10", "The base-10 logarithm.", domain: { $0 > 0 }, Foundation.log10),
        unary("sin", "The sine of an angle in radians.", Foundation.sin),
        unary("cos", "The cosine of an angle in radians.", Foundation.cos),
        unary("tan", "The tangent of an angle in radians.", Foundation.tan),
        unary("tanh", "The hyperbolic tangent.", Foundation.tanh),
        unary("atan", "The arc tangent, in radians.", Foundation.atan),
        unary("floor", "The largest whole number not above x (a Double).", Foundation.floor),
        unary("ceil", "The smallest whole number not below x (a Double).", Foundation.ceil),
    ]

    private static func unary(_ name: String, _ summary: String, domain: ((Double) -> Bool)? = nil,
                              _ function: @escaping (Double) -> Double) -> BuiltinFunction {
        BuiltinFunction(name, [Parameter("x")], doc: DocEntry(summary, example: "\(name)(1.0)   // \(Value.format(function(1.0)))")) { arguments, _ in
            let x = try arguments.double(0, default: 0)
            if let domain, !domain(x), !x.isNaN {
                throw FolioError(.ValueError, "\(name)(): \(Value.format(x)) is outside the function's domain")
            }
            return .double(function(x))
        }
    }
}
