import FolioAutograd
import FolioNN
import FolioTensor

/// `Optimizer(params, transform)`: a gradient transformation bound to the language's parameter
/// tensors. `opt.step(loss)` runs backward, the update and the zeroing; `opt.step()` only the
/// update; `opt.zero_grad()` clears the gradients.
///
/// The parameters are tensor objects (a layer's handles or `param(t)` tensors), whose leaves the
/// language replaces freely; FolioNN's `Optimizer` works on `Parameter`s. So each tensor gets a
/// shadow `Parameter` that takes its value and gradient before a step and hands the new leaf
/// back after it: the update rule, its state and its all-or-nothing check stay FolioNN's.
public final class OptimizerObject: NativeObject {
    public let objects: [TensorObject]
    private let shadows: [FolioNN.Parameter]
    private let optimizer: FolioNN.Optimizer
    private let transformDescription: String

    /// - Throws: a ValueError when a tensor does not require grad (it could never be trained).
    public init(_ objects: [TensorObject], _ transform: TransformObject) throws {
        var seen = Set<ObjectIdentifier>()
        let unique = objects.filter { seen.insert(ObjectIdentifier($0)).inserted }
        if let index = unique.firstIndex(where: { !$0.variable.requiresGrad || !$0.variable.isLeaf }) {
            throw FolioError(.ValueError, "Optimizer: parameter \(index) (shape \(formatShape(unique[index].variable.shape))) is not a leaf that requires grad; make it with param(t) or t.requires_grad()")
        }
        self.objects = unique
        let shadows = unique.map { FolioNN.Parameter($0.variable.value) }
        self.shadows = shadows
        optimizer = try NNCall.mapping { try FolioNN.Optimizer(shadows, transform.transform) }
        transformDescription = transform.description
    }

    public override var typeName: String { "Optimizer" }

    public var stepCount: Int { optimizer.stepCount }

    /// `loss.backward()` then `step()`.
    public func step(_ loss: Variable) throws {
        guard loss.count == 1 else {
            throw FolioError(.ShapeError, "Optimizer.step: the loss must be a scalar, got shape \(formatShape(loss.shape))")
        }
        try loss.backward()
        try step()
    }

    /// Applies the transformation to the current gradients and clears them; nothing changes when
    /// it fails. A parameter without a gradient (unused by this loss) counts as a zero gradient.
    public func step() throws {
        for (shadow, object) in zip(shadows, objects) {
            let gradient = object.variable.grad
            try shadow.assign(object.variable.value)
            shadow.grad = gradient
        }
        try optimizer.step()
        for (shadow, object) in zip(shadows, objects) { object.variable = shadow.variable }
    }

    public func zeroGrad() {
        for object in objects { object.variable.zeroGrad() }
    }

    public override var memberNames: [String] { ["step", "zero_grad", "params", "steps"] }

    public override func member(named name: String) throws -> Value? {
        switch name {
        case "params": return .array(objects.map { .native($0) })
        case "steps": return .int(stepCount)
        case "step": return .function(stepMethod)
        case "zero_grad":
            return .function(BuiltinFunction("zero_grad", [], doc: DocEntry("Clears the gradients of the parameters.")) { [self] _, _ in
                zeroGrad()
                return .none
            })
        default: return nil
        }
    }

    private var stepMethod: BuiltinFunction {
        let doc = DocEntry("step(loss) runs loss.backward(), updates the parameters and clears their gradients; step() only updates.",
                           example: "let w = param(ones(2))\nlet opt = Optimizer([w], sgd(lr: 0.1))\nopt.step(sum(w * w))\nw")
        return BuiltinFunction("step", [Parameter("loss", defaultText: "nil")], doc: doc) { [self] arguments, context in
            let loss = try arguments.optionalVariable(0)
            try NNCall.run(context) { try loss.map(step) ?? step() }
            return .none
        }
    }

    public override var plainText: String {
        "Optimizer(\(objects.count) parameters, \(transformDescription), \(stepCount) steps)"
    }

    public override var doc: DocEntry? {
        DocEntry("An optimiser over \(objects.count) parameters using \(transformDescription).",
                 details: "Members: step(loss), step(), zero_grad(), params, steps.",
                 example: "let w = param(ones(2))\nlet opt = Optimizer([w], adam(lr: 0.1))\nopt.step(sum(w * w))")
    }
}

extension OptimizerObject {
    /// The tensors to train in `value`: a tensor, a layer or model (its parameters), or an array of
    /// those — what `Optimizer(params, ...)` and every paper's optimiser accept as `params`.
    public static func trainableTensors(in value: Value, for function: String) throws -> [TensorObject] {
        switch value {
        case .native(let tensor as TensorObject): return [tensor]
        case .native(let object): return try object.parameterValues.flatMap { try trainableTensors(in: $0, for: function) }
        case .array(let items): return try items.flatMap { try trainableTensors(in: $0, for: function) }
        default: throw FolioError(.TypeError, "\(function): params must be tensors, layers or an array of them (net.params), got \(value.typeName)")
        }
    }
}
