import FolioAutograd
import FolioRuntime
import FolioTensor

/// ZO-SGD: a gradient from DeepZero's estimators, then PyTorch's SGD with momentum and weight
/// decay (g ← ĝ + λθ; b ← g on the first step, else m·b + g; θ ← θ − η·b).
public final class ZerothOrderSGD {
    public enum Estimator: String, CaseIterable {
        case cge, rge, sparseCGE = "sparse_cge"
    }

    public let learningRate: Double
    public let momentum: Double
    public let weightDecay: Double
    public let mu: Double
    public let estimator: Estimator
    /// Directions per RGE step.
    public let q: Int
    /// Layer-wise gradient sparsity for `sparse_cge`, one ratio per block.
    public let ratios: [Double]
    private var generator: PhiloxGenerator
    private var buffers: [[Double]]?
    public private(set) var steps = 0
    /// Function queries made so far (the x-axis DeepZero compares methods on).
    public private(set) var queries = 0

    public init(learningRate: Double, momentum: Double, weightDecay: Double, mu: Double, estimator: Estimator,
                q: Int, ratios: [Double], seed: UInt64) {
        self.learningRate = learningRate
        self.momentum = momentum
        self.weightDecay = weightDecay
        self.mu = mu
        self.estimator = estimator
        self.q = q
        self.ratios = ratios
        generator = PhiloxGenerator(seed: seed)
    }

    /// One step from θ; returns the new θ and f(θ) (the estimator's base query).
    public func step(_ f: DeepZero.Objective, at theta: [[Double]]) throws -> (theta: [[Double]], loss: Double) {
        if let buffers, buffers.map(\.count) != theta.map(\.count) {
            throw FolioError(.ValueError, "ZOSGD.step: the parameters changed size since the last step")
        }
        guard ratios.count == theta.count else {
            throw FolioError(.ValueError, "ZOSGD.step: \(ratios.count) sparsity ratios for \(theta.count) parameters")
        }
        var base: Double?
        var count = 0
        let counted: DeepZero.Objective = { point in
            let value = try f(point)
            count += 1
            if base == nil { base = value }
            return value
        }
        let gradient: [[Double]]
        switch estimator {
        case .cge:
            gradient = try DeepZero.cge(counted, at: theta, mu: mu)
        case .rge:
            let directions = try DeepZero.gaussianDirections(sizes: theta.map(\.count), q: q, generator: &generator)
            gradient = try DeepZero.rge(counted, at: theta, directions: directions, mu: mu)
        case .sparseCGE:
            let masks = try DeepZero.randomMasks(sizes: theta.map(\.count), ratios: ratios, generator: &generator)
            gradient = try DeepZero.cge(counted, at: theta, mu: mu, masks: masks)
        }
        var next = theta
        var updated = buffers ?? []
        for block in theta.indices {
            let decayed = zip(gradient[block], theta[block]).map { $0 + weightDecay * $1 }
            let buffer = buffers.map { zip($0[block], decayed).map { momentum * $0 + $1 } } ?? decayed
            if buffers == nil { updated.append(buffer) } else { updated[block] = buffer }
            next[block] = zip(theta[block], buffer).map { $0 - learningRate * $1 }
        }
        buffers = momentum == 0 ? nil : updated
        steps += 1
        queries += count
        return (next, base ?? .nan)
    }
}

/// `deepzero.ZOSGD(params, ...)` in the language: `opt.step { loss }` queries the closure with
/// perturbed parameters (assigned to the parameter handles, so a model's forward sees them),
/// then writes the SGD update back; it returns the loss at the current parameters.
final class ZerothOrderSGDObject: NativeObject {
    let objects: [TensorObject]
    let optimizer: ZerothOrderSGD

    init(objects: [TensorObject], optimizer: ZerothOrderSGD) {
        self.objects = objects
        self.optimizer = optimizer
    }

    override var typeName: String { "ZOSGD" }

    override var memberNames: [String] { ["step", "params", "steps", "queries"] }

    override func member(named name: String) throws -> Value? {
        switch name {
        case "params": return .array(objects.map { .native($0) })
        case "steps": return .int(optimizer.steps)
        case "queries": return .int(optimizer.queries)
        case "step": return .function(stepMethod)
        default: return nil
        }
    }

    private var stepMethod: BuiltinFunction {
        let doc = DocEntry("step(closure) estimates the gradient from loss queries (no backward) and applies SGD; returns the loss before the step.",
                           example: "let w = param(tensor([1.0, -2.0]))\nlet opt = deepzero.ZOSGD([w], lr: 0.1, momentum: 0)\nopt.step { sum(w * w) }")
        return BuiltinFunction("step", [Parameter("closure")], doc: doc) { [self] arguments, context in
            let closure = arguments.value(0)
            return .double(try NNCall.run(context) { try step(closure, context) })
        }
    }

    private func step(_ closure: Value, _ context: CallContext) throws -> Double {
        let originals = objects.map(\.variable)
        let theta = originals.map { $0.value.toArray() }
        let install = { (blocks: [[Double]]) throws in
            for (index, object) in self.objects.enumerated() {
                let tensor = try Tensor(blocks[index], shape: originals[index].shape, dtype: originals[index].dtype)
                object.variable = Variable(tensor, requiresGrad: originals[index].requiresGrad)
            }
        }
        let objective: DeepZero.Objective = { blocks in
            try install(blocks)
            return try DeepZero.number(try noGrad { try context.call(closure, []) }, function: "ZOSGD.step")
        }
        do {
            let (next, loss) = try optimizer.step(objective, at: theta)
            try install(next)
            return loss
        } catch {
            for (object, original) in zip(objects, originals) { object.variable = original }
            throw error
        }
    }

    override var plainText: String {
        "ZOSGD(\(objects.count) parameters, \(optimizer.estimator.rawValue), lr: \(optimizer.learningRate), \(optimizer.steps) steps, \(optimizer.queries) queries)"
    }

    override var doc: DocEntry? {
        DocEntry("A zeroth-order SGD optimiser (DeepZero) over \(objects.count) parameters.",
                 details: "Members: step(closure), params, steps, queries.",
                 example: "let w = param(ones(2))\nlet opt = deepzero.ZOSGD([w])\nopt.step { sum(w * w) }")
    }
}
