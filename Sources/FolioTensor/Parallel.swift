import Foundation

/// Splits element loops across cores once they are big enough to repay the hand-off.
enum Parallel {
    /// Below this many elements a loop runs on the calling thread (thread wake-up costs ~10 µs).
    static let minimumElements = 1 << 16

    static let coreCount = max(ProcessInfo.processInfo.activeProcessorCount, 1)

    /// Calls `body` on disjoint ranges covering `0..<count`, concurrently when
    /// `count * costPerItem` is at least `minimumElements`.
    static func forEachChunk(count: Int, costPerItem: Int = 1, _ body: (Range<Int>) -> Void) {
        guard count > 0 else { return }
        let work = count.multipliedReportingOverflow(by: max(costPerItem, 1))
        let chunks = work.overflow ? coreCount : min(coreCount, max(work.partialValue / minimumElements, 1))
        guard chunks > 1, count > 1 else {
            body(0..<count)
            return
        }
        let pieces = min(chunks, count)
        DispatchQueue.concurrentPerform(iterations: pieces) { piece in
            let start = count * piece / pieces
            let end = count * (piece + 1) / pieces
            body(start..<end)
        }
    }
}
