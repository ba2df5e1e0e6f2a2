/// Strided element copies: the kernel under `cat`, slice assignment and `contiguous`-like moves.
enum ElementCopy {
    /// Writes `source` into the elements of `destination` (a view, possibly strided).
    ///
    /// `source` is cast to `destination.dtype` and broadcast to its shape first. If the two share
    /// storage the source is copied out first, so overlapping moves (`x[1:] = x[:-1]`) read the
    /// old values, as NumPy guarantees.
    static func copy(_ source: Tensor, into destination: Tensor, op: String) throws {
        var prepared = try source.cast(to: destination.dtype).expand(destination.shape)
        if prepared.sharesStorage(with: destination) {
            prepared = prepared.cast(to: prepared.dtype, forceCopy: true)
        }
        destination.dtype.visit(CopyVisitor(source: prepared, destination: destination))
    }

    private struct CopyVisitor: DTypeVisitor {
        let source: Tensor
        let destination: Tensor

        func visit<T: TensorScalar>(_ type: T.Type) {
            let from = source.pointer(T.self)
            let to = destination.pointer(T.self)
            let rows = StridedRows(shape: destination.shape, strides: [source.strides, destination.strides])
            let (length, sourceStride, destinationStride) = (rows.rowLength, rows.rowStrides[0], rows.rowStrides[1])
            rows.forEachRowInParallel { offsets in
                let a = from + offsets[0]
                let b = to + offsets[1]
                if sourceStride == 1 && destinationStride == 1 {
                    b.update(from: a, count: length)
                } else {
                    for index in 0..<length { b[index * destinationStride] = a[index * sourceStride] }
                }
            }
        }
    }
}
