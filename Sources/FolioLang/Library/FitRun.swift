import FolioAutograd
import FolioNN
import FolioRuntime
import FolioTensor

/// One `fit(...)` call: mini-batch training of any callable model (a layer, a declared model, a
/// function) with any loss function and an `Optimizer`, written in the language's terms because
/// FolioNN's `fit` knows only native modules and native losses.
///
/// An interrupt between batches, or inside one, ends training cleanly: an optimiser step is
/// all or nothing, so the model keeps the weights of the last finished step, and the history
/// says `interrupted: true`.
struct FitRun {
    let model: Value
    let loss: Value
    let optimizer: OptimizerObject
    let context: CallContext
    let data: (x: Tensor, y: Tensor)
    let validation: (x: Tensor, y: Tensor)?
    let epochs: Int
    let batchSize: Int
    let shuffle: Bool
    let seed: UInt64
    let display: TrainingProgressDisplay?

    private struct Stopped: Error {}

    func run() throws -> History {
        var history = History()
        var last: FitProgress?
        setTraining(true)
        defer { setTraining(true) }
        do {
            for epoch in 0..<epochs {
                var progress = try trainEpoch(epoch, &last)
                history.loss.append(progress.loss)
                if let validation {
                    let scores = try evaluate(validation.x, validation.y)
                    history.validationLoss.append(scores.loss)
                    if let accuracy = scores.accuracy { history.validationAccuracy.append(accuracy) }
                    (progress.validationLoss, progress.validationAccuracy) = (scores.loss, scores.accuracy)
                }
                progress.isEpochEnd = true
                last = progress
                display?.report(progress)
            }
        } catch is Stopped {
            history.interrupted = true
        } catch let error as FolioError where error.kind == .Interrupted {
            history.interrupted = true
        }
        display?.finish(last, interrupted: history.interrupted)
        return history
    }

    /// One pass over shuffled batches; returns the epoch's progress with its mean loss.
    private func trainEpoch(_ epoch: Int, _ last: inout FitProgress?) throws -> FitProgress {
        let list = try NNCall.mapping { try batches(data.x, data.y, size: batchSize, shuffle: shuffle, seed: seed &+ UInt64(epoch)) }
        var total = 0.0, seen = 0
        var progress = FitProgress(epoch: epoch, epochs: epochs, batch: 0, batches: list.count, loss: 0)
        for (index, batch) in list.enumerated() {
            if context.interruptFlag.isRequested {
                context.interruptFlag.clear()
                throw Stopped()
            }
            let value = try step(batch)
            total += value * Double(batch.x.shape[0])
            seen += batch.x.shape[0]
            progress.batch = index
            progress.loss = total / Double(max(seen, 1))
            last = progress
            display?.report(progress)
        }
        return progress
    }

    /// Forward, loss, backward and update on one batch; returns the batch loss.
    private func step(_ batch: (x: Tensor, y: Tensor)) throws -> Double {
        let output = try context.call(model, [TensorConversion.wrap(Variable(batch.x))])
        let value = try lossVariable(output, batch.y)
        try NNCall.run(context) { try optimizer.step(value) }
        return try NNCall.mapping { try value.item() }
    }

    private func lossVariable(_ output: Value, _ target: Tensor) throws -> Variable {
        try FitRun.lossVariable(loss, output, target, context)
    }

    private func evaluate(_ x: Tensor, _ y: Tensor) throws -> (loss: Double, accuracy: Double?) {
        try FitRun.evaluate(model: model, loss: loss, x, y, context)
    }

    private func setTraining(_ mode: Bool) { FitRun.setTraining(model, mode) }

    static func lossVariable(_ loss: Value, _ output: Value, _ target: Tensor, _ context: CallContext) throws -> Variable {
        let value = try context.call(loss, [output, TensorConversion.wrap(Variable(target))])
        return try TensorConversion.variable(value, name: "fit(loss:) result")
    }

    /// Loss and (for class-index targets) accuracy in evaluation mode, without gradients.
    static func evaluate(model: Value, loss: Value, _ x: Tensor, _ y: Tensor,
                         _ context: CallContext) throws -> (loss: Double, accuracy: Double?) {
        setTraining(model, false)
        defer { setTraining(model, true) }
        return try noGrad {
            let output = try context.call(model, [TensorConversion.wrap(Variable(x))])
            let value = try lossVariable(loss, output, y, context)
            let outputTensor = try TensorConversion.variable(output, name: "model output").value
            let accuracy = try NNTrainingBuiltins.classAccuracy(outputTensor, y)
            return (try NNCall.mapping { try value.item() }, accuracy)
        }
    }

    /// Dropout and batch norm follow the mode; a model that is not a layer has none.
    private static func setTraining(_ model: Value, _ mode: Bool) {
        if case .native(let object as ModuleObject) = model { object.module.train(mode) }
    }
}
