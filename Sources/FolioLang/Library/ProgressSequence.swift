import Foundation
import FolioRuntime

/// `progress(seq)`: the elements of `seq`, with a progress bar that `for` updates as it visits
/// them (one display, replaced in place in notebooks; a throttled line per update in consoles).
final class ProgressSequence: NativeObject {
    let items: [Value]
    let label: String?

    init(items: [Value], label: String?) {
        self.items = items
        self.label = label
        super.init()
    }

    override var typeName: String { "Progress" }
    override var plainText: String { "<progress over \(items.count) items>" }
    override func elements() throws -> [Value]? { items }

    static let builtin = BuiltinFunction(
        "progress", [Parameter("sequence"), Parameter("label", .labelled, defaultText: "nil")],
        doc: DocEntry("The elements of `sequence` with a progress bar that a `for` loop over it advances.",
                      details: "The bar shows the count, the elapsed time and an estimate of the time left; in a notebook it is one output updated in place, in a console a line every half second. An interrupted or broken-off loop leaves the bar where it stopped.",
                      example: "for epoch in progress(0..<3, label: \"epochs\") { print(epoch) }")
    ) { arguments, _ in
        let items = try Sequences.require(arguments.value(0), for: "progress")
        let label = try arguments[1].flatMap { $0.isNone ? nil : try arguments.string(1, default: "") }
        return .native(ProgressSequence(items: items, label: label))
    }
}

/// The live bar of one loop over a `ProgressSequence`.
final class ProgressLoop {
    private let host: SessionHost
    private let total: Int
    private let label: String?
    private let displayID = "folio-progress-" + UUID().uuidString
    private let start = Date()
    private var lastUpdate = Date.distantPast
    private var shown = false

    init(host: SessionHost, total: Int, label: String?) {
        self.host = host
        self.total = total
        self.label = label
    }

    /// `done` of `total` items finished; shown at most every 0.2 s (always at the end).
    func advance(to done: Int) {
        let now = Date()
        guard done == total || now.timeIntervalSince(lastUpdate) >= 0.2 else { return }
        lastUpdate = now
        show(done, now: now)
    }

    /// The loop ended early (break, return, error or interrupt): the bar stays where it stopped.
    func stop(at done: Int) {
        guard done < total else { return }
        show(done, now: Date(), note: "stopped")
    }

    private func show(_ done: Int, now: Date, note: String? = nil) {
        let elapsed = now.timeIntervalSince(start)
        var text = "\(done)/\(total)  \(ProgressLoop.duration(elapsed))"
        if done > 0, done < total, note == nil {
            text += " elapsed, ~\(ProgressLoop.duration(elapsed / Double(done) * Double(total - done))) left"
        }
        if let label { text = "\(label)  " + text }
        if let note { text += "  (\(note))" }
        let fraction = total == 0 ? 1 : Double(done) / Double(total)
        let bundle = ProgressBar.bundle(fraction: fraction, text: text)
        if shown {
            host.updateDisplay(bundle, displayID: displayID)
        } else {
            host.display(bundle, displayID: displayID)
            shown = true
        }
    }

    static func duration(_ seconds: Double) -> String {
        if seconds < 60 { return String(format: "%.1f s", seconds) }
        let whole = Int(seconds.rounded())
        return "\(whole / 60) min \(whole % 60) s"
    }
}

/// A progress bar as a MIME bundle: a text bar for consoles, an HTML `<progress>` for notebooks.
enum ProgressBar {
    static func bundle(fraction: Double, text: String) -> MimeBundle {
        let clamped = min(1, max(0, fraction.isFinite ? fraction : 0))
        let width = 24
        let filled = Int((clamped * Double(width)).rounded(.down))
        let bar = "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "]"
        let percent = Int((clamped * 100).rounded())
        let html = "<div class=\"folio-progress\" style=\"font-family: monospace\">"
            + "<progress value=\"\(percent)\" max=\"100\" style=\"width: 12em\"></progress> " + escape(text) + "</div>"
        return MimeBundle(data: ["text/plain": "\(bar) \(text)", "text/html": html])
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
