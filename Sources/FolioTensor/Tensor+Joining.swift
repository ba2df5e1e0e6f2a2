/// Joining and splitting: `cat` (the primitive), and the composites `stack`, `split`, `chunk`.
///
/// `split` and `chunk` follow PyTorch (sizes, not NumPy's split points) and return views.
extension Tensor {
    /// The tensors joined along an existing `axis` (NumPy `concatenate`, PyTorch `cat`).
    ///
    /// Every input needs the same rank and the same sizes off `axis`; dtypes promote as in binary
    /// ops. The forward kernel of `PrimitiveOp.concat`.
    public static func cat(_ tensors: [Tensor], axis: Int = 0) throws -> Tensor {
        guard let first = tensors.first else {
            throw TensorError.invalidArgument(op: "cat", message: "expected at least one tensor")
        }
        guard first.rank > 0 else {
            throw TensorError.invalidShape(op: "cat", shape: first.shape, reason: "zero-dimensional tensors cannot be concatenated")
        }
        let normalized = try ShapeMath.normalizeAxis(axis, rank: first.rank, op: "cat")
        var total = 0
        for tensor in tensors {
            var expected = first.shape
            expected[normalized] = tensor.rank == first.rank ? tensor.shape[normalized] : -1
            guard tensor.shape == expected else {
                throw TensorError.shapeMismatch(op: "cat", shapes: tensors.map(\.shape),
                                                reason: "sizes must match except along axis \(axis)")
            }
            total += tensor.shape[normalized]
        }
        let dtype = tensors.dropFirst().reduce(first.dtype) { DType.promote($0, $1.dtype) }
        var shape = first.shape
        shape[normalized] = total
        let output = try Tensor.allocateUninitialized(shape: shape, dtype: dtype, op: "cat")
        var start = 0
        for tensor in tensors {
            let size = tensor.shape[normalized]
            let region = try output.narrow(axis: normalized, start: start, length: size)
            try ElementCopy.copy(tensor, into: region, op: "cat")
            start += size
        }
        return output
    }

    /// The tensors joined along a new `axis` (all shapes equal). Composite: `unsqueeze` + `cat`.
    public static func stack(_ tensors: [Tensor], axis: Int = 0) throws -> Tensor {
        guard let first = tensors.first else {
            throw TensorError.invalidArgument(op: "stack", message: "expected at least one tensor")
        }
        guard tensors.allSatisfy({ $0.shape == first.shape }) else {
            throw TensorError.shapeMismatch(op: "stack", shapes: tensors.map(\.shape), reason: "all shapes must be equal")
        }
        let position = try ShapeMath.normalizeAxis(axis, rank: first.rank + 1, op: "stack")
        return try cat(tensors.map { try $0.unsqueeze(position) }, axis: position)
    }

    /// The view of `length` entries of `axis` starting at `start` (PyTorch `narrow`).
    public func narrow(axis: Int, start: Int, length: Int) throws -> Tensor {
        let normalized = try ShapeMath.normalizeAxis(axis, rank: rank, op: "narrow")
        guard start >= 0, length >= 0, start <= shape[normalized], length <= shape[normalized] - start else {
            throw TensorError.invalidArgument(op: "narrow", message: "range of \(length) entries from \(start) does not fit axis \(axis) of size \(shape[normalized]) (shape \(formatShape(shape)))")
        }
        var indices = [TensorIndex](repeating: .all, count: rank)
        indices[normalized] = .range(start: start, stop: start + length)
        return try slice(indices)
    }

    /// Views of consecutive pieces of `axis` with the given sizes, which must add up to its size
    /// (PyTorch `split` with a list).
    public func split(_ sizes: [Int], axis: Int = 0) throws -> [Tensor] {
        let normalized = try ShapeMath.normalizeAxis(axis, rank: rank, op: "split")
        guard sizes.allSatisfy({ $0 >= 0 }), sizes.reduce(0, +) == shape[normalized] else {
            throw TensorError.invalidArgument(op: "split", message: "sizes \(sizes) do not add up to \(shape[normalized]), the size of axis \(axis) of shape \(formatShape(shape))")
        }
        var start = 0
        return try sizes.map { size in
            defer { start += size }
            return try narrow(axis: normalized, start: start, length: size)
        }
    }

    /// Views of `size` entries of `axis` each, the last one shorter if needed (PyTorch `split`
    /// with an integer).
    public func split(size: Int, axis: Int = 0) throws -> [Tensor] {
        let normalized = try ShapeMath.normalizeAxis(axis, rank: rank, op: "split")
        guard size > 0 else {
            throw TensorError.invalidArgument(op: "split", message: "split size must be positive, got \(size)")
        }
        let length = shape[normalized]
        let sizes = stride(from: 0, to: length, by: size).map { Swift.min(size, length - $0) }
        return try split(sizes.isEmpty ? [0] : sizes, axis: normalized)
    }

    /// At most `count` views of nearly equal size along `axis`: each has `ceil(size / count)`
    /// entries except the last (PyTorch `chunk`, which may return fewer than `count`).
    public func chunk(_ count: Int, axis: Int = 0) throws -> [Tensor] {
        guard count > 0 else {
            throw TensorError.invalidArgument(op: "chunk", message: "number of chunks must be positive, got \(count)")
        }
        let normalized = try ShapeMath.normalizeAxis(axis, rank: rank, op: "chunk")
        let length = shape[normalized]
        return try split(size: Swift.max((length + count - 1) / count, 1), axis: normalized)
    }

    /// A fresh tensor whose elements the caller writes, validating `shape`.
    static func allocateUninitialized(shape: [Int], dtype: DType, op: String) throws -> Tensor {
        _ = try ShapeMath.elementCount(shape, op: op)
        return Tensor(uninitializedShape: shape, dtype: dtype)
    }
}
