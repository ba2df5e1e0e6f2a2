import FolioRuntime

/// Every paper Folio implements, in specification order: the one list the language, `papers()`,
/// `cite()`, docs/papers.md and the catalog tests read. Adding a paper is one line here.
public enum PaperCatalog {
    public static let all: [Paper] = [
        Evonorm.paper,
        Pdlt.paper,
        Wdopt.paper,
        Gradnoise.paper,
        Poincare.paper,
        Hlgauss.paper,
        InceptionNeXt.paper,
        Quant.paper,
        DeepZero.paper,
        Mfac.paper,
        Polycom.paper,
        KAT.paper,
    ]

    public static func paper(_ key: String) -> Paper? {
        all.first { $0.key == key }
    }

    /// docs/papers.md: every paper, its primitives and its notebook (a test keeps the file equal to this).
    public static var markdownIndex: String {
        var lines = [
            "# Paper primitives",
            "",
            "Generated from the catalog (`Sources/FolioPapers/Catalog/PaperCatalog.swift`) by",
            "`folio papers --markdown > docs/papers.md`; a test fails when this file is stale.",
            "In a notebook, `papers()` shows this table, `paper(\"key\")` one paper's card and `cite()` the BibTeX",
            "of the papers a session used.",
            "",
            "| # | Paper | Primitives | Notebook | Status |",
            "|---|-------|------------|----------|--------|",
        ]
        for paper in all {
            let primitives = paper.primitives.map { "`\($0.name)`" }.joined(separator: ", ")
            let title = "[\(paper.citation.title)](\(paper.arXivURL)) (\(paper.citation.short))"
            lines.append("| \(paper.number) | `\(paper.key)`: \(title) | \(primitives) | [\(paper.notebook)](../\(paper.notebook)) | \(paper.status) |")
        }
        lines.append("")
        for paper in all {
            lines += ["## \(paper.number). `\(paper.key)`: \(paper.citation.title)", "", paper.summary, ""]
            for primitive in paper.primitives {
                lines.append("- `\(primitive.signature)`: \(primitive.doc?.summary ?? "")")
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }
}

extension Paper {
    /// The card `paper("key")` shows: summary, primitives with signatures, citation.
    public var card: MimeBundle {
        let plainPrimitives = primitives.map { "  \($0.signature)\n      \($0.doc?.summary ?? "")" }
        let plain = ["\(key): \(citation.title)", "\(citation.authors.joined(separator: ", ")) (\(citation.year)), arXiv:\(citation.arXiv)", "",
                     summary, "", "Primitives:"] + plainPrimitives
            + ["", "Status: \(status)", "Notebook: \(notebook)", "", "help(\(key).name) shows one primitive; cite(\"\(key)\") its BibTeX."]
        let markdownPrimitives = primitives.map { "- `\($0.signature)`: \($0.doc?.summary ?? "")" }
        let markdown = ["### `\(key)`: \(citation.title)", "",
                        "\(citation.authors.joined(separator: ", ")) (\(citation.year)) · [arXiv:\(citation.arXiv)](\(arXivURL))"
                            + (citation.venue.map { " · \($0)" } ?? ""),
                        "", summary, "", "**Primitives**", ""] + markdownPrimitives
            + ["", "Status: \(status) · notebook `\(notebook)`", "", "```bibtex", citation.bibtex, "```"]
        return MimeBundle(data: ["text/plain": plain.joined(separator: "\n"), "text/markdown": markdown.joined(separator: "\n")])
    }
}
