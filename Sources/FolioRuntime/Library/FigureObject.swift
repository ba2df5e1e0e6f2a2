import Foundation
import FolioPlot

/// A figure as a language value: shows as SVG in notebooks, `f[0]` (or `f[row, column]`) is a subplot.
public final class FigureObject: NativeObject {
    public let figure: Figure

    public init(_ figure: Figure) {
        self.figure = figure
    }

    public override var typeName: String { "Figure" }

    public override var memberNames: [String] { ["axes", "title", "rows", "cols", "savefig", "svg"] }

    public override func member(named name: String) throws -> Value? {
        switch name {
        case "axes": return .array(figure.axes.map { .native(AxesObject($0)) })
        case "title": return figure.title.map { .string($0) } ?? Value.none
        case "rows": return .int(figure.rows)
        case "cols": return .int(figure.columns)
        case "savefig": return BoundMethod.bind(FigureObject.savefig, to: .native(self))
        case "svg": return BoundMethod.bind(FigureObject.svgMethod, to: .native(self))
        default: return nil
        }
    }

    public override func setMember(named name: String, to value: Value) throws {
        guard name == "title" else { return try super.setMember(named: name, to: value) }
        figure.title = value.isNone ? nil : value.description
    }

    public override func subscriptGet(_ indices: [SubscriptIndex]) throws -> Value? {
        let positions = indices.map(FigureObject.integer)
        let axes: Axes
        if positions.count == 1, let index = positions[0] {
            axes = try NativeCall.mapping { try figure.axes(at: index < 0 ? index + figure.axes.count : index) }
        } else if positions.count == 2, let row = positions[0], let column = positions[1] {
            axes = try NativeCall.mapping { try figure.axes(row: row, column: column) }
        } else {
            throw FolioError(.IndexError, "a figure is indexed by f[i] or f[row, column] with Ints")
        }
        return .native(AxesObject(axes))
    }

    /// `f[0].title = "..."` writes the subplot back; only the same subplot may be stored.
    public override func subscriptSet(_ indices: [SubscriptIndex], to value: Value) throws -> Bool {
        guard case .native(let current as AxesObject)? = try subscriptGet(indices),
              case .native(let assigned as AxesObject) = value, current.axes === assigned.axes else {
            throw FolioError(.TypeError, "the subplots of a figure cannot be replaced; draw on f[i] instead")
        }
        return true
    }

    private static func integer(_ index: SubscriptIndex) -> Int? {
        if case .index(.int(let value)) = index { return value }
        return nil
    }

    public override func elements() throws -> [Value]? {
        figure.axes.map { .native(AxesObject($0)) }
    }

    public override var plainText: String {
        let (width, height) = figure.size.pixels
        return "<Figure \(Int(width.rounded()))×\(Int(height.rounded())) with \(figure.axes.count) axes>"
    }

    /// SVG for notebooks; a figure that cannot render shows its error as text instead of failing the cell.
    public override var mimeBundle: MimeBundle {
        do {
            let svg = try figure.svg()
            return MimeBundle(data: ["text/plain": plainText, "image/svg+xml": svg, "text/html": FigureObject.imageTag(svg, figure.size.pixels)])
        } catch {
            return MimeBundle(plainText: "\(plainText): \(error)")
        }
    }

    /// The figure as an `<img>` with the SVG in a data URI: the form that survives an untrusted
    /// notebook. JupyterLab renders `image/svg+xml` only in trusted notebooks (its SVG renderer is
    /// not "safe"), and its HTML sanitizer removes inline `<svg>` but keeps `<img src="data:...">`
    /// (it skips src validation on purpose, jupyterlab#5183). A notebook executed headless in CI is
    /// untrusted when opened later, so without this its figures would show as text.
    static func imageTag(_ svg: String, _ pixels: (Double, Double)) -> String {
        let encoded = Data(svg.utf8).base64EncodedString()
        let width = Int(pixels.0.rounded()), height = Int(pixels.1.rounded())
        return "<img src=\"data:image/svg+xml;base64,\(encoded)\" width=\"\(width)\" height=\"\(height)\" alt=\"figure\">"
    }

    public override var doc: DocEntry? {
        DocEntry("A figure of \(figure.rows)×\(figure.columns) subplots; f[i] is subplot i (row by row).",
                 example: "let f = figure(rows: 1, cols: 2)\nf[0].line([1, 4, 9])\nf")
    }

    public static let savefig = BuiltinFunction("savefig", [Parameter("figure"), Parameter("path")],
                                         doc: DocEntry("Writes the figure as an SVG file.",
                                                       example: "savefig(plot([1, 2, 3]), \"/tmp/folio-example.svg\")")) { arguments, context in
        let object = try figureObject(arguments.value(0))
        let path = try arguments.string(1, default: "figure.svg")
        try NativeCall.run(context) { try object.figure.write(to: URL(fileURLWithPath: path)) }
        return .none
    }

    static let svgMethod = BuiltinFunction("svg", [Parameter("figure")],
                                           doc: DocEntry("The figure's SVG document as a string.", example: "plot([1, 2]).svg()")) { arguments, context in
        let object = try figureObject(arguments.value(0))
        return .string(try NativeCall.run(context) { try object.figure.svg() })
    }

    public static func figureObject(_ value: Value) throws -> FigureObject {
        guard case .native(let object) = value, let figure = object as? FigureObject else {
            throw FolioError(.TypeError, "expected a Figure, got \(value.typeName)")
        }
        return figure
    }
}
