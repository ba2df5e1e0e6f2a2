/// What `fit` records: one entry per finished epoch.
public struct History: Equatable, Sendable {
    /// The mean training loss of each epoch (weighted by batch size).
    public var loss: [Double] = []
    /// The validation loss after each epoch (empty without validation data).
    public var validationLoss: [Double] = []
    /// The validation accuracy after each epoch, for classifiers (integer targets).
    public var validationAccuracy: [Double] = []
    /// True when an interrupt stopped training early; the model keeps its last weights.
    public var interrupted = false

    public init() {}

    /// The number of completed epochs.
    public var epochs: Int { loss.count }
}

/// A progress report from `fit`, sent after every batch and at the end of every epoch.
public struct TrainingProgress: Sendable {
    /// The epoch (0-based) and the number of epochs.
    public let epoch: Int
    public let epochs: Int
    /// The batch (0-based) within the epoch and the number of batches.
    public let batch: Int
    public let batches: Int
    /// The running mean loss of this epoch so far.
    public let loss: Double
    /// True on the report that closes an epoch (then validation numbers are filled in).
    public let isEpochEnd: Bool
    public let validationLoss: Double?
    public let validationAccuracy: Double?

    /// A one-line summary, e.g. `epoch 3/10  batch 14/14  loss 0.2314  val_loss 0.2510  val_acc 0.9312`.
    public var line: String {
        var text = "epoch \(epoch + 1)/\(epochs)  batch \(batch + 1)/\(batches)  loss \(format(loss))"
        if let value = validationLoss { text += "  val_loss \(format(value))" }
        if let value = validationAccuracy { text += "  val_acc \(format(value))" }
        return text
    }

    private func format(_ value: Double) -> String {
        let rounded = (value * 10_000).rounded() / 10_000
        return String(rounded)
    }
}
