import Foundation
import FolioTensor

// The classic optimisers as chains of transformations (optax's `alias.py`). Each takes a constant
// learning rate or a `Schedule`; PyTorch's default hyper-parameters.

/// Stochastic gradient descent with optional momentum and Nesterov momentum (PyTorch `SGD`;
/// `weightDecay` is L2 added to the gradient before momentum, as PyTorch).
public func sgd(_ learningRate: Schedule, momentum: Double = 0, nesterov: Bool = false,
                weightDecay: Double = 0) -> GradientTransformation {
    var parts = [addDecayedWeights(weightDecay)]
    if momentum != 0 { parts.append(traceMomentum(decay: momentum, nesterov: nesterov)) }
    parts.append(scaleByLearningRate(learningRate))
    // The fused step advances the states exactly as the chain does: the momentum's and the
    // schedule's counts, and the chain's own.
    let scheduleIndex = parts.count - 1
    return chain(parts).withFusedStep { gradients, state, params, newParams in
        // (No binding keeps the buffers: a second holder would stop their in-place update.)
        guard state.inner.count == parts.count,
              newParams.count == params.count,
              momentum == 0 ? FusedUpdate.applies(params, gradients, buffers: [])
                : state.inner[1].slots["trace"].map({ FusedUpdate.applies(params, gradients, buffers: [$0]) }) ?? false
        else { return false }
        var settings = FusedUpdate.SGDSettings(weightDecay: weightDecay, momentum: momentum, nesterov: nesterov, factor: 0)
        settings.factor = -learningRate.value(state.inner[scheduleIndex].count)
        if momentum == 0 {
            for index in params.indices {
                try FusedUpdate.sgd(param: params[index], gradient: gradients[index], into: &newParams[index], settings)
            }
        } else {
            // Taken out of the state so that the array (and each buffer) has one holder.
            var buffers = state.inner[1].slots.removeValue(forKey: "trace") ?? []
            for index in params.indices {
                try FusedUpdate.sgd(param: params[index], gradient: gradients[index], trace: &buffers[index],
                                    into: &newParams[index], settings)
            }
            state.inner[1].slots["trace"] = buffers
            state.inner[1].count += 1
        }
        state.inner[scheduleIndex].count += 1
        state.count += 1
        return true
    }
}

public func sgd(_ learningRate: Double, momentum: Double = 0, nesterov: Bool = false,
                weightDecay: Double = 0) -> GradientTransformation {
    sgd(.constant(learningRate), momentum: momentum, nesterov: nesterov, weightDecay: weightDecay)
}

/// Adam (Kingma & Ba 2014), PyTorch's defaults; `weightDecay` is L2 on the gradient as
/// `torch.optim.Adam` (use `adamw` for decoupled decay).
public func adam(_ learningRate: Schedule, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
                 weightDecay: Double = 0) -> GradientTransformation {
    chain(addDecayedWeights(weightDecay), scaleByAdam(beta1: beta1, beta2: beta2, epsilon: epsilon),
          scaleByLearningRate(learningRate))
        .withFusedStep(fusedAdamStep(learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon,
                                     weightDecay: weightDecay, decoupled: false))
}

public func adam(_ learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
                 weightDecay: Double = 0) -> GradientTransformation {
    adam(.constant(learningRate), beta1: beta1, beta2: beta2, epsilon: epsilon, weightDecay: weightDecay)
}

/// AdamW: Adam with decoupled weight decay `lr · decay · param` (Loshchilov & Hutter 2017,
/// arXiv:1711.05101); PyTorch's default decay 0.01.
public func adamw(_ learningRate: Schedule, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
                  weightDecay: Double = 0.01) -> GradientTransformation {
    chain(scaleByAdam(beta1: beta1, beta2: beta2, epsilon: epsilon), addDecayedWeights(weightDecay),
          scaleByLearningRate(learningRate))
        .withFusedStep(fusedAdamStep(learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon,
                                     weightDecay: weightDecay, decoupled: true))
}

/// The fused step of `adam` (`decoupled: false`, states: decay, Adam, schedule) and `adamw`
/// (`decoupled: true`, states: Adam, decay, schedule), advancing the states as the chain does.
private func fusedAdamStep(_ learningRate: Schedule, beta1: Double, beta2: Double, epsilon: Double,
                           weightDecay: Double, decoupled: Bool)
    -> GradientTransformation.FusedStep {
    let adamIndex = decoupled ? 0 : 1
    return { gradients, state, params, newParams in
        // (No binding keeps the moments: a second holder would stop their in-place update.)
        guard state.inner.count == 3, fusedAdamApplies(params, gradients, state.inner[adamIndex]),
              newParams.count == params.count else { return false }
        let step = Double(state.inner[adamIndex].count + 1)
        let settings = FusedUpdate.AdamSettings(
            weightDecay: weightDecay, decoupled: decoupled, beta1: beta1, beta2: beta2, epsilon: epsilon,
            firstCorrection: 1 - pow(beta1, step), secondCorrection: 1 - pow(beta2, step),
            factor: -learningRate.value(state.inner[2].count))
        // Taken out of the state so that each array (and each buffer) has one holder.
        var mu = state.inner[adamIndex].slots.removeValue(forKey: "mu") ?? []
        var nu = state.inner[adamIndex].slots.removeValue(forKey: "nu") ?? []
        for index in params.indices {
            try FusedUpdate.adam(param: params[index], gradient: gradients[index], mu: &mu[index], nu: &nu[index],
                                 into: &newParams[index], settings)
        }
        state.inner[adamIndex].slots["mu"] = mu
        state.inner[adamIndex].slots["nu"] = nu
        state.inner[adamIndex].count += 1
        state.inner[2].count += 1
        state.count += 1
        return true
    }
}

public func adamw(_ learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
                  weightDecay: Double = 0.01) -> GradientTransformation {
    adamw(.constant(learningRate), beta1: beta1, beta2: beta2, epsilon: epsilon, weightDecay: weightDecay)
}

/// RMSprop (PyTorch's defaults α = 0.99, ε = 1e-8), optionally with momentum.
public func rmsprop(_ learningRate: Double = 1e-2, decay: Double = 0.99, epsilon: Double = 1e-8,
                    momentum: Double = 0) -> GradientTransformation {
    var parts = [scaleByRMS(decay: decay, epsilon: epsilon)]
    if momentum != 0 { parts.append(traceMomentum(decay: momentum)) }
    parts.append(scaleByLearningRate(.constant(learningRate)))
    return chain(parts)
}

/// Adagrad (PyTorch's defaults).
public func adagrad(_ learningRate: Double = 1e-2, initialAccumulator: Double = 0,
                    epsilon: Double = 1e-10) -> GradientTransformation {
    chain(scaleByRSS(initialAccumulator: initialAccumulator, epsilon: epsilon), scaleByLearningRate(.constant(learningRate)))
}

/// True when the fused Adam loop handles these parameters, gradients and moments.
private func fusedAdamApplies(_ params: [Tensor], _ gradients: [Tensor], _ state: TransformState) -> Bool {
    guard let firstMoments = state.slots["mu"], let secondMoments = state.slots["nu"] else { return false }
    return FusedUpdate.applies(params, gradients, buffers: [firstMoments, secondMoments])
}
