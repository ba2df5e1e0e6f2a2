import Foundation
@testable import FolioTensor
import XCTest

/// Folio's worker pool (CParallel) and the products it splits (`splitGEMM`).
final class ParallelTests: XCTestCase {
    /// Every chunk runs exactly once, whatever the count, over many consecutive loops (a worker
    /// that claimed a chunk of one loop must never run it with the next loop's body).
    func testEveryChunkRunsOnce() {
        for chunks in [1, 2, 3, 7, 64, 1000] {
            for _ in 0..<200 {
                let counts = UnsafeMutablePointer<Int>.allocate(capacity: chunks)
                counts.initialize(repeating: 0, count: chunks)
                defer { counts.deallocate() }
                let lock = NSLock()
                Parallel.run(chunks: chunks) { chunk in
                    lock.lock()
                    counts[chunk] += 1
                    lock.unlock()
                }
                XCTAssertEqual(UnsafeBufferPointer(start: counts, count: chunks).filter { $0 != 1 }.count, 0,
                               "\(chunks) chunks")
            }
        }
    }

    /// A loop started inside a chunk runs serially on that thread, and completes.
    func testNestedLoopsComplete() {
        let total = UnsafeMutablePointer<Int>.allocate(capacity: 4)
        total.initialize(repeating: 0, count: 4)
        defer { total.deallocate() }
        Parallel.run(chunks: 4) { outer in
            Parallel.run(chunks: 10) { _ in total[outer] += 1 }
        }
        XCTAssertEqual(Array(UnsafeBufferPointer(start: total, count: 4)), [10, 10, 10, 10])
    }

    /// Loops from several threads at once: one holds the pool, the others run serially; all finish.
    func testConcurrentCallers() {
        let sums = UnsafeMutablePointer<Int>.allocate(capacity: 4)
        sums.initialize(repeating: 0, count: 4)
        defer { sums.deallocate() }
        DispatchQueue.concurrentPerform(iterations: 4) { caller in
            for _ in 0..<100 {
                let lock = NSLock()
                var local = 0
                Parallel.run(chunks: 8) { chunk in
                    lock.lock()
                    local += chunk
                    lock.unlock()
                }
                sums[caller] += local
            }
        }
        XCTAssertEqual(Array(UnsafeBufferPointer(start: sums, count: 4)), [2800, 2800, 2800, 2800])
    }

    func testForEachChunkCoversTheRange() {
        for count in [1, 5, 65_535, 65_536, 200_000, 1_000_003] {
            let seen = UnsafeMutablePointer<UInt8>.allocate(capacity: count)
            seen.initialize(repeating: 0, count: count)
            defer { seen.deallocate() }
            Parallel.forEachChunk(count: count) { range in
                for index in range { seen[index] &+= 1 }
            }
            XCTAssertTrue(UnsafeBufferPointer(start: seen, count: count).allSatisfy { $0 == 1 }, "count \(count)")
        }
    }

    func testSplitPlans() {
        // Small products stay whole; rows are split first; too few rows split the columns.
        XCTAssertEqual(GEMMSplitPlan(m: 64, n: 64, k: 64, threads: 2), GEMMSplitPlan(chunks: 1, alongRows: true))
        XCTAssertEqual(GEMMSplitPlan(m: 128, n: 256, k: 784, threads: 2), GEMMSplitPlan(chunks: 2, alongRows: true))
        XCTAssertEqual(GEMMSplitPlan(m: 8, n: 4096, k: 4096, threads: 2), GEMMSplitPlan(chunks: 2, alongRows: false))
        XCTAssertEqual(GEMMSplitPlan(m: 8, n: 8, k: 1 << 20, threads: 2), GEMMSplitPlan(chunks: 1, alongRows: true))
        XCTAssertEqual(GEMMSplitPlan(m: 1024, n: 1024, k: 1024, threads: 1), GEMMSplitPlan(chunks: 1, alongRows: true))
        XCTAssertEqual(GEMMSplitPlan(m: 1024, n: 1024, k: 1024, threads: 8).chunks, 8)
    }

    /// Split products against a plain triple loop in f64, for every layout, with extents that do
    /// not divide evenly and leading dimensions wider than the matrices.
    func testSplitProductsMatchTheDefinition() {
        for (m, n, k) in [(301, 203, 57), (17, 900, 130), (1, 4096, 300)] {
            for transposeA in [false, true] {
                for transposeB in [false, true] {
                    let lda = (transposeA ? m : k) + 3, ldb = (transposeB ? k : n) + 5, ldc = n + 2
                    let a = (0..<(transposeA ? k : m) * lda).map { Double(($0 * 7919) % 13) - 6 }
                    let b = (0..<(transposeB ? n : k) * ldb).map { Double(($0 * 104_729) % 11) - 5 }
                    var c = [Double](repeating: .nan, count: m * ldc)
                    a.withUnsafeBufferPointer { a in
                        b.withUnsafeBufferPointer { b in
                            c.withUnsafeMutableBufferPointer { c in
                                guard let a = a.baseAddress, let b = b.baseAddress, let c = c.baseAddress else { return }
                                Double.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                                            a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc)
                            }
                        }
                    }
                    var worst = 0.0
                    for row in 0..<m {
                        for column in 0..<n {
                            var expected = 0.0
                            for inner in 0..<k {
                                let left = transposeA ? a[inner * lda + row] : a[row * lda + inner]
                                let right = transposeB ? b[column * ldb + inner] : b[inner * ldb + column]
                                expected += left * right
                            }
                            worst = max(worst, abs(c[row * ldc + column] - expected))
                        }
                    }
                    // Small integers: every product and sum is exact in f64.
                    XCTAssertEqual(worst, 0, "m \(m) n \(n) k \(k) transposeA \(transposeA) transposeB \(transposeB)")
                }
            }
        }
    }

    /// Products large enough for OpenBLAS's own threads, started from two chunks at once (as the
    /// matmul rule does for its two gradients): each runs on its own thread and both are right.
    func testLargeProductsInsideChunksRunOnTheirThread() throws {
        let a = try Tensor.randn([600, 600], seed: 1), b = try Tensor.randn([600, 600], seed: 2)
        let expected = [try a.matmul(b).toArray(), try b.matmul(a).toArray()]
        for _ in 0..<3 {
            var results: [[Double]] = [[], []]
            let lock = NSLock()
            Parallel.run(chunks: 2) { side in
                let product = try? (side == 0 ? a.matmul(b) : b.matmul(a)).toArray()
                lock.lock()
                results[side] = product ?? []
                lock.unlock()
            }
            for side in 0..<2 {
                // Threaded and single-threaded OpenBLAS block the sums differently: equal to rounding.
                XCTAssertEqual(results[side].count, expected[side].count)
                let worst = zip(results[side], expected[side]).map { abs($0 - $1) / (1 + abs($1)) }.max() ?? .infinity
                XCTAssertLessThan(worst, 1e-4, "side \(side)")
            }
        }
    }
}
