import Foundation

/// A figure: a grid of axes rendered together as one SVG document.
///
/// ```swift
/// let figure = try Figure(rows: 1, columns: 2)
/// try figure.axes[0].line([1, 3, 2], label: "loss")
/// try figure.axes[1].hist(samples, bins: 30)
/// let svg = try figure.svg()
/// ```
public final class Figure {
    public let rows: Int
    public let columns: Int
    public var size: FigureSize
    /// All subplots show the same x interval; only the bottom row labels it.
    public var sharesX: Bool
    /// All subplots show the same y interval; only the left column labels it.
    public var sharesY: Bool
    /// A title above the whole grid.
    public var title: String?
    public var style = Style()
    /// The subplots, row by row.
    public let axes: [Axes]

    /// A `rows × columns` grid (1 × 1 by default). Size defaults to 6 × 4 in, grown with the grid.
    public init(rows: Int = 1, columns: Int = 1, size: FigureSize? = nil, sharesX: Bool = false, sharesY: Bool = false) throws {
        // Each side is bounded before the product, which would overflow for rows: 2^62.
        guard rows >= 1, columns >= 1, rows <= 100, columns <= 100, rows * columns <= 100 else {
            throw PlotError.invalidArgument(mark: "figure", message: "a grid needs 1 to 100 subplots, got \(rows)×\(columns)")
        }
        self.rows = rows
        self.columns = columns
        self.size = try (size ?? FigureSize.standard(rows: rows, columns: columns)).validated()
        self.sharesX = sharesX
        self.sharesY = sharesY
        axes = (0..<(rows * columns)).map { _ in Axes() }
    }

    /// The subplot at `index` (row by row), or a `PlotError` naming the valid range.
    public func axes(at index: Int) throws -> Axes {
        guard index >= 0, index < axes.count else { throw PlotError.axesIndexOutOfRange(index: index, count: axes.count) }
        return axes[index]
    }

    /// The subplot in `row` and `column`.
    public func axes(row: Int, column: Int) throws -> Axes {
        guard row >= 0, row < rows, column >= 0, column < columns else {
            throw PlotError.invalidArgument(mark: "figure", message: "no subplot at row \(row), column \(column) in a \(rows)×\(columns) grid")
        }
        return axes[row * columns + column]
    }

    /// The figure as a standalone SVG 1.1 document. Same figure, same bytes.
    public func svg() throws -> String {
        let (width, height) = try size.validated().pixels
        var body = SVGWriter()
        body.element("rect", [("width", "100%"), ("height", "100%"), ("fill", "#ffffff")])
        body.newline()
        let top = title == nil ? 0.0 : style.titleFontSize + 14
        if let title = title {
            body.text(title, [("x", NumberText.format(width / 2)), ("y", NumberText.format(style.padding + style.titleFontSize)),
                              ("text-anchor", "middle"), ("font-size", NumberText.format(style.titleFontSize + 1)),
                              ("fill", style.textColor.hexText)])
            body.newline()
        }
        let shared = sharedDomains()
        let cellWidth = width / Double(columns)
        let cellHeight = (height - top) / Double(rows)
        for (index, axes) in axes.enumerated() {
            let (row, column) = (index / columns, index % columns)
            let cell = Rect(x: Double(column) * cellWidth, y: top + Double(row) * cellHeight, width: cellWidth, height: cellHeight)
            var options = AxesRenderOptions()
            options.xDomain = shared.x
            options.yDomain = shared.y
            options.showsXTickLabels = !sharesX || row == rows - 1
            options.showsYTickLabels = !sharesY || column == 0
            axes.render(in: cell, options: options, style: style, idPrefix: Figure.idPlaceholder, to: &body)
        }
        return Figure.document(body: body.output, width: width, height: height)
    }

    /// Writes `svg()` to `url` as UTF-8.
    public func write(to url: URL) throws {
        try Data(svg().utf8).write(to: url)
    }

    private func sharedDomains() -> (x: Interval?, y: Interval?) {
        let all = axes.filter { !$0.marks.isEmpty }.map { $0.domains() }
        let x = sharesX ? all.map { $0.x }.reduce(nil) { Interval.union($0, $1) } : nil
        let y = sharesY ? all.map { $0.y }.reduce(nil) { Interval.union($0, $1) } : nil
        return (x, y)
    }

    /// Stands in for the id prefix until the content is known.
    static let idPlaceholder = "folio-id-placeholder"

    /// Wraps `body` in the root element. Ids (clip paths, gradients) get a prefix hashed from
    /// the content: several figures inlined in one notebook page must not share ids, yet a
    /// random prefix would break byte-for-byte determinism.
    static func document(body: String, width: Double, height: Double) -> String {
        let prefix = "f" + fnv1a(body)
        let widthText = NumberText.format(width)
        let heightText = NumberText.format(height)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\""
        svg += " width=\"" + widthText + "\" height=\"" + heightText + "\" viewBox=\"0 0 " + widthText + " " + heightText + "\""
        svg += " font-family=\"" + TextMetrics.fontFamily + "\" font-size=\"10\">\n"
        svg += body.replacingOccurrences(of: idPlaceholder, with: prefix)
        svg += "</svg>\n"
        return svg
    }

    /// 64-bit FNV-1a of the UTF-8 bytes, as 16 hex digits.
    static func fnv1a(_ text: String) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
