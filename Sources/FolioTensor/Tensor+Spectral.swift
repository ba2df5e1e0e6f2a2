/// `slogdet` and the general eigendecomposition `eig`, on LAPACK (`getrf`, `geev`).
extension Tensor {
    /// The sign and the natural log of the absolute determinant, as NumPy's `slogdet`: for a
    /// singular matrix the sign is 0 and the log is `-inf`. Both have the batch shape. The
    /// forward kernel of `PrimitiveOp.slogdet` (outputs `[sign, logAbsDet]`).
    public func slogdet() throws -> (sign: Tensor, logAbsDet: Tensor) {
        let factors = try linalgOperand(op: "slogdet", square: true)
        switch factors.dtype {
        case .f32: return try factors.signedLogDeterminants(Float.self)
        default: return try factors.signedLogDeterminants(Double.self)
        }
    }

    private func signedLogDeterminants<T: LinearAlgebraScalar>(_ type: T.Type) throws -> (sign: Tensor, logAbsDet: Tensor) {
        let n = shape[rank - 1]
        let batch = Array(shape.dropLast(2))
        let signs = Tensor(shape: batch, dtype: T.dtype, zeroed: false)
        let logs = Tensor(shape: batch, dtype: T.dtype, zeroed: false)
        let (signOut, logOut) = (signs.pointer(T.self), logs.pointer(T.self))
        var pivots = [Int32](repeating: 0, count: Swift.max(n, 1))
        let batches = batch.reduce(1, *)
        for index in 0..<batches where n == 0 { signOut[index] = T.one; logOut[index] = T.zero }
        try forEachMatrix(T.self) { matrix, index in
            let info = pivots.withUnsafeMutableBufferPointer { buffer in
                buffer.baseAddress.map { T.getrf(n: n, a: matrix, pivots: $0) } ?? 0
            }
            if info < 0 { throw TensorError.invalidArgument(op: "slogdet", message: "the input contains NaN") }
            var sign = T.one
            var total = T.zero
            for i in 0..<n {
                let diagonal = matrix[i * n + i]
                if diagonal < T.zero { sign = -sign }
                if pivots[i] != Int32(i + 1) { sign = -sign }
                total += T.log(Swift.abs(diagonal))
            }
            signOut[index] = info > 0 ? T.zero : sign
            logOut[index] = info > 0 ? -T.infinity : total
        }
        return (signs, logs)
    }

    /// Eigenvalues and right eigenvectors (columns, unit 2-norm, as LAPACK's `geev` and NumPy's
    /// `eig` give them) of general square matrices. Results are always complex: `c64` for `f32`
    /// input, `c128` for `f64` (NumPy returns real arrays when every eigenvalue is real; Folio keeps
    /// one result type). Eigenvalues come in LAPACK's order, unsorted. The forward kernel of
    /// `PrimitiveOp.eig` (outputs `[values, vectors]`; not differentiable).
    public func eig() throws -> (values: Tensor, vectors: Tensor) {
        let matrices = try linalgOperand(op: "eig", square: true)
        switch matrices.dtype {
        case .f32: return try matrices.generalEigen(Float.self)
        default: return try matrices.generalEigen(Double.self)
        }
    }

    private func generalEigen<T: LinearAlgebraScalar>(_ type: T.Type) throws -> (values: Tensor, vectors: Tensor)
    where Complex<T>: TensorScalar {
        let n = shape[rank - 1]
        let batch = Array(shape.dropLast(2))
        let values = Tensor(shape: batch + [n], dtype: Complex<T>.dtype, zeroed: true)
        let vectors = Tensor(shape: shape, dtype: Complex<T>.dtype, zeroed: true)
        let (valueOut, vectorOut) = (values.pointer(Complex<T>.self), vectors.pointer(Complex<T>.self))
        var (real, imaginary) = ([T](repeating: T.zero, count: Swift.max(n, 1)), [T](repeating: T.zero, count: Swift.max(n, 1)))
        var packed = [T](repeating: T.zero, count: Swift.max(n * n, 1))
        try forEachMatrix(T.self) { matrix, index in
            guard n > 0 else { return }
            let info = T.geev(n: n, a: matrix, wr: &real, wi: &imaginary, vr: &packed)
            if info > 0 { throw TensorError.noConvergence(op: "eig") }
            if info < 0 { throw TensorError.invalidArgument(op: "eig", message: "the input contains NaN or infinity") }
            let valueBase = valueOut + index * n
            let vectorBase = vectorOut + index * n * n
            var column = 0
            while column < n {
                valueBase[column] = Complex(real[column], imaginary[column])
                guard imaginary[column] != T.zero, column + 1 < n else {
                    for row in 0..<n { vectorBase[row * n + column] = Complex(packed[row * n + column]) }
                    column += 1
                    continue
                }
                // A conjugate pair: LAPACK stores v = vr[:, j] ± i vr[:, j+1].
                valueBase[column + 1] = Complex(real[column + 1], imaginary[column + 1])
                for row in 0..<n {
                    let (re, im) = (packed[row * n + column], packed[row * n + column + 1])
                    vectorBase[row * n + column] = Complex(re, im)
                    vectorBase[row * n + column + 1] = Complex(re, -im)
                }
                column += 2
            }
        }
        return (values, vectors)
    }
}
