import FolioPapers
import FolioRuntime

/// The paper library in the language: one namespace per catalog entry (`evonorm.s0(...)`), and
/// `papers()`, `paper(key)`, `cite()`.
///
/// Calls through a namespace record the paper in the session (`PaperUsage`), which is what
/// `cite()` reads: a notebook cites what it actually used.
enum PaperBuiltins {
    static let all: [BuiltinFunction] = [papersTable, paperCard, cite]

    /// The namespaces, shared by every session (they hold no state; usage is recorded per session).
    static let namespaces: [PaperNamespace] = PaperCatalog.all.map(PaperNamespace.init)

    static let papersTable = BuiltinFunction(
        "papers", [],
        doc: DocEntry("The table of every paper in Folio's library: its namespace, title, primitives, notebook and status.",
                      details: "`paper(\"key\")` shows one paper's card, `help(key.name)` one primitive.",
                      example: "papers()")
    ) { _, _ in .native(PaperTable()) }

    static let paperCard = BuiltinFunction(
        "paper", [Parameter("key")],
        doc: DocEntry("One paper's card: what it found, its primitives with signatures, and its citation.",
                      example: "paper(\"evonorm\")")
    ) { arguments, _ in
        let key = try arguments.string(0, default: "")
        return .native(try namespace(key, function: "paper"))
    }

    static let cite = BuiltinFunction(
        "cite", [Parameter("key", defaultText: "nil")],
        doc: DocEntry("BibTeX for every paper whose primitives this session called, or for the paper `key`.",
                      example: "cite(\"evonorm\")")
    ) { arguments, context in
        if let given = arguments[0], !given.isNone {
            guard case .string(let key) = given else {
                throw FolioError(.TypeError, "cite(key) expects a paper key such as \"evonorm\", got \(given.typeName)")
            }
            return .native(Citations(papers: [try namespace(key, function: "cite").paper]))
        }
        let used = try PaperUsage.state(context).keys
        return .native(Citations(papers: PaperCatalog.all.filter { used.contains($0.key) }))
    }

    static func namespace(_ key: String, function: String) throws -> PaperNamespace {
        if let found = namespaces.first(where: { $0.paper.key == key }) { return found }
        let hint = SpellingSuggestion.hint(for: key, among: namespaces.map(\.paper.key))
        throw FolioError(.ValueError, "\(function)(\"\(key)\"): no paper with that key\(hint); papers() lists them")
    }
}

/// `evonorm`: a paper's primitives as members; shown, it is the paper's card.
final class PaperNamespace: NativeObject {
    let paper: Paper
    private let members: [String: BuiltinFunction]
    private let order: [String]

    init(_ paper: Paper) {
        self.paper = paper
        let key = paper.key
        let observed = paper.primitives.map { primitive in
            (paper.memberName(of: primitive), primitive.observed { context in
                (try? PaperUsage.state(context))?.record(key)
            })
        }
        members = Dictionary(observed, uniquingKeysWith: { first, _ in first })
        order = observed.map(\.0)
        super.init()
    }

    override var typeName: String { "Paper" }
    override var memberNames: [String] { order }
    override func member(named name: String) throws -> Value? { members[name].map(Value.function) }
    override var plainText: String { "<paper \(paper.key): \(paper.citation.title)>" }
    override var mimeBundle: MimeBundle { paper.card }
    override var helpPage: MimeBundle? { paper.card }

    /// `evonorm.s00` → NameError: "evonorm has no primitive 's00'; did you mean evonorm.s0?".
    override func missingMemberError(_ name: String) -> FolioError? {
        let key = paper.key
        let hint = SpellingSuggestion.hint(for: "\(key).\(name)", among: order.map { "\(key).\($0)" })
        return FolioError(.NameError, "\(key) has no primitive '\(name)' (paper(\"\(key)\") lists them)\(hint)")
    }
}

/// The papers this session called, in first-use order; kept in the session's globals under a name
/// no program can spell (like the random generator), so sessions do not share it.
final class PaperUsage: NativeObject {
    private(set) var keys: [String] = []
    private static let slotName = "$papers"

    override var typeName: String { "PaperUsage" }

    func record(_ key: String) {
        if !keys.contains(key) { keys.append(key) }
    }

    static func state(_ context: CallContext) throws -> PaperUsage {
        guard let interpreter = context as? Interpreter else {
            throw FolioError(.RuntimeError, "paper usage is recorded only in a running session")
        }
        let slot = interpreter.globals.variable(named: slotName)
        if case .native(let object) = slot.value, let usage = object as? PaperUsage { return usage }
        let usage = PaperUsage()
        slot.value = .native(usage)
        return usage
    }
}

/// `papers()`: the catalog as a table (HTML in notebooks, aligned text in the console).
final class PaperTable: NativeObject {
    override var typeName: String { "PaperTable" }

    private var rows: [(number: String, key: String, title: String, primitives: String, status: String)] {
        PaperCatalog.all.map { paper in
            (String(paper.number), paper.key, "\(paper.citation.title) (\(paper.citation.short))",
             paper.primitives.map { paper.memberName(of: $0) }.joined(separator: ", "), paper.status)
        }
    }

    override var plainText: String {
        let rows = self.rows
        let keyWidth = max(3, rows.map(\.key.count).max() ?? 0)
        var lines = ["\(PaperCatalog.all.count) papers; paper(\"key\") shows one, help(key.name) a primitive.", ""]
        for row in rows {
            let key = row.key.padding(toLength: keyWidth, withPad: " ", startingAt: 0)
            lines.append("\(row.number.count < 2 ? " " : "")\(row.number)  \(key)  \(row.title)")
            lines.append(String(repeating: " ", count: keyWidth + 6) + row.primitives)
            if row.status != "complete" { lines.append(String(repeating: " ", count: keyWidth + 6) + "status: " + row.status) }
        }
        return lines.joined(separator: "\n")
    }

    override var mimeBundle: MimeBundle {
        let body = rows.map { row in
            "<tr><td>\(row.number)</td><td><code>\(escape(row.key))</code></td><td>\(escape(row.title))</td>"
                + "<td><code>\(escape(row.primitives))</code></td><td>\(escape(row.status))</td></tr>"
        }.joined(separator: "\n")
        let html = "<table>\n<thead><tr><th>#</th><th>key</th><th>paper</th><th>primitives</th><th>status</th></tr></thead>\n<tbody>\n\(body)\n</tbody>\n</table>"
        return MimeBundle(data: ["text/plain": plainText, "text/html": html])
    }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}

/// What `cite()` returns: BibTeX entries, shown as text (and a fenced block in notebooks).
final class Citations: NativeObject {
    let papers: [Paper]

    init(papers: [Paper]) {
        self.papers = papers
        super.init()
    }

    override var typeName: String { "Citations" }

    override var plainText: String {
        guard !papers.isEmpty else {
            return "No paper primitive has been called in this session yet; cite(\"key\") gives one paper's BibTeX."
        }
        return papers.map(\.citation.bibtex).joined(separator: "\n\n")
    }

    override var mimeBundle: MimeBundle {
        guard !papers.isEmpty else { return MimeBundle(plainText: plainText) }
        return MimeBundle(data: ["text/plain": plainText, "text/markdown": "```bibtex\n\(plainText)\n```"])
    }

    override func elements() throws -> [Value]? { papers.map { .string($0.citation.bibtex) } }
}
