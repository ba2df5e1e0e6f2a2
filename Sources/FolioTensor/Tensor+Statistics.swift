/// Composite reductions, written with primitives so that autodiff needs no rules for them.
extension Tensor {
    /// Sum over `axes` (`nil`: all).
    public func sum(axes: [Int]? = nil, keepDims: Bool = false) throws -> Tensor {
        try reduce(.sum, axes: axes, keepDims: keepDims)
    }

    /// Product over `axes` (`nil`: all).
    public func prod(axes: [Int]? = nil, keepDims: Bool = false) throws -> Tensor {
        try reduce(.prod, axes: axes, keepDims: keepDims)
    }

    /// Largest value over `axes`; NaN propagates.
    public func max(axes: [Int]? = nil, keepDims: Bool = false) throws -> Tensor {
        try reduce(.max, axes: axes, keepDims: keepDims)
    }

    /// Smallest value over `axes`; NaN propagates.
    public func min(axes: [Int]? = nil, keepDims: Bool = false) throws -> Tensor {
        try reduce(.min, axes: axes, keepDims: keepDims)
    }

    public func argmax(axis: Int? = nil, keepDims: Bool = false) throws -> Tensor {
        try argReduce(.argmax, axis: axis, keepDims: keepDims)
    }

    public func argmin(axis: Int? = nil, keepDims: Bool = false) throws -> Tensor {
        try argReduce(.argmin, axis: axis, keepDims: keepDims)
    }

    /// The number of elements a reduction over `axes` combines.
    private func reducedCount(_ axes: [Int]?, op: String) throws -> Int {
        try ShapeMath.normalizeAxes(axes, rank: rank, op: op).reduce(1) { $0 * shape[$1] }
    }

    /// Arithmetic mean over `axes`; integer and bool inputs give `f32`. Empty gives NaN.
    public func mean(axes: [Int]? = nil, keepDims: Bool = false) throws -> Tensor {
        let count = try reducedCount(axes, op: "mean")
        let total = try cast(to: dtype.floatingType).sum(axes: axes, keepDims: keepDims)
        return try total / Double(count)
    }

    /// Variance over `axes` with `ddof` delta degrees of freedom (NumPy's default `ddof = 0`).
    public func variance(axes: [Int]? = nil, ddof: Int = 0, keepDims: Bool = false) throws -> Tensor {
        guard !dtype.isComplex else {
            throw TensorError.unsupportedDType(op: "var", dtype: dtype, reason: "not supported for complex tensors yet")
        }
        let count = try reducedCount(axes, op: "var")
        let centered = try self - mean(axes: axes, keepDims: true)
        let squares = try centered * centered
        return try squares.sum(axes: axes, keepDims: keepDims) / Double(count - ddof)
    }

    /// Standard deviation: `sqrt(variance(axes:ddof:))`.
    public func std(axes: [Int]? = nil, ddof: Int = 0, keepDims: Bool = false) throws -> Tensor {
        try variance(axes: axes, ddof: ddof, keepDims: keepDims).sqrt()
    }

    /// `log(sum(exp(x)))` over `axes`, shifted by the maximum so it never overflows.
    public func logsumexp(axes: [Int]? = nil, keepDims: Bool = false) throws -> Tensor {
        let source = cast(to: dtype.floatingType)
        let peak = try source.max(axes: axes, keepDims: true)
        // An all -inf (or +inf) slice would give inf - inf = nan; shift by 0 there instead.
        let shift = try Tensor.select(peak.isfinite(), peak, peak.zerosLike())
        let total = try (source - shift).exp().sum(axes: axes, keepDims: true)
        let result = try total.log() + shift
        let chosen = try ShapeMath.normalizeAxes(axes, rank: rank, op: "logsumexp")
        return keepDims ? result : try result.squeezeReduced(chosen)
    }

    /// `exp(x) / sum(exp(x))` along `axis`, max-shifted: the forward kernel of
    /// `PrimitiveOp.softmax`.
    ///
    /// Dense f32/f64 rows along the last axis take one fused kernel per row; another axis is
    /// moved last, computed so and moved back, as for `logSoftmax`.
    public func softmax(axis: Int = -1) throws -> Tensor {
        let source = cast(to: dtype.floatingType)
        if let fused = try source.fusedRows(.softmax, axis: axis) { return fused }
        let shifted = try source - source.max(axes: [axis], keepDims: true)
        let exponentials = try shifted.exp()
        return try exponentials / exponentials.sum(axes: [axis], keepDims: true)
    }

    /// `x - logsumexp(x)` along `axis`: the forward kernel of `PrimitiveOp.logSoftmax`.
    ///
    /// Dense f32/f64 rows along the last axis take one fused kernel per row; another axis is
    /// moved last, computed so and moved back (two copies, still fewer passes than the composite).
    public func logSoftmax(axis: Int = -1) throws -> Tensor {
        let source = cast(to: dtype.floatingType)
        if let fused = try source.fusedRows(.logSoftmax, axis: axis) { return fused }
        return try source - source.logsumexp(axes: [axis], keepDims: true)
    }

    /// True where every element over `axes` is non-zero (empty: true).
    public func all(axes: [Int]? = nil, keepDims: Bool = false) throws -> Tensor {
        let flags = cast(to: .bool).cast(to: .i64)
        return try flags.prod(axes: axes, keepDims: keepDims).cast(to: .bool)
    }

    /// True where some element over `axes` is non-zero (empty: false).
    public func any(axes: [Int]? = nil, keepDims: Bool = false) throws -> Tensor {
        let flags = cast(to: .bool).cast(to: .i64)
        return try flags.sum(axes: axes, keepDims: keepDims).cast(to: .bool)
    }

    /// The 2-norm over `axes` (`nil`: the Frobenius norm of everything).
    public func norm(axes: [Int]? = nil, keepDims: Bool = false) throws -> Tensor {
        let magnitude = dtype.isComplex ? try abs() : cast(to: dtype.floatingType)
        return try (magnitude * magnitude).sum(axes: axes, keepDims: keepDims).sqrt()
    }

    /// Softmax or log-softmax by the fused row kernel, moving `axis` last and back when it is
    /// not; nil where the kernel does not apply (other dtypes, no SIMD level, empty tensors). An
    /// axis outside the rank (any axis of a 0-d tensor) throws, naming the op, the axis and the rank.
    private func fusedRows(_ kernel: RowKernel, axis: Int) throws -> Tensor? {
        let normalized = try ShapeMath.normalizeAxis(axis, rank: rank, op: kernel.rawValue)
        guard count > 0, dtype == .f32 || dtype == .f64, NativeKernels.simdLevel > 0 else { return nil }
        let last = rank - 1
        guard normalized != last else { return contiguous().fusedLastAxisRows(kernel, axis: last) }
        let moved = try transpose(normalized, last).contiguous()
        return try moved.fusedLastAxisRows(kernel, axis: last).map { try $0.transpose(normalized, last).contiguous() }
    }

    /// The row kernels of `fusedLastAxisRows`, by the names users call them.
    private enum RowKernel: String { case softmax, logSoftmax = "log_softmax" }

    /// Softmax or log-softmax along the last axis of dense f32/f64 data in one SIMD kernel per
    /// row (max, exp and sum, then the division or subtraction while the row is in cache); nil
    /// where that kernel does not apply.
    private func fusedLastAxisRows(_ kernel: RowKernel, axis: Int) -> Tensor? {
        guard rank >= 1, axis == rank - 1 || axis == -1, isContiguous, count > 0, NativeKernels.simdLevel > 0 else { return nil }
        let length = shape[rank - 1]
        let rows = count / length
        let output = Tensor(uninitializedShape: shape, dtype: dtype)
        func run<T: TensorScalar>(_ type: T.Type, _ kernel: (UnsafePointer<T>, UnsafeMutablePointer<T>, Int, Int) -> Bool) -> Bool {
            let (source, destination) = (UnsafePointer(pointer(T.self)), output.pointer(T.self))
            var done = true
            Parallel.forEachChunk(count: rows, costPerItem: length * 4) { range in
                let offset = range.lowerBound * length
                if !kernel(source + offset, destination + offset, range.count, length) { done = false }
            }
            return done
        }
        switch (dtype, kernel) {
        case (.f32, .softmax): return run(Float.self) { NativeKernels.softmaxRows($0, $1, rows: $2, length: $3) } ? output : nil
        case (.f64, .softmax): return run(Double.self) { NativeKernels.softmaxRows($0, $1, rows: $2, length: $3) } ? output : nil
        case (.f32, .logSoftmax): return run(Float.self) { NativeKernels.logSoftmaxRows($0, $1, rows: $2, length: $3) } ? output : nil
        case (.f64, .logSoftmax): return run(Double.self) { NativeKernels.logSoftmaxRows($0, $1, rows: $2, length: $3) } ? output : nil
        default: return nil
        }
    }
}
