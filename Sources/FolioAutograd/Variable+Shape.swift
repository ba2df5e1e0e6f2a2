import FolioTensor

/// Reductions, casts and views on variables. Views keep their gradients through the `reshape`,
/// `permute`, `expand` and `slice` rules; the rest of the shape API is composed from those.
extension Variable {
    /// Reduces over `axes` (`nil`: all) with primitive `op`.
    public func reduce(_ op: ReductionOp, axes: [Int]? = nil, keepDims: Bool = false) throws -> Variable {
        try Variable.apply(.reduce(op, axes: axes, keepDims: keepDims), [self])
    }

    public func sum(axes: [Int]? = nil, keepDims: Bool = false) throws -> Variable {
        try reduce(.sum, axes: axes, keepDims: keepDims)
    }

    public func prod(axes: [Int]? = nil, keepDims: Bool = false) throws -> Variable {
        try reduce(.prod, axes: axes, keepDims: keepDims)
    }

    public func max(axes: [Int]? = nil, keepDims: Bool = false) throws -> Variable {
        try reduce(.max, axes: axes, keepDims: keepDims)
    }

    public func min(axes: [Int]? = nil, keepDims: Bool = false) throws -> Variable {
        try reduce(.min, axes: axes, keepDims: keepDims)
    }

    /// Index of the largest element (an `i64` constant).
    public func argmax(axis: Int? = nil, keepDims: Bool = false) throws -> Variable {
        try Variable.apply(.argReduce(.argmax, axis: axis, keepDims: keepDims), [self])
    }

    /// Index of the smallest element (an `i64` constant).
    public func argmin(axis: Int? = nil, keepDims: Bool = false) throws -> Variable {
        try Variable.apply(.argReduce(.argmin, axis: axis, keepDims: keepDims), [self])
    }

    public func cumsum(axis: Int) throws -> Variable { try Variable.apply(.cumsum(axis: axis), [self]) }

    /// The elements converted to `dtype`; gradients flow between floating dtypes only.
    public func cast(to dtype: DType) throws -> Variable {
        dtype == self.dtype ? self : try Variable.apply(.cast(dtype), [self])
    }

    /// The elements in `shape` (one entry may be -1). Reshaping to the current shape is the
    /// variable itself: backward rules reshape cotangents that usually have the shape already.
    public func reshape(_ shape: [Int]) throws -> Variable {
        shape == self.shape ? self : try Variable.apply(.reshape(shape), [self])
    }

    public func permute(_ axes: [Int]) throws -> Variable {
        let isIdentity = axes.count == rank && axes.indices.allSatisfy { axes[$0] == $0 }
        return isIdentity ? self : try Variable.apply(.permute(axes), [self])
    }

    public func expand(_ shape: [Int]) throws -> Variable {
        shape == self.shape ? self : try Variable.apply(.expand(shape), [self])
    }
    public func slice(_ indices: [TensorIndex]) throws -> Variable { try Variable.apply(.slice(indices), [self]) }

    /// NumPy basic indexing, `x[i, 1..<3, ...]` style.
    public subscript(_ indices: TensorIndex...) -> Variable {
        get throws { try slice(indices) }
    }

    /// Swaps two axes (the last two by default).
    public func transpose(_ first: Int = -2, _ second: Int = -1) throws -> Variable {
        var axes = Array(0..<rank)
        let a = first < 0 ? first + rank : first
        let b = second < 0 ? second + rank : second
        guard axes.indices.contains(a), axes.indices.contains(b) else {
            throw TensorError.invalidAxis(op: "transpose", axis: axes.indices.contains(a) ? second : first, rank: rank)
        }
        axes.swapAt(a, b)
        return try permute(axes)
    }

    /// All elements as one axis.
    public func flatten() throws -> Variable { try reshape([count]) }

    /// Inserts an axis of size 1 at `axis` (negative counts from the end of the result).
    public func unsqueeze(_ axis: Int) throws -> Variable {
        try reshape(value.unsqueeze(axis).shape)
    }

    /// Removes the size-1 axes in `axes` (`nil`: all of them).
    public func squeeze(_ axes: [Int]? = nil) throws -> Variable {
        try reshape(value.squeeze(axes).shape)
    }

    /// The number as a `Double` (the variable must have one element).
    public func item() throws -> Double { try value.item().doubleValue }
}

/// Joining, integer-array indexing and functional assignment.
extension Variable {
    /// The variables joined along `axis` (PyTorch `cat`).
    public static func cat(_ parts: [Variable], axis: Int = 0) throws -> Variable {
        try Variable.apply(.concat(axis: axis, count: parts.count), parts)
    }

    /// The variables joined along a new `axis` (composite: `unsqueeze` + `cat`).
    public static func stack(_ parts: [Variable], axis: Int = 0) throws -> Variable {
        try cat(parts.map { try $0.unsqueeze(axis) }, axis: axis)
    }

    /// Running products along `axis`.
    public func cumprod(axis: Int) throws -> Variable { try Variable.apply(.cumprod(axis: axis), [self]) }

    /// Entries of `axis` picked by the `i64` `indices` (NumPy `take`).
    public func take(_ indices: Variable, axis: Int = 0) throws -> Variable {
        try Variable.apply(.take(axis: axis), [self, indices])
    }

    /// PyTorch `gather` / NumPy `take_along_axis`.
    public func gather(axis: Int, indices: Variable) throws -> Variable {
        try Variable.apply(.gather(axis: axis), [self, indices])
    }

    /// A copy with `source` added at `indices` along `axis` (PyTorch `scatter_add`).
    public func scatterAdd(axis: Int, indices: Variable, source: Variable) throws -> Variable {
        try Variable.apply(.scatterAdd(axis: axis), [self, indices, source])
    }

    /// A copy with `self[indices] = value` (`value` broadcast to the region).
    public func assigning(_ value: Variable, at indices: [TensorIndex]) throws -> Variable {
        try Variable.apply(.assignSlice(indices), [self, value])
    }
}
