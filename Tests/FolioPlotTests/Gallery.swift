import Foundation
import FolioPlot
import FolioTestSupport

/// Every figure with a golden file: one per mark and per figure type. Adding an entry here
/// adds its golden, XML, rasterisation and determinism tests.
enum Gallery {
    static let entries: [(name: String, make: () throws -> Figure)] = [
        ("line", line), ("line-log", lineLog), ("scatter", scatter), ("scatter-mapped", scatterMapped),
        ("bar-grouped", barGrouped), ("bar-stacked", barStacked), ("hist", hist), ("imshow", imshow),
        ("contour", contour), ("contourf", contourf), ("fill-between", fillBetween), ("errorbar", errorbar),
        ("annotations", annotations), ("subplots-shared", subplotsShared), ("colormaps", colormaps),
        ("markers", markers),
    ]

    static func line() throws -> Figure {
        let figure = try Figure()
        let axes = figure.axes[0]
        let x = (0..<200).map { Double($0) * 0.05 }
        try axes.line(x: x, y: x.map { sin($0) }, label: "sin(x)")
        try axes.line(x: x, y: x.map { cos($0) * 0.8 }, style: .dashed, label: "0.8 cos(x)")
        axes.title = "Two waves"
        axes.xLabel = "time (s)"
        axes.yLabel = "amplitude"
        return figure
    }

    static func lineLog() throws -> Figure {
        let figure = try Figure(size: .inches(width: 5, height: 3.5))
        let axes = figure.axes[0]
        let noise = deterministicValues(count: 300, offset: 1)
        let loss = (0..<300).map { step -> Double in
            let decay: Double = 2.5 * exp(-Double(step) / 40)
            let jitter: Double = 0.0005 * (1 + noise[step])
            return decay + 0.002 + jitter
        }
        try axes.line(loss, label: "train")
        try axes.line(loss.map { $0 * 1.3 + 0.003 }, label: "validation")
        axes.yScale = .log
        axes.title = "training loss"
        axes.xLabel = "step"
        return figure
    }

    static func scatter() throws -> Figure {
        let figure = try Figure(size: .inches(width: 5, height: 4))
        let axes = figure.axes[0]
        let first = Samples.normal(count: 150, seed: 1)
        let second = Samples.normal(count: 150, seed: 2)
        try axes.scatter(x: first.map { $0 - 1 }, y: second.map { $0 * 0.6 + 0.5 }, label: "class A")
        let third = Samples.normal(count: 150, seed: 3)
        let fourth = Samples.normal(count: 150, seed: 4)
        try axes.scatter(x: third.map { $0 * 0.7 + 1.5 }, y: fourth.map { $0 - 1 }, label: "class B")
        axes.xLabel = "feature 1"
        axes.yLabel = "feature 2"
        return figure
    }

    static func scatterMapped() throws -> Figure {
        let figure = try Figure(size: .inches(width: 5.5, height: 4))
        let axes = figure.axes[0]
        let x = Samples.normal(count: 200, seed: 5)
        let y = Samples.normal(count: 200, seed: 6)
        let values = zip(x, y).map { $0 * $0 + $1 * $1 }
        try axes.scatter(x: x, y: y, values: values, sizes: values, opacity: 0.8)
        axes.colorbarLabel = "radius²"
        axes.title = "coloured and sized by value"
        return figure
    }

    static func barGrouped() throws -> Figure {
        let figure = try Figure(size: .inches(width: 5, height: 3.5))
        let axes = figure.axes[0]
        try axes.bars([[0.72, 0.81, 0.64, 0.9], [0.75, 0.86, 0.7, 0.93], [0.7, 0.88, 0.73, 0.95]],
                      labels: ["baseline", "+ norm", "+ norm + aug"], categories: ["CIFAR-10", "SVHN", "STL-10", "MNIST"])
        axes.yLabel = "accuracy"
        axes.yLimits = Interval(0, 1.15)
        return figure
    }

    static func barStacked() throws -> Figure {
        let figure = try Figure(size: .inches(width: 5, height: 3.5))
        let axes = figure.axes[0]
        try axes.bars([[12, 15, 9, 20, 17], [5, 7, 11, 4, 8], [3, 2, 6, 5, 9]], labels: ["forward", "backward", "optimizer"],
                      categories: ["mlp", "cnn", "rnn", "vit", "gnn"], layout: .stacked)
        axes.yLabel = "time (ms)"
        return figure
    }

    static func hist() throws -> Figure {
        let figure = try Figure(size: .inches(width: 5, height: 3.5))
        let axes = figure.axes[0]
        try axes.hist(Samples.normal(count: 2_000, seed: 7), bins: 30, density: true, opacity: 0.7, label: "N(0, 1)")
        try axes.hist(Samples.normal(count: 2_000, seed: 8).map { $0 * 0.5 + 1.5 }, bins: 30, density: true,
                      opacity: 0.7, label: "N(1.5, 0.25)")
        axes.yLabel = "density"
        return figure
    }

    static func imshow() throws -> Figure {
        let figure = try Figure(size: .inches(width: 5, height: 4))
        let axes = figure.axes[0]
        let (rows, columns) = (24, 32)
        let values = (0..<(rows * columns)).map { index -> Double in
            let row = Double(index / columns)
            let column = Double(index % columns)
            return sin(column / 5) * cos(row / 4)
        }
        try axes.imshow(values, rows: rows, columns: columns, colormap: .rdBu)
        axes.title = "attention map"
        axes.colorbarLabel = "weight"
        return figure
    }

    static func contour() throws -> Figure {
        let figure = try Figure(size: .inches(width: 5, height: 4))
        let field = Samples.twoBumps(size: 60)
        try figure.axes[0].contour(field.values, rows: 60, columns: 60, x: field.axis, y: field.axis, levelCount: 10)
        figure.axes[0].title = "loss landscape"
        return figure
    }

    static func contourf() throws -> Figure {
        let figure = try Figure(size: .inches(width: 5, height: 4))
        let field = Samples.twoBumps(size: 60)
        try figure.axes[0].contourf(field.values, rows: 60, columns: 60, x: field.axis, y: field.axis, levelCount: 10)
        figure.axes[0].xLabel = "w₁"
        figure.axes[0].yLabel = "w₂"
        return figure
    }

    static func fillBetween() throws -> Figure {
        let figure = try Figure(size: .inches(width: 5, height: 3.5))
        let axes = figure.axes[0]
        let x = (0..<100).map { Double($0) * 10 }
        let mean = x.map { 0.9 - 0.6 * exp(-$0 / 250) }
        let spread = x.map { 0.08 * exp(-$0 / 400) + 0.01 }
        try axes.fillBetween(x: x, lower: zip(mean, spread).map { $0 - $1 }, upper: zip(mean, spread).map { $0 + $1 }, label: "± 1 s.d.")
        try axes.line(x: x, y: mean, color: Palette.okabeIto.color(at: 0), label: "mean of 5 seeds")
        axes.xLabel = "epoch"
        axes.yLabel = "accuracy"
        return figure
    }

    static func errorbar() throws -> Figure {
        let figure = try Figure(size: .inches(width: 5, height: 3.5))
        let axes = figure.axes[0]
        let x = [1.0, 2, 4, 8, 16, 32, 64]
        let y = x.map { 1 / sqrt($0) }
        try axes.errorbar(x: x, y: y, yError: y.map { $0 * 0.15 }, label: "measured")
        try axes.line(x: x, y: y.map { $0 * 1.05 }, style: .dotted, label: "1 / √n")
        axes.xScale = .log
        axes.xLabel = "batch size"
        axes.yLabel = "gradient noise"
        return figure
    }

    static func annotations() throws -> Figure {
        let figure = try Figure(size: .inches(width: 5, height: 3.5))
        let axes = figure.axes[0]
        let x = (0..<120).map { Double($0) / 10 }
        try axes.line(x: x, y: x.map { $0 * exp(-$0 / 3) }, label: "x·e^(−x/3)")
        try axes.hline(3 * exp(-1), label: "maximum")
        try axes.vline(3, color: Palette.okabeIto.color(at: 1), style: .dotted)
        try axes.text("peak at x = 3", x: 3.3, y: 1.2)
        axes.title = "Escaping: <tags> & \"quotes\""
        return figure
    }

    static func subplotsShared() throws -> Figure {
        let figure = try Figure(rows: 2, columns: 2, sharesX: true, sharesY: true)
        for (index, axes) in figure.axes.enumerated() {
            let phase = Double(index)
            let x = (0..<80).map { Double($0) / 8 }
            try axes.line(x: x, y: x.map { sin($0 + phase) * (1 + phase / 4) }, label: "run \(index + 1)")
            axes.title = "seed \(index)"
        }
        return figure
    }

    static func colormaps() throws -> Figure {
        let figure = try Figure(rows: 1, columns: 4, size: .inches(width: 9, height: 2.6))
        let ramp = (0..<(8 * 64)).map { Double($0 % 64) / 63 }
        for (axes, map) in zip(figure.axes, [Colormap.viridis, .magma, .cividis, .rdBu]) {
            try axes.imshow(ramp, rows: 8, columns: 64, colormap: map)
            axes.title = map.name
            axes.showsColorbar = false
        }
        return figure
    }

    /// Every marker shape: on lines (with their legend) on the left, as scatters on the right.
    static func markers() throws -> Figure {
        let figure = try Figure(rows: 1, columns: 2, size: .inches(width: 9, height: 3.5))
        let x = (0..<8).map(Double.init)
        for (index, shape) in [MarkerShape.circle, .square, .triangleUp, .diamond, .star].enumerated() {
            let offset = Double(index)
            try figure.axes[0].line(x: x, y: x.map { sin($0 / 2) + offset }, marker: Marker(shape), label: "\"\(shape.rawValue)\" \(shape.name)")
        }
        figure.axes[0].title = "line(marker:)"
        figure.axes[0].xLimits = Interval(-0.5, 12)
        for (index, shape) in [MarkerShape.cross, .plus, .triangleDown, .triangleLeft, .triangleRight, .point].enumerated() {
            let offset = Double(index)
            try figure.axes[1].scatter(x: x, y: x.map { cos($0 / 2) + offset }, size: 8, marker: shape,
                                       label: "\"\(shape.rawValue)\" \(shape.name)")
        }
        figure.axes[1].title = "scatter(marker:)"
        figure.axes[1].xLimits = Interval(-0.5, 12)
        return figure
    }
}
