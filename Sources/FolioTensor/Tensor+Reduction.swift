/// Reduction primitives (`sum`, `prod`, `max`, `min`, `argmax`, `argmin`, `cumsum`).
///
/// Dtypes: `sum`/`prod`/`cumsum` of `bool` give `i64`; `max`/`min` keep the dtype and reject
/// complex; empty `max`/`min`/`argmax`/`argmin` are `ValueError`s (they have no identity).
extension Tensor {
    /// The forward kernel of a reduction primitive over `axes` (`nil`: all axes).
    public func reduce(_ op: ReductionOp, axes: [Int]? = nil, keepDims: Bool = false) throws -> Tensor {
        let chosen = try ShapeMath.normalizeAxes(axes, rank: rank, op: op.rawValue)
        let source = dtype == .bool && (op == .sum || op == .prod) ? cast(to: .i64) : self
        if (op == .max || op == .min) && chosen.contains(where: { shape[$0] == 0 }) {
            throw TensorError.invalidArgument(op: op.rawValue, message: "zero-size reduction has no identity (shape \(formatShape(shape)))")
        }
        let kept = try source.reduceKernel(op, axes: chosen)
        return keepDims ? kept : try kept.squeezeReduced(chosen)
    }

    /// Drops the axes a reduction kept as size 1.
    func squeezeReduced(_ axes: [Int]) throws -> Tensor {
        let keep = (0..<rank).filter { !axes.contains($0) }
        return Tensor(storage: storage, dtype: dtype, shape: keep.map { shape[$0] }, strides: keep.map { strides[$0] }, offset: offset)
    }

    private func reduceKernel(_ op: ReductionOp, axes: [Int]) throws -> Tensor {
        switch (op, dtype) {
        case (.max, .bool), (.min, .bool): return try cast(to: .i64).reduceKernel(op, axes: axes).cast(to: .bool)
        case (.max, .c64), (.max, .c128), (.min, .c64), (.min, .c128):
            throw TensorError.unsupportedDType(op: op.rawValue, dtype: dtype, reason: "complex numbers are not ordered")
        case (_, .i64): return reduceReal(op, axes: axes, Int64.self)
        case (_, .f32): return reduceReal(op, axes: axes, Float.self)
        case (_, .f64): return reduceReal(op, axes: axes, Double.self)
        case (.sum, .c64): return ReductionKernels.reduce(SumReduction<Complex<Float>>.self, self, axes: axes)
        case (.sum, .c128): return ReductionKernels.reduce(SumReduction<Complex<Double>>.self, self, axes: axes)
        case (.prod, .c64): return ReductionKernels.reduce(ProductReduction<Complex<Float>>.self, self, axes: axes)
        case (.prod, .c128): return ReductionKernels.reduce(ProductReduction<Complex<Double>>.self, self, axes: axes)
        default: throw TensorError.unsupportedDType(op: op.rawValue, dtype: dtype, reason: "unsupported dtype")
        }
    }

    private func reduceReal<T: RealScalar>(_ op: ReductionOp, axes: [Int], _ type: T.Type) -> Tensor {
        switch op {
        case .sum: return ReductionKernels.reduce(SumReduction<T>.self, self, axes: axes)
        case .prod: return ReductionKernels.reduce(ProductReduction<T>.self, self, axes: axes)
        case .max: return ReductionKernels.reduce(MaxReduction<T>.self, self, axes: axes)
        case .min: return ReductionKernels.reduce(MinReduction<T>.self, self, axes: axes)
        }
    }

    /// The view with `axis` moved to the end, and the permutation that undoes it.
    func movingAxisToEnd(_ axis: Int) throws -> (moved: Tensor, inverse: [Int]) {
        var order = Array(0..<rank)
        order.remove(at: axis)
        order.append(axis)
        var inverse = [Int](repeating: 0, count: rank)
        for (position, source) in order.enumerated() { inverse[source] = position }
        return (try permute(order), inverse)
    }

    /// The index of the largest (`argmax`) or smallest value along `axis` (`nil`: of the flattened
    /// tensor); the first occurrence wins and NaN counts as the extreme, as in NumPy.
    public func argReduce(_ op: ArgReductionOp, axis: Int? = nil, keepDims: Bool = false) throws -> Tensor {
        guard let axis else {
            let flat = try flatten().argReduce(op, axis: 0)
            return keepDims ? try flat.reshape(Array(repeating: 1, count: rank)) : flat
        }
        let normalized = try ShapeMath.normalizeAxis(axis, rank: rank, op: op.rawValue)
        guard shape[normalized] > 0 else {
            throw TensorError.invalidArgument(op: op.rawValue, message: "attempt to get \(op.rawValue) of an empty sequence")
        }
        let source = dtype == .bool ? cast(to: .i64) : self
        let rows = try source.movingAxisToEnd(normalized).moved.contiguous()
        let result: Tensor
        switch source.dtype {
        case .i64: result = rows.argReduceRows(op, Int64.self)
        case .f32: result = rows.argReduceRows(op, Float.self)
        case .f64: result = rows.argReduceRows(op, Double.self)
        default: throw TensorError.unsupportedDType(op: op.rawValue, dtype: dtype, reason: "complex numbers are not ordered")
        }
        return keepDims ? try result.unsqueeze(normalized) : result
    }

    private func argReduceRows<T: RealScalar>(_ op: ArgReductionOp, _ type: T.Type) -> Tensor {
        let length = shape[rank - 1]
        let output = Tensor(uninitializedShape: Array(shape.dropLast()), dtype: .i64)
        let destination = output.pointer(Int64.self)
        let source = pointer(T.self)
        let wantsMax = op == .argmax
        Parallel.forEachChunk(count: output.count, costPerItem: length) { range in
            for row in range {
                let values = source + row * length
                var best = 0
                for index in 1..<Swift.max(length, 1) where !values[best].isNaNValue {
                    let value = values[index]
                    if value.isNaNValue || (wantsMax ? value > values[best] : value < values[best]) { best = index }
                }
                destination[row] = Int64(best)
            }
        }
        return output
    }

    /// Running sums along `axis` (`bool` counts as `i64`). The forward kernel of `PrimitiveOp.cumsum`.
    public func cumsum(axis: Int) throws -> Tensor {
        try scan(axis: axis, op: "cumsum", product: false)
    }

    /// Running products along `axis` (`bool` counts as `i64`). The forward kernel of
    /// `PrimitiveOp.cumprod`.
    public func cumprod(axis: Int) throws -> Tensor {
        try scan(axis: axis, op: "cumprod", product: true)
    }

    private func scan(axis: Int, op: String, product: Bool) throws -> Tensor {
        let normalized = try ShapeMath.normalizeAxis(axis, rank: rank, op: op)
        let source = dtype == .bool ? cast(to: .i64) : self
        let (moved, inverse) = try source.movingAxisToEnd(normalized)
        let rows = moved.cast(to: moved.dtype, forceCopy: true)
        try rows.dtype.visit(numeric: ScanVisitor(rows: rows, product: product), op: op)
        return try rows.permute(inverse).contiguous()
    }

    /// In-place inclusive prefix sums (or products) of each last-axis row of a fresh dense tensor.
    private struct ScanVisitor: NumericVisitor {
        let rows: Tensor
        let product: Bool

        func visit<T: NumericScalar>(_ type: T.Type) {
            if product {
                scanRows(ProductReduction<T>.self)
            } else {
                scanRows(SumReduction<T>.self)
            }
        }

        private func scanRows<F: ReductionFunctor>(_ functor: F.Type) {
            let length = rows.shape.last ?? 1
            guard length > 0 else { return }
            let data = rows.pointer(F.Element.self)
            Parallel.forEachChunk(count: rows.count / length, costPerItem: length) { range in
                for row in range {
                    let values = data + row * length
                    for index in 1..<length { values[index] = F.combine(values[index - 1], values[index]) }
                }
            }
        }
    }
}
