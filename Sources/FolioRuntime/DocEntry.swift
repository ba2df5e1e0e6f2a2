/// The documentation of a builtin, a native type or a user function, as `help(x)` and Shift-Tab show it.
public struct DocEntry: Sendable {
    public var summary: String
    /// Longer explanation in Markdown (may contain LaTeX between `$`).
    public var details: String
    public var example: String

    public init(_ summary: String, details: String = "", example: String = "") {
        self.summary = summary
        self.details = details
        self.example = example
    }

    /// A help page: plain text for consoles, Markdown for notebooks.
    public func page(signature: String) -> MimeBundle {
        var plain = [signature, "", summary]
        var markdown = ["```swift", signature, "```", "", summary]
        if !details.isEmpty {
            plain += ["", details]
            markdown += ["", details]
        }
        if !example.isEmpty {
            plain += ["", "Example:", example]
            markdown += ["", "**Example**", "", "```swift", example, "```"]
        }
        return MimeBundle(data: [
            "text/plain": plain.joined(separator: "\n"),
            "text/markdown": markdown.joined(separator: "\n"),
        ])
    }
}
