import Foundation
import FolioRuntime

/// Where one `fit` call is: FolioNN's `TrainingProgress` has no public initialiser, so the
/// language's loop reports with this twin, formatted the same way.
struct FitProgress {
    var epoch: Int
    var epochs: Int
    var batch: Int
    var batches: Int
    var loss: Double
    var isEpochEnd = false
    var validationLoss: Double?
    var validationAccuracy: Double?

    /// `epoch 3/10  batch 14/14  loss 0.2314  val_loss 0.251  val_acc 0.9312`.
    var line: String {
        var text = "epoch \(epoch + 1)/\(epochs)  batch \(batch + 1)/\(batches)  loss \(FitProgress.format(loss))"
        if let value = validationLoss { text += "  val_loss \(FitProgress.format(value))" }
        if let value = validationAccuracy { text += "  val_acc \(FitProgress.format(value))" }
        return text
    }

    static func format(_ value: Double) -> String {
        String((value * 10_000).rounded() / 10_000)
    }
}

/// The live progress of one `fit` call: one display, created at the start and updated in place
/// (`update_display_data` in notebooks), with a text bar for consoles and a small HTML bar.
///
/// Updates are throttled, because a console host (`folio run`) prints each one as a line and a
/// notebook frontend re-renders each; epoch ends and the final state are always shown.
final class TrainingProgressDisplay {
    private let host: SessionHost
    /// Fixed for this call, so every update replaces the same output.
    private let displayID = "folio-fit-" + UUID().uuidString
    private var lastUpdate = Date.distantPast
    private let interval: TimeInterval = 0.5
    private var shown = false

    init(host: SessionHost) {
        self.host = host
    }

    /// Shows `progress`; between epoch ends at most every `interval` seconds.
    func report(_ progress: FitProgress) {
        let now = Date()
        guard progress.isEpochEnd || now.timeIntervalSince(lastUpdate) >= interval else { return }
        lastUpdate = now
        show(TrainingProgressDisplay.bundle(progress, note: nil))
    }

    /// Notes an early stop on the last state shown (a finished run already showed its last epoch).
    func finish(_ progress: FitProgress?, interrupted: Bool) {
        guard let progress, interrupted else { return }
        show(TrainingProgressDisplay.bundle(progress, note: "interrupted — the model keeps its current weights"))
    }

    private func show(_ bundle: MimeBundle) {
        if shown {
            host.updateDisplay(bundle, displayID: displayID)
        } else {
            host.display(bundle, displayID: displayID)
            shown = true
        }
    }

    /// The fraction of all batches done.
    static func fraction(_ progress: FitProgress) -> Double {
        let perEpoch = Double(max(progress.batches, 1))
        let done = Double(progress.epoch) * perEpoch + Double(progress.batch + 1)
        return min(1, done / (perEpoch * Double(max(progress.epochs, 1))))
    }

    static func bundle(_ progress: FitProgress, note: String?) -> MimeBundle {
        let suffix = note.map { "  (\($0))" } ?? ""
        return ProgressBar.bundle(fraction: fraction(progress), text: progress.line + suffix)
    }
}
