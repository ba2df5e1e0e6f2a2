/// Fresh dense tensors filled by a caller's loop, for the fused kernels of the layers above
/// (autodiff's backward rules, optimiser updates) that would otherwise chain several ops, each
/// allocating and passing over memory.
extension Tensor {
    /// A new contiguous tensor of `shape` holding `T` (its dtype is `T.dtype`) whose elements
    /// `body` writes, given a buffer of exactly `shape`'s element count.
    ///
    /// The buffer starts uninitialised (as NumPy's `empty`): `body` must write every element.
    /// - Throws: `TensorError` for a negative size or an element count that overflows; whatever
    ///   `body` throws.
    public static func dense<T: TensorScalar>(_ shape: [Int], of type: T.Type,
                                              _ body: (UnsafeMutableBufferPointer<T>) throws -> Void) throws -> Tensor {
        let count = try ShapeMath.elementCount(shape, op: "dense")
        let result = Tensor(uninitializedShape: shape, dtype: T.dtype)
        try body(UnsafeMutableBufferPointer(start: result.pointer(T.self), count: count))
        return result
    }

    /// Runs `body` with this tensor's elements as one dense buffer of `T`, or returns `nil` when
    /// the tensor does not hold `T` or is not contiguous (then the caller takes its general path).
    ///
    /// Read only: nothing may be written through the buffer (other views may share it).
    public func withDenseElements<T: TensorScalar, R>(as type: T.Type,
                                                      _ body: (UnsafeBufferPointer<T>) throws -> R) rethrows -> R? {
        guard T.dtype == dtype, isContiguous else { return nil }
        return try body(UnsafeBufferPointer(start: pointer(T.self), count: count))
    }

    /// True when no other handle or view refers to this tensor's storage, so that writing into it
    /// in place is invisible to everyone else (the caller holds the only reference).
    ///
    /// Used by owners of private buffers (optimiser state, accumulated gradients) to update them
    /// in place; when it returns false they must allocate instead.
    public mutating func isUniquelyOwned() -> Bool {
        isKnownUniquelyReferenced(&identity) && isKnownUniquelyReferenced(&storage) && isContiguous
    }

    /// Runs `body` on this tensor's elements for writing in place, only when `isUniquelyOwned()`
    /// and the tensor holds `T`; returns `nil` (nothing written) otherwise.
    public mutating func withUniquelyOwnedElements<T: TensorScalar, R>(
        as type: T.Type, _ body: (UnsafeMutableBufferPointer<T>) throws -> R
    ) rethrows -> R? {
        guard T.dtype == dtype, isUniquelyOwned() else { return nil }
        return try body(UnsafeMutableBufferPointer(start: pointer(T.self), count: count))
    }
}
