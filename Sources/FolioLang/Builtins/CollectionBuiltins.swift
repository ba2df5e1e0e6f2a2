import FolioRuntime

/// Builtins over sequences: `range`, `map`, `filter`, `reduce`, `sorted`, `zip`, `enumerate`,
/// `keys`, `values`, `reversed`.
enum CollectionBuiltins {
    static let all: [BuiltinFunction] = [range, map, filter, reduce, sorted, zip, enumerate, keys, values, reversed]

    static let range = BuiltinFunction(
        "range", [Parameter("start"), Parameter("stop", defaultText: "nil"), Parameter("step", defaultText: "1")],
        doc: DocEntry("`range(n)` is `0..<n`; `range(a, b)` is `a..<b`; with a step, an array of Ints.",
                      example: "range(0, 10, 3)   // [0, 3, 6, 9]")
    ) { arguments, _ in
        let first = try arguments.int(0, default: 0)
        let stop = arguments[1].flatMap { $0.isNone ? nil : $0 }
        let (lower, upper) = try stop.map { value -> (Int, Int) in
            guard case .int(let integer) = value else { throw arguments.typeError(1, expected: "Int", got: value) }
            return (first, integer)
        } ?? (0, first)
        let step = try arguments.int(2, default: 1)
        if step == 1 { return .range(FolioRange(lower: lower, upper: upper, isClosed: false)) }
        return .array(try stepped(lower, upper, step))
    }

    private static func stepped(_ lower: Int, _ upper: Int, _ step: Int) throws -> [Value] {
        guard step != 0 else { throw FolioError(.ValueError, "range() step cannot be zero") }
        var values: [Value] = []
        var current = lower
        while step > 0 ? current < upper : current > upper {
            values.append(.int(current))
            if values.count > Value.maximumArrayCount { throw FolioError(.ValueError, "range() is too large to materialize") }
            let (next, overflow) = current.addingReportingOverflow(step)
            if overflow { break }
            current = next
        }
        return values
    }

    /// Accepts `(sequence, function)` and Python's `(function, sequence)` alike.
    private static func sequenceAndFunction(_ arguments: BoundArguments, _ name: String) throws -> ([Value], Value) {
        var sequence = arguments.value(0)
        var function = arguments.value(1)
        if case .function = sequence { swap(&sequence, &function) }
        return (try Sequences.require(sequence, for: name), function)
    }

    static let map = BuiltinFunction(
        "map", [Parameter("sequence"), Parameter("transform")],
        doc: DocEntry("Applies a function to every element, returning an array.", example: "map([1, 2]) { x in x * 10 }   // [10, 20]")
    ) { arguments, context in
        let (elements, function) = try sequenceAndFunction(arguments, "map")
        return .array(try elements.map { try context.call(function, [$0]) })
    }

    static let filter = BuiltinFunction(
        "filter", [Parameter("sequence"), Parameter("isIncluded")],
        doc: DocEntry("The elements for which the function returns true.", example: "filter(0..<6) { x in x % 2 == 0 }   // [0, 2, 4]")
    ) { arguments, context in
        let (elements, function) = try sequenceAndFunction(arguments, "filter")
        return .array(try elements.filter { element in
            let keep = try context.call(function, [element])
            guard case .bool(let flag) = keep else {
                throw FolioError(.TypeError, "filter(): the function must return a Bool, got \(keep.typeName)")
            }
            return flag
        })
    }

    static let reduce = BuiltinFunction(
        "reduce", [Parameter("sequence"), Parameter("initial"), Parameter("combine")],
        doc: DocEntry("Combines the elements from left to right, starting with `initial`.",
                      example: "reduce([1, 2, 3], 0) { acc, x in acc + x }   // 6")
    ) { arguments, context in
        var accumulator = arguments.value(1)
        for element in try Sequences.require(arguments.value(0), for: "reduce") {
            accumulator = try context.call(arguments.value(2), [accumulator, element])
        }
        return accumulator
    }

    static let sorted = BuiltinFunction(
        "sorted", [Parameter("sequence"), Parameter("by", .labelled, defaultText: "nil"),
                   Parameter("reverse", .labelled, defaultText: "false")],
        doc: DocEntry("A sorted array; `by:` gives an are-in-order function, `reverse: true` sorts descending.",
                      example: "sorted([3, 1, 2])   // [1, 2, 3]\nsorted([\"bb\", \"a\"], by: { a, b in len(a) < len(b) })   // [\"a\", \"bb\"]")
    ) { arguments, context in
        let elements = try Sequences.require(arguments.value(0), for: "sorted")
        var comparator: ((Value, Value) throws -> Bool)?
        if let function = arguments[1], !function.isNone {
            comparator = { a, b in
                let result = try context.call(function, [a, b])
                guard case .bool(let flag) = result else {
                    throw FolioError(.TypeError, "sorted(by:) must return a Bool, got \(result.typeName)")
                }
                return flag
            }
        }
        let result = try Sorting.sorted(elements, by: comparator)
        return .array(try arguments.bool(2, default: false) ? result.reversed() : result)
    }

    static let zip = BuiltinFunction(
        "zip", [Parameter("sequences", .variadic)],
        doc: DocEntry("Pairs up elements of several sequences, stopping at the shortest.", example: "zip([1, 2], [\"a\", \"b\"])   // [(1, \"a\"), (2, \"b\")]")
    ) { arguments, _ in
        let sequences = try arguments.variadic.map { try Sequences.require($0, for: "zip") }
        let count = sequences.map(\.count).min() ?? 0
        return .array((0..<count).map { index in Sequences.tuple(sequences.map { $0[index] }) })
    }

    static let enumerate = BuiltinFunction(
        "enumerate", [Parameter("sequence"), Parameter("start", .labelled, defaultText: "0")],
        doc: DocEntry("Pairs each element with its index.",
                      details: "Arrays, strings, dictionaries and ranges also have it as a method: xs.enumerated(start:).",
                      example: "enumerate([\"a\", \"b\"])   // [(0, \"a\"), (1, \"b\")]")
    ) { arguments, _ in
        let start = try arguments.int(1, default: 0)
        let elements = try Sequences.require(arguments.value(0), for: "enumerate")
        return .array(elements.enumerated().map { Sequences.tuple([.int(start &+ $0.offset), $0.element]) })
    }

    static let keys = BuiltinFunction(
        "keys", [Parameter("dictionary")], doc: DocEntry("The keys of a dictionary (or the field names of a record), in order.",
                                                        example: "keys([\"a\": 1, \"b\": 2])   // [\"a\", \"b\"]")
    ) { arguments, _ in
        switch arguments.value(0) {
        case .dictionary(let dictionary): return .array(dictionary.keys)
        case .record(let record): return .array(record.fields.map { .string($0) })
        case let other: throw arguments.typeError(0, expected: "a Dictionary or Record", got: other)
        }
    }

    static let values = BuiltinFunction(
        "values", [Parameter("dictionary")], doc: DocEntry("The values of a dictionary or record, in order.", example: "values((x: 1, y: 2))   // [1, 2]")
    ) { arguments, _ in
        switch arguments.value(0) {
        case .dictionary(let dictionary): return .array(dictionary.values)
        case .record(let record): return .array(record.values)
        case let other: throw arguments.typeError(0, expected: "a Dictionary or Record", got: other)
        }
    }

    static let reversed = BuiltinFunction(
        "reversed", [Parameter("sequence")], doc: DocEntry("The elements in reverse order, as an array.", example: "reversed(0..<3)   // [2, 1, 0]")
    ) { arguments, _ in
        .array(try Sequences.require(arguments.value(0), for: "reversed").reversed())
    }
}
