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

/// How Folio and OpenBLAS share the cores. GEMMs run as single-threaded OpenBLAS calls that
/// `splitGEMM` spreads over Folio's pool; OpenBLAS's own threads are kept for large LAPACK calls
/// and stopped after each (see `OpenBLASCore.stopServerThreads`): an idle OpenBLAS thread spins
/// beside the pool's worker otherwise. Set up on the first BLAS or LAPACK call.
private let openBLASThreads: Int32 = {
    let configured = openblas_get_num_threads()
    if configured != 1 {
        openblas_set_num_threads(1)
        OpenBLASCore.stopServerThreads()
    }
    return Swift.max(configured, 1)
}()

/// The threads products and large LAPACK calls use (for diagnostics and benchmark headers).
public enum BLASThreading {
    /// Threads a large product is split over (1 with OPENBLAS_NUM_THREADS=1 or FOLIO_NUM_THREADS=1).
    public static var productThreads: Int { openBLASThreads > 1 ? Parallel.threadCount : 1 }
    /// Work `m·n·k` from which a product is split across threads.
    public static let productSplitWork = gemmSplitWork
    /// OpenBLAS's own threads, used by LAPACK calls of order `lapackThreadedSize` and up.
    public static var lapackThreads: Int { Int(openBLASThreads) }
}

/// Order of the LAPACK problems that get OpenBLAS's threads (smaller ones run on one thread).
let lapackThreadedSize = 384

/// Runs a LAPACK call of order `size`, with OpenBLAS's threads when it is large.
@inline(__always)
private func lapack<R>(_ size: Int, _ body: () -> R) -> R {
    size >= lapackThreadedSize ? withOpenBLASThreads(openBLASThreads, body) : body()
}

/// Runs `body` with OpenBLAS at `threads` threads, then back at one with its threads stopped.
/// Inside a pool chunk `body` runs on one thread: two chunks must never share OpenBLAS's threads
/// (one would stop them while the other's call runs on them).
private func withOpenBLASThreads<R>(_ threads: Int32, _ body: () -> R) -> R {
    guard threads > 1, !Parallel.isInsideChunk else { return body() }
    openblas_set_num_threads(threads)
    defer {
        openblas_set_num_threads(1)
        OpenBLASCore.stopServerThreads()
    }
    return body()
}

/// Product work from which OpenBLAS's own threads run a product instead of the pool's blocks.
/// At 1024³ both ways ran alike in f32 and OpenBLAS's threads 1.1–1.3x faster in f64; at 2048³
/// theirs 1.05x; at 256³ the blocks 1.15x (this machine, alternating runs).
let gemmOpenBLASThreadedWork = Double(1 << 27)

/// Product work `m·n·k` from which a GEMM is split across the pool (below it, one thread).
let gemmSplitWork = 1 << 20
/// Fewest rows (or columns) of `C` a chunk gets.
let gemmMinimumChunkExtent = 32

/// Runs one GEMM `C = op(A) op(B)`: up to `gemmOpenBLASThreadedWork`, as OpenBLAS calls on single
/// threads, split by rows of `C` (or by columns when it has too few rows) across Folio's pool;
/// larger ones on OpenBLAS's own threads.
///
/// OpenBLAS 0.3.21's own threads scale poorly on training-sized products (128×784 by 784×256:
/// 1.2x on two cores) and make the caller wait for a thread another process has descheduled;
/// single-threaded calls on the pool's threads, each on its own block of `C`, scale to 1.5x and
/// let the caller take over unclaimed blocks. `call(m, n, a, b, c)` receives a block's extents and
/// the offset operand pointers (leading dimensions unchanged).
@inline(__always)
func splitGEMM<T>(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, a: UnsafePointer<T>, lda: Int,
                  b: UnsafePointer<T>, ldb: Int, c: UnsafeMutablePointer<T>, ldc: Int,
                  _ call: (Int, Int, UnsafePointer<T>, UnsafePointer<T>, UnsafeMutablePointer<T>) -> Void) {
    // OPENBLAS_NUM_THREADS=1 (or one core) keeps products on one thread too.
    let threads = openBLASThreads > 1 ? Parallel.threadCount : 1
    if threads > 1, Double(m) * Double(n) * Double(k) >= Double(gemmOpenBLASThreadedWork) {
        // Large products: OpenBLAS's threads share one packed copy of the shared operand, where
        // blocks on separate calls pack it once each.
        withOpenBLASThreads(Swift.min(openBLASThreads, Int32(threads))) { call(m, n, a, b, c) }
        return
    }
    let plan = GEMMSplitPlan(m: m, n: n, k: k, threads: threads)
    guard plan.chunks > 1 else {
        call(m, n, a, b, c)
        return
    }
    let extent = plan.alongRows ? m : n
    Parallel.run(chunks: plan.chunks) { chunk in
        let start = extent * chunk / plan.chunks, end = extent * (chunk + 1) / plan.chunks
        if plan.alongRows {
            call(end - start, n, transposeA ? a + start : a + start * lda, b, c + start * ldc)
        } else {
            call(m, end - start, a, transposeB ? b + start * ldb : b + start, c + start)
        }
    }
}

/// How `splitGEMM` divides a product among `threads` threads.
struct GEMMSplitPlan: Equatable {
    /// Blocks of `C`; 1 runs the product as one call.
    var chunks: Int
    /// Blocks of rows (true) or of columns.
    var alongRows: Bool

    init(chunks: Int, alongRows: Bool) {
        self.chunks = chunks
        self.alongRows = alongRows
    }

    init(m: Int, n: Int, k: Int, threads: Int) {
        chunks = 1
        alongRows = true
        let work = Double(m) * Double(n) * Double(k)
        guard threads > 1, work >= Double(gemmSplitWork) else { return }
        // One block per thread: two per thread measured slower at every size from the MLP's to 1024³
        // (each block repacks the shared operand).
        let wanted = threads
        // Rows first: splitting the rows of C measured faster for every layout of the MLP's products.
        let byRows = Swift.min(wanted, m / gemmMinimumChunkExtent)
        let byColumns = Swift.min(wanted, n / gemmMinimumChunkExtent)
        if byRows >= Swift.min(wanted, byColumns) {
            chunks = Swift.max(byRows, 1)
        } else {
            chunks = Swift.max(byColumns, 1)
            alongRows = false
        }
    }
}

@inline(__always)
private func transposeFlag(_ transposed: Bool) -> CBLAS_TRANSPOSE { transposed ? CblasTrans : CblasNoTrans }

extension Float: LinearAlgebraScalar {
    static func gemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int,
                     b: UnsafePointer<Float>, ldb: Int, c: UnsafeMutablePointer<Float>, ldc: Int) {
        splitGEMM(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb,
                  c: c, ldc: ldc) { m, n, a, b, c in
            cblas_sgemm(CblasRowMajor, transposeFlag(transposeA), transposeFlag(transposeB), Int32(m), Int32(n), Int32(k),
                        1, a, Int32(lda), b, Int32(ldb), 0, c, Int32(ldc))
        }
    }
    static func gesv(n: Int, nrhs: Int, a: UnsafeMutablePointer<Float>, pivots: UnsafeMutablePointer<Int32>,
                     b: UnsafeMutablePointer<Float>) -> Int32 {
        lapack(n) { LAPACKE_sgesv(rowMajor, Int32(n), Int32(nrhs), a, Int32(Swift.max(n, 1)), pivots, b, Int32(Swift.max(nrhs, 1))) }
    }
    static func getrf(n: Int, a: UnsafeMutablePointer<Float>, pivots: UnsafeMutablePointer<Int32>) -> Int32 {
        lapack(n) { LAPACKE_sgetrf(rowMajor, Int32(n), Int32(n), a, Int32(Swift.max(n, 1)), pivots) }
    }
    static func getri(n: Int, a: UnsafeMutablePointer<Float>, pivots: UnsafePointer<Int32>) -> Int32 {
        lapack(n) { LAPACKE_sgetri(rowMajor, Int32(n), a, Int32(Swift.max(n, 1)), pivots) }
    }
    static func potrf(n: Int, a: UnsafeMutablePointer<Float>) -> Int32 {
        lapack(n) { LAPACKE_spotrf(rowMajor, lower, Int32(n), a, Int32(Swift.max(n, 1))) }
    }
    static func geqrf(m: Int, n: Int, a: UnsafeMutablePointer<Float>, tau: UnsafeMutablePointer<Float>) -> Int32 {
        lapack(Swift.max(m, n)) { LAPACKE_sgeqrf(rowMajor, Int32(m), Int32(n), a, Int32(Swift.max(n, 1)), tau) }
    }
    static func orgqr(m: Int, k: Int, a: UnsafeMutablePointer<Float>, lda: Int, tau: UnsafePointer<Float>) -> Int32 {
        lapack(m) { LAPACKE_sorgqr(rowMajor, Int32(m), Int32(k), Int32(k), a, Int32(Swift.max(lda, 1)), tau) }
    }
    static func gesdd(m: Int, n: Int, a: UnsafeMutablePointer<Float>, s: UnsafeMutablePointer<Float>,
                      u: UnsafeMutablePointer<Float>, vt: UnsafeMutablePointer<Float>) -> Int32 {
        let k = Swift.min(m, n)
        return lapack(Swift.max(m, n)) {
            LAPACKE_sgesdd(rowMajor, thin, Int32(m), Int32(n), a, Int32(Swift.max(n, 1)), s,
                           u, Int32(Swift.max(k, 1)), vt, Int32(Swift.max(n, 1)))
        }
    }
    static func syevd(n: Int, a: UnsafeMutablePointer<Float>, w: UnsafeMutablePointer<Float>) -> Int32 {
        lapack(n) { LAPACKE_ssyevd(rowMajor, vectors, lower, Int32(n), a, Int32(Swift.max(n, 1)), w) }
    }
    static func geev(n: Int, a: UnsafeMutablePointer<Float>, wr: UnsafeMutablePointer<Float>, wi: UnsafeMutablePointer<Float>,
                     vr: UnsafeMutablePointer<Float>) -> Int32 {
        let leading = Int32(Swift.max(n, 1))
        return lapack(n) { LAPACKE_sgeev(rowMajor, none, vectors, Int32(n), a, leading, wr, wi, nil, leading, vr, leading) }
    }
}

extension Double: LinearAlgebraScalar {
    static func gemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, a: UnsafePointer<Double>, lda: Int,
                     b: UnsafePointer<Double>, ldb: Int, c: UnsafeMutablePointer<Double>, ldc: Int) {
        splitGEMM(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb,
                  c: c, ldc: ldc) { m, n, a, b, c in
            cblas_dgemm(CblasRowMajor, transposeFlag(transposeA), transposeFlag(transposeB), Int32(m), Int32(n), Int32(k),
                        1, a, Int32(lda), b, Int32(ldb), 0, c, Int32(ldc))
        }
    }
    static func gesv(n: Int, nrhs: Int, a: UnsafeMutablePointer<Double>, pivots: UnsafeMutablePointer<Int32>,
                     b: UnsafeMutablePointer<Double>) -> Int32 {
        lapack(n) { LAPACKE_dgesv(rowMajor, Int32(n), Int32(nrhs), a, Int32(Swift.max(n, 1)), pivots, b, Int32(Swift.max(nrhs, 1))) }
    }
    static func getrf(n: Int, a: UnsafeMutablePointer<Double>, pivots: UnsafeMutablePointer<Int32>) -> Int32 {
        lapack(n) { LAPACKE_dgetrf(rowMajor, Int32(n), Int32(n), a, Int32(Swift.max(n, 1)), pivots) }
    }
    static func getri(n: Int, a: UnsafeMutablePointer<Double>, pivots: UnsafePointer<Int32>) -> Int32 {
        lapack(n) { LAPACKE_dgetri(rowMajor, Int32(n), a, Int32(Swift.max(n, 1)), pivots) }
    }
    static func potrf(n: Int, a: UnsafeMutablePointer<Double>) -> Int32 {
        lapack(n) { LAPACKE_dpotrf(rowMajor, lower, Int32(n), a, Int32(Swift.max(n, 1))) }
    }
    static func geqrf(m: Int, n: Int, a: UnsafeMutablePointer<Double>, tau: UnsafeMutablePointer<Double>) -> Int32 {
        lapack(Swift.max(m, n)) { LAPACKE_dgeqrf(rowMajor, Int32(m), Int32(n), a, Int32(Swift.max(n, 1)), tau) }
    }
    static func orgqr(m: Int, k: Int, a: UnsafeMutablePointer<Double>, lda: Int, tau: UnsafePointer<Double>) -> Int32 {
        lapack(m) { LAPACKE_dorgqr(rowMajor, Int32(m), Int32(k), Int32(k), a, Int32(Swift.max(lda, 1)), tau) }
    }
    static func gesdd(m: Int, n: Int, a: UnsafeMutablePointer<Double>, s: UnsafeMutablePointer<Double>,
                      u: UnsafeMutablePointer<Double>, vt: UnsafeMutablePointer<Double>) -> Int32 {
        let k = Swift.min(m, n)
        return lapack(Swift.max(m, n)) {
            LAPACKE_dgesdd(rowMajor, thin, Int32(m), Int32(n), a, Int32(Swift.max(n, 1)), s,
                           u, Int32(Swift.max(k, 1)), vt, Int32(Swift.max(n, 1)))
        }
    }
    static func syevd(n: Int, a: UnsafeMutablePointer<Double>, w: UnsafeMutablePointer<Double>) -> Int32 {
        lapack(n) { LAPACKE_dsyevd(rowMajor, vectors, lower, Int32(n), a, Int32(Swift.max(n, 1)), w) }
    }
    static func geev(n: Int, a: UnsafeMutablePointer<Double>, wr: UnsafeMutablePointer<Double>, wi: UnsafeMutablePointer<Double>,
                     vr: UnsafeMutablePointer<Double>) -> Int32 {
        let leading = Int32(Swift.max(n, 1))
        return lapack(n) { LAPACKE_dgeev(rowMajor, none, vectors, Int32(n), a, leading, wr, wi, nil, leading, vr, leading) }
    }
}
