import FolioPlot

/// One subplot: marks are added by methods (`ax.line(x, y)`), labels set as properties (`ax.title = "loss"`).
public final class AxesObject: NativeObject {
    public let axes: Axes

    public init(_ axes: Axes) {
        self.axes = axes
    }

    public override var typeName: String { "Axes" }

    static let propertyNames = ["title", "xlabel", "ylabel", "xlim", "ylim", "xscale", "yscale", "legend", "grid"]

    public override var memberNames: [String] { AxesObject.propertyNames + AxesMethods.byName.keys.sorted() }

    public override func member(named name: String) throws -> Value? {
        switch name {
        case "title": return axes.title.map { .string($0) } ?? Value.none
        case "xlabel": return axes.xLabel.map { .string($0) } ?? Value.none
        case "ylabel": return axes.yLabel.map { .string($0) } ?? Value.none
        case "xlim": return axes.xLimits.map { .array([.double($0.lower), .double($0.upper)]) } ?? Value.none
        case "ylim": return axes.yLimits.map { .array([.double($0.lower), .double($0.upper)]) } ?? Value.none
        case "xscale": return .string(axes.xScale == .log ? "log" : "linear")
        case "yscale": return .string(axes.yScale == .log ? "log" : "linear")
        case "legend": return axes.showsLegend.map { .bool($0) } ?? Value.none
        case "grid": return .bool(axes.showsGrid)
        default: return AxesMethods.byName[name].map { BoundMethod.bind($0, to: .native(self)) }
        }
    }

    public override func setMember(named name: String, to value: Value) throws {
        switch name {
        case "title": axes.title = AxesObject.text(value)
        case "xlabel": axes.xLabel = AxesObject.text(value)
        case "ylabel": axes.yLabel = AxesObject.text(value)
        case "xlim": axes.xLimits = try AxesObject.interval(value, name)
        case "ylim": axes.yLimits = try AxesObject.interval(value, name)
        case "xscale": axes.xScale = try AxesObject.scale(value)
        case "yscale": axes.yScale = try AxesObject.scale(value)
        case "legend": axes.showsLegend = try AxesObject.flag(value, name)
        case "grid": axes.showsGrid = try AxesObject.flag(value, name) ?? false
        default: try super.setMember(named: name, to: value)
        }
    }

    static func text(_ value: Value) -> String? {
        value.isNone ? nil : value.description
    }

    static func interval(_ value: Value, _ name: String) throws -> Interval? {
        if value.isNone { return nil }
        let bounds = try PlotData.values(value, name)
        guard bounds.count == 2 else { throw FolioError(.ValueError, "\(name) must be [lower, upper], got \(bounds.count) numbers") }
        // As matplotlib's set_xlim: a NaN or infinite limit is refused, not taken as "automatic".
        guard bounds.allSatisfy(\.isFinite) else {
            throw FolioError(.ValueError, "\(name) must be finite numbers, got [\(bounds[0]), \(bounds[1])] (set it to nil for automatic limits)")
        }
        return Interval(bounds[0], bounds[1])
    }

    static func scale(_ value: Value) throws -> ScaleKind {
        switch value.description {
        case "log": return .log
        case "linear": return .linear
        default: throw FolioError(.ValueError, "a scale is \"linear\" or \"log\", got \(value.repr)")
        }
    }

    static func flag(_ value: Value, _ name: String) throws -> Bool? {
        switch value {
        case .none: return nil
        case .bool(let flag): return flag
        default: throw FolioError(.TypeError, "\(name) must be a Bool, got \(value.typeName)")
        }
    }

    public override var plainText: String { "<Axes\(axes.title.map { " \"\($0)\"" } ?? "") with \(axes.marks.count) marks>" }

    public override var doc: DocEntry? {
        DocEntry("A subplot. Methods add marks; title, xlabel, ylabel, xlim, ylim, xscale, yscale, legend and grid can be assigned.",
                 details: "Methods: " + AxesMethods.byName.keys.sorted().joined(separator: ", "),
                 example: "let f = figure()\nf[0].scatter([1, 2, 3], [3, 1, 2])\nf[0].title = \"points\"\nf")
    }
}
