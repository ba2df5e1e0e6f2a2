import FolioPlot

/// The marks a subplot can draw, declared once: `ax.line(...)` binds the axes, and the quick
/// functions (`plot`, `scatter`, ...) call the same declarations on a new figure.
public enum AxesMethods {
    public static let all: [BuiltinFunction] = [line, scatter, bar, bars, hist, imshow, contour, contourf, fillBetween, errorbar, hline, vline, text]

    public static let byName: [String: BuiltinFunction] = Dictionary(all.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        .merging(["plot": line], uniquingKeysWith: { first, _ in first })

    static let label = Parameter("label", .labelled, defaultText: "nil")
    static let color = Parameter("color", .labelled, defaultText: "nil")
    static let colormap = Parameter("colormap", .labelled, defaultText: "\"viridis\"")

    /// A mark-adding method: `body` receives the axes and the bound arguments (axes at index 0).
    static func mark(_ name: String, _ parameters: [Parameter], _ doc: DocEntry,
                     _ body: @escaping (Axes, BoundArguments) throws -> Void) -> BuiltinFunction {
        BuiltinFunction(name, [Parameter("axes")] + parameters, doc: doc) { arguments, context in
            guard case .native(let object) = arguments.value(0), let axes = object as? AxesObject else {
                throw arguments.typeError(0, expected: "an Axes (f[0] of a figure)", got: arguments.value(0))
            }
            try NativeCall.run(context) { try body(axes.axes, arguments) }
            return .none
        }
    }

    static func example(_ call: String) -> String {
        "let f = figure()\nf[0].\(call)\nf"
    }

    static func optionalString(_ arguments: BoundArguments, _ index: Int) throws -> String? {
        guard let value = arguments[index], !value.isNone else { return nil }
        return try arguments.string(index, default: "")
    }

    public static let line = mark("line", [Parameter("x"), Parameter("y", defaultText: "nil"), label, color,
                                    Parameter("width", .labelled, defaultText: "1.5"), Parameter("style", .labelled, defaultText: "\"solid\""),
                                    Parameter("marker", .labelled, defaultText: "nil"), Parameter("markersize", .labelled, defaultText: "6")],
                           DocEntry("A line through (x, y); with one series, y against 0, 1, 2, …",
                                    details: "style: solid, dashed, dotted, dashdot. marker: one of matplotlib's codes, "
                                        + MarkerShape.catalog + "; \"\" or \"none\" for none; or a number, a dot of that diameter in px. "
                                        + "markersize: the marker's size in px (a circle's diameter, a square's side).",
                                    example: example("line([0, 1, 2], [0, 1, 4], label: \"squares\", marker: \"o\")"))) { axes, arguments in
        let first = try PlotData.values(arguments.value(1), "x")
        let second = try PlotData.optionalValues(arguments[2], "y")
        let (x, y) = second.map { (first, $0) } ?? ((0..<first.count).map(Double.init), first)
        try axes.line(x: x, y: y, color: try PlotData.color(arguments[4]), width: try arguments.double(5, default: 1.5),
                      style: try PlotData.lineStyle(arguments[6]),
                      marker: try PlotData.lineMarker(arguments[7], size: try arguments.optionalDouble(8)),
                      label: try optionalString(arguments, 3))
    }

    public static let scatter = mark("scatter", [Parameter("x"), Parameter("y"), Parameter("c", .labelled, defaultText: "nil"),
                                          Parameter("s", .labelled, defaultText: "nil"), label, color, colormap,
                                          Parameter("size", .labelled, defaultText: "5"), Parameter("opacity", .labelled, defaultText: "nil"),
                                          Parameter("marker", .labelled, defaultText: "\"o\"")],
                              DocEntry("Markers at (x, y); `c:` colours them by value (with a colorbar), `s:` sizes them.",
                                       details: "size: the marker's size in px (a circle's diameter). marker: one of matplotlib's codes, "
                                           + MarkerShape.catalog + ".",
                                       example: example("scatter([1, 2, 3], [3, 1, 2], c: [0.1, 0.5, 0.9], marker: \"s\")"))) { axes, arguments in
        try axes.scatter(x: try PlotData.values(arguments.value(1), "x"), y: try PlotData.values(arguments.value(2), "y"),
                         values: try PlotData.optionalValues(arguments[3], "c"), sizes: try PlotData.optionalValues(arguments[4], "s"),
                         color: try PlotData.color(arguments[6]), colormap: try PlotData.colormap(arguments[7]),
                         size: try arguments.double(8, default: 5), marker: try PlotData.scatterMarker(arguments[10]),
                         opacity: try arguments.optionalDouble(9), label: try optionalString(arguments, 5))
    }

    public static let bar = mark("bar", [Parameter("heights"), Parameter("x", .labelled, defaultText: "nil"),
                                  Parameter("categories", .labelled, defaultText: "nil"), label, color,
                                  Parameter("width", .labelled, defaultText: "0.8")],
                          DocEntry("Bars of `heights` at 0, 1, 2, … (or at `x:`), optionally named by `categories:`.",
                                   example: example("bar([3, 5, 2], categories: [\"a\", \"b\", \"c\"])"))) { axes, arguments in
        let categories = try arguments[3].flatMap { value -> [String]? in
            if value.isNone { return nil }
            guard case .array(let names) = value else { throw arguments.typeError(3, expected: "an array of Strings", got: value) }
            return names.map(\.description)
        }
        try axes.bar(try PlotData.values(arguments.value(1), "heights"), positions: try PlotData.optionalValues(arguments[2], "x"),
                     categories: categories, width: try arguments.double(6, default: 0.8), color: try PlotData.color(arguments[5]),
                     label: try optionalString(arguments, 4))
    }

    public static let bars = mark("bars", [Parameter("series"), Parameter("labels", .labelled, defaultText: "nil"),
                                    Parameter("categories", .labelled, defaultText: "nil"),
                                    Parameter("stacked", .labelled, defaultText: "false"), Parameter("width", .labelled, defaultText: "0.8")],
                           DocEntry("Several series of bars per category: side by side (grouped), or on top of each other with `stacked: true`.",
                                    details: "`series` is an array of equally long arrays, or a 2-d tensor with one series per row; `labels:` names the series in the legend.",
                                    example: example("bars([[3, 5, 2], [4, 1, 3]], labels: [\"2025\", \"2026\"], categories: [\"a\", \"b\", \"c\"])"))) { axes, arguments in
        let grid = try PlotData.grid(arguments.value(1), "series")
        let series = (0..<grid.rows).map { row in Array(grid.values[(row * grid.columns)..<((row + 1) * grid.columns)]) }
        let labels = try stringList(arguments, 2)
        let categories = try stringList(arguments, 3)
        let layout: BarLayout = try arguments.bool(4, default: false) ? .stacked : .grouped
        try axes.bars(series, labels: labels, categories: categories, layout: layout, width: try arguments.double(5, default: 0.8))
    }

    private static func stringList(_ arguments: BoundArguments, _ index: Int) throws -> [String]? {
        guard let value = arguments[index], !value.isNone else { return nil }
        guard case .array(let items) = value else { throw arguments.typeError(index, expected: "an array of Strings", got: value) }
        return items.map(\.description)
    }

    public static let hist = mark("hist", [Parameter("values"), Parameter("bins", .labelled, defaultText: "nil"),
                                    Parameter("density", .labelled, defaultText: "false"), label, color,
                                    Parameter("opacity", .labelled, defaultText: "1")],
                           DocEntry("A histogram with `bins:` equal bins (Sturges' rule by default); `density: true` normalises the area to 1.",
                                    example: example("hist(randn(500, seed: 0), bins: 20)"))) { axes, arguments in
        try axes.hist(try PlotData.values(arguments.value(1), "values"), bins: try arguments.optionalInt(2),
                      density: try arguments.bool(3, default: false), color: try PlotData.color(arguments[5]),
                      opacity: try arguments.double(6, default: 1), label: try optionalString(arguments, 4))
    }
}
