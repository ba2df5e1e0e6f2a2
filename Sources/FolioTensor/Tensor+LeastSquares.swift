/// The pseudo-inverse and least squares, as composites of `svd`, `where`, `matmul` and sums.
extension Tensor {
    /// The Moore–Penrose pseudo-inverse of (a batch of) matrices from the SVD, dropping singular
    /// values at or below `rcond` times the largest (NumPy's default `rcond = 1e-15`).
    public func pinv(rcond: Double = 1e-15) throws -> Tensor {
        let (u, s, vt) = try linalgOperand(op: "pinv", square: false).svd()
        let inverted = try Tensor.invertedSingularValues(s, rcond: rcond)
        // V diag(1/s) Uᵀ, with diag(1/s) applied as a broadcast over the columns of V.
        let scaled = try vt.transpose() * inverted.unsqueeze(-2)
        return try scaled.matmul(u.transpose())
    }

    /// `1/s` where `s > rcond * max(s)`, else 0; the division never sees a zero, so gradients
    /// through it stay finite.
    static func invertedSingularValues(_ s: Tensor, rcond: Double) throws -> Tensor {
        guard s.shape.last ?? 0 > 0 else { return s }
        let cutoff = try s.max(axes: [-1], keepDims: true) * rcond
        let kept = try s .> cutoff
        let safe = try Tensor.select(kept, s, s.onesLike())
        return try Tensor.select(kept, 1.0 / safe, s.zerosLike())
    }

    /// The least-squares solution of `self @ x ≈ b`, as NumPy's `lstsq` for a 2-d `self`
    /// (`(m, n)`) and `b` of shape `(m,)` or `(m, k)`:
    /// - `solution`: the minimum-norm solution `(n,)` / `(n, k)`, from the SVD;
    /// - `residuals`: squared 2-norms of `b - self @ x` per column when the rank is `n` and
    ///   `m > n`, else empty `(0,)`;
    /// - `rank`: singular values above `rcond * max(s)` (default `eps * max(m, n)`, NumPy's);
    /// - `singularValues`.
    public func lstsq(_ b: Tensor, rcond: Double? = nil)
        throws -> (solution: Tensor, residuals: Tensor, rank: Int, singularValues: Tensor) {
        guard rank == 2 else {
            throw TensorError.invalidShape(op: "lstsq", shape: shape, reason: "expected a matrix")
        }
        let (m, n) = (shape[0], shape[1])
        guard b.rank == 1 || b.rank == 2, b.shape[0] == m else {
            throw TensorError.shapeMismatch(op: "lstsq", shapes: [shape, b.shape], reason: "b needs as many rows as the matrix")
        }
        let matrix = try linalgOperand(op: "lstsq", square: false)
        let common = DType.promote(matrix.dtype, b.dtype.floatingType)
        let a = matrix.cast(to: common)
        let (u, s, vt) = try a.svd()
        let epsilon = common == .f32 ? Double(Float.ulpOfOne) : Double.ulpOfOne
        let threshold = rcond ?? epsilon * Double(Swift.max(m, n))
        let inverted = try Tensor.invertedSingularValues(s, rcond: threshold)
        let rhs = b.rank == 1 ? try b.cast(to: common).unsqueeze(-1) : b.cast(to: common)
        let projected = try u.transpose().matmul(rhs) * inverted.unsqueeze(-1)
        let solution = try vt.transpose().matmul(projected)
        let rankCount = Int(try (inverted .!= Tensor(scalar: 0)).cast(to: .i64).sum().item().doubleValue)
        var residuals = Tensor(shape: [0], dtype: common, zeroed: true)
        if rankCount == n && m > n {
            let error = try rhs - a.matmul(solution)
            residuals = try (error * error).sum(axes: [0])
        }
        let shaped = b.rank == 1 ? try solution.squeeze([-1]) : solution
        return (shaped, residuals, rankCount, s)
    }
}
