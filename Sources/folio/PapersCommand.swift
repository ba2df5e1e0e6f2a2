import FolioPapers

/// `folio papers`: the paper library from the catalog; `--markdown` prints docs/papers.md.
enum PapersCommand {
    static func run(_ arguments: [String]) -> Int32 {
        switch arguments {
        case []:
            for paper in PaperCatalog.all {
                print("\(paper.number) \(paper.key): \(paper.citation.title) (\(paper.citation.short))")
                print("    " + paper.primitives.map(\.name).joined(separator: ", "))
            }
            return 0
        case ["--markdown"]:
            print(PaperCatalog.markdownIndex)
            return 0
        default:
            CommandLineInterface.printError("folio papers: unexpected arguments \(arguments.joined(separator: " ")); usage: folio papers [--markdown]")
            return 2
        }
    }
}
