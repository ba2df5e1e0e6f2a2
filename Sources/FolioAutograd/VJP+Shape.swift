import FolioTensor

/// VJP rules of reductions, scans and views.
extension VJP {
    /// Cotangent of a reduction: the output cotangent broadcast back over the reduced axes,
    /// weighted by the product of the other elements for products and split evenly among ties
    /// for `max`/`min`.
    static func reduce(_ op: ReductionOp, axes: [Int]?, keepDims: Bool, node: GraphNode, g: Variable) throws -> Variable {
        let x = node.input(0)
        let keptShape = try reducedShape(x.shape, axes: axes)
        let spread = try g.reshape(keptShape).expand(x.shape)
        switch op {
        case .sum:
            return spread
        case .prod:
            return try spread * exclusiveProducts(x, axes: axes).conj()
        case .max, .min:
            let extreme = try node.output().value.reshape(keptShape)
            let hits = try x.value.compare(.eq, extreme).cast(to: x.dtype)
            let counts = try hits.sum(axes: axes, keepDims: true)
            return try spread * Variable.constant(hits / counts)
        }
    }

    /// `x.shape` with the axes a reduction removed set to 1.
    static func reducedShape(_ shape: [Int], axes: [Int]?) throws -> [Int] {
        guard let axes = axes else { return Array(repeating: 1, count: shape.count) }
        var kept = shape
        for axis in axes {
            let normalized = axis < 0 ? axis + shape.count : axis
            guard kept.indices.contains(normalized) else {
                throw TensorError.invalidAxis(op: "sum", axis: axis, rank: shape.count)
            }
            kept[normalized] = 1
        }
        return kept
    }

    /// The cotangent of a running sum: a running sum from the other end,
    /// `total - cumsum(g) + g`, written with primitives instead of a flip.
    static func reverseCumsum(_ g: Variable, axis: Int) throws -> Variable {
        let total = try g.sum(axes: [axis], keepDims: true)
        return try total - g.cumsum(axis: axis) + g
    }

    /// Zeros shaped like `x` with `g` written where `indices` select: the transpose of `slice`,
    /// as the differentiable primitive `assignSlice` (whose own rule slices again).
    static func embedSlice(_ g: Variable, indices: [TensorIndex], like x: Variable) throws -> Variable {
        let zeros = Variable.constant(try Tensor.zeros(x.shape, dtype: g.dtype))
        return try zeros.assigning(g, at: indices)
    }
}
