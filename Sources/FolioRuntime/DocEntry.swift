/// The documentation of a builtin, a native type or a user function, as `help(x)` and Shift-Tab show it.
public struct DocEntry: Sendable {
    public var summary: String
    /// Longer explanation in Markdown (may contain LaTeX between `$`).
    public var details: String
    public var example: String
    /// The defining formula in LaTeX (shown as display math in notebooks), empty when there is none.
    public var formula: String
    /// The same formula in plain text, for consoles (Unicode symbols, no markup).
    public var formulaText: String
    /// Where the function comes from, e.g. a paper's short citation; shown last.
    public var source: String

    public init(_ summary: String, details: String = "", example: String = "", formula: String = "",
                formulaText: String = "", source: String = "") {
        self.summary = summary
        self.details = details
        self.example = example
        self.formula = formula
        self.formulaText = formulaText
        self.source = source
    }

    /// A help page: plain text for consoles, Markdown for notebooks.
    public func page(signature: String) -> MimeBundle {
        var plain = [signature, "", summary]
        var markdown = ["```swift", signature, "```", "", summary]
        if !formula.isEmpty || !formulaText.isEmpty {
            plain += ["", "Formula: " + (formulaText.isEmpty ? formula : formulaText)]
            markdown += ["", "$$" + (formula.isEmpty ? formulaText : formula) + "$$"]
        }
        if !details.isEmpty {
            plain += ["", details]
            markdown += ["", details]
        }
        if !example.isEmpty {
            plain += ["", "Example:", example]
            markdown += ["", "**Example**", "", "```swift", example, "```"]
        }
        if !source.isEmpty {
            plain += ["", "Source: " + source]
            markdown += ["", "*Source:* " + source]
        }
        return MimeBundle(data: [
            "text/plain": plain.joined(separator: "\n"),
            "text/markdown": markdown.joined(separator: "\n"),
        ])
    }
}
