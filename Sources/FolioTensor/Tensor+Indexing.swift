/// Advanced indexing: integer arrays (`take`, `gather`, `scatterAdd`, `indexAdd`) and boolean
/// masks. Primitives: `take`, `gather`, `scatterAdd`; the rest are composites of them.
///
/// Index tensors must be `i64`; negative indices count from the end (as NumPy; PyTorch's
/// `gather` rejects them, Folio accepts them); out-of-range indices are `IndexError`s.
extension Tensor {
    /// Entries of `axis` picked by `indices` (any shape), as NumPy `take(x, indices, axis)`:
    /// the result's shape is `shape[..<axis] + indices.shape + shape[(axis+1)...]`. `x[idx]`
    /// is `take(idx, axis: 0)`. The forward kernel of `PrimitiveOp.take`.
    public func take(_ indices: Tensor, axis: Int = 0) throws -> Tensor {
        guard rank > 0 else {
            throw TensorError.invalidShape(op: "take", shape: shape, reason: "cannot index a zero-dimensional tensor")
        }
        let normalized = try ShapeMath.normalizeAxis(axis, rank: rank, op: "take")
        let size = shape[normalized]
        let positions = try IndexKernels.normalizedIndices(indices, size: size, axis: normalized, op: "take")
        let outer = shape[..<normalized].reduce(1, *)
        let inner = shape[(normalized + 1)...].reduce(1, *)
        let resultShape = Array(shape[..<normalized]) + indices.shape + Array(shape[(normalized + 1)...])
        let output = try Tensor.allocateUninitialized(shape: resultShape, dtype: dtype, op: "take")
        IndexKernels.take(contiguous(), indices: positions, outer: outer, size: size, inner: inner, into: output)
        return output
    }

    /// `result[i][j][k] = self[i][indices[i][j][k]][k]` for `axis = 1` (PyTorch `gather`, NumPy
    /// `take_along_axis`). `indices` has this tensor's rank and no larger sizes off `axis`; the
    /// result has its shape. The forward kernel of `PrimitiveOp.gather`.
    public func gather(axis: Int, indices: Tensor) throws -> Tensor {
        let normalized = try checkAlongAxis(axis, indices: indices, bound: shape, op: "gather")
        let positions = try IndexKernels.normalizedIndices(indices, size: shape[normalized], axis: normalized, op: "gather")
        let output = try Tensor.allocateUninitialized(shape: indices.shape, dtype: dtype, op: "gather")
        dtype.visit(IndexKernels.GatherVisitor(source: self, indices: positions, output: output, axis: normalized))
        return output
    }

    /// A copy of this tensor with `source[i][j][k]` added at `[i][indices[i][j][k]][k]` for
    /// `axis = 1` (PyTorch `scatter_add`); repeated indices accumulate. `indices` is no larger than
    /// `source` anywhere and than `self` off `axis`. The forward kernel of `PrimitiveOp.scatterAdd`.
    public func scatterAdd(axis: Int, indices: Tensor, source: Tensor) throws -> Tensor {
        let normalized = try checkAlongAxis(axis, indices: indices, bound: shape, op: "scatter_add")
        guard source.rank == indices.rank, zip(indices.shape, source.shape).allSatisfy({ $0 <= $1 }) else {
            throw TensorError.shapeMismatch(op: "scatter_add", shapes: [indices.shape, source.shape],
                                            reason: "indices must be no larger than the source along every axis")
        }
        let common = DType.promote(dtype, source.dtype)
        guard common == dtype else {
            throw TensorError.unsupportedDType(op: "scatter_add", dtype: source.dtype, reason: "source cannot be added into a \(dtype) tensor without changing its dtype")
        }
        let positions = try IndexKernels.normalizedIndices(indices, size: shape[normalized], axis: normalized, op: "scatter_add")
        let output = cast(to: dtype, forceCopy: true)
        let visitor = IndexKernels.ScatterAddVisitor(source: source.cast(to: dtype), indices: positions, output: output, axis: normalized)
        try dtype.visit(numeric: visitor, op: "scatter_add")
        return output
    }

    /// A copy with `source`'s slice `i` along `axis` added into slice `indices[i]` (PyTorch
    /// `index_add`; repeated indices accumulate). Composite: `scatterAdd` with broadcast indices.
    public func indexAdd(axis: Int, indices: Tensor, source: Tensor) throws -> Tensor {
        let normalized = try ShapeMath.normalizeAxis(axis, rank: rank, op: "index_add")
        var expected = shape
        expected[normalized] = indices.count
        guard indices.rank == 1, source.shape == expected else {
            throw TensorError.shapeMismatch(op: "index_add", shapes: [shape, indices.shape, source.shape],
                                            reason: "expected 1-d indices and a source shaped like the tensor with axis \(axis) of the indices' length")
        }
        var column = Array(repeating: 1, count: rank)
        column[normalized] = indices.count
        let spread = try indices.reshape(column).expand(expected)
        return try scatterAdd(axis: normalized, indices: spread, source: source)
    }

    /// Validates the shapes of a gather or scatter along `axis`; returns the normalized axis.
    private func checkAlongAxis(_ axis: Int, indices: Tensor, bound: [Int], op: String) throws -> Int {
        let normalized = try ShapeMath.normalizeAxis(axis, rank: rank, op: op)
        let fits = indices.rank == rank && (0..<rank).allSatisfy { $0 == normalized || indices.shape[$0] <= bound[$0] }
        guard fits else {
            throw TensorError.shapeMismatch(op: op, shapes: [shape, indices.shape],
                                            reason: "indices need the tensor's rank and no larger sizes off axis \(axis)")
        }
        return normalized
    }

    /// The positions of non-zero elements, one `i64` tensor per axis, in row-major order (NumPy
    /// `nonzero`).
    public func nonzero() throws -> [Tensor] {
        let flags = cast(to: .bool).contiguous().toArray(of: Bool.self)
        let strides = ShapeMath.contiguousStrides(shape)
        var columns = [[Int64]](repeating: [], count: rank)
        for (flat, flag) in flags.enumerated() where flag {
            for axis in 0..<rank { columns[axis].append(Int64((flat / strides[axis]) % Swift.max(shape[axis], 1))) }
        }
        return try columns.map { try Tensor(integers: $0, shape: [$0.count]) }
    }

    /// The elements where `mask` is true, as NumPy `x[mask]`: `mask` is `bool` with the shape of
    /// this tensor's leading axes; the result is `(count of true,) + trailing shape`.
    /// Composite: `reshape` + `take`.
    public func masked(by mask: Tensor) throws -> Tensor {
        guard mask.dtype == .bool, mask.rank <= rank, Array(shape.prefix(mask.rank)) == mask.shape else {
            throw TensorError.shapeMismatch(op: "mask", shapes: [shape, mask.shape],
                                            reason: "a boolean mask must match the leading axes of the tensor")
        }
        let flatMask = try mask.reshape([mask.count])
        let picked = try flatMask.nonzero()[0]
        let rows = try reshape([mask.count] + Array(shape.dropFirst(mask.rank)))
        return try rows.take(picked, axis: 0)
    }

    /// `self` where `mask` is false and `value` where it is true (PyTorch `masked_fill`).
    /// Composite: `where`.
    public func maskedFill(_ mask: Tensor, value: Tensor) throws -> Tensor {
        try Tensor.select(mask, value.cast(to: dtype), self)
    }
}
