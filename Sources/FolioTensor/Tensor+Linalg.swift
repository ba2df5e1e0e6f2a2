/// LAPACK-backed linear algebra over the last two axes (leading axes are a batch).
///
/// `f32` and `f64` compute in their own precision; `i64`/`bool` inputs are first cast to `f32`;
/// complex inputs are rejected. Singular or indefinite inputs raise `ValueError`s (never traps);
/// `det` of a singular matrix is 0, as in NumPy.
extension Tensor {
    /// A dense copy in a LAPACK dtype, after checking the operand is a batch of matrices.
    func linalgOperand(op: String, square: Bool) throws -> Tensor {
        guard rank >= 2 else {
            throw TensorError.invalidShape(op: op, shape: shape, reason: "expected a matrix or a batch of matrices")
        }
        let (rows, columns) = (shape[rank - 2], shape[rank - 1])
        if square && rows != columns {
            throw TensorError.invalidShape(op: op, shape: shape, reason: "expected square matrices")
        }
        guard rows <= Int(Int32.max), columns <= Int(Int32.max) else {
            throw TensorError.invalidShape(op: op, shape: shape, reason: "matrix dimensions exceed LAPACK's 32-bit limit")
        }
        guard !dtype.isComplex else {
            throw TensorError.unsupportedDType(op: op, dtype: dtype, reason: "complex linear algebra is not supported yet")
        }
        return cast(to: dtype.floatingType, forceCopy: true)
    }

    /// Runs `body(matrix pointer, batch index)` over every matrix of this dense tensor; a batch
    /// stops between matrices when the current `TensorCancellation` is cancelled.
    func forEachMatrix<T: LinearAlgebraScalar>(_ type: T.Type, _ body: (UnsafeMutablePointer<T>, Int) throws -> Void) throws {
        let size = shape[rank - 2] * shape[rank - 1]
        let batches = size == 0 ? 0 : count / size
        let base = pointer(T.self)
        for index in 0..<batches {
            try TensorCancellation.check("linalg")
            try body(base + index * size, index)
        }
    }

    /// Solves `self @ x = b` for `x`. `b` is a vector (`(n,)`) or matrices (`(..., n, k)`), and
    /// batch axes broadcast.
    public func solve(_ b: Tensor) throws -> Tensor {
        let a = try linalgOperand(op: "solve", square: true)
        let n = a.shape[a.rank - 1]
        let isVector = b.rank == 1
        let rhs = isVector ? try b.unsqueeze(-1) : b
        guard rhs.rank >= 2, rhs.shape[rhs.rank - 2] == n else {
            throw TensorError.shapeMismatch(op: "solve", shapes: [shape, b.shape], reason: "right-hand side rows must match the matrix")
        }
        let k = rhs.shape[rhs.rank - 1]
        let common = DType.promote(a.dtype, rhs.dtype.floatingType)
        let batch = try ShapeMath.broadcast(Array(a.shape.dropLast(2)), Array(rhs.shape.dropLast(2)), op: "solve")
        let matrices = try a.cast(to: common).expand(batch + [n, n]).cast(to: common, forceCopy: true)
        let solutions = try rhs.cast(to: common).expand(batch + [n, k]).cast(to: common, forceCopy: true)
        switch common {
        case .f32: try Tensor.solveBatches(matrices, solutions, Float.self)
        default: try Tensor.solveBatches(matrices, solutions, Double.self)
        }
        return isVector ? try solutions.squeeze([-1]) : solutions
    }

    private static func solveBatches<T: LinearAlgebraScalar>(_ matrices: Tensor, _ solutions: Tensor, _ type: T.Type) throws {
        let n = matrices.shape[matrices.rank - 1]
        let k = solutions.shape[solutions.rank - 1]
        var pivots = [Int32](repeating: 0, count: Swift.max(n, 1))
        let rhs = solutions.pointer(T.self)
        try matrices.forEachMatrix(T.self) { matrix, index in
            let info = pivots.withUnsafeMutableBufferPointer { buffer -> Int32 in
                guard let pivotPointer = buffer.baseAddress else { return 0 }
                return T.gesv(n: n, nrhs: k, a: matrix, pivots: pivotPointer, b: rhs + index * n * k)
            }
            if info > 0 { throw TensorError.singularMatrix(op: "solve") }
            // LAPACKE checks its inputs for NaN and reports them as an illegal argument.
            if info < 0 { throw TensorError.invalidArgument(op: "solve", message: "the input contains NaN") }
        }
    }

    /// The matrix inverse.
    public func inverse() throws -> Tensor {
        let result = try linalgOperand(op: "inv", square: true)
        switch result.dtype {
        case .f32: try result.invertInPlace(Float.self)
        default: try result.invertInPlace(Double.self)
        }
        return result
    }

    private func invertInPlace<T: LinearAlgebraScalar>(_ type: T.Type) throws {
        let n = shape[rank - 1]
        var pivots = [Int32](repeating: 0, count: Swift.max(n, 1))
        try forEachMatrix(T.self) { matrix, _ in
            try pivots.withUnsafeMutableBufferPointer { buffer in
                guard let pivotPointer = buffer.baseAddress else { return }
                let factored = T.getrf(n: n, a: matrix, pivots: pivotPointer)
                let info = factored != 0 ? factored : T.getri(n: n, a: matrix, pivots: pivotPointer)
                if info > 0 { throw TensorError.singularMatrix(op: "inv") }
                if info < 0 { throw TensorError.invalidArgument(op: "inv", message: "the input contains NaN") }
            }
        }
    }

    /// The determinant (0 for singular matrices), from an LU factorisation.
    public func determinant() throws -> Tensor {
        let factors = try linalgOperand(op: "det", square: true)
        let result: Tensor
        switch factors.dtype {
        case .f32: result = try factors.determinants(Float.self)
        default: result = try factors.determinants(Double.self)
        }
        return result
    }

    private func determinants<T: LinearAlgebraScalar>(_ type: T.Type) throws -> Tensor {
        let n = shape[rank - 1]
        // The determinant of a 0 × 0 matrix is 1 (the empty product), and no LAPACK call writes it.
        if n == 0 { return Tensor.full(Array(shape.dropLast(2)), value: 1, dtype: T.dtype) }
        let output = Tensor(uninitializedShape: Array(shape.dropLast(2)), dtype: T.dtype)
        let destination = output.pointer(T.self)
        var pivots = [Int32](repeating: 0, count: Swift.max(n, 1))
        try forEachMatrix(T.self) { matrix, index in
            let info = pivots.withUnsafeMutableBufferPointer { buffer in
                buffer.baseAddress.map { T.getrf(n: n, a: matrix, pivots: $0) } ?? 0
            }
            var product = T.one
            for i in 0..<n {
                product *= matrix[i * n + i]
                // LAPACK pivots are 1-based; each row swap flips the sign.
                if pivots[i] != Int32(i + 1) { product = -product }
            }
            // info < 0: LAPACKE refused a NaN input; the determinant is then NaN.
            destination[index] = info < 0 ? T.nan : (info > 0 ? T.zero : product)
        }
        return output
    }
}
