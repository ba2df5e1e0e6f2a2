import Foundation
import FolioTensor

/// Seeded weight initialisers (PyTorch's `torch.nn.init`), each a value that makes a tensor.
///
/// Fan-in and fan-out follow PyTorch: for a weight `(out, in, *kernel)`, `fanIn = in * prod(kernel)`
/// and `fanOut = out * prod(kernel)`. Gains default to PyTorch's `calculate_gain`: `sqrt(2)` for
/// ReLU (`kaiming_*` with `a = 0`) and 1 for linear/Xavier.
public enum Initializer: Equatable, Sendable {
    /// `U(-b, b)` with `b = gain * sqrt(3 / fanIn)`, `gain = sqrt(2 / (1 + a²))`.
    case kaimingUniform(a: Double = 0)
    /// `N(0, std²)` with `std = gain / sqrt(fanIn)`, `gain = sqrt(2 / (1 + a²))`.
    case kaimingNormal(a: Double = 0)
    /// `U(-b, b)` with `b = gain * sqrt(6 / (fanIn + fanOut))`.
    case xavierUniform(gain: Double = 1)
    /// `N(0, std²)` with `std = gain * sqrt(2 / (fanIn + fanOut))`.
    case xavierNormal(gain: Double = 1)
    /// `N(mean, std²)`.
    case normal(mean: Double = 0, std: Double = 1)
    /// `U(low, high)`.
    case uniform(low: Double, high: Double)
    /// `N(mean, std²)` restricted to `[low, high]` by redrawing values outside (PyTorch's
    /// `trunc_normal_` defaults: `std = 1`, bounds ±2).
    case truncatedNormal(mean: Double = 0, std: Double = 1, low: Double = -2, high: Double = 2)
    /// A (semi-)orthogonal matrix from the QR of a normal matrix, sign-corrected so the
    /// distribution is uniform (Saxe et al. 2013), times `gain`; extra axes are flattened.
    case orthogonal(gain: Double = 1)
    /// A constant.
    case constant(Double)

    /// A tensor of `shape` drawn with `seed`.
    public func make(_ shape: [Int], dtype: DType = .f32, seed: UInt64) throws -> Tensor {
        let (fanIn, fanOut) = Initializer.fans(shape)
        switch self {
        case let .kaimingUniform(a):
            let bound = (2 / (1 + a * a)).squareRoot() * (3 / Double(fanIn)).squareRoot()
            return try Initializer.uniform(shape, -bound, bound, dtype: dtype, seed: seed)
        case let .kaimingNormal(a):
            let std = (2 / (1 + a * a)).squareRoot() / Double(fanIn).squareRoot()
            return try Tensor.randn(shape, dtype: dtype, seed: seed) * std
        case let .xavierUniform(gain):
            let bound = gain * (6 / Double(fanIn + fanOut)).squareRoot()
            return try Initializer.uniform(shape, -bound, bound, dtype: dtype, seed: seed)
        case let .xavierNormal(gain):
            let std = gain * (2 / Double(fanIn + fanOut)).squareRoot()
            return try Tensor.randn(shape, dtype: dtype, seed: seed) * std
        case let .normal(mean, std):
            return try Tensor.randn(shape, dtype: dtype, seed: seed) * std + mean
        case let .uniform(low, high):
            return try Initializer.uniform(shape, low, high, dtype: dtype, seed: seed)
        case let .truncatedNormal(mean, std, low, high):
            return try Initializer.truncatedNormal(shape, mean: mean, std: std, low: low, high: high, dtype: dtype, seed: seed)
        case let .orthogonal(gain):
            return try Initializer.orthogonal(shape, gain: gain, dtype: dtype, seed: seed)
        case let .constant(value):
            return try Tensor.full(shape: shape, value: value, dtype: dtype)
        }
    }

    /// PyTorch's `_calculate_fan_in_and_fan_out` (a vector counts as fan-in = fan-out = length).
    public static func fans(_ shape: [Int]) -> (fanIn: Int, fanOut: Int) {
        guard shape.count >= 2 else { return (max(shape.first ?? 1, 1), max(shape.first ?? 1, 1)) }
        let receptive = shape.dropFirst(2).reduce(1, *)
        return (max(shape[1] * receptive, 1), max(shape[0] * receptive, 1))
    }

    static func uniform(_ shape: [Int], _ low: Double, _ high: Double, dtype: DType, seed: UInt64) throws -> Tensor {
        let unit = try Tensor.rand(shape, dtype: dtype, seed: seed)
        return try unit * (high - low) + low
    }

    private static func truncatedNormal(_ shape: [Int], mean: Double, std: Double, low: Double, high: Double,
                                        dtype: DType, seed: UInt64) throws -> Tensor {
        guard low < high, std > 0 else {
            throw NNError.invalidArgument("truncated normal needs low < high and std > 0, got [\(low), \(high)], std \(std)")
        }
        var generator = PhiloxGenerator(seed: seed)
        let count = shape.reduce(1, *)
        var values = try Tensor.randn([count], dtype: .f64, generator: &generator).toArray().map { mean + std * $0 }
        // Redraw out-of-range entries; each round keeps at least the in-range share, so this ends
        // quickly unless the interval holds almost no mass (then fall back to clamping).
        for _ in 0..<64 {
            let outside = values.indices.filter { values[$0] < low || values[$0] > high }
            if outside.isEmpty { break }
            let fresh = try Tensor.randn([outside.count], dtype: .f64, generator: &generator).toArray()
            for (index, draw) in zip(outside, fresh) { values[index] = mean + std * draw }
        }
        return try Tensor(values.map { Swift.min(Swift.max($0, low), high) }, shape: shape, dtype: dtype)
    }

    private static func orthogonal(_ shape: [Int], gain: Double, dtype: DType, seed: UInt64) throws -> Tensor {
        guard shape.count >= 2 else {
            throw NNError.invalidArgument("orthogonal initialisation needs at least 2 axes, got shape \(formatShape(shape))")
        }
        let rows = shape[0]
        let columns = shape.dropFirst().reduce(1, *)
        // QR of the tall orientation, transposed back when there are fewer columns than rows.
        let tall = rows >= columns
        let draw = try Tensor.randn(tall ? [rows, columns] : [columns, rows], dtype: .f64, seed: seed)
        let (q, r) = try draw.qr()
        let diagonal = try (0..<Swift.min(rows, columns)).map { try r.slice([.at($0), .at($0)]).item().doubleValue }
        let signs = try Tensor(diagonal.map { $0 < 0 ? -1 : 1 }, shape: [diagonal.count], dtype: .f64)
        let corrected = try q * signs
        let oriented = tall ? corrected : try corrected.transpose()
        return try (oriented * gain).reshape(shape).cast(to: dtype)
    }
}
