/// Sorting: `argsort` (the primitive, not differentiable) and the composites `sorted`, `topk`.
///
/// Sorts are stable (equal elements keep their order, in both directions) and NaN sorts as the
/// largest value: last ascending (as NumPy), first descending (as PyTorch). `bool` sorts as
/// 0/1; complex tensors are rejected.
extension Tensor {
    /// The indices that sort each line along `axis` (`i64`). The forward kernel of
    /// `PrimitiveOp.argsort`.
    public func argsort(axis: Int = -1, descending: Bool = false) throws -> Tensor {
        guard rank > 0 else { return Tensor(scalar: Int64(0)) }
        let normalized = try ShapeMath.normalizeAxis(axis, rank: rank, op: "argsort")
        let source = dtype == .bool ? cast(to: .i64) : self
        let (moved, inverse) = try source.movingAxisToEnd(normalized)
        let rows = moved.contiguous()
        let output = Tensor(uninitializedShape: rows.shape, dtype: .i64)
        try rows.dtype.visit(real: ArgsortVisitor(rows: rows, output: output, descending: descending), op: "argsort")
        return try output.permute(inverse).contiguous()
    }

    /// The elements sorted along `axis` (NumPy `sort`; `descending` as PyTorch). Composite:
    /// `gather` with `argsort`.
    public func sorted(axis: Int = -1, descending: Bool = false) throws -> Tensor {
        guard rank > 0 else { return self }
        let order = try argsort(axis: axis, descending: descending)
        return try gather(axis: axis, indices: order)
    }

    /// The `k` largest (or smallest) entries along `axis`, in sorted order, with their indices
    /// (PyTorch `topk`). Composite: `argsort`, a slice, `gather`.
    public func topk(_ k: Int, axis: Int = -1, largest: Bool = true) throws -> (values: Tensor, indices: Tensor) {
        let normalized = try ShapeMath.normalizeAxis(axis, rank: rank, op: "topk")
        guard k >= 0, k <= shape[normalized] else {
            throw TensorError.invalidArgument(op: "topk", message: "k = \(k) is out of range for axis \(axis) of size \(shape[normalized]) (shape \(formatShape(shape)))")
        }
        let order = try argsort(axis: normalized, descending: largest).narrow(axis: normalized, start: 0, length: k)
        return (try gather(axis: normalized, indices: order), order.contiguous())
    }

    /// Sorts index rows by the values of each dense row of `rows`.
    private struct ArgsortVisitor: RealVisitor {
        let rows: Tensor
        let output: Tensor
        let descending: Bool

        func visit<T: RealScalar>(_ type: T.Type) {
            let length = rows.shape.last ?? 1
            guard length > 0 else { return }
            let values = rows.pointer(T.self)
            let indices = output.pointer(Int64.self)
            let descending = self.descending
            Parallel.forEachChunk(count: rows.count / length, costPerItem: length * 16) { range in
                for row in range {
                    let line = values + row * length
                    var order = UnsafeMutableBufferPointer(start: indices + row * length, count: length)
                    for index in 0..<length { order[index] = Int64(index) }
                    // Ties broken by position make any sort stable.
                    order.sort { first, second in
                        let (a, b) = (line[Int(first)], line[Int(second)])
                        let ordered = descending ? ArgsortVisitor.precedes(b, a) : ArgsortVisitor.precedes(a, b)
                        if ordered { return true }
                        let reversed = descending ? ArgsortVisitor.precedes(a, b) : ArgsortVisitor.precedes(b, a)
                        return !reversed && first < second
                    }
                }
            }
        }

        /// `a < b` with NaN above every number and equal to itself.
        @inline(__always)
        static func precedes<T: RealScalar>(_ a: T, _ b: T) -> Bool {
            if a.isNaNValue { return false }
            if b.isNaNValue { return true }
            return a < b
        }
    }
}
