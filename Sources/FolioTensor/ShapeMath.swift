import Foundation

/// Shape and stride arithmetic shared by every op: element counts, strides, broadcasting, axes.
enum ShapeMath {
    /// Largest element count a tensor may have: every byte offset stays inside `Int`, and the
    /// tensor fits the machine's memory at 8 bytes an element. A bigger allocation would not
    /// throw but stop the process ("failed to allocate"), so `zeros(100000, 100000)` is refused
    /// here instead. 8 bytes, not the dtype's size: creation fills in f64 before casting.
    static let maximumElementCount = min(Int.max / 16, Int(clamping: ProcessInfo.processInfo.physicalMemory / 8))

    /// The number of elements of `shape`, rejecting negative sizes and overflow.
    static func elementCount(_ shape: [Int], op: String) throws -> Int {
        var count = 1
        for size in shape {
            guard size >= 0 else {
                throw TensorError.invalidShape(op: op, shape: shape, reason: "sizes must be non-negative")
            }
            let (product, overflow) = count.multipliedReportingOverflow(by: size)
            guard !overflow, product <= maximumElementCount else {
                throw TensorError.invalidShape(op: op, shape: shape, reason: "too many elements (at most \(maximumElementCount), what this machine's memory holds at 8 bytes each)")
            }
            count = product
        }
        return count
    }

    /// Row-major strides, in elements, for a dense tensor of `shape`.
    static func contiguousStrides(_ shape: [Int]) -> [Int] {
        // Every new tensor comes here. Array literals get their storage type from a cached
        // accessor; `Array(repeating:count:)` looks the generic metadata up at run time (about
        // 500 instructions, a tenth of a small op), so the common ranks are literals.
        switch shape.count {
        case 0: return []
        case 1: return [1]
        case 2: return [max(shape[1], 1), 1]
        default: break
        }
        var strides = [Int](repeating: 1, count: shape.count)
        var running = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[axis] = running
            running *= max(shape[axis], 1)
        }
        return strides
    }

    /// The NumPy broadcast of two shapes (align right; sizes equal or one of them 1).
    static func broadcast(_ lhs: [Int], _ rhs: [Int], op: String) throws -> [Int] {
        let rank = max(lhs.count, rhs.count)
        var result = [Int](repeating: 1, count: rank)
        for index in 0..<rank {
            let left = index < rank - lhs.count ? 1 : lhs[index - (rank - lhs.count)]
            let right = index < rank - rhs.count ? 1 : rhs[index - (rank - rhs.count)]
            if left == right || right == 1 {
                result[index] = left
            } else if left == 1 {
                result[index] = right
            } else {
                throw TensorError.shapeMismatch(op: op, shapes: [lhs, rhs], reason: "shapes cannot be broadcast together")
            }
        }
        return result
    }

    /// The broadcast of any number of shapes.
    static func broadcast(_ shapes: [[Int]], op: String) throws -> [Int] {
        var result: [Int] = []
        for shape in shapes {
            do {
                result = try broadcast(result, shape, op: op)
            } catch {
                throw TensorError.shapeMismatch(op: op, shapes: shapes, reason: "shapes cannot be broadcast together")
            }
        }
        return result
    }

    /// `axis` mapped into `0..<rank` (negative counts from the end), or an `invalidAxis` error.
    static func normalizeAxis(_ axis: Int, rank: Int, op: String) throws -> Int {
        let normalized = axis < 0 ? axis + rank : axis
        guard normalized >= 0, normalized < rank else {
            throw TensorError.invalidAxis(op: op, axis: axis, rank: rank)
        }
        return normalized
    }

    /// Sorted distinct axes; `nil` means all axes. Repeated axes are an error, as in NumPy.
    static func normalizeAxes(_ axes: [Int]?, rank: Int, op: String) throws -> [Int] {
        guard let axes else { return Array(0..<rank) }
        let normalized = try axes.map { try normalizeAxis($0, rank: rank, op: op) }
        guard Set(normalized).count == normalized.count else {
            throw TensorError.invalidArgument(op: op, message: "repeated axis in \(axes)")
        }
        return normalized.sorted()
    }
}
