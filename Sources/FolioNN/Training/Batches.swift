import FolioTensor

/// Mini-batches of `(x, y)` along axis 0, in order or shuffled by a seeded permutation; the
/// last batch is smaller when the count does not divide (PyTorch's `drop_last=False`).
///
/// - Throws: `NNError` when `x` and `y` differ in length or `size` is not positive.
public func batches(_ x: Tensor, _ y: Tensor, size: Int, shuffle: Bool = false,
                    seed: UInt64 = 0) throws -> [(x: Tensor, y: Tensor)] {
    guard size > 0 else { throw NNError.invalidArgument("batch size must be positive, got \(size)") }
    guard x.rank >= 1, y.rank >= 1, x.shape[0] == y.shape[0] else {
        throw NNError.shapeMismatch(layer: "batches", expected: "y with x's length \(x.shape.first ?? 0) on axis 0", got: y.shape)
    }
    let count = x.shape[0]
    let order = shuffle ? try Tensor.permutation(count, seed: seed) : try Tensor.arange(count)
    var result: [(x: Tensor, y: Tensor)] = []
    var start = 0
    while start < count {
        let indices = try order.slice([.range(start: start, stop: Swift.min(start + size, count))])
        result.append((try x.take(indices, axis: 0), try y.take(indices, axis: 0)))
        start += size
    }
    return result
}
