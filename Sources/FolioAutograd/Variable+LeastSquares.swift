import FolioTensor

/// The pseudo-inverse and least squares on variables, composed of `svd`, `where` and `matmul`
/// exactly as `Tensor.pinv`/`Tensor.lstsq` are, so their gradients come from the SVD rule (full
/// rank, distinct singular values).
extension Variable {
    /// The Moore–Penrose pseudo-inverse of (a batch of) matrices, dropping singular values at or
    /// below `rcond` times the largest.
    public func pinv(rcond: Double = 1e-15) throws -> Variable {
        let (u, s, vt) = try svd()
        let inverted = try Variable.invertedSingularValues(s, rcond: rcond)
        return try (vt.transpose() * inverted.unsqueeze(-2)).matmul(u.transpose())
    }

    /// `1/s` where `s > rcond * max(s)`, else 0. The cut is decided on values (a constant mask),
    /// and the division never sees a zero, so gradients stay finite.
    static func invertedSingularValues(_ s: Variable, rcond: Double) throws -> Variable {
        guard s.shape.last ?? 0 > 0 else { return s }
        let cutoff = try s.value.max(axes: [-1], keepDims: true) * rcond
        let kept = Variable.constant(try s.value .> cutoff)
        let ones = Variable.constant(s.value.onesLike()), zeros = Variable.constant(s.value.zerosLike())
        let safe = try Variable.select(kept, s, ones)
        return try Variable.select(kept, 1.0 / safe, zeros)
    }

    /// The least-squares solution of `self @ x ≈ b` for a matrix `self` `(m, n)` and `b` `(m,)` or
    /// `(m, k)`, with NumPy's `lstsq` results (see `Tensor.lstsq`): the minimum-norm solution,
    /// the squared residual norms (when the rank is `n` and `m > n`), the rank, the singular values.
    public func lstsq(_ b: Variable, rcond: Double? = nil)
        throws -> (solution: Variable, residuals: Variable, rank: Int, singularValues: Variable) {
        guard rank == 2 else { throw TensorError.invalidShape(op: "lstsq", shape: shape, reason: "expected a matrix") }
        let (m, n) = (shape[0], shape[1])
        guard b.rank == 1 || b.rank == 2, b.shape[0] == m else {
            throw TensorError.shapeMismatch(op: "lstsq", shapes: [shape, b.shape], reason: "b needs as many rows as the matrix")
        }
        let common = DType.promote(dtype.floatingType, b.dtype.floatingType)
        let a = dtype == common ? self : try cast(to: common)
        let (u, s, vt) = try a.svd()
        let epsilon = common == .f32 ? Double(Float.ulpOfOne) : Double.ulpOfOne
        let inverted = try Variable.invertedSingularValues(s, rcond: rcond ?? epsilon * Double(Swift.max(m, n)))
        let cast = b.dtype == common ? b : try b.cast(to: common)
        let rhs = b.rank == 1 ? try cast.unsqueeze(-1) : cast
        let projected = try u.transpose().matmul(rhs) * inverted.unsqueeze(-1)
        let solution = try vt.transpose().matmul(projected)
        let rankCount = inverted.value.toArray().filter { $0 != 0 }.count
        var residuals = Variable.constant(try Tensor.zeros([0], dtype: common))
        if rankCount == n && m > n {
            let error = try rhs - a.matmul(solution)
            residuals = try (error * error).sum(axes: [0])
        }
        return (b.rank == 1 ? try solution.squeeze([-1]) : solution, residuals, rankCount, s)
    }
}
