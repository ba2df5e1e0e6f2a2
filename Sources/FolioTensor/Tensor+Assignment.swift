/// Writing into tensors: `x[indices] = v`, `x[mask] = v`, `x[idx] = v` (in place), and the
/// functional `assigning` that the op table and autodiff use.
///
/// Semantics (see `Tensor`): views alias as in NumPy, so a write through a view shows in its base
/// and every other view; a copied handle is detached onto fresh storage before its first write
/// (copy-on-write), so `var y = x; y.assign(...)` leaves `x` alone. Writing into a broadcast view
/// (a stride-0 axis of size > 1) is an error, as NumPy's read-only broadcast arrays are.
///
/// Runtimes that keep tensors in slots should move the tensor out of the slot before writing
/// (or write through the slot's `inout` access); a temporary second handle forces a copy.
extension Tensor {
    /// Makes this handle safe to write: detached if its identity is shared, never a broadcast view.
    mutating func prepareForWriting(op: String) throws {
        if !isKnownUniquelyReferenced(&identity) {
            self = cast(to: dtype, forceCopy: true)
            return
        }
        for axis in 0..<rank where strides[axis] == 0 && shape[axis] > 1 {
            throw TensorError.invalidArgument(op: op, message: "cannot write into a broadcast view (axis \(axis) of shape \(formatShape(shape)) repeats one element); make a copy with contiguous() first")
        }
    }

    /// `self[indices] = value` in place: `value` is cast to this dtype and broadcast to the region.
    public mutating func assign(_ value: Tensor, at indices: [TensorIndex]) throws {
        try prepareForWriting(op: "assign")
        let region = try slice(indices)
        try ElementCopy.copy(value, into: region, op: "assign")
    }

    /// `self[mask] = value` in place. `mask` (bool) broadcasts to this shape; `value` is either
    /// broadcast to this shape (a scalar, a row, ...) or a 1-d tensor with one value per true
    /// element of a full-shape mask, consumed in row-major order, as NumPy.
    public mutating func assign(_ value: Tensor, where mask: Tensor) throws {
        guard mask.dtype == .bool else {
            throw TensorError.unsupportedDType(op: "assign", dtype: mask.dtype, reason: "a mask must be bool")
        }
        try prepareForWriting(op: "assign")
        let flags = try mask.expand(shape)
        let selected = try flags.cast(to: .i64).sum().item().doubleValue
        let sequential = value.rank == 1 && mask.shape == shape && Double(value.count) == selected && value.count != 1
        let values = sequential ? value.cast(to: dtype) : try value.cast(to: dtype).expand(shape)
        dtype.visit(MaskedWriteVisitor(target: self, mask: flags, values: values, sequential: sequential))
    }

    /// `self[indices] = value` along `axis` in place (integer-array assignment): slice
    /// `indices[i]` gets `value`'s slice `i`, or all of `value` if it broadcasts to one slice.
    /// With repeated indices the last write wins.
    public mutating func assign(_ value: Tensor, atIndices indices: Tensor, axis: Int = 0) throws {
        let normalized = try ShapeMath.normalizeAxis(axis, rank: rank, op: "assign")
        let positions = try IndexKernels.normalizedIndices(indices, size: shape[normalized], axis: normalized, op: "assign")
        try prepareForWriting(op: "assign")
        var target = shape
        target[normalized] = positions.count
        let values = try value.cast(to: dtype).expand(target)
        for (pick, position) in positions.toArray(of: Int64.self).enumerated() {
            let region = try narrow(axis: normalized, start: Int(position), length: 1)
            try ElementCopy.copy(values.narrow(axis: normalized, start: pick, length: 1), into: region, op: "assign")
        }
    }

    /// A copy of this tensor with `self[indices] = value` (the functional form; never aliases).
    /// The forward kernel of `PrimitiveOp.assignSlice`.
    public func assigning(_ value: Tensor, at indices: [TensorIndex]) throws -> Tensor {
        var copy = cast(to: dtype, forceCopy: true)
        try copy.assign(value, at: indices)
        return copy
    }

    /// Writes `values` where `mask` holds, in row-major order; one thread, since a sequential
    /// value stream needs the order.
    private struct MaskedWriteVisitor: DTypeVisitor {
        let target: Tensor
        let mask: Tensor
        let values: Tensor
        let sequential: Bool

        func visit<T: TensorScalar>(_ type: T.Type) {
            let to = target.pointer(T.self)
            let flags = mask.pointer(Bool.self)
            let from = values.pointer(T.self)
            let valueStrides = sequential ? target.shape.map { _ in 0 } : values.strides
            let rows = StridedRows(shape: target.shape, strides: [target.strides, mask.strides, valueStrides])
            let (length, strides) = (rows.rowLength, rows.rowStrides)
            let valueStep = sequential ? values.strides[0] : 0
            var consumed = 0
            rows.forEachRow(0..<rows.rowCount) { offsets in
                for index in 0..<length where flags[offsets[1] + index * strides[1]] {
                    let source = sequential ? consumed * valueStep : offsets[2] + index * strides[2]
                    to[offsets[0] + index * strides[0]] = from[source]
                    consumed += 1
                }
            }
        }
    }
}
