import Foundation

/// Random tensors from a `PhiloxGenerator`. Each function has an `inout` generator form (the
/// session's stream) and a `seed:` form (a fresh generator).
///
/// Words per element: `rand` f32 uses one word (24 bits), f64 two (53 bits); `randn` always uses
/// four words per pair of normals (Box–Muller on 53-bit uniforms, computed in Double and rounded to
/// the dtype, so `f32` and `f64` draws with the same seed agree to `f32` precision); `randint`,
/// `bernoulli` and `permutation` use two words per element (or step).
extension Tensor {
    /// Uniform samples in `[0, 1)`.
    public static func rand(_ shape: [Int], dtype: DType = .f32, generator: inout PhiloxGenerator) throws -> Tensor {
        let count = try ShapeMath.elementCount(shape, op: "rand")
        guard dtype.isFloatingPoint else {
            throw TensorError.unsupportedDType(op: "rand", dtype: dtype, reason: "expected f32 or f64")
        }
        let result = Tensor(uninitializedShape: shape, dtype: dtype)
        if dtype == .f32 {
            let words = generator.words(count)
            let destination = result.pointer(Float.self)
            for index in 0..<count { destination[index] = RandomBits.unitFloat(words[index]) }
        } else {
            let words = generator.words(2 * count)
            let destination = result.pointer(Double.self)
            for index in 0..<count { destination[index] = RandomBits.unitDouble(words[2 * index], words[2 * index + 1]) }
        }
        return result
    }

    /// Standard normal samples (Box–Muller: `sqrt(-2 ln(1 - u1)) * (cos, sin)(2π u2)`).
    public static func randn(_ shape: [Int], dtype: DType = .f32, generator: inout PhiloxGenerator) throws -> Tensor {
        let count = try ShapeMath.elementCount(shape, op: "randn")
        guard dtype.isFloatingPoint else {
            throw TensorError.unsupportedDType(op: "randn", dtype: dtype, reason: "expected f32 or f64")
        }
        let pairs = (count + 1) / 2
        let words = generator.words(4 * pairs)
        let normals = Tensor(uninitializedShape: shape, dtype: .f64)
        let destination = normals.pointer(Double.self)
        Parallel.forEachChunk(count: pairs, costPerItem: 32) { range in
            for pair in range {
                let u1 = RandomBits.unitDouble(words[4 * pair], words[4 * pair + 1])
                let u2 = RandomBits.unitDouble(words[4 * pair + 2], words[4 * pair + 3])
                // 1 - u1 lies in (0, 1], so the logarithm is finite.
                let radius = (-2 * Foundation.log(1 - u1)).squareRoot()
                let angle = 2 * Double.pi * u2
                destination[2 * pair] = radius * Foundation.cos(angle)
                if 2 * pair + 1 < count { destination[2 * pair + 1] = radius * Foundation.sin(angle) }
            }
        }
        return normals.cast(to: dtype)
    }

    /// Integers uniform in `low..<high` (`i64`).
    public static func randint(_ low: Int, _ high: Int, shape: [Int], generator: inout PhiloxGenerator) throws -> Tensor {
        guard low < high else {
            throw TensorError.invalidArgument(op: "randint", message: "low (\(low)) must be less than high (\(high))")
        }
        let count = try ShapeMath.elementCount(shape, op: "randint")
        let bound = UInt64(bitPattern: Int64(high) &- Int64(low))
        let words = generator.words(2 * count)
        let result = Tensor(uninitializedShape: shape, dtype: .i64)
        let destination = result.pointer(Int64.self)
        for index in 0..<count {
            let offset = RandomBits.bounded(words[2 * index], words[2 * index + 1], bound: bound)
            destination[index] = Int64(low) &+ Int64(bitPattern: offset)
        }
        return result
    }

    /// `true` with probability `probability` (each element of the broadcast of `probability` to `shape`).
    public static func bernoulli(_ probability: Tensor, shape: [Int]? = nil, generator: inout PhiloxGenerator) throws -> Tensor {
        let target = shape ?? probability.shape
        let probabilities = try probability.cast(to: .f64).expand(target).contiguous().toArray()
        guard probabilities.allSatisfy({ $0 >= 0 && $0 <= 1 }) else {
            throw TensorError.invalidArgument(op: "bernoulli", message: "probabilities must lie in [0, 1]")
        }
        let uniforms = try rand(target, dtype: .f64, generator: &generator).toArray()
        let flags = zip(uniforms, probabilities).map { $0 < $1 }
        return try Tensor(bools: flags, shape: target)
    }

    /// A random ordering of `0..<count` (`i64`), by Fisher–Yates.
    public static func permutation(_ count: Int, generator: inout PhiloxGenerator) throws -> Tensor {
        _ = try ShapeMath.elementCount([count], op: "permutation")
        var values = (0..<Int64(count)).map { $0 }
        let words = generator.words(2 * Swift.max(count - 1, 0))
        var step = 0
        for index in stride(from: count - 1, to: 0, by: -1) {
            let swap = RandomBits.bounded(words[2 * step], words[2 * step + 1], bound: UInt64(index + 1))
            values.swapAt(index, Int(swap))
            step += 1
        }
        return try Tensor(integers: values, shape: [count])
    }

    public static func rand(_ shape: [Int], dtype: DType = .f32, seed: UInt64) throws -> Tensor {
        var generator = PhiloxGenerator(seed: seed)
        return try rand(shape, dtype: dtype, generator: &generator)
    }

    public static func randn(_ shape: [Int], dtype: DType = .f32, seed: UInt64) throws -> Tensor {
        var generator = PhiloxGenerator(seed: seed)
        return try randn(shape, dtype: dtype, generator: &generator)
    }

    public static func randint(_ low: Int, _ high: Int, shape: [Int], seed: UInt64) throws -> Tensor {
        var generator = PhiloxGenerator(seed: seed)
        return try randint(low, high, shape: shape, generator: &generator)
    }

    public static func permutation(_ count: Int, seed: UInt64) throws -> Tensor {
        var generator = PhiloxGenerator(seed: seed)
        return try permutation(count, generator: &generator)
    }
}
