import FolioAutograd
import FolioTensor

/// A loss taking the model's output and the batch targets.
public typealias LossFunction = (_ output: Variable, _ target: Variable) throws -> Variable

/// Trains `model` on `(x, y)` for `epochs`, one optimiser step per mini-batch, and returns the
/// per-epoch history.
///
/// Progress goes to `progress` after every batch and at each epoch's end (the kernel turns it into
/// an updating display). Between batches `fit` polls `cancellation` (default: the task's
/// `TensorCancellation.current`); an interrupt — there or inside a kernel — ends training
/// cleanly: the current batch's step is either fully applied or not at all, the model keeps its
/// weights, and the history comes back with `interrupted == true`.
public func fit(_ model: Module, _ x: Tensor, _ y: Tensor, loss: LossFunction, optimizer: Optimizer,
                epochs: Int, batchSize: Int = 32, shuffle: Bool = true, seed: UInt64 = 0,
                validation: (x: Tensor, y: Tensor)? = nil, cancellation: TensorCancellation? = nil,
                progress: ((TrainingProgress) -> Void)? = nil) throws -> History {
    guard epochs >= 0 else { throw NNError.invalidArgument("epochs must be non-negative, got \(epochs)") }
    let token = cancellation ?? TensorCancellation.current
    var history = History()
    model.train()
    defer { model.train() }
    do {
        for epoch in 0..<epochs {
            let batchList = try batches(x, y, size: batchSize, shuffle: shuffle, seed: seed &+ UInt64(epoch))
            var total = 0.0, seen = 0
            for (index, batch) in batchList.enumerated() {
                if token?.isCancelled == true { history.interrupted = true; return history }
                let value = try trainStep(model, batch, loss: loss, optimizer: optimizer)
                total += value * Double(batch.x.shape[0])
                seen += batch.x.shape[0]
                progress?(TrainingProgress(epoch: epoch, epochs: epochs, batch: index, batches: batchList.count,
                                           loss: total / Double(seen), isEpochEnd: false, validationLoss: nil,
                                           validationAccuracy: nil))
            }
            history.loss.append(total / Double(Swift.max(seen, 1)))
            let scores = try validation.map { try evaluate(model, $0.x, $0.y, loss: loss) }
            if let scores = scores {
                history.validationLoss.append(scores.loss)
                if let accuracy = scores.accuracy { history.validationAccuracy.append(accuracy) }
            }
            progress?(TrainingProgress(epoch: epoch, epochs: epochs, batch: batchList.count - 1, batches: batchList.count,
                                       loss: history.loss[epoch], isEpochEnd: true, validationLoss: scores?.loss,
                                       validationAccuracy: scores?.accuracy))
        }
    } catch TensorError.interrupted {
        history.interrupted = true
    }
    return history
}

/// One optimiser step on a batch; returns the batch loss.
private func trainStep(_ model: Module, _ batch: (x: Tensor, y: Tensor), loss: LossFunction,
                       optimizer: Optimizer) throws -> Double {
    let output = try model(Variable(batch.x))
    let value = try loss(output, Variable(batch.y))
    try optimizer.step(value)
    return try value.item()
}

/// The model's loss on `(x, y)` in evaluation mode without gradients, and its accuracy when `y`
/// holds class indices (`i64`) and the output is `(N, classes)` scores. The mode is restored.
public func evaluate(_ model: Module, _ x: Tensor, _ y: Tensor,
                     loss: LossFunction) throws -> (loss: Double, accuracy: Double?) {
    let wasTraining = model.isTraining
    model.eval()
    defer { model.train(wasTraining) }
    return try noGrad {
        let output = try model(Variable(x))
        let value = try loss(output, Variable(y)).item()
        guard y.dtype == .i64, output.rank == 2, y.rank == 1 else { return (value, nil) }
        let predicted = try output.value.argmax(axis: 1)
        let correct = try (predicted .== y).cast(to: .f64).sum().item().doubleValue
        return (value, correct / Double(Swift.max(y.shape[0], 1)))
    }
}
