import Foundation

/// Discrete sampling on Philox: `choice` (NumPy `Generator.choice`) and `categorical`.
///
/// Algorithms (all use f64 uniforms from `rand`, so results are the same on every machine):
/// with replacement and weights, inverse CDF (binary search in the running sum); without
/// replacement and without weights, a partial Fisher–Yates shuffle; without replacement with
/// weights, Gumbel-top-k (keys `log w + Gumbel`, take the `k` largest), which draws the same
/// distribution as NumPy's successive sampling but not the same numbers; `categorical` from
/// logits uses the Gumbel-max trick.
extension Tensor {
    /// `i64` indices into a population of `population` items, in `shape`.
    ///
    /// `weights` (1-d, non-negative, not all zero, length `population`) need not be normalised.
    /// Without replacement the sample cannot be larger than the population (or than its
    /// non-zero weights).
    public static func choice(_ population: Int, shape: [Int], replace: Bool = true, weights: Tensor? = nil,
                              generator: inout PhiloxGenerator) throws -> Tensor {
        let count = try ShapeMath.elementCount(shape, op: "choice")
        guard population > 0 || count == 0 else {
            throw TensorError.invalidArgument(op: "choice", message: "cannot take a sample from an empty population")
        }
        let probabilities = try weights.map { try normalizedWeights($0, expected: population, op: "choice") }
        if !replace {
            let available = probabilities.map { $0.filter { $0 > 0 }.count } ?? population
            guard count <= available else {
                throw TensorError.invalidArgument(op: "choice", message: "cannot take \(count) samples without replacement from \(available) items with non-zero weight")
            }
        }
        let picks: [Int64]
        switch (replace, probabilities) {
        case (true, nil): return try randint(0, population, shape: shape, generator: &generator)
        case let (true, weights?): picks = try inverseCDF(weights, draws: count, generator: &generator)
        case (false, nil): picks = partialShuffle(population, take: count, generator: &generator)
        case let (false, weights?): picks = try gumbelTop(weights, take: count, generator: &generator)
        }
        return try Tensor(integers: picks, shape: shape)
    }

    /// Elements of `population` along axis 0 picked by `choice`.
    public static func choice(from population: Tensor, shape: [Int], replace: Bool = true, weights: Tensor? = nil,
                              generator: inout PhiloxGenerator) throws -> Tensor {
        guard population.rank > 0 else {
            throw TensorError.invalidShape(op: "choice", shape: population.shape, reason: "the population needs at least one axis")
        }
        let picks = try choice(population.shape[0], shape: shape, replace: replace, weights: weights, generator: &generator)
        return try population.take(picks, axis: 0)
    }

    /// Category indices drawn from `probabilities` along the last axis (rows need not be
    /// normalised): shape `batch` when `samples` is nil, else `batch + [samples]` (with replacement).
    public static func categorical(probabilities: Tensor, samples: Int? = nil, generator: inout PhiloxGenerator) throws -> Tensor {
        let (rows, width, batch) = try categoricalRows(probabilities, op: "categorical")
        let draws = try sampleCount(samples)
        var picks: [Int64] = []
        picks.reserveCapacity(rows.count * draws)
        for row in rows {
            let weights = try normalizedWeights(Tensor(row, shape: [width], dtype: .f64), expected: width, op: "categorical")
            picks += try inverseCDF(weights, draws: draws, generator: &generator)
        }
        return try Tensor(integers: picks, shape: batch + (samples.map { [$0] } ?? []))
    }

    /// Category indices drawn from unnormalised log-probabilities along the last axis
    /// (`softmax(logits)`), by the Gumbel-max trick; shapes as `categorical(probabilities:)`.
    public static func categorical(logits: Tensor, samples: Int? = nil, generator: inout PhiloxGenerator) throws -> Tensor {
        let (rows, width, batch) = try categoricalRows(logits, op: "categorical")
        let draws = try sampleCount(samples)
        guard rows.allSatisfy({ row in row.allSatisfy { !$0.isNaN } && row.contains { $0 > -.infinity } }) else {
            throw TensorError.invalidArgument(op: "categorical", message: "every row of logits needs a finite entry and no NaN")
        }
        let noise = try rand([rows.count * draws * width], dtype: .f64, generator: &generator).toArray()
        var picks: [Int64] = []
        for (rowIndex, row) in rows.enumerated() {
            for draw in 0..<draws {
                let base = (rowIndex * draws + draw) * width
                var best = (score: -Double.infinity, index: 0)
                for column in 0..<width where row[column] > -.infinity {
                    let score = row[column] + gumbel(noise[base + column])
                    if score > best.score { best = (score, column) }
                }
                picks.append(Int64(best.index))
            }
        }
        return try Tensor(integers: picks, shape: batch + (samples.map { [$0] } ?? []))
    }

    public static func choice(_ population: Int, shape: [Int], replace: Bool = true, weights: Tensor? = nil, seed: UInt64) throws -> Tensor {
        var generator = PhiloxGenerator(seed: seed)
        return try choice(population, shape: shape, replace: replace, weights: weights, generator: &generator)
    }

    // MARK: - Algorithms

    /// Weights checked and scaled to sum to 1.
    static func normalizedWeights(_ weights: Tensor, expected: Int, op: String) throws -> [Double] {
        guard weights.rank == 1, weights.count == expected else {
            throw TensorError.invalidShape(op: op, shape: weights.shape, reason: "weights must be 1-d with \(expected) entries")
        }
        let values = weights.toArray()
        let total = values.reduce(0, +)
        guard values.allSatisfy({ $0 >= 0 && $0.isFinite }), total > 0, total.isFinite else {
            throw TensorError.invalidArgument(op: op, message: "weights must be finite, non-negative and not all zero")
        }
        return values.map { $0 / total }
    }

    private static func inverseCDF(_ probabilities: [Double], draws: Int, generator: inout PhiloxGenerator) throws -> [Int64] {
        var cumulative = probabilities
        for index in 1..<Swift.max(cumulative.count, 1) { cumulative[index] += cumulative[index - 1] }
        // Rounding can leave the total a hair below 1: the last positive weight takes the rest.
        let last = probabilities.lastIndex { $0 > 0 } ?? 0
        let uniforms = try rand([draws], dtype: .f64, generator: &generator).toArray()
        return uniforms.map { u in
            var (low, high) = (0, last)
            while low < high {
                let middle = (low + high) / 2
                if cumulative[middle] > u { high = middle } else { low = middle + 1 }
            }
            return Int64(low)
        }
    }

    private static func partialShuffle(_ population: Int, take count: Int, generator: inout PhiloxGenerator) -> [Int64] {
        var values = (0..<Int64(population)).map { $0 }
        let words = generator.words(2 * count)
        for step in 0..<count {
            let remaining = UInt64(population - step)
            let swap = step + Int(RandomBits.bounded(words[2 * step], words[2 * step + 1], bound: remaining))
            values.swapAt(step, swap)
        }
        return Array(values.prefix(count))
    }

    private static func gumbelTop(_ probabilities: [Double], take count: Int, generator: inout PhiloxGenerator) throws -> [Int64] {
        let uniforms = try rand([probabilities.count], dtype: .f64, generator: &generator).toArray()
        let keys = zip(probabilities, uniforms).map { p, u in p > 0 ? Foundation.log(p) + gumbel(u) : -Double.infinity }
        let order = keys.indices.sorted { keys[$0] > keys[$1] || (keys[$0] == keys[$1] && $0 < $1) }
        return order.prefix(count).map { Int64($0) }
    }

    /// A standard Gumbel sample from a uniform in `[0, 1)`: `-log(-log(u))`, with `u = 0` nudged
    /// to the smallest positive double so the result stays finite.
    @inline(__always)
    static func gumbel(_ uniform: Double) -> Double {
        let u = Swift.max(uniform, Double.leastNonzeroMagnitude)
        return -Foundation.log(-Foundation.log(u))
    }

    private static func sampleCount(_ samples: Int?) throws -> Int {
        guard let samples else { return 1 }
        guard samples >= 0, samples <= ShapeMath.maximumElementCount else {
            throw TensorError.invalidArgument(op: "categorical", message: "samples must be non-negative, got \(samples)")
        }
        return samples
    }

    private static func categoricalRows(_ tensor: Tensor, op: String) throws -> (rows: [[Double]], width: Int, batch: [Int]) {
        guard tensor.rank >= 1, let width = tensor.shape.last, width > 0 else {
            throw TensorError.invalidShape(op: op, shape: tensor.shape, reason: "expected at least one category along the last axis")
        }
        guard tensor.dtype.isReal else {
            throw TensorError.unsupportedDType(op: op, dtype: tensor.dtype, reason: "expected real values")
        }
        let values = tensor.toArray()
        let rows = stride(from: 0, to: values.count, by: width).map { Array(values[$0..<($0 + width)]) }
        return (rows, width, Array(tensor.shape.dropLast()))
    }
}
