/// Kernels that move elements by integer indices: `take`, `gather`, `scatterAdd`.
///
/// Indices are validated (and negative ones wrapped) once, before any kernel runs, so the loops
/// below never fail and never trap.
enum IndexKernels {
    /// The indices as a dense `i64` array with negatives wrapped, or an `IndexError`.
    static func normalizedIndices(_ indices: Tensor, size: Int, axis: Int, op: String) throws -> Tensor {
        guard indices.dtype == .i64 else {
            throw TensorError.unsupportedDType(op: op, dtype: indices.dtype, reason: "indices must be integers (i64)")
        }
        let dense = indices.cast(to: .i64, forceCopy: true)
        let values = dense.pointer(Int64.self)
        for position in 0..<dense.count {
            let index = values[position]
            guard index >= -Int64(size), index < Int64(size) else {
                throw TensorError.indexOutOfRange(op: op, index: Int(index), axis: axis, size: size)
            }
            if index < 0 { values[position] = index + Int64(size) }
        }
        return dense
    }

    /// `take` on a dense source seen as `(outer, size, inner)`: copies blocks of `inner` elements.
    /// Element moves are dtype-agnostic, so this works on raw bytes with one `memcpy` per block.
    static func take(_ source: Tensor, indices: Tensor, outer: Int, size: Int, inner: Int, into output: Tensor) {
        let byteSize = source.dtype.byteSize
        let blockBytes = inner * byteSize
        let from = source.storage.pointer + source.offset * byteSize
        let to = output.storage.pointer + output.offset * byteSize
        let positions = indices.pointer(Int64.self)
        let picks = indices.count
        Parallel.forEachChunk(count: outer, costPerItem: picks * inner) { range in
            for block in range {
                for pick in 0..<picks {
                    let sourceBlock = from + (block * size + Int(positions[pick])) * blockBytes
                    let destinationBlock = to + (block * picks + pick) * blockBytes
                    destinationBlock.copyMemory(from: sourceBlock, byteCount: blockBytes)
                }
            }
        }
    }

    /// The loop shared by gather and scatter: `axis` moved last in all three operands; rows walk
    /// the other axes and `body(source row, index row, output row)` handles one line along `axis`.
    struct AxisLines {
        let rows: StridedRows
        let lineLength: Int
        let lineStrides: [Int]

        init(shape: [Int], operands: [Tensor], axis: Int) {
            var leading = shape
            leading.remove(at: axis)
            let strides = operands.map { operand -> [Int] in
                var kept = operand.strides
                kept.remove(at: axis)
                return kept
            }
            rows = StridedRows(shape: leading, strides: strides)
            lineLength = shape[axis]
            lineStrides = operands.map { $0.strides[axis] }
        }

        func forEachLine(_ body: (Int, Int, Int) -> Void) {
            let strides = rows.rowStrides
            let length = rows.rowLength
            rows.forEachRow(0..<rows.rowCount) { offsets in
                for element in 0..<length {
                    body(offsets[0] + element * strides[0], offsets[1] + element * strides[1], offsets[2] + element * strides[2])
                }
            }
        }
    }

    /// `output[..., j, ...] = source[..., index[..., j, ...], ...]` along `axis` (PyTorch `gather`).
    struct GatherVisitor: DTypeVisitor {
        let source: Tensor
        let indices: Tensor
        let output: Tensor
        let axis: Int

        func visit<T: TensorScalar>(_ type: T.Type) {
            let lines = AxisLines(shape: indices.shape, operands: [source, indices, output], axis: axis)
            let (from, positions, to) = (source.pointer(T.self), indices.pointer(Int64.self), output.pointer(T.self))
            let (sourceStride, indexStride, outputStride) = (lines.lineStrides[0], lines.lineStrides[1], lines.lineStrides[2])
            let length = lines.lineLength
            lines.forEachLine { sourceBase, indexBase, outputBase in
                for j in 0..<length {
                    let position = Int(positions[indexBase + j * indexStride])
                    to[outputBase + j * outputStride] = from[sourceBase + position * sourceStride]
                }
            }
        }
    }

    /// `output[..., index[..., j, ...], ...] += source[..., j, ...]` along `axis` (PyTorch
    /// `scatter_add_`); `output` is a fresh dense copy. Single-threaded: lines may collide.
    struct ScatterAddVisitor: NumericVisitor {
        let source: Tensor
        let indices: Tensor
        let output: Tensor
        let axis: Int

        func visit<T: NumericScalar>(_ type: T.Type) {
            let lines = AxisLines(shape: indices.shape, operands: [source, indices, output], axis: axis)
            let (from, positions, to) = (source.pointer(T.self), indices.pointer(Int64.self), output.pointer(T.self))
            let (sourceStride, indexStride, outputStride) = (lines.lineStrides[0], lines.lineStrides[1], lines.lineStrides[2])
            let length = lines.lineLength
            lines.forEachLine { sourceBase, indexBase, outputBase in
                for j in 0..<length {
                    let target = outputBase + Int(positions[indexBase + j * indexStride]) * outputStride
                    to[target] = T.add(to[target], from[sourceBase + j * sourceStride])
                }
            }
        }
    }
}
