import FolioPlot
import FolioRuntime

/// Plotting: `figure(rows:, cols:)` for a grid of subplots, and quick functions (`plot`, `scatter`,
/// `hist`, ...) that draw one mark on a new figure and return it, so a cell ending in `plot(y)` shows it.
enum PlotBuiltins {
    static let quick: [(String, BuiltinFunction)] = [("plot", AxesMethods.line), ("scatter", AxesMethods.scatter), ("bar", AxesMethods.bar), ("bars", AxesMethods.bars),
                                                     ("hist", AxesMethods.hist), ("imshow", AxesMethods.imshow), ("contour", AxesMethods.contour),
                                                     ("contourf", AxesMethods.contourf), ("fill_between", AxesMethods.fillBetween),
                                                     ("errorbar", AxesMethods.errorbar)]

    static let all: [BuiltinFunction] = [figure, FigureObject.savefig] + quick.map { quickFunction($0.0, $0.1) }

    static let figure = BuiltinFunction(
        "figure", [Parameter("rows", .labelled, defaultText: "1"), Parameter("cols", .labelled, defaultText: "1"),
                   Parameter("width", .labelled, defaultText: "nil"), Parameter("height", .labelled, defaultText: "nil"),
                   Parameter("sharex", .labelled, defaultText: "false"), Parameter("sharey", .labelled, defaultText: "false"),
                   Parameter("title", .labelled, defaultText: "nil")],
        doc: DocEntry("A figure with a grid of subplots; f[i] (row by row) or f[row, col] is an Axes to draw on.",
                      details: "width/height in inches (6 × 4 per plot by default, grown with the grid).",
                      example: "let f = figure(rows: 1, cols: 2)\nf[0].line([1, 4, 9])\nf[1].hist(randn(100, seed: 0))\nf")
    ) { arguments, context in
        let width = try arguments.optionalDouble(2)
        let height = try arguments.optionalDouble(3)
        let rows = try arguments.int(0, default: 1)
        let columns = try arguments.int(1, default: 1)
        let standard = FigureSize.standard(rows: rows, columns: columns).pixels
        let size: FigureSize? = width == nil && height == nil ? nil
            : .inches(width: width ?? standard.width / FigureSize.pixelsPerInch, height: height ?? standard.height / FigureSize.pixelsPerInch)
        let made = try NativeCall.run(context) {
            try Figure(rows: rows, columns: columns, size: size, sharesX: try arguments.bool(4, default: false),
                       sharesY: try arguments.bool(5, default: false))
        }
        if let title = arguments[6], !title.isNone { made.title = title.description }
        return .native(FigureObject(made))
    }

    /// Labels every quick function accepts for its one subplot.
    static let options = [Parameter("title", .labelled, defaultText: "nil"), Parameter("xlabel", .labelled, defaultText: "nil"),
                          Parameter("ylabel", .labelled, defaultText: "nil"), Parameter("xlog", .labelled, defaultText: "false"),
                          Parameter("ylog", .labelled, defaultText: "false")]

    static func quickFunction(_ name: String, _ method: BuiltinFunction) -> BuiltinFunction {
        let markParameters = Array(method.parameters.dropFirst())
        var doc = method.doc ?? DocEntry("")
        doc.details += (doc.details.isEmpty ? "" : " ") + "Draws on a new figure and returns it; title:, xlabel:, ylabel:, xlog:, ylog: label it."
        doc.example = quickExample(name, doc.example)
        return BuiltinFunction(name, markParameters + options, doc: doc) { arguments, context in
            let made = try NativeCall.run(context) { try Figure() }
            let axes = AxesObject(made.axes[0])
            var forwarded = arguments.asArguments
            let optionNames = Set(options.map(\.name))
            let kept = forwarded.labels.indices.filter { !optionNames.contains(forwarded.labels[$0]) }
            forwarded = Arguments(positional: [.native(axes)] + forwarded.positional, labels: kept.map { forwarded.labels[$0] },
                                  labelled: kept.map { forwarded.labelled[$0] })
            _ = try method.call(forwarded, context: context)
            try label(axes, arguments, from: markParameters.count)
            return .native(FigureObject(made))
        }
    }

    /// Applies the option arguments, which follow the mark's own parameters.
    private static func label(_ axes: AxesObject, _ arguments: BoundArguments, from start: Int) throws {
        for (offset, option) in options.enumerated() {
            guard let value = arguments[start + offset], !value.isNone else { continue }
            switch option.name {
            case "xlog": if try arguments.bool(start + offset, default: false) { axes.axes.xScale = .log }
            case "ylog": if try arguments.bool(start + offset, default: false) { axes.axes.yScale = .log }
            default: try axes.setMember(named: option.name, to: value)
            }
        }
    }

    /// The method's example (`f[0].line(...)` on a figure) rewritten as the quick call.
    private static func quickExample(_ name: String, _ methodExample: String) -> String {
        let lines = methodExample.split(separator: "\n").map(String.init)
        guard lines.count >= 2, let call = lines[1].split(separator: "(", maxSplits: 1).last else { return methodExample }
        return "\(name)(\(call)"
    }
}
