import CParallel

/// Splits loops across cores once they are big enough to repay the hand-off.
///
/// Loops run on Folio's own pool (the C target `CParallel`): the calling thread runs chunks
/// itself and the pool's workers claim the rest one at a time, so a worker that is asleep or
/// descheduled by another process never holds a loop up by more than the chunk it took. Workers
/// spin briefly between loops (a training step's ops come microseconds apart), then sleep.
public enum Parallel {
    /// Below this many elements a loop runs on the calling thread.
    public static let minimumElements = 1 << 16

    /// True on a thread that is running a chunk of a loop (its work must stay on that thread).
    public static var isInsideChunk: Bool { folio_parallel_in_chunk() != 0 }

    /// Threads a loop may use (the caller and the pool's workers).
    public static var threadCount: Int { Int(folio_parallel_threads()) }

    /// Calls `body` on disjoint ranges covering `0..<count`, concurrently when
    /// `count * costPerItem` is at least `minimumElements`.
    public static func forEachChunk(count: Int, costPerItem: Int = 1, _ body: (Range<Int>) -> Void) {
        guard count > 0 else { return }
        let threads = threadCount
        let work = count.multipliedReportingOverflow(by: max(costPerItem, 1))
        let chunks = work.overflow ? threads : min(threads, max(work.partialValue / minimumElements, 1))
        guard chunks > 1, count > 1 else {
            body(0..<count)
            return
        }
        let pieces = min(chunks, count)
        run(chunks: pieces) { piece in
            body(count * piece / pieces..<count * (piece + 1) / pieces)
        }
    }

    /// Calls `body(c)` for every `c` in `0..<chunks` on the pool, returning when all have returned.
    /// Chunks run concurrently and in any order; a call from inside a chunk runs serially.
    public static func run(chunks: Int, _ body: (Int) -> Void) {
        guard chunks > 0 else { return }
        // The pool takes at most 65,535 chunks; more are grouped (never happens with the callers here).
        guard chunks <= 0xFFFF else {
            let groups = 0xFFFF
            run(chunks: groups) { group in
                for chunk in chunks * group / groups..<chunks * (group + 1) / groups { body(chunk) }
            }
            return
        }
        withoutActuallyEscaping(body) { body in
            var closure = body
            withUnsafeMutablePointer(to: &closure) { pointer in
                _ = folio_parallel_run({ context, chunk in
                    guard let context else { return }
                    context.assumingMemoryBound(to: ((Int) -> Void).self).pointee(chunk)
                }, pointer, chunks)
            }
        }
    }
}
