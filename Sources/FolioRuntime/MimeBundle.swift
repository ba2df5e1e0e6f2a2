/// One value rendered for Jupyter: MIME type to text (`text/plain` is always present for values).
public struct MimeBundle: Equatable, Sendable {
    public var data: [String: String]

    public init(data: [String: String]) {
        self.data = data
    }

    /// A bundle holding only plain text.
    public init(plainText: String) {
        self.data = ["text/plain": plainText]
    }

    public var plainText: String? { data["text/plain"] }
}
