import FolioTensor

/// Matrix products, linear solves and decompositions on variables (LAPACK underneath).
extension Variable {
    /// The matrix product with NumPy's rules (1-d operands, batch broadcasting).
    public func matmul(_ other: Variable) throws -> Variable { try Variable.apply(.matmul, [self, other]) }

    /// Solves `self @ x = b` (`b` a vector or a batch of matrices).
    public func solve(_ b: Variable) throws -> Variable { try Variable.apply(.solve, [self, b]) }

    public func inverse() throws -> Variable { try Variable.apply(.inverse, [self]) }
    public func determinant() throws -> Variable { try Variable.apply(.determinant, [self]) }

    /// The lower-triangular `L` with `self = L @ L.T`. Its gradient treats the input as symmetric
    /// (a perturbation of `A[i, j]` is one of `A[j, i]` too), as PyTorch's does.
    public func cholesky() throws -> Variable { try Variable.apply(.cholesky, [self]) }

    /// The reduced QR decomposition; differentiable when `rows >= columns`.
    public func qr() throws -> (q: Variable, r: Variable) {
        let outputs = try Variable.forward(.qr, [self])
        return (outputs[0], outputs[1])
    }

    /// The thin SVD `self = u @ diag(s) @ vt`; differentiable for distinct non-zero singular values.
    public func svd() throws -> (u: Variable, s: Variable, vt: Variable) {
        let outputs = try Variable.forward(.svd, [self])
        return (outputs[0], outputs[1], outputs[2])
    }

    /// Eigenvalues (ascending) and eigenvectors of a symmetric matrix (lower triangle read);
    /// differentiable for distinct eigenvalues, treating the input as symmetric.
    public func eigh() throws -> (values: Variable, vectors: Variable) {
        let outputs = try Variable.forward(.eigh, [self])
        return (outputs[0], outputs[1])
    }

    /// `(sign, log|det|)` of square matrices; only `log|det|` carries a gradient.
    public func slogdet() throws -> (sign: Variable, logAbsDet: Variable) {
        let outputs = try Variable.forward(.slogdet, [self])
        return (outputs[0], outputs[1])
    }

    /// Sliding blocks of `(N, C, *spatial)` as columns `(N, C * kernel, positions)` (PyTorch
    /// `unfold`); convolutions are `im2col` + `matmul`.
    public func im2col(_ geometry: ConvolutionGeometry) throws -> Variable {
        try Variable.apply(.im2col(geometry), [self])
    }

    /// Columns summed back into `(N, C, *size)` (PyTorch `fold`), the transpose of `im2col`.
    public func col2im(_ geometry: ConvolutionGeometry, size: [Int]) throws -> Variable {
        try Variable.apply(.col2im(geometry, size: size), [self])
    }

    /// The inner product of two vectors (other ranks follow `matmul`).
    public func dot(_ other: Variable) throws -> Variable { try matmul(other) }
}
