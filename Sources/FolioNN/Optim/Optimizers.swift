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
    return chain(parts)
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
