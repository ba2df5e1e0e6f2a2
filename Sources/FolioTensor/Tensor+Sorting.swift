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
                var scratch = [Int64](repeating: 0, count: length)
                scratch.withUnsafeMutableBufferPointer { buffer in
                    guard let spare = buffer.baseAddress else { return }
                    for row in range {
                        let order = indices + row * length
                        for index in 0..<length { order[index] = Int64(index) }
                        MergeSort.sort(order, count: length, scratch: spare, keys: values + row * length, descending: descending)
                    }
                }
            }
        }
    }
}

/// A bottom-up merge sort of index arrays by keys: stable by construction (ties keep the left
/// run first), `O(n log n)` in every case, and specialised per key type.
private enum MergeSort {
    /// True when the element at `a` must come before the one at `b` (strictly); NaN is largest.
    @inline(__always)
    static func before<T: RealScalar>(_ a: T, _ b: T, descending: Bool) -> Bool {
        if descending {
            if a.isNaNValue { return !b.isNaNValue }
            return !b.isNaNValue && a > b
        }
        if a.isNaNValue { return false }
        return b.isNaNValue || a < b
    }

    static func sort<T: RealScalar>(_ order: UnsafeMutablePointer<Int64>, count: Int, scratch: UnsafeMutablePointer<Int64>,
                                    keys: UnsafePointer<T>, descending: Bool) {
        // Short runs by insertion sort, then merges of doubling width, ping-ponging buffers.
        let run = 16
        var start = 0
        while start < count {
            let end = Swift.min(start + run, count)
            for i in (start + 1)..<Swift.max(end, start + 1) {
                let item = order[i]
                var j = i
                while j > start && before(keys[Int(item)], keys[Int(order[j - 1])], descending: descending) {
                    order[j] = order[j - 1]
                    j -= 1
                }
                order[j] = item
            }
            start = end
        }
        var (source, destination) = (order, scratch)
        var width = run
        while width < count {
            var left = 0
            while left < count {
                let middle = Swift.min(left + width, count)
                let right = Swift.min(left + 2 * width, count)
                merge(source, into: destination, left, middle, right, keys: keys, descending: descending)
                left = right
            }
            swap(&source, &destination)
            width *= 2
        }
        if source != order { order.update(from: source, count: count) }
    }

    @inline(__always)
    private static func merge<T: RealScalar>(_ source: UnsafeMutablePointer<Int64>, into destination: UnsafeMutablePointer<Int64>,
                                             _ left: Int, _ middle: Int, _ right: Int, keys: UnsafePointer<T>, descending: Bool) {
        var (i, j, k) = (left, middle, left)
        while i < middle && j < right {
            // Take from the right run only when strictly before: equal keys keep their order.
            if before(keys[Int(source[j])], keys[Int(source[i])], descending: descending) {
                destination[k] = source[j]
                j += 1
            } else {
                destination[k] = source[i]
                i += 1
            }
            k += 1
        }
        while i < middle { destination[k] = source[i]; i += 1; k += 1 }
        while j < right { destination[k] = source[j]; j += 1; k += 1 }
    }
}
