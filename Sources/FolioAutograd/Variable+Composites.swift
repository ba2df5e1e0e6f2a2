import FolioTensor

/// Composite ops on variables, written with primitives only, so they need no gradient code.
///
/// They mirror the composites of `FolioTensor` formula for formula (same shifts for numerical
/// safety), so a value computed with or without gradients is the same.
extension Variable {
    /// The number of elements a reduction over `axes` combines.
    private func reducedCount(_ axes: [Int]?) throws -> Int {
        try VJP.reducedShape(shape, axes: axes).enumerated().reduce(1) { product, entry in
            entry.element == 1 ? product * shape[entry.offset] : product
        }
    }

    /// Arithmetic mean over `axes` (`nil`: all).
    public func mean(axes: [Int]? = nil, keepDims: Bool = false) throws -> Variable {
        let total = try cast(to: dtype.floatingType).sum(axes: axes, keepDims: keepDims)
        return try total / Double(reducedCount(axes))
    }

    /// Variance over `axes` with `ddof` delta degrees of freedom.
    public func variance(axes: [Int]? = nil, ddof: Int = 0, keepDims: Bool = false) throws -> Variable {
        let centered = try self - mean(axes: axes, keepDims: true)
        let squares = try centered * centered
        let divisor = try Double(reducedCount(axes) - ddof)
        return try squares.sum(axes: axes, keepDims: keepDims) / divisor
    }

    /// Standard deviation over `axes`.
    public func std(axes: [Int]? = nil, ddof: Int = 0, keepDims: Bool = false) throws -> Variable {
        try variance(axes: axes, ddof: ddof, keepDims: keepDims).sqrt()
    }

    /// `log(sum(exp(x)))` over `axes`, shifted by the (constant) maximum so it never overflows.
    public func logsumexp(axes: [Int]? = nil, keepDims: Bool = false) throws -> Variable {
        let source = try cast(to: dtype.floatingType)
        let peak = try source.value.max(axes: axes, keepDims: true)
        // The shift cancels exactly, so treating it as a constant leaves the gradient unchanged.
        let shift = Variable.constant(try Tensor.select(peak.isfinite(), peak, peak.zerosLike()))
        let total = try (source - shift).exp().sum(axes: axes, keepDims: true)
        let result = try total.log() + shift
        return keepDims ? result : try result.reshape(value.sum(axes: axes, keepDims: false).shape)
    }

    /// `exp(x) / sum(exp(x))` along `axis`, max-shifted, as the fused primitive (the composite's
    /// four graph nodes, their rules and temporaries ran in every attention layer).
    public func softmax(axis: Int = -1) throws -> Variable {
        try Variable.apply(.softmax(axis: axis), [cast(to: dtype.floatingType)])
    }

    /// `x - logsumexp(x)` along `axis`, as the fused primitive (the composite's six ops each
    /// way were most of a small classifier's loss).
    public func logSoftmax(axis: Int = -1) throws -> Variable {
        try Variable.apply(.logSoftmax(axis: axis), [cast(to: dtype.floatingType)])
    }

    /// `log(1 + exp(x))` as `relu(x) + log1p(exp(-|x|))`.
    public func softplus() throws -> Variable {
        let negativeMagnitude = try -abs()
        // max(x, 0) rather than relu: its rule splits the tie at 0, giving softplus'(0) = 1/2
        // (relu's and abs's rules both give 0 there, which would make the derivative 0).
        let positivePart = try maximum(Variable(value.zerosLike()))
        return try positivePart + negativeMagnitude.exp().log1p()
    }

    /// `x * sigmoid(x)`.
    public func silu() throws -> Variable { try self * sigmoid() }

    /// The exact GELU, `x/2 * (1 + erf(x / √2))`.
    public func gelu() throws -> Variable {
        let scaled = try self * (1 / 2.0.squareRoot())
        let gate = try scaled.erf() + 1.0
        let half = try self * 0.5
        return try half * gate
    }

    /// Elementwise limits to `[lower, upper]`.
    public func clamp(min lower: Double? = nil, max upper: Double? = nil) throws -> Variable {
        var result = self
        if let lower = lower { result = try result.maximum(result.scalar(lower)) }
        if let upper = upper { result = try result.minimum(result.scalar(upper)) }
        return result
    }

    /// The 2-norm over `axes` (`nil`: Frobenius norm of everything).
    public func norm(axes: [Int]? = nil, keepDims: Bool = false) throws -> Variable {
        let source = try cast(to: dtype.floatingType)
        let squares = try (source * source).sum(axes: axes, keepDims: keepDims)
        // At a zero vector the gradient is 0 (PyTorch's subgradient), not 0/0: the square root runs
        // on 1 there and the result is selected away, so neither branch carries a NaN backwards.
        let positive = try squares .> 0
        let safe = try Variable.select(positive, squares, squares * 0.0 + 1.0)
        return try Variable.select(positive, safe.sqrt(), squares * 0.0)
    }

    /// Rows of equal shape `[1] + rest` joined along axis 0 and reshaped to `shape`.
    static func concatenateRows(_ rows: [Variable], shape: [Int], like: Variable) throws -> Variable {
        guard !rows.isEmpty else { return Variable.constant(try Tensor.zeros(shape, dtype: like.dtype)) }
        return try Variable.cat(rows, axis: 0).reshape(shape)
    }
}
