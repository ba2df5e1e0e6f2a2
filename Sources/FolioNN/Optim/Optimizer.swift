import FolioAutograd
import FolioTensor

/// Binds a `GradientTransformation` to parameters: `step(loss)` runs backward, transforms the
/// gradients, adds the updates to the parameters and clears the gradients.
///
/// Frozen parameters (`requiresGrad == false`) are left out. A parameter that got no gradient
/// (unused in this loss) counts as a zero gradient, as in optax, so stateful transforms still
/// advance consistently.
public class Optimizer {
    /// The parameters being trained, in order.
    public let parameters: [Parameter]
    /// The update rule.
    public let transform: GradientTransformation
    /// The rule's state (moments, step count).
    public private(set) var state: TransformState
    /// The number of steps taken.
    public private(set) var stepCount = 0
    /// The parameter values the last fused step replaced: once the graphs that used them are
    /// gone, the next step writes into them instead of allocating (double buffering).
    private var recycledValues: [Tensor?] = []

    public init(_ parameters: [Parameter], _ transform: GradientTransformation) throws {
        var seen = Set<ObjectIdentifier>()
        self.parameters = parameters.filter { $0.requiresGrad && seen.insert(ObjectIdentifier($0)).inserted }
        self.transform = transform
        state = try transform.initialize(self.parameters.map { $0.value })
    }

    /// `loss.backward()`, then `step()`.
    public func step(_ loss: Variable) throws {
        guard loss.count == 1 else {
            throw NNError.shapeMismatch(layer: "Optimizer.step", expected: "a scalar loss", got: loss.shape)
        }
        try loss.backward()
        try step()
    }

    /// Applies the transformation to the current gradients and clears them (each parameter
    /// becomes a fresh leaf). Nothing is assigned unless every update has its parameter's shape.
    public func step() throws {
        let values = parameters.map { $0.value }
        let gradients = parameters.map { $0.grad ?? $0.value.zerosLike() }
        // The fused path advances `state` in place (so its buffers can be updated in place) and
        // writes the new values into the buffers of two steps ago when nothing holds them any more.
        if let fusedStep = transform.fusedStep {
            var newValues = recycledValues
            recycledValues = []
            if newValues.count != parameters.count { newValues = Array(repeating: nil, count: parameters.count) }
            if try fusedStep(gradients, &state, values, &newValues) {
                for (parameter, value) in zip(parameters, newValues) {
                    guard let value else { throw NNError.invalidArgument("the optimiser's fused step left a parameter without a value") }
                    try parameter.assign(value)
                }
                recycledValues = values
                stepCount += 1
                return
            }
        }
        var newState = state
        let updates = try transform.update(gradients, &newState, values)
        guard updates.count == parameters.count,
              zip(updates, values).allSatisfy({ $0.shape == $1.shape }) else {
            throw NNError.invalidArgument("the optimiser's transformation returned updates whose shapes differ from the parameters'")
        }
        let newValues = try zip(values, updates).map { try ($0 + $1).cast(to: $0.dtype) }
        for (parameter, value) in zip(parameters, newValues) { try parameter.assign(value) }
        state = newState
        stepCount += 1
    }

    /// Clears every parameter's gradient.
    public func zeroGrad() {
        for parameter in parameters { parameter.zeroGrad() }
    }
}

/// `Optimizer(params, sgd(lr, ...))`.
public final class SGD: Optimizer {
    public init(_ parameters: [Parameter], lr: Double, momentum: Double = 0, nesterov: Bool = false,
                weightDecay: Double = 0) throws {
        try super.init(parameters, sgd(lr, momentum: momentum, nesterov: nesterov, weightDecay: weightDecay))
    }
}

/// `Optimizer(params, adam(lr, ...))`.
public final class Adam: Optimizer {
    public init(_ parameters: [Parameter], lr: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999,
                epsilon: Double = 1e-8, weightDecay: Double = 0) throws {
        try super.init(parameters, adam(lr, beta1: beta1, beta2: beta2, epsilon: epsilon, weightDecay: weightDecay))
    }
}

/// `Optimizer(params, adamw(lr, ...))`.
public final class AdamW: Optimizer {
    public init(_ parameters: [Parameter], lr: Double = 1e-3, weightDecay: Double = 0.01) throws {
        try super.init(parameters, adamw(lr, weightDecay: weightDecay))
    }
}
