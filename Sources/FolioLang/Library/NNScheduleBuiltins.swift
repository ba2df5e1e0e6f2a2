import FolioNN
import FolioRuntime

/// Learning-rate schedules, counted in optimiser updates (step 0 is the first). Pass one as
/// `lr:` to any transform; `s(t)` gives its value at step t.
enum NNScheduleBuiltins {
    typealias Argument = NNBuiltins.Argument

    static let all: [BuiltinFunction] = [stepSchedule, cosineSchedule, linearSchedule, warmupSchedule]

    private static func schedule(_ name: String, _ parameters: [Argument], _ doc: DocEntry,
                                 _ make: @escaping (BoundArguments) throws -> Schedule) -> BuiltinFunction {
        BuiltinFunction(name, parameters, doc: doc) { arguments, _ in
            .native(ScheduleObject(try make(arguments), description: NNOptimBuiltins.describe(arguments)))
        }
    }

    private static func steps(_ arguments: BoundArguments, _ index: Int) throws -> Int {
        let value = try arguments.int(index, default: 1)
        guard value >= 0 else { throw FolioError(.ValueError, "\(arguments.functionName)(): step counts must be non-negative, got \(value)") }
        return value
    }

    static let stepSchedule = schedule(
        "step_schedule", [Argument("lr"), Argument("step_size", .labelled), Argument("gamma", .labelled, defaultText: "0.1")],
        DocEntry("lr · gamma^⌊t / step_size⌋ (PyTorch's StepLR, counted in updates).",
                 example: "let s = step_schedule(0.1, step_size: 10)\ns(25)   // 0.001")
    ) { arguments in
        .step(try arguments.double(0, default: 0.1), stepSize: try steps(arguments, 1), gamma: try arguments.double(2, default: 0.1))
    }

    static let cosineSchedule = schedule(
        "cosine_schedule", [Argument("lr"), Argument("steps", .labelled), Argument("alpha", .labelled, defaultText: "0")],
        DocEntry("Cosine decay from lr to alpha · lr over `steps`, constant after (Loshchilov & Hutter 2016, without restarts).",
                 example: "let s = cosine_schedule(0.1, steps: 100)\ns(50)   // 0.05")
    ) { arguments in
        .cosine(try arguments.double(0, default: 0.1), steps: try steps(arguments, 1), alpha: try arguments.double(2, default: 0))
    }

    static let linearSchedule = schedule(
        "linear_schedule", [Argument("start"), Argument("end"), Argument("steps", .labelled)],
        DocEntry("A straight line from start to end over `steps`, constant after.",
                 example: "let s = linear_schedule(0.1, 0.0, steps: 10)\ns(5)")
    ) { arguments in
        .linear(from: try arguments.double(0, default: 0), to: try arguments.double(1, default: 0), steps: try steps(arguments, 2))
    }

    static let warmupSchedule = schedule(
        "warmup_schedule", [Argument("steps"), Argument("then")],
        DocEntry("A linear warm-up from 0 over `steps` updates, then `then` (a schedule or a number), started where the warm-up ends.",
                 example: "let s = warmup_schedule(10, cosine_schedule(0.1, steps: 90))\n[s(0), s(9), s(10)]")
    ) { arguments in
        let after: Schedule
        if case .native(let object as ScheduleObject)? = arguments[1] {
            after = object.schedule
        } else {
            after = .constant(try arguments.double(1, default: 0))
        }
        return .linearWarmup(try steps(arguments, 0), then: after)
    }
}
