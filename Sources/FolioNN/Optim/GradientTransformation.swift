import FolioTensor

/// The state a gradient transformation carries between steps: a step counter, named per-parameter
/// tensors (`"mu"`, `"nu"`, ...) and the states of inner transformations (for `chain`).
public struct TransformState {
    /// Steps taken so far (0 before the first update).
    public var count: Int
    /// Per-parameter tensors by name, each aligned with the parameter list.
    public var slots: [String: [Tensor]]
    /// The states of the transformations this one combines.
    public var inner: [TransformState]

    public init(count: Int = 0, slots: [String: [Tensor]] = [:], inner: [TransformState] = []) {
        (self.count, self.slots, self.inner) = (count, slots, inner)
    }

    /// The slot `name`, or an error naming it (a state built by another transformation).
    public func slot(_ name: String) throws -> [Tensor] {
        guard let values = slots[name] else { throw NNError.invalidArgument("optimiser state has no slot \"\(name)\"") }
        return values
    }
}

/// A composable gradient transformation in the style of optax (Babuschkin et al. 2020):
/// `initialize(params)` makes its state, `update(updates, &state, params)` maps incoming
/// updates (at first the gradients) to outgoing ones. `Optimizer` adds the final updates to the
/// parameters, so descent transforms end with a negative scale.
///
/// A new idea (gradient noise, a clipping rule, a preconditioner) is one more value of this
/// type, combined with the others by `chain`, without touching any optimiser.
public struct GradientTransformation {
    /// Makes the initial state for `params`.
    public let initialize: ([Tensor]) throws -> TransformState
    /// Transforms `updates` (aligned with `params`), advancing `state`.
    public let update: (_ updates: [Tensor], _ state: inout TransformState, _ params: [Tensor]) throws -> [Tensor]
    /// An optional fast path for `Optimizer`: the new parameters `params + update(gradients)`,
    /// advancing `state` exactly as `update` does, in one pass per parameter (state buffers
    /// updated in place when nothing else holds them), instead of one allocated tensor per
    /// intermediate. `Optimizer` calls `update` when it is `nil` or returns false.
    /// The optimisers built by `sgd`, `adam` and `adamw` provide it; `chain` does not.
    public let fusedStep: FusedStep?

    /// `fusedStep(gradients, &state, params, &newParams)`: on entry `newParams` holds one
    /// optional buffer per parameter that the step may write the new value into when it fits and
    /// nothing else holds it (`Optimizer` passes the values of two steps ago); on success it
    /// holds the new parameters and the step returns true. It returns false, touching neither
    /// `state` nor `newParams`, when it does not apply (dtypes, layouts), and does not throw once
    /// it has started changing `state`.
    public typealias FusedStep = (_ gradients: [Tensor], _ state: inout TransformState, _ params: [Tensor],
                                  _ newParams: inout [Tensor?]) throws -> Bool

    public init(initialize: @escaping ([Tensor]) throws -> TransformState,
                update: @escaping (_ updates: [Tensor], _ state: inout TransformState, _ params: [Tensor]) throws -> [Tensor]) {
        self.initialize = initialize
        self.update = update
        self.fusedStep = nil
    }

    /// This transformation with `fusedStep`, which must compute what `Optimizer` computes from
    /// `update` (see `fusedStep`).
    func withFusedStep(
        _ step: @escaping FusedStep) -> GradientTransformation {
        GradientTransformation(initialize: initialize, update: update, fusedStep: step)
    }

    private init(initialize: @escaping ([Tensor]) throws -> TransformState,
                 update: @escaping (_ updates: [Tensor], _ state: inout TransformState, _ params: [Tensor]) throws -> [Tensor],
                 fusedStep: FusedStep?) {
        self.initialize = initialize
        self.update = update
        self.fusedStep = fusedStep
    }

    /// A stateless transformation applying `map` to each (update, param) pair.
    public static func stateless(_ map: @escaping (Tensor, Tensor) throws -> Tensor) -> GradientTransformation {
        GradientTransformation(initialize: { _ in TransformState() }) { updates, _, params in
            try zip(updates, params).map { try map($0, $1) }
        }
    }
}

/// Applies `transforms` in order, each to the previous one's output (optax `chain`).
public func chain(_ transforms: [GradientTransformation]) -> GradientTransformation {
    GradientTransformation(initialize: { params in
        TransformState(inner: try transforms.map { try $0.initialize(params) })
    }) { updates, state, params in
        var current = updates
        for (index, transform) in transforms.enumerated() {
            current = try transform.update(current, &state.inner[index], params)
        }
        state.count += 1
        return current
    }
}

/// `chain` of the listed transformations.
public func chain(_ transforms: GradientTransformation...) -> GradientTransformation { chain(transforms) }

/// Zero-filled tensors shaped like `params` (first and second moment buffers).
func zerosLike(_ params: [Tensor]) -> [Tensor] { params.map { $0.zerosLike() } }
