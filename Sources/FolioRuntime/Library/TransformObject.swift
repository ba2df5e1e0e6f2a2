import FolioNN

/// A gradient transformation (`adam(lr: 1e-3)`, `clip_by_global_norm(1.0)`, `chain(...)`) as a
/// language value; `Optimizer(params, t)` binds it to parameters.
public final class TransformObject: NativeObject {
    public let transform: GradientTransformation
    /// How it was made, for display: `chain(clip_by_global_norm(1.0), adam(lr: 0.01))`.
    public let description: String

    public init(_ transform: GradientTransformation, description: String) {
        self.transform = transform
        self.description = description
    }

    public override var typeName: String { "Transform" }

    public override var plainText: String { description }

    public override var doc: DocEntry? {
        DocEntry("A gradient transformation: \(description). Bind it to parameters with Optimizer(params, t).",
                 example: "let t = chain(clip_by_global_norm(1.0), adam(lr: 1e-3))\nlet opt = Optimizer(Linear(2, 1).params, t)")
    }
}

/// A learning-rate schedule (`cosine_schedule(0.1, steps: 100)`): a value per optimiser step.
/// Transforms take it wherever they take `lr:`; calling it gives the value at a step.
public final class ScheduleObject: NativeObject {
    public let schedule: Schedule
    public let description: String

    public init(_ schedule: Schedule, description: String) {
        self.schedule = schedule
        self.description = description
    }

    public override var typeName: String { "Schedule" }

    public override var plainText: String { description }

    public override var callable: FunctionObject? {
        BuiltinFunction(description, [Parameter("step")], doc: DocEntry("The schedule's value at a step (0 for the first update).")) { [schedule] arguments, _ in
            .double(schedule.value(try arguments.int(0, default: 0)))
        }
    }

    public override var doc: DocEntry? {
        DocEntry("A schedule: \(description). Pass it as lr: to a transform; s(t) is its value at step t.",
                 example: "let s = cosine_schedule(0.1, steps: 100)\ns(50)")
    }
}
