import FolioPlot

/// Images, contours, bands, error bars, reference lines and text.
extension AxesMethods {
    public static let imshow = mark("imshow", [Parameter("z"), colormap, Parameter("vmin", .labelled, defaultText: "nil"),
                                        Parameter("vmax", .labelled, defaultText: "nil"), Parameter("origin", .labelled, defaultText: "\"upper\""),
                                        Parameter("colorbar", .labelled, defaultText: "true")],
                             DocEntry("A matrix as an image through a colormap, with a colorbar (row 0 on top unless origin: \"lower\").",
                                      details: "colorbar: false leaves the colorbar out and gives the image its width, for small multiples.",
                                      example: example("imshow(rand(8, 8, seed: 0), colormap: \"magma\")"))) { axes, arguments in
        let grid = try PlotData.grid(arguments.value(1), "z")
        let origin: ImageMark.Origin
        switch try arguments.string(5, default: "upper") {
        case "upper": origin = .upper
        case "lower": origin = .lower
        case let other: throw FolioError(.ValueError, "origin: expects \"upper\" or \"lower\", got \"\(other)\"")
        }
        try axes.imshow(grid.values, rows: grid.rows, columns: grid.columns, colormap: try PlotData.colormap(arguments[2]),
                        lower: try arguments.optionalDouble(3), upper: try arguments.optionalDouble(4), origin: origin,
                        colorbar: try arguments.bool(6, default: true))
    }

    private static let fieldParameters = [Parameter("z"), Parameter("x", .labelled, defaultText: "nil"), Parameter("y", .labelled, defaultText: "nil"),
                                          Parameter("levels", .labelled, defaultText: "8"), colormap]

    /// `levels: 8` (a count) or `levels: [0.1, 0.5]` (the values).
    static func levels(_ arguments: BoundArguments, _ index: Int) throws -> (values: [Double]?, count: Int) {
        guard let value = arguments[index], !value.isNone else { return (nil, 8) }
        if case .int(let count) = value { return (nil, count) }
        return (try PlotData.values(value, "levels"), 8)
    }

    public static let contour = mark("contour", fieldParameters,
                              DocEntry("Contour lines of a grid z[row, column] at (x[column], y[row]).",
                                       example: example("contour(outer(linspace(-1, 1, 20), linspace(-1, 1, 20)), levels: 6)"))) { axes, arguments in
        let grid = try PlotData.grid(arguments.value(1), "z")
        let chosen = try levels(arguments, 4)
        try axes.contour(grid.values, rows: grid.rows, columns: grid.columns, x: try PlotData.optionalValues(arguments[2], "x"),
                         y: try PlotData.optionalValues(arguments[3], "y"), levels: chosen.values, levelCount: chosen.count,
                         colormap: try PlotData.colormap(arguments[5]))
    }

    public static let contourf = mark("contourf", fieldParameters,
                               DocEntry("Filled contour bands of a grid, with a stepped colorbar.",
                                        example: example("contourf(outer(linspace(-1, 1, 20), linspace(-1, 1, 20)))"))) { axes, arguments in
        let grid = try PlotData.grid(arguments.value(1), "z")
        let chosen = try levels(arguments, 4)
        try axes.contourf(grid.values, rows: grid.rows, columns: grid.columns, x: try PlotData.optionalValues(arguments[2], "x"),
                          y: try PlotData.optionalValues(arguments[3], "y"), levels: chosen.values, levelCount: chosen.count,
                          colormap: try PlotData.colormap(arguments[5]))
    }

    public static let fillBetween = mark("fill_between", [Parameter("x"), Parameter("lower"), Parameter("upper"), label, color,
                                                   Parameter("opacity", .labelled, defaultText: "0.25")],
                                  DocEntry("The band between `lower` and `upper` over x.",
                                           example: example("fill_between([0, 1, 2], [0, 0, 1], [1, 2, 2])"))) { axes, arguments in
        try axes.fillBetween(x: try PlotData.values(arguments.value(1), "x"), lower: try PlotData.values(arguments.value(2), "lower"),
                             upper: try PlotData.values(arguments.value(3), "upper"), color: try PlotData.color(arguments[5]),
                             opacity: try arguments.double(6, default: 0.25), label: try optionalString(arguments, 4))
    }

    public static let errorbar = mark("errorbar", [Parameter("x"), Parameter("y"), Parameter("yerr"), label, color],
                               DocEntry("Points with symmetric vertical error bars.",
                                        example: example("errorbar([1, 2, 3], [2, 4, 3], [0.5, 0.3, 0.4])"))) { axes, arguments in
        try axes.errorbar(x: try PlotData.values(arguments.value(1), "x"), y: try PlotData.values(arguments.value(2), "y"),
                          yError: try PlotData.values(arguments.value(3), "yerr"), color: try PlotData.color(arguments[5]),
                          label: try optionalString(arguments, 4))
    }

    public static let hline = mark("hline", [Parameter("y"), label], DocEntry("A dashed horizontal reference line.",
                                                                       example: example("hline(0.5)"))) { axes, arguments in
        try axes.hline(try arguments.double(1, default: 0), label: try optionalString(arguments, 2))
    }

    public static let vline = mark("vline", [Parameter("x"), label], DocEntry("A dashed vertical reference line.",
                                                                       example: example("vline(1.0)"))) { axes, arguments in
        try axes.vline(try arguments.double(1, default: 0), label: try optionalString(arguments, 2))
    }

    public static let text = mark("text", [Parameter("x"), Parameter("y"), Parameter("text")],
                           DocEntry("Text at data position (x, y).", example: example("text(0.5, 0.5, \"note\")"))) { axes, arguments in
        try axes.text(try arguments.string(3, default: ""), x: try arguments.double(1, default: 0), y: try arguments.double(2, default: 0))
    }
}
