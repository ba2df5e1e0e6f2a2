import Foundation
import FolioTensor

// The transformations of optax that Folio's optimisers are built from. Formulas follow PyTorch
// where it and optax differ (epsilon placement), so `Adam`/`SGD` match `torch.optim` step for step.

/// Multiplies updates by `factor`.
public func scale(_ factor: Double) -> GradientTransformation {
    GradientTransformation.stateless { update, _ in try update * factor }
}

/// Multiplies updates by `schedule` at the current step (optax `scale_by_schedule`).
public func scaleBySchedule(_ schedule: Schedule) -> GradientTransformation {
    GradientTransformation(initialize: { _ in TransformState() }) { updates, state, _ in
        let factor = schedule.value(state.count)
        state.count += 1
        return try updates.map { try $0 * factor }
    }
}

/// Descent by the learning rate: `scaleBySchedule(-schedule)`.
public func scaleByLearningRate(_ schedule: Schedule) -> GradientTransformation {
    scaleBySchedule(Schedule { -schedule.value($0) })
}

/// Adds `decay · param` to each update (L2 weight decay before the optimiser's preconditioning,
/// or AdamW's decoupled decay when placed after it; optax `add_decayed_weights`).
public func addDecayedWeights(_ decay: Double) -> GradientTransformation {
    GradientTransformation.stateless { update, param in
        decay == 0 ? update : try update + param * decay
    }
}

/// Scales all updates by `min(1, maxNorm / ‖updates‖)`, the norm taken over every tensor together
/// (Pascanu et al. 2013; optax `clip_by_global_norm`).
public func clipByGlobalNorm(_ maxNorm: Double) -> GradientTransformation {
    GradientTransformation(initialize: { _ in TransformState() }) { updates, _, _ in
        var squares = 0.0
        for update in updates { squares += try (update * update).sum().item().doubleValue }
        let norm = squares.squareRoot()
        guard norm > maxNorm else { return updates }
        let factor = maxNorm / norm
        return try updates.map { try $0 * factor }
    }
}

/// Momentum: `buffer = decay · buffer + update`; outputs the buffer, or `update + decay · buffer`
/// with Nesterov (PyTorch `SGD` momentum without dampening; optax `trace`).
public func traceMomentum(decay: Double, nesterov: Bool = false) -> GradientTransformation {
    GradientTransformation(initialize: { params in TransformState(slots: ["trace": zerosLike(params)]) }) { updates, state, _ in
        let previous = try state.slot("trace")
        let traces = try zip(previous, updates).map { try $0 * decay + $1 }
        state.slots["trace"] = traces
        state.count += 1
        guard nesterov else { return traces }
        return try zip(updates, traces).map { try $0 + $1 * decay }
    }
}

/// Adam's preconditioning `m̂ / (√v̂ + ε)` with bias-corrected moments (Kingma & Ba 2014,
/// arXiv:1412.6980; optax `scale_by_adam`).
public func scaleByAdam(beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8) -> GradientTransformation {
    GradientTransformation(initialize: { params in
        TransformState(slots: ["mu": zerosLike(params), "nu": zerosLike(params)])
    }) { updates, state, _ in
        let step = Double(state.count + 1)
        let firstMoments = try zip(try state.slot("mu"), updates).map { try $0 * beta1 + $1 * (1 - beta1) }
        let secondMoments = try zip(try state.slot("nu"), updates).map { try $0 * beta2 + ($1 * $1) * (1 - beta2) }
        state.slots["mu"] = firstMoments
        state.slots["nu"] = secondMoments
        state.count += 1
        let firstCorrection = 1 - pow(beta1, step)
        let secondCorrection = 1 - pow(beta2, step)
        return try zip(firstMoments, secondMoments).map { first, second in
            let denominator = try (second / secondCorrection).sqrt() + epsilon
            return try (first / firstCorrection) / denominator
        }
    }
}

/// RMSprop's `update / (√v + ε)` with `v = α v + (1 - α) update²` (Hinton's lecture 6e; PyTorch
/// `RMSprop`, ε outside the root).
public func scaleByRMS(decay: Double = 0.99, epsilon: Double = 1e-8) -> GradientTransformation {
    GradientTransformation(initialize: { params in TransformState(slots: ["nu": zerosLike(params)]) }) { updates, state, _ in
        let averages = try zip(try state.slot("nu"), updates).map { try $0 * decay + ($1 * $1) * (1 - decay) }
        state.slots["nu"] = averages
        state.count += 1
        return try zip(updates, averages).map { try $0 / ($1.sqrt() + epsilon) }
    }
}

/// Adagrad's `update / (√Σ update² + ε)` (Duchi et al. 2011; PyTorch `Adagrad`).
public func scaleByRSS(initialAccumulator: Double = 0, epsilon: Double = 1e-10) -> GradientTransformation {
    GradientTransformation(initialize: { params in
        TransformState(slots: ["sum": params.map { $0.fullLike(initialAccumulator) }])
    }) { updates, state, _ in
        let sums = try zip(try state.slot("sum"), updates).map { try $0 + $1 * $1 }
        state.slots["sum"] = sums
        state.count += 1
        return try zip(updates, sums).map { try $0 / ($1.sqrt() + epsilon) }
    }
}
