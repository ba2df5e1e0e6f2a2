import FolioTensor

/// The compact HTML table a notebook shows for a tensor: a caption with shape and dtype, then
/// rows of a matrix (higher ranks show their last two axes of the first slices), abbreviated with
/// `…` past a few rows and columns as NumPy abbreviates text.
enum TensorHTML {
    static let edge = 5

    static func table(_ tensor: Tensor) -> String {
        var html = ["<table class=\"folio-tensor\" style=\"font-family: monospace\">"]
        html.append("<caption>Tensor \(escape(formatShape(tensor.shape))) \(tensor.dtype)</caption>")
        let matrix = leadingMatrix(tensor)
        let rows = shown(matrix.rows)
        let columns = shown(matrix.columns)
        for row in rows {
            let cells = columns.map { column -> String in
                guard let row, let column else { return "<td>…</td>" }
                return "<td style=\"text-align: right\">\(escape(matrix.text(row, column)))</td>"
            }
            html.append("<tr>" + cells.joined() + "</tr>")
        }
        if tensor.rank > 2 {
            html.append("<tr><td colspan=\"\(columns.count)\">first of \(tensor.count / max(1, matrix.rows * matrix.columns)) slices of the last two axes</td></tr>")
        }
        html.append("</table>")
        return html.joined(separator: "\n")
    }

    /// Rows and columns to show; nil marks the gap.
    static func shown(_ count: Int) -> [Int?] {
        guard count > 2 * edge else { return Array(0..<count) }
        return Array(0..<edge) + [nil] + Array((count - edge)..<count)
    }

    struct Matrix {
        var rows: Int
        var columns: Int
        var text: (Int, Int) -> String
    }

    /// A 0-d, 1-d or 2-d view of the tensor's first elements, with element text.
    static func leadingMatrix(_ tensor: Tensor) -> Matrix {
        var view = tensor
        while view.rank > 2, let first = try? view.slice([.at(0)]) { view = first }
        let rows = view.rank == 2 ? view.shape[0] : 1
        let columns = view.rank == 0 ? 1 : view.shape[view.rank - 1]
        return Matrix(rows: rows, columns: columns) { row, column in
            let element: Tensor?
            switch view.rank {
            case 0: element = view
            case 1: element = try? view.slice([.at(column)])
            default: element = try? view.slice([.at(row), .at(column)])
            }
            return (try? element?.item().description) ?? "?"
        }
    }

    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}
