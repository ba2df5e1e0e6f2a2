import FolioAutograd
import FolioTensor
import Foundation

/// The static M-FAC algorithm (`HInvFastBatch` / `HInvFastBlock`): F⁻¹ for F = λI + (1/m) Σ gᵢgᵢᵀ as
/// x/λ − Σᵢ (vᵢ·x / denᵢ) vᵢ, with vᵢ = gᵢ/λ − Σ_{j<i} (vⱼ·gᵢ / denⱼ) vⱼ and denᵢ = m + gᵢ·vᵢ,
/// computed independently on each contiguous block of coordinates.
struct StaticInverse {
    let count: Int
    let dimension: Int
    let damp: Double
    let blockSize: Int
    let blockCount: Int
    /// vᵢ restricted to each block: (blockCount, count, blockSize), zero-padded past `dimension`.
    let vectors: [Double]
    /// denᵢ per block: (blockCount, count).
    let denominators: [Double]

    /// `gradients` is (count, dimension) row-major.
    init(gradients: [Double], count: Int, dimension: Int, damp: Double, block: Int?) {
        self.count = count
        self.dimension = dimension
        self.damp = damp
        let size = Swift.max(1, Swift.min(block ?? dimension, dimension))
        blockSize = size
        blockCount = (dimension + size - 1) / size
        (vectors, denominators) = StaticInverse.precompute(gradients, count: count, dimension: dimension, damp: damp,
                                                           blockSize: size, blockCount: blockCount)
    }

    private static func precompute(_ gradients: [Double], count: Int, dimension: Int, damp: Double, blockSize size: Int,
                                   blockCount: Int) -> ([Double], [Double]) {
        var vectors = [Double](repeating: 0, count: blockCount * count * size)
        var denominators = [Double](repeating: 0, count: blockCount * count)
        let m = Double(count)
        gradients.withUnsafeBufferPointer { g in
            vectors.withUnsafeMutableBufferPointer { v in
                for b in 0..<blockCount {
                    let start = b * size
                    let length = Swift.min(size, dimension - start)
                    let base = b * count * size
                    for i in 0..<count {
                        let row = base + i * size
                        for t in 0..<length { v[row + t] = g[i * dimension + start + t] / damp }
                        for j in 0..<i {
                            let other = base + j * size
                            var dot = 0.0
                            for t in 0..<length { dot += v[other + t] * g[i * dimension + start + t] }
                            let factor = dot / denominators[b * count + j]
                            for t in 0..<length { v[row + t] -= factor * v[other + t] }
                        }
                        var dot = 0.0
                        for t in 0..<length { dot += g[i * dimension + start + t] * v[row + t] }
                        denominators[b * count + i] = m + dot
                    }
                }
            }
        }
        return (vectors, denominators)
    }

    /// F⁻¹x, differentiable in x (linear): x/λ − Vᵀ((V x)/den) per block.
    func ihvp(_ x: Variable) throws -> Variable {
        let padded = blockCount * blockSize
        var flat = try x.cast(to: .f64)
        if padded > dimension {
            flat = try Variable.cat([flat, Variable(Tensor.zeros([padded - dimension], dtype: .f64))])
        }
        let columns = try flat.reshape([blockCount, blockSize, 1])
        let v = Variable(try Tensor(vectors, shape: [blockCount, count, blockSize], dtype: .f64))
        let den = Variable(try Tensor(denominators, shape: [blockCount, count, 1], dtype: .f64))
        let coefficients = try v.matmul(columns) / den
        let correction = try v.transpose(1, 2).matmul(coefficients)
        let result = try (columns / damp - correction).reshape([padded])
        return padded > dimension ? try result.slice([.range(start: 0, stop: dimension)]) : result
    }

    /// diag(F⁻¹) = 1/λ − Σᵢ vᵢ²/denᵢ.
    func diagonal() -> [Double] {
        (0..<dimension).map { column(coordinate: $0, row: $0) }
    }

    /// [F⁻¹]_ij = δᵢⱼ/λ − Σₖ vₖ[i] vₖ[j]/denₖ (zero across blocks).
    func element(_ i: Int, _ j: Int) -> Double {
        column(coordinate: j, row: i)
    }

    private func column(coordinate j: Int, row i: Int) -> Double {
        let (block, otherBlock) = (i / blockSize, j / blockSize)
        let identity = i == j ? 1 / damp : 0
        guard block == otherBlock else { return 0 }
        let (a, b) = (i - block * blockSize, j - block * blockSize)
        var sum = 0.0
        for k in 0..<count {
            let row = (block * count + k) * blockSize
            sum += vectors[row + a] * vectors[row + b] / denominators[block * count + k]
        }
        return identity - sum
    }

    /// F⁻¹e_q (non-zero only inside q's block).
    func column(_ q: Int) -> [Double] {
        var result = [Double](repeating: 0, count: dimension)
        let block = q / blockSize
        let start = block * blockSize
        let length = Swift.min(blockSize, dimension - start)
        let offset = q - start
        for k in 0..<count {
            let row = (block * count + k) * blockSize
            let factor = vectors[row + offset] / denominators[block * count + k]
            for t in 0..<length { result[start + t] -= factor * vectors[row + t] }
        }
        result[q] += 1 / damp
        return result
    }

    /// The denominators of the first block (the whole vector when unblocked).
    var firstDenominators: [Double] { Array(denominators.prefix(count)) }
}

/// The dynamic algorithm (`HInvFastUpMulti`): a ring buffer of m gradients (zero rows at first), their
/// Gram matrix GGᵀ, and per update the O(m³) coefficients D (unpivoted LU of λ⁻¹GGᵀ + mI) and B, so
/// that F⁻¹x costs O(dm + m²). A value type, so an optimiser's state copies and rolls back with it.
struct DynamicInverse {
    let count: Int
    let dimension: Int
    let damp: Double
    var gradients: [Double]
    var dots: [Double]
    /// The ring buffer slot the next gradient replaces.
    var last = 0

    init(dimension: Int, count: Int, damp: Double) {
        self.count = count
        self.dimension = dimension
        self.damp = damp
        gradients = [Double](repeating: 0, count: count * dimension)
        dots = [Double](repeating: 0, count: count * count)
    }

    init(dimension: Int, count: Int, damp: Double, gradients: [Double], dots: [Double], last: Int) {
        self.init(dimension: dimension, count: count, damp: damp)
        self.gradients = gradients
        self.dots = dots
        self.last = last
    }

    /// G x (length m).
    func gradientProducts(_ x: [Double]) -> [Double] {
        gradients.withUnsafeBufferPointer { g in
            (0..<count).map { i in
                var sum = 0.0
                for t in 0..<dimension { sum += g[i * dimension + t] * x[t] }
                return sum
            }
        }
    }

    /// Replaces the oldest gradient with `g`; returns G g.
    @discardableResult
    mutating func update(_ g: [Double]) -> [Double] {
        let slot = last
        gradients.replaceSubrange(slot * dimension..<(slot + 1) * dimension, with: g)
        let products = gradientProducts(g)
        for i in 0..<count {
            dots[slot * count + i] = products[i]
            dots[i * count + slot] = products[i]
        }
        last = (last + 1) % count
        return products
    }

    /// (D, denominators, B) of `setup`.
    func coefficients() -> (upper: [Double], denominators: [Double], b: [Double]) {
        let m = count
        let lambda = 1 / damp
        var lu = dots.map { $0 * lambda }
        for i in 0..<m { lu[i * m + i] += Double(m) }
        // Doolittle without pivoting: the matrix is symmetric positive definite.
        for k in 0..<m {
            for i in (k + 1)..<Swift.max(k + 1, m) {
                let factor = lu[i * m + k] / lu[k * m + k]
                lu[i * m + k] = factor
                for j in (k + 1)..<m { lu[i * m + j] -= factor * lu[k * m + j] }
            }
        }
        var upper = [Double](repeating: 0, count: m * m)
        for i in 0..<m { for j in i..<m { upper[i * m + j] = lu[i * m + j] } }
        for i in 0..<m { upper[i * m + i] -= Double(m) }
        let denominators = (0..<m).map { Double(m) + upper[$0 * m + $0] }
        var b = [Double](repeating: 0, count: m * m)
        for i in 0..<m { b[i * m + i] = lambda }
        for i in 1..<Swift.max(1, m) {
            for j in 0..<i {
                var sum = 0.0
                for k in j..<i { sum += -upper[k * m + i] / denominators[k] * b[k * m + j] }
                b[i * m + j] = sum
            }
        }
        return (upper, denominators, b)
    }

    /// F⁻¹x for the current window; `products` is G x when already known.
    func mul(_ x: [Double], products: [Double]? = nil) -> [Double] {
        let m = count
        let lambda = 1 / damp
        let (upper, denominators, b) = coefficients()
        var scaled = (products ?? gradientProducts(x)).map { $0 * lambda }
        for i in 1..<Swift.max(1, m) {
            let factor = scaled[i - 1] / denominators[i - 1]
            for j in i..<m { scaled[j] -= upper[(i - 1) * m + j] * factor }
        }
        let weights = (0..<m).map { j in (j..<m).reduce(0.0) { $0 + scaled[$1] / denominators[$1] * b[$1 * m + j] } }
        var result = x.map { $0 * lambda }
        gradients.withUnsafeBufferPointer { g in
            for i in 0..<m where weights[i] != 0 {
                for t in 0..<dimension { result[t] -= weights[i] * g[i * dimension + t] }
            }
        }
        return result
    }

    /// `update(g)` then F⁻¹g.
    mutating func updateMul(_ g: [Double]) -> [Double] {
        let products = update(g)
        return mul(g, products: products)
    }
}
