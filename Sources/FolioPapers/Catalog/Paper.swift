import FolioNN
import FolioRuntime
import FolioTensor

/// A paper's bibliographic record; `bibtex` is generated from it, so the fields are the one source.
public struct Citation: Sendable {
    public let title: String
    /// Full names, "Given Family", in the paper's order.
    public let authors: [String]
    public let year: Int
    /// The arXiv identifier without version, e.g. "2004.02967".
    public let arXiv: String
    /// Where it was published ("NeurIPS 2020"), or nil for a preprint.
    public let venue: String?

    public init(title: String, authors: [String], year: Int, arXiv: String, venue: String? = nil) {
        self.title = title
        self.authors = authors
        self.year = year
        self.arXiv = arXiv
        self.venue = venue
    }

    /// "Liu et al. 2020" (or "Liu and Le 2020", "Liu 2020").
    public var short: String {
        let families = authors.map { $0.split(separator: " ").last.map(String.init) ?? $0 }
        switch families.count {
        case 0: return "\(year)"
        case 1: return "\(families[0]) \(year)"
        case 2: return "\(families[0]) and \(families[1]) \(year)"
        default: return "\(families[0]) et al. \(year)"
        }
    }

    /// The BibTeX key: first author's family name, year, first word of the title over three letters.
    public var bibtexKey: String {
        let family = authors.first.flatMap { $0.split(separator: " ").last }.map { String($0).lowercased() } ?? "anon"
        let word = title.split(whereSeparator: { !$0.isLetter }).first { $0.count > 3 }.map { $0.lowercased() } ?? "paper"
        return family.filter(\.isLetter) + String(year) + word
    }

    public var bibtex: String {
        let journal = "arXiv preprint arXiv:\(arXiv)"
        var fields = [
            ("title", "{\(title)}"),
            ("author", authors.joined(separator: " and ")),
            ("year", String(year)),
            ("journal", journal),
            ("eprint", arXiv),
            ("archivePrefix", "arXiv"),
        ]
        if let venue { fields.append(("note", venue)) }
        let body = fields.map { "  \($0.0) = {\($0.1)}" }.joined(separator: ",\n")
        return "@article{\(bibtexKey),\n\(body)\n}"
    }
}

/// A layer of a paper with a small instance and input, so the catalog test can check that every
/// parameter receives a gradient without knowing the layer.
public struct PaperLayerSample {
    public let name: String
    public let make: () throws -> (module: Module, input: Tensor)

    public init(_ name: String, make: @escaping () throws -> (module: Module, input: Tensor)) {
        self.name = name
        self.make = make
    }
}

/// One paper: its citation, a summary for its card, its primitives (functions in snake_case,
/// layers in CamelCase) and how complete Folio's version is.
public struct Paper {
    /// The number of its specification in ../shared/papers/ (01...49).
    public let number: Int
    /// The namespace in the language (`evonorm`).
    public let key: String
    public let citation: Citation
    /// What the paper found, in two or three sentences (Markdown).
    public let summary: String
    /// "complete", or what is missing.
    public let status: String
    public let functions: [BuiltinFunction]
    public let layers: [BuiltinFunction]
    /// Optimisers (CamelCase constructors that are not layers, such as `deepzero.ZOSGD`).
    public let optimizers: [BuiltinFunction]
    public let layerSamples: [PaperLayerSample]

    public init(number: Int, key: String, citation: Citation, summary: String, status: String = "complete",
                functions: [BuiltinFunction], layers: [BuiltinFunction] = [], layerSamples: [PaperLayerSample] = [],
                optimizers: [BuiltinFunction] = []) {
        self.number = number
        self.key = key
        self.citation = citation
        self.summary = summary
        self.status = status
        let source = "\(citation.title) (\(citation.short), arXiv:\(citation.arXiv)); cite(\"\(key)\")"
        let sourced = { (primitive: BuiltinFunction) in
            primitive.documented { if $0.source.isEmpty { $0.source = source } }
        }
        self.functions = functions.map(sourced)
        self.layers = layers.map(sourced)
        self.optimizers = optimizers.map(sourced)
        self.layerSamples = layerSamples
    }

    public var primitives: [BuiltinFunction] { functions + layers + optimizers }

    /// The member name of a primitive (`s0` for `evonorm.s0`).
    public func memberName(of primitive: BuiltinFunction) -> String {
        primitive.name.hasPrefix(key + ".") ? String(primitive.name.dropFirst(key.count + 1)) : primitive.name
    }

    /// `notebooks/papers/01-evonorm.ipynb`.
    public var notebook: String {
        let number = self.number < 10 ? "0\(self.number)" : "\(self.number)"
        return "notebooks/papers/\(number)-\(key).ipynb"
    }

    public var arXivURL: String { "https://arxiv.org/abs/\(citation.arXiv)" }
}
