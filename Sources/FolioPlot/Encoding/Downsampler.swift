import Foundation

/// Shape-preserving line downsampling: Largest-Triangle-Three-Buckets (Steinarsson 2013,
/// "Downsampling Time Series for Visual Representation", ch. 4).
///
/// Deviation from the thesis: the global minimum and maximum of y are always kept. Plain LTTB
/// keeps sharp peaks in practice but does not promise to, and a plot whose range silently
/// shrinks misleads.
public enum Downsampler {
    /// Indices (increasing) of at most `threshold` points that keep the curve's shape.
    /// Returns every index when there are no more than `threshold` points.
    public static func lttb(x: [Double], y: [Double], threshold: Int) -> [Int] {
        let count = min(x.count, y.count)
        guard threshold >= 3, count > threshold else { return Array(0..<count) }
        var kept: [Int] = [0]
        kept.reserveCapacity(threshold + 2)
        let bucketSize = Double(count - 2) / Double(threshold - 2)
        var previous = 0
        for bucket in 0..<(threshold - 2) {
            let start = Int(Double(bucket) * bucketSize) + 1
            let end = min(Int(Double(bucket + 1) * bucketSize) + 1, count - 1)
            let nextEnd = min(Int(Double(bucket + 2) * bucketSize) + 1, count)
            let (averageX, averageY) = mean(x: x, y: y, range: end..<max(nextEnd, end + 1), count: count)
            let chosen = largestTriangle(x: x, y: y, range: start..<max(end, start + 1),
                                         anchor: previous, averageX: averageX, averageY: averageY)
            kept.append(chosen)
            previous = chosen
        }
        kept.append(count - 1)
        return withExtremes(kept, y: y, count: count)
    }

    private static func mean(x: [Double], y: [Double], range: Range<Int>, count: Int) -> (Double, Double) {
        let clamped = range.clamped(to: 0..<count)
        guard !clamped.isEmpty else { return (x[count - 1], y[count - 1]) }
        var sumX = 0.0
        var sumY = 0.0
        for index in clamped {
            sumX += x[index]
            sumY += y[index]
        }
        let size = Double(clamped.count)
        return (sumX / size, sumY / size)
    }

    private static func largestTriangle(x: [Double], y: [Double], range: Range<Int>, anchor: Int,
                                        averageX: Double, averageY: Double) -> Int {
        let anchorX = x[anchor]
        let anchorY = y[anchor]
        var best = range.lowerBound
        var bestArea = -1.0
        for index in range where index < x.count {
            // Twice the triangle area; the factor does not change the arg-max.
            let first = (anchorX - averageX) * (y[index] - anchorY)
            let second = (anchorX - x[index]) * (averageY - anchorY)
            let area = abs(first - second)
            if area > bestArea {
                bestArea = area
                best = index
            }
        }
        return best
    }

    private static func withExtremes(_ kept: [Int], y: [Double], count: Int) -> [Int] {
        var minimum = 0
        var maximum = 0
        for index in 0..<count {
            if y[index] < y[minimum] { minimum = index }
            if y[index] > y[maximum] { maximum = index }
        }
        var result = kept
        for extreme in [minimum, maximum] where !result.contains(extreme) {
            let position = result.firstIndex { $0 > extreme } ?? result.count
            result.insert(extreme, at: position)
        }
        return result
    }
}
