/// Printing: `tensor([[1., 2.],\n        [3., 4.]], shape=(2, 2), dtype=f32)`.
///
/// Folio's own form of NumPy's repr: the nested brackets and alignment of NumPy, then the shape
/// and dtype always (they matter more than the values when debugging a model). Past
/// `summaryThreshold` elements every axis longer than six shows its first and last three
/// entries around `...`, as NumPy does.
extension Tensor: CustomStringConvertible {
    /// Tensors with more elements than this are abbreviated.
    public static let summaryThreshold = 1000
    static let edgeItems = 3

    public var description: String {
        let prefix = "tensor("
        let abbreviate = count > Tensor.summaryThreshold
        let shown = collectShown(abbreviate: abbreviate)
        let formatter = ElementFormatter(dtype: dtype, values: shown)
        let texts = shown.map(formatter.format)
        let width = texts.map(\.count).max() ?? 0
        var cursor = 0
        let body = render(axis: 0, position: offset, indent: prefix.count, abbreviate: abbreviate) {
            let text = texts[cursor]
            cursor += 1
            return String(repeating: " ", count: width - text.count) + text
        }
        return "\(prefix)\(body), shape=\(formatShape(shape)), dtype=\(dtype))"
    }

    /// The indices shown along an axis of `size`.
    private func shownIndices(size: Int, abbreviate: Bool) -> [Int?] {
        guard abbreviate, size > 2 * Tensor.edgeItems else { return Array(0..<size) }
        let head = Array(0..<Tensor.edgeItems)
        let tail = Array((size - Tensor.edgeItems)..<size)
        return head + [nil] + tail
    }

    private func collectShown(abbreviate: Bool) -> [ScalarValue] {
        var values: [ScalarValue] = []
        func visit(axis: Int, position: Int) {
            if axis == rank {
                values.append(scalar(atOffset: position))
                return
            }
            for index in shownIndices(size: shape[axis], abbreviate: abbreviate).compactMap({ $0 }) {
                visit(axis: axis + 1, position: position + index * strides[axis])
            }
        }
        visit(axis: 0, position: offset)
        return values
    }

    private func render(axis: Int, position: Int, indent: Int, abbreviate: Bool, next: () -> String) -> String {
        if axis == rank { return next() }
        let indices = shownIndices(size: shape[axis], abbreviate: abbreviate)
        let innermost = axis == rank - 1
        let blankLines = String(repeating: "\n", count: Swift.max(rank - axis - 1, 1))
        let separator = innermost ? ", " : "," + blankLines + String(repeating: " ", count: indent + 1)
        let parts = indices.map { index -> String in
            guard let index else { return "..." }
            return render(axis: axis + 1, position: position + index * strides[axis], indent: indent + 1,
                          abbreviate: abbreviate, next: next)
        }
        return "[" + parts.joined(separator: separator) + "]"
    }
}
