import FolioTensor

/// Variables take part in the composites written once on `TensorAlgebra` (`einsum`, `diagonal`,
/// `kron`), so those differentiate through `permute`, `reshape`, `take`, `sum` and `matmul`.
extension Variable: TensorAlgebra {
    public func take(positions: [Int64], axis: Int) throws -> Variable {
        try take(Variable.constant(Tensor(integers: positions, shape: [positions.count])), axis: axis)
    }
}

extension Variable {
    /// A copy with `source`'s slice `i` along `axis` added into slice `indices[i]` (PyTorch
    /// `index_add`; repeated indices accumulate), as `Tensor.indexAdd`: `scatterAdd` with the
    /// indices spread over the source's shape.
    public func indexAdd(axis: Int, indices: Tensor, source: Variable) throws -> Variable {
        let normalized = try Variable.normalizedAxis(axis, rank: rank, op: "index_add")
        var expected = shape
        expected[normalized] = indices.count
        guard indices.rank == 1, source.shape == expected else {
            throw TensorError.shapeMismatch(op: "index_add", shapes: [shape, indices.shape, source.shape],
                                            reason: "expected 1-d indices and a source shaped like the tensor with axis \(axis) of the indices' length")
        }
        var column = Array(repeating: 1, count: rank)
        column[normalized] = indices.count
        let spread = try indices.cast(to: .i64).reshape(column).expand(expected).contiguous()
        return try scatterAdd(axis: normalized, indices: Variable.constant(spread), source: source)
    }

    /// Pads the trailing `widths.count` axes as `Tensor.padTrailing(_:mode:)` does, as one `take`
    /// per padded axis (constant mode: written into a filled tensor), so the border's gradient
    /// flows back to the entries it copies.
    public func padTrailing(_ widths: [(before: Int, after: Int)], mode: PadMode) throws -> Variable {
        guard widths.count <= rank else {
            throw TensorError.invalidArgument(op: "pad", message: "\(widths.count) pad pairs for a tensor of rank \(rank)")
        }
        guard widths.contains(where: { $0.before > 0 || $0.after > 0 }) else { return self }
        let leading = rank - widths.count
        try checkPaddedShape(widths, leading: leading)
        if case let .constant(fill) = mode { return try constantPadded(widths, leading: leading, fill: fill) }
        var result = self
        for (offset, width) in widths.enumerated() where width.before > 0 || width.after > 0 {
            let axis = leading + offset
            let positions = try Variable.padPositions(size: shape[axis], before: width.before, after: width.after, mode: mode, axis: axis)
            result = try result.take(positions: positions, axis: axis)
        }
        return result
    }

    /// Refuses widths whose padded shape overflows `Int` or would not fit in memory, before any
    /// position list is built: `pad(x, 2^62)` trapped adding the widths.
    private func checkPaddedShape(_ widths: [(before: Int, after: Int)], leading: Int) throws {
        var padded = shape
        for (offset, width) in widths.enumerated() {
            let axis = leading + offset
            let (withBefore, overflowBefore) = shape[axis].addingReportingOverflow(width.before)
            let (total, overflowAfter) = withBefore.addingReportingOverflow(width.after)
            guard !overflowBefore, !overflowAfter else {
                throw TensorError.invalidArgument(op: "pad", message: "widths \(width.before) and \(width.after) overflow axis \(axis) of size \(shape[axis])")
            }
            padded[axis] = total
        }
        _ = try Tensor.elementCount(of: padded, op: "pad")
    }

    private func constantPadded(_ widths: [(before: Int, after: Int)], leading: Int, fill: Double) throws -> Variable {
        var paddedShape = shape
        var region = Array(repeating: TensorIndex.all, count: leading)
        for (offset, width) in widths.enumerated() {
            let axis = leading + offset
            paddedShape[axis] = shape[axis] + width.before + width.after
            region.append(.range(start: width.before, stop: width.before + shape[axis]))
        }
        let canvas = Variable.constant(try Tensor.full(shape: paddedShape, value: fill, dtype: dtype))
        return try canvas.assigning(self, at: region)
    }

    /// The source entry of each padded position `-before ..< size + after` along one axis.
    static func padPositions(size: Int, before: Int, after: Int, mode: PadMode, axis: Int) throws -> [Int64] {
        switch mode {
        case .reflect:
            guard before < size, after < size else {
                throw TensorError.invalidArgument(op: "pad", message: "reflect padding (\(before), \(after)) must be smaller than axis \(axis) of size \(size)")
            }
        case .circular:
            guard before <= size, after <= size else {
                throw TensorError.invalidArgument(op: "pad", message: "circular padding (\(before), \(after)) cannot exceed axis \(axis) of size \(size)")
            }
        case .edge, .constant:
            guard size > 0 else { throw TensorError.invalidArgument(op: "pad", message: "edge padding of the empty axis \(axis)") }
        }
        return (-before..<(size + after)).map { position -> Int64 in
            switch mode {
            case .reflect: return Int64(position < 0 ? -position : (position >= size ? 2 * (size - 1) - position : position))
            case .circular: return Int64(((position % size) + size) % size)
            case .edge, .constant: return Int64(Swift.min(Swift.max(position, 0), size - 1))
            }
        }
    }
}
