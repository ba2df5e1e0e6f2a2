/// Matrix decompositions via LAPACK: Cholesky, QR, SVD, symmetric eigendecomposition.
extension Tensor {
    /// The lower-triangular `L` with `self = L @ L.T`; `ValueError` if not positive definite.
    public func cholesky() throws -> Tensor {
        let result = try linalgOperand(op: "cholesky", square: true)
        switch result.dtype {
        case .f32: try result.choleskyInPlace(Float.self)
        default: try result.choleskyInPlace(Double.self)
        }
        return result
    }

    private func choleskyInPlace<T: LinearAlgebraScalar>(_ type: T.Type) throws {
        let n = shape[rank - 1]
        try forEachMatrix(T.self) { matrix, _ in
            if T.potrf(n: n, a: matrix) != 0 { throw TensorError.notPositiveDefinite(op: "cholesky") }
            // potrf leaves the upper triangle untouched; NumPy returns it zeroed.
            for i in 0..<n { for j in (i + 1)..<Swift.max(n, i + 1) { matrix[i * n + j] = T.zero } }
        }
    }

    /// The reduced QR decomposition: `q` is `(..., m, k)` with orthonormal columns, `r` is upper
    /// triangular `(..., k, n)`, `k = min(m, n)` (NumPy's `mode='reduced'`).
    public func qr() throws -> (q: Tensor, r: Tensor) {
        let factors = try linalgOperand(op: "qr", square: false)
        switch factors.dtype {
        case .f32: return try factors.qrFactors(Float.self)
        default: return try factors.qrFactors(Double.self)
        }
    }

    private func qrFactors<T: LinearAlgebraScalar>(_ type: T.Type) throws -> (q: Tensor, r: Tensor) {
        let (m, n) = (shape[rank - 2], shape[rank - 1])
        let k = Swift.min(m, n)
        let batch = Array(shape.dropLast(2))
        let q = Tensor(uninitializedShape: batch + [m, k], dtype: T.dtype)
        let r = Tensor(uninitializedShape: batch + [k, n], dtype: T.dtype)
        let (qBase, rBase) = (q.pointer(T.self), r.pointer(T.self))
        var tau = [T](repeating: T.zero, count: Swift.max(k, 1))
        try forEachMatrix(T.self) { matrix, index in
            let status = tau.withUnsafeMutableBufferPointer { buffer -> Int32 in
                guard let tauPointer = buffer.baseAddress else { return 0 }
                let factored = T.geqrf(m: m, n: n, a: matrix, tau: tauPointer)
                let rOut = rBase + index * k * n
                for i in 0..<k { for j in 0..<n { rOut[i * n + j] = j >= i ? matrix[i * n + j] : T.zero } }
                return factored != 0 ? factored : T.orgqr(m: m, k: k, a: matrix, lda: n, tau: tauPointer)
            }
            if status != 0 { throw TensorError.noConvergence(op: "qr") }
            let qOut = qBase + index * m * k
            for i in 0..<m { for j in 0..<k { qOut[i * k + j] = matrix[i * n + j] } }
        }
        return (q, r)
    }

    /// The thin SVD `self = u @ diag(s) @ vt`, singular values descending
    /// (NumPy's `full_matrices=False`).
    public func svd() throws -> (u: Tensor, s: Tensor, vt: Tensor) {
        let factors = try linalgOperand(op: "svd", square: false)
        switch factors.dtype {
        case .f32: return try factors.svdFactors(Float.self)
        default: return try factors.svdFactors(Double.self)
        }
    }

    private func svdFactors<T: LinearAlgebraScalar>(_ type: T.Type) throws -> (u: Tensor, s: Tensor, vt: Tensor) {
        let (m, n) = (shape[rank - 2], shape[rank - 1])
        let k = Swift.min(m, n)
        let batch = Array(shape.dropLast(2))
        let u = Tensor(uninitializedShape: batch + [m, k], dtype: T.dtype)
        let s = Tensor(uninitializedShape: batch + [k], dtype: T.dtype)
        let vt = Tensor(uninitializedShape: batch + [k, n], dtype: T.dtype)
        let (uBase, sBase, vtBase) = (u.pointer(T.self), s.pointer(T.self), vt.pointer(T.self))
        try forEachMatrix(T.self) { matrix, index in
            guard k > 0 else { return }
            let info = T.gesdd(m: m, n: n, a: matrix, s: sBase + index * k, u: uBase + index * m * k, vt: vtBase + index * k * n)
            if info != 0 { throw TensorError.noConvergence(op: "svd") }
        }
        return (u, s, vt)
    }

    /// Eigenvalues (ascending) and eigenvectors (columns) of symmetric matrices, read from the
    /// lower triangle as NumPy's `eigh` does.
    public func eigh() throws -> (values: Tensor, vectors: Tensor) {
        let vectors = try linalgOperand(op: "eigh", square: true)
        switch vectors.dtype {
        case .f32: return (try vectors.symmetricEigen(Float.self), vectors)
        default: return (try vectors.symmetricEigen(Double.self), vectors)
        }
    }

    /// Overwrites each matrix with its eigenvectors and returns the eigenvalues.
    private func symmetricEigen<T: LinearAlgebraScalar>(_ type: T.Type) throws -> Tensor {
        let n = shape[rank - 1]
        let values = Tensor(uninitializedShape: Array(shape.dropLast()), dtype: T.dtype)
        let base = values.pointer(T.self)
        try forEachMatrix(T.self) { matrix, index in
            guard n > 0 else { return }
            if T.syevd(n: n, a: matrix, w: base + index * n) != 0 { throw TensorError.noConvergence(op: "eigh") }
        }
        return values
    }
}
