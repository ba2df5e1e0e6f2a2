import FolioRuntime

/// `for x in sequence { }` over ranges, arrays, strings (characters) and dictionaries (keys, or
/// key and value with two names). Several names destructure records and pairs.
final class ForNode: Executable {
    let targets: [VariableTarget]
    let sequence: Evaluable
    let sequenceSpan: SourceSpan
    let body: [Executable]
    /// A one-statement body (the common case) runs through this field: calling through an array
    /// element retains and releases it on every iteration.
    let singleStatement: Executable

    init(targets: [VariableTarget], sequence: Evaluable, sequenceSpan: SourceSpan, body: [Executable]) {
        self.targets = targets
        self.sequence = sequence
        self.sequenceSpan = sequenceSpan
        self.body = body
        singleStatement = body.count == 1 ? body[0] : Executable()
    }

    @inline(__always)
    private func runBody(_ interpreter: Interpreter) throws -> Flow {
        if body.count == 1 { return try singleStatement.execute(interpreter) }
        return try interpreter.run(body)
    }

    override func execute(_ interpreter: Interpreter) throws -> Flow {
        let value = try sequence.evaluate(interpreter)
        switch value {
        case .range(let range) where targets.count == 1:
            return try iterate(range, interpreter)
        case .array(let elements):
            return try iterate(elements, interpreter)
        case .string(let text):
            return try iterate(text.map { .string(String($0)) }, interpreter)
        case .dictionary(let dictionary) where targets.count == 2:
            let pairs = zip(dictionary.keys, dictionary.values).map { Value.record(Record(fields: ["0", "1"], values: [$0, $1])) }
            return try iterate(pairs, interpreter)
        case .dictionary(let dictionary):
            return try iterate(dictionary.keys, interpreter)
        case .range(let range):
            return try iterate(try Sequences.require(value, for: "for"), interpreter)
        case .native(let progress as ProgressSequence):
            return try iterate(progress, interpreter)
        case .native(let object):
            guard let elements = try object.elements() else { break }
            return try iterate(elements, interpreter)
        default:
            break
        }
        throw FolioError(.TypeError, "cannot iterate over a value of type \(value.typeName)", span: sequenceSpan)
    }

    private func iterate(_ range: FolioRange, _ interpreter: Interpreter) throws -> Flow {
        let count = range.count
        var offset = 0
        let target = targets[0]
        while offset < count {
            interpreter.declare(.int(range.element(at: offset)), at: target, isConstant: true)
            switch try runBody(interpreter) {
            case .breakLoop: return .normal
            case .returnValue: return .returnValue
            case .normal, .continueLoop: break
            }
            try interpreter.checkInterrupt(at: sequenceSpan)
            offset &+= 1
        }
        return .normal
    }

    private func iterate(_ elements: [Value], _ interpreter: Interpreter) throws -> Flow {
        // An index loop hands each element to `bind` as its own copy, which moves into the variable.
        var index = 0
        let count = elements.count
        while index < count {
            try bind(elements[index], interpreter)
            index &+= 1
            switch try runBody(interpreter) {
            case .breakLoop: return .normal
            case .returnValue: return .returnValue
            case .normal, .continueLoop: break
            }
            try interpreter.checkInterrupt(at: sequenceSpan)
        }
        return .normal
    }

    /// A loop over `progress(seq)`: the bar advances after each visit and stays where the loop left.
    private func iterate(_ progress: ProgressSequence, _ interpreter: Interpreter) throws -> Flow {
        let loop = ProgressLoop(host: interpreter.host, total: progress.items.count, label: progress.label)
        var done = 0
        defer { loop.stop(at: done) }
        loop.advance(to: 0)
        for element in progress.items {
            try bind(element, interpreter)
            let flow = try runBody(interpreter)
            done += 1
            loop.advance(to: done)
            switch flow {
            case .breakLoop: return .normal
            case .returnValue: return .returnValue
            case .normal, .continueLoop: break
            }
            try interpreter.checkInterrupt(at: sequenceSpan)
        }
        return .normal
    }

    private func bind(_ element: consuming Value, _ interpreter: Interpreter) throws {
        if targets.count == 1 {
            interpreter.declare(element, at: targets[0], isConstant: true)
            return
        }
        let parts: [Value]
        switch element {
        case .record(let record): parts = record.values
        case .array(let values): parts = values
        default:
            throw FolioError(.TypeError, "cannot unpack a \(element.typeName) into \(targets.count) loop variables", span: sequenceSpan)
        }
        guard parts.count == targets.count else {
            throw FolioError(.ValueError, "cannot unpack \(parts.count) values into \(targets.count) loop variables", span: sequenceSpan)
        }
        for (target, part) in zip(targets, parts) {
            interpreter.declare(part, at: target, isConstant: true)
        }
    }
}
