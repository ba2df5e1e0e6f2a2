/// Rearranging composites: `flip`, `roll`, `tile`, `repeat`, `tril`/`triu`. Each is written with
/// primitives (slices, `cat`, `expand`, `reshape`, `where`), so autodiff needs no rule for them.
extension Tensor {
    /// The view with the order of entries reversed along `axes` (`nil`: every axis), as NumPy `flip`.
    public func flip(axes: [Int]? = nil) throws -> Tensor {
        let chosen = try ShapeMath.normalizeAxes(axes, rank: rank, op: "flip")
        var indices = [TensorIndex](repeating: .all, count: rank)
        for axis in chosen { indices[axis] = .range(step: -1) }
        return try slice(indices)
    }

    /// Entries shifted by `shift` along `axis`, wrapping around (NumPy `roll`; `axis: nil` rolls the
    /// flattened tensor and restores the shape).
    public func roll(_ shift: Int, axis: Int? = nil) throws -> Tensor {
        guard let axis else { return try flatten().roll(shift, axis: 0).reshape(shape) }
        let normalized = try ShapeMath.normalizeAxis(axis, rank: rank, op: "roll")
        let size = shape[normalized]
        guard size > 0 else { return self }
        let cut = ((shift % size) + size) % size
        guard cut > 0 else { return self }
        let tail = try narrow(axis: normalized, start: size - cut, length: cut)
        let head = try narrow(axis: normalized, start: 0, length: size - cut)
        return try Tensor.cat([tail, head], axis: normalized)
    }

    /// Rolls along several axes in turn (`shifts[i]` along `axes[i]`).
    public func roll(_ shifts: [Int], axes: [Int]) throws -> Tensor {
        guard shifts.count == axes.count else {
            throw TensorError.invalidArgument(op: "roll", message: "\(shifts.count) shifts given for \(axes.count) axes")
        }
        var result = self
        for (shift, axis) in zip(shifts, axes) { result = try result.roll(shift, axis: axis) }
        return result
    }

    /// The tensor repeated `repetitions[i]` times along each axis, as NumPy `tile`: a shorter
    /// `repetitions` is padded with leading ones, a longer one adds leading axes to the tensor.
    public func tile(_ repetitions: [Int]) throws -> Tensor {
        guard repetitions.allSatisfy({ $0 >= 0 }) else {
            throw TensorError.invalidArgument(op: "tile", message: "repetitions must be non-negative, got \(repetitions)")
        }
        let finalRank = Swift.max(rank, repetitions.count)
        let reps = Array(repeating: 1, count: finalRank - repetitions.count) + repetitions
        let base = try reshape(Array(repeating: 1, count: finalRank - rank) + shape)
        // Interleave a repetition axis before every axis: (r0, s0, r1, s1, ...) -> (r0*s0, r1*s1, ...).
        var interleaved: [Int] = []
        var expanded: [Int] = []
        for axis in 0..<finalRank {
            interleaved += [1, base.shape[axis]]
            expanded += [reps[axis], base.shape[axis]]
        }
        let result = try base.reshape(interleaved).expand(expanded)
        return try result.reshape((0..<finalRank).map { reps[$0] * base.shape[$0] })
    }

    /// Each entry repeated `repeats` times in place along `axis`, as NumPy `repeat`
    /// (`[1, 2].repeat(2) = [1, 1, 2, 2]`; `axis: nil` works on the flattened tensor). This is
    /// NumPy's meaning, not PyTorch's `Tensor.repeat` (which is `tile`).
    public func repeated(_ repeats: Int, axis: Int? = nil) throws -> Tensor {
        guard repeats >= 0 else {
            throw TensorError.invalidArgument(op: "repeat", message: "repeats must be non-negative, got \(repeats)")
        }
        guard let axis else { return try flatten().repeated(repeats, axis: 0) }
        let normalized = try ShapeMath.normalizeAxis(axis, rank: rank, op: "repeat")
        var target = shape
        target.insert(repeats, at: normalized + 1)
        // `expand` validates the element count before the product below could overflow.
        let spread = try unsqueeze(normalized + 1).expand(target)
        var merged = shape
        merged[normalized] *= repeats
        return try spread.reshape(merged)
    }

    /// Entry `i` of `axis` repeated `repeats[i]` times (NumPy `repeat` with an array of counts).
    /// Composite: `take` with the repeated positions.
    public func repeated(_ repeats: [Int], axis: Int? = nil) throws -> Tensor {
        guard let axis else { return try flatten().repeated(repeats, axis: 0) }
        let normalized = try ShapeMath.normalizeAxis(axis, rank: rank, op: "repeat")
        guard repeats.count == shape[normalized], repeats.allSatisfy({ $0 >= 0 }) else {
            throw TensorError.invalidArgument(op: "repeat", message: "expected \(shape[normalized]) non-negative counts for axis \(axis) of shape \(formatShape(shape)), got \(repeats)")
        }
        var positions: [Int64] = []
        for (index, count) in repeats.enumerated() { positions += Array(repeating: Int64(index), count: count) }
        let indices = try Tensor(integers: positions, shape: [positions.count])
        return try take(indices, axis: normalized)
    }

    /// The lower triangle of the last two axes: entries with `column - row <= diagonal` are kept,
    /// the rest zeroed (NumPy `tril`, `k = diagonal`).
    public func tril(diagonal: Int = 0) throws -> Tensor {
        try triangle(keepBelow: true, diagonal: diagonal, op: "tril")
    }

    /// The upper triangle: entries with `column - row >= diagonal` are kept (NumPy `triu`).
    public func triu(diagonal: Int = 0) throws -> Tensor {
        try triangle(keepBelow: false, diagonal: diagonal, op: "triu")
    }

    private func triangle(keepBelow: Bool, diagonal: Int, op: String) throws -> Tensor {
        guard rank >= 2 else {
            throw TensorError.invalidShape(op: op, shape: shape, reason: "expected at least two axes")
        }
        let rows = try Tensor.arange(0, shape[rank - 2]).unsqueeze(1)
        let columns = try Tensor.arange(0, shape[rank - 1]).unsqueeze(0)
        let offset = try columns - rows
        let mask = keepBelow ? try offset .<= Tensor(scalar: Int64(diagonal)) : try offset .>= Tensor(scalar: Int64(diagonal))
        return try Tensor.select(mask, self, zerosLike())
    }
}
