import FolioAutograd
import FolioTensor

/// NumPy's combined advanced indexing, `x[rows, cols]`, `x[0, :, idx]`: the integer arrays (and
/// integers beside them) broadcast to one shape B; the result has B in place of the indexed axes
/// when they are adjacent, else B first, then the remaining axes.
///
/// Built from differentiable ops only (slice, permute, reshape, take), so gradients flow: the
/// indexed axes move to the front, merge into one, and one `take` with the row-major linear
/// index Σ iₖ·strideₖ picks the elements.
extension TensorSubscript {
    static func combined(_ tensor: Variable, _ parsed: Parsed) throws -> Variable {
        var basic = parsed.basic
        var picks: [(position: Int, index: Variable)] = parsed.arrays
        for (position, entry) in basic.enumerated() {
            if case .at(let at) = entry {
                picks.append((position, Variable(try Tensor(integers: [Int64(at)], shape: []))))
                basic[position] = .all
            }
        }
        picks.sort { $0.position < $1.position }
        if picks.contains(where: { $0.index.dtype == .bool }) {
            throw FolioError(.IndexError, "a boolean mask cannot be combined with other array or integer indices; use nonzero() to turn it into integer arrays")
        }
        let base = try tensor.slice(basic)
        let axes = try resultAxes(of: picks.map(\.position), in: basic, rank: tensor.rank)
        let sizes = axes.map { base.shape[$0] }
        let linear = try linearIndex(picks.map(\.index.value), sizes: sizes)
        let rest = (0..<base.rank).filter { !axes.contains($0) }
        let front = try base.permute(axes + rest)
        let merged = try front.reshape([sizes.reduce(1, *)] + rest.map { base.shape[$0] })
        let taken = try merged.take(Variable(try linear.reshape([linear.count])), axis: 0)
        let broadcastShape = linear.shape
        let gathered = try taken.reshape(broadcastShape + rest.map { base.shape[$0] })
        let adjacent = zip(axes, axes.dropFirst()).allSatisfy { $1 == $0 + 1 }
        guard adjacent, let first = axes.first, first > 0 else { return gathered }
        // Adjacent indexed axes keep their place: move B back behind the `first` leading axes.
        let b = broadcastShape.count
        let order = Array(b..<(b + first)) + Array(0..<b) + Array((b + first)..<gathered.rank)
        return try gathered.permute(order)
    }

    /// The axes of `base` (the tensor after the basic indices) that the array indices at
    /// `positions` of `basic` apply to.
    private static func resultAxes(of positions: [Int], in basic: [TensorIndex], rank: Int) throws -> [Int] {
        let consumed = basic.filter { $0 != .newAxis && $0 != .ellipsis }.count
        let fill = max(0, rank - consumed)
        var axis = 0
        var axes: [Int] = []
        for (position, entry) in basic.enumerated() {
            if positions.contains(position) { axes.append(axis) }
            axis += entry == .ellipsis ? fill : 1
        }
        return axes
    }

    /// Σ iₖ·strideₖ over the broadcast indices, each checked against its axis (negative from the end).
    private static func linearIndex(_ indices: [Tensor], sizes: [Int]) throws -> Tensor {
        var linear = try Tensor(integers: [0], shape: [])
        var stride = 1
        for (index, size) in zip(indices, sizes).reversed() {
            let positions = index.toArray(of: Int64.self)
            if let bad = positions.first(where: { $0 < -Int64(size) || $0 >= Int64(size) }) {
                throw FolioError(.IndexError, "index \(bad) is out of bounds for an axis of size \(size)")
            }
            let wrapped = try Tensor(integers: positions.map { $0 < 0 ? $0 + Int64(size) : $0 }, shape: index.shape)
            let scaled = try wrapped * Tensor(integers: [Int64(stride)], shape: [])
            linear = try linear + scaled
            stride *= max(size, 1)
        }
        return linear
    }
}
