import FolioNN
import FolioTensor

/// The summary a notebook shows for a model: one row per layer (path, layer, its own parameter
/// count and shapes), then the total, as `torchinfo`'s table without the activation shapes
/// (those need an input).
struct ModuleSummary {
    struct Row {
        let path: String
        let layer: String
        let shapes: String
        let count: Int
    }

    let title: String
    let rows: [Row]
    let total: Int
    let trainable: Int

    init(_ object: ModuleObject) {
        let module = object.module
        title = object.typeName
        rows = module.namedModules.map { path, layer in
            let own = layer.namedParameters.filter { !$0.name.contains(".") }
            let shapes = own.map { "\($0.name) \(formatShape($0.parameter.shape))" }.joined(separator: ", ")
            let count = own.reduce(0) { $0 + $1.parameter.value.count }
            return Row(path: path.isEmpty ? "(root)" : path, layer: layer.layerDescription, shapes: shapes, count: count)
        }
        total = module.parameterCount
        trainable = module.parameters.filter(\.requiresGrad).reduce(0) { $0 + $1.value.count }
    }

    /// Rows worth showing: a container without own parameters is listed only at the root, so a
    /// Sequential of three layers shows four lines, not a tree of empty wrappers.
    private var shownRows: [Row] {
        rows.enumerated().filter { index, row in index == 0 || row.count > 0 || !row.layer.hasPrefix("Sequential") }.map(\.element)
    }

    var text: String {
        let shown = shownRows
        let pathWidth = max(5, shown.map(\.path.count).max() ?? 0)
        let layerWidth = min(48, max(5, shown.map(\.layer.count).max() ?? 0))
        var lines = [pad("layer", pathWidth) + "  " + pad("type", layerWidth) + "  params"]
        for row in shown {
            lines.append(pad(row.path, pathWidth) + "  " + pad(abbreviated(row.layer, layerWidth), layerWidth) + "  \(row.count)")
        }
        lines.append("total: \(total) parameters (\(trainable) trainable)")
        return lines.joined(separator: "\n")
    }

    var html: String {
        var parts = ["<table class=\"folio-model\" style=\"font-family: monospace\">",
                     "<caption>\(TensorHTML.escape(title))</caption>",
                     "<tr><th>layer</th><th>type</th><th>parameters</th><th>shapes</th></tr>"]
        for row in shownRows {
            let cells = [row.path, row.layer, String(row.count), row.shapes].map { "<td>\(TensorHTML.escape($0))</td>" }
            parts.append("<tr>" + cells.joined() + "</tr>")
        }
        parts.append("<tr><th colspan=\"2\">total</th><th>\(total)</th><th>\(trainable) trainable</th></tr>")
        parts.append("</table>")
        return parts.joined(separator: "\n")
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    private func abbreviated(_ text: String, _ width: Int) -> String {
        text.count <= width ? text : String(text.prefix(width - 1)) + "…"
    }
}
