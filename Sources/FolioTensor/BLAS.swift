import CBLAS

/// The only file that imports the C module: thin, typed wrappers over OpenBLAS (`cblas_?gemm`) and
/// LAPACKE (row-major). Callers validate that every dimension fits in `Int32` and that the
/// leading dimensions are legal; LAPACK status codes are returned as-is (`info`).
protocol LinearAlgebraScalar: FloatingScalar {
    /// `C = op(A) op(B)` with `C` dense `m × n`.
    static func gemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
                     a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int,
                     c: UnsafeMutablePointer<Self>, ldc: Int)
    /// Solves `A X = B` in place (`B` becomes `X`, `A` its LU factors).
    static func gesv(n: Int, nrhs: Int, a: UnsafeMutablePointer<Self>, pivots: UnsafeMutablePointer<Int32>,
                     b: UnsafeMutablePointer<Self>) -> Int32
    /// LU factorisation with partial pivoting of a dense `n × n` matrix.
    static func getrf(n: Int, a: UnsafeMutablePointer<Self>, pivots: UnsafeMutablePointer<Int32>) -> Int32
    /// Inverse from `getrf` factors.
    static func getri(n: Int, a: UnsafeMutablePointer<Self>, pivots: UnsafePointer<Int32>) -> Int32
    /// Cholesky factor `L` in the lower triangle (the upper triangle is left as it was).
    static func potrf(n: Int, a: UnsafeMutablePointer<Self>) -> Int32
    /// Householder QR of a dense `m × n` matrix; `tau` has `min(m, n)` entries.
    static func geqrf(m: Int, n: Int, a: UnsafeMutablePointer<Self>, tau: UnsafeMutablePointer<Self>) -> Int32
    /// Forms the first `k` columns of Q from `geqrf` output stored with leading dimension `lda`.
    static func orgqr(m: Int, k: Int, a: UnsafeMutablePointer<Self>, lda: Int, tau: UnsafePointer<Self>) -> Int32
    /// Thin SVD (`jobz = 'S'`) of a dense `m × n` matrix.
    static func gesdd(m: Int, n: Int, a: UnsafeMutablePointer<Self>, s: UnsafeMutablePointer<Self>,
                      u: UnsafeMutablePointer<Self>, vt: UnsafeMutablePointer<Self>) -> Int32
    /// Eigenvalues (ascending) and eigenvectors (columns of `a`) of a symmetric matrix, from its
    /// lower triangle.
    static func syevd(n: Int, a: UnsafeMutablePointer<Self>, w: UnsafeMutablePointer<Self>) -> Int32
    /// Eigenvalues (`wr + i wi`) and right eigenvectors (`vr`, LAPACK's packed form for conjugate
    /// pairs) of a general dense `n × n` matrix; `a` is overwritten.
    static func geev(n: Int, a: UnsafeMutablePointer<Self>, wr: UnsafeMutablePointer<Self>, wi: UnsafeMutablePointer<Self>,
                     vr: UnsafeMutablePointer<Self>) -> Int32
}

private let rowMajor = Int32(LAPACK_ROW_MAJOR)
private let lower = CChar(UInt8(ascii: "L"))
private let vectors = CChar(UInt8(ascii: "V"))
private let thin = CChar(UInt8(ascii: "S"))
private let none = CChar(UInt8(ascii: "N"))

/// The kernel OpenBLAS runs (`openblas_get_corename`), read by `OpenBLASCore`.
func openBLASCoreName() -> String? { openblas_get_corename().map { String(cString: $0) } }

@inline(__always)
private func transposeFlag(_ transposed: Bool) -> CBLAS_TRANSPOSE { transposed ? CblasTrans : CblasNoTrans }

extension Float: LinearAlgebraScalar {
    static func gemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int,
                     b: UnsafePointer<Float>, ldb: Int, c: UnsafeMutablePointer<Float>, ldc: Int) {
        cblas_sgemm(CblasRowMajor, transposeFlag(transposeA), transposeFlag(transposeB), Int32(m), Int32(n), Int32(k),
                    1, a, Int32(lda), b, Int32(ldb), 0, c, Int32(ldc))
    }
    static func gesv(n: Int, nrhs: Int, a: UnsafeMutablePointer<Float>, pivots: UnsafeMutablePointer<Int32>,
                     b: UnsafeMutablePointer<Float>) -> Int32 {
        LAPACKE_sgesv(rowMajor, Int32(n), Int32(nrhs), a, Int32(Swift.max(n, 1)), pivots, b, Int32(Swift.max(nrhs, 1)))
    }
    static func getrf(n: Int, a: UnsafeMutablePointer<Float>, pivots: UnsafeMutablePointer<Int32>) -> Int32 {
        LAPACKE_sgetrf(rowMajor, Int32(n), Int32(n), a, Int32(Swift.max(n, 1)), pivots)
    }
    static func getri(n: Int, a: UnsafeMutablePointer<Float>, pivots: UnsafePointer<Int32>) -> Int32 {
        LAPACKE_sgetri(rowMajor, Int32(n), a, Int32(Swift.max(n, 1)), pivots)
    }
    static func potrf(n: Int, a: UnsafeMutablePointer<Float>) -> Int32 {
        LAPACKE_spotrf(rowMajor, lower, Int32(n), a, Int32(Swift.max(n, 1)))
    }
    static func geqrf(m: Int, n: Int, a: UnsafeMutablePointer<Float>, tau: UnsafeMutablePointer<Float>) -> Int32 {
        LAPACKE_sgeqrf(rowMajor, Int32(m), Int32(n), a, Int32(Swift.max(n, 1)), tau)
    }
    static func orgqr(m: Int, k: Int, a: UnsafeMutablePointer<Float>, lda: Int, tau: UnsafePointer<Float>) -> Int32 {
        LAPACKE_sorgqr(rowMajor, Int32(m), Int32(k), Int32(k), a, Int32(Swift.max(lda, 1)), tau)
    }
    static func gesdd(m: Int, n: Int, a: UnsafeMutablePointer<Float>, s: UnsafeMutablePointer<Float>,
                      u: UnsafeMutablePointer<Float>, vt: UnsafeMutablePointer<Float>) -> Int32 {
        let k = Swift.min(m, n)
        return LAPACKE_sgesdd(rowMajor, thin, Int32(m), Int32(n), a, Int32(Swift.max(n, 1)), s,
                              u, Int32(Swift.max(k, 1)), vt, Int32(Swift.max(n, 1)))
    }
    static func syevd(n: Int, a: UnsafeMutablePointer<Float>, w: UnsafeMutablePointer<Float>) -> Int32 {
        LAPACKE_ssyevd(rowMajor, vectors, lower, Int32(n), a, Int32(Swift.max(n, 1)), w)
    }
    static func geev(n: Int, a: UnsafeMutablePointer<Float>, wr: UnsafeMutablePointer<Float>, wi: UnsafeMutablePointer<Float>,
                     vr: UnsafeMutablePointer<Float>) -> Int32 {
        let leading = Int32(Swift.max(n, 1))
        return LAPACKE_sgeev(rowMajor, none, vectors, Int32(n), a, leading, wr, wi, nil, leading, vr, leading)
    }
}

extension Double: LinearAlgebraScalar {
    static func gemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, a: UnsafePointer<Double>, lda: Int,
                     b: UnsafePointer<Double>, ldb: Int, c: UnsafeMutablePointer<Double>, ldc: Int) {
        cblas_dgemm(CblasRowMajor, transposeFlag(transposeA), transposeFlag(transposeB), Int32(m), Int32(n), Int32(k),
                    1, a, Int32(lda), b, Int32(ldb), 0, c, Int32(ldc))
    }
    static func gesv(n: Int, nrhs: Int, a: UnsafeMutablePointer<Double>, pivots: UnsafeMutablePointer<Int32>,
                     b: UnsafeMutablePointer<Double>) -> Int32 {
        LAPACKE_dgesv(rowMajor, Int32(n), Int32(nrhs), a, Int32(Swift.max(n, 1)), pivots, b, Int32(Swift.max(nrhs, 1)))
    }
    static func getrf(n: Int, a: UnsafeMutablePointer<Double>, pivots: UnsafeMutablePointer<Int32>) -> Int32 {
        LAPACKE_dgetrf(rowMajor, Int32(n), Int32(n), a, Int32(Swift.max(n, 1)), pivots)
    }
    static func getri(n: Int, a: UnsafeMutablePointer<Double>, pivots: UnsafePointer<Int32>) -> Int32 {
        LAPACKE_dgetri(rowMajor, Int32(n), a, Int32(Swift.max(n, 1)), pivots)
    }
    static func potrf(n: Int, a: UnsafeMutablePointer<Double>) -> Int32 {
        LAPACKE_dpotrf(rowMajor, lower, Int32(n), a, Int32(Swift.max(n, 1)))
    }
    static func geqrf(m: Int, n: Int, a: UnsafeMutablePointer<Double>, tau: UnsafeMutablePointer<Double>) -> Int32 {
        LAPACKE_dgeqrf(rowMajor, Int32(m), Int32(n), a, Int32(Swift.max(n, 1)), tau)
    }
    static func orgqr(m: Int, k: Int, a: UnsafeMutablePointer<Double>, lda: Int, tau: UnsafePointer<Double>) -> Int32 {
        LAPACKE_dorgqr(rowMajor, Int32(m), Int32(k), Int32(k), a, Int32(Swift.max(lda, 1)), tau)
    }
    static func gesdd(m: Int, n: Int, a: UnsafeMutablePointer<Double>, s: UnsafeMutablePointer<Double>,
                      u: UnsafeMutablePointer<Double>, vt: UnsafeMutablePointer<Double>) -> Int32 {
        let k = Swift.min(m, n)
        return LAPACKE_dgesdd(rowMajor, thin, Int32(m), Int32(n), a, Int32(Swift.max(n, 1)), s,
                              u, Int32(Swift.max(k, 1)), vt, Int32(Swift.max(n, 1)))
    }
    static func syevd(n: Int, a: UnsafeMutablePointer<Double>, w: UnsafeMutablePointer<Double>) -> Int32 {
        LAPACKE_dsyevd(rowMajor, vectors, lower, Int32(n), a, Int32(Swift.max(n, 1)), w)
    }
    static func geev(n: Int, a: UnsafeMutablePointer<Double>, wr: UnsafeMutablePointer<Double>, wi: UnsafeMutablePointer<Double>,
                     vr: UnsafeMutablePointer<Double>) -> Int32 {
        let leading = Int32(Swift.max(n, 1))
        return LAPACKE_dgeev(rowMajor, none, vectors, Int32(n), a, leading, wr, wi, nil, leading, vr, leading)
    }
}
