import FolioAutograd
import FolioTensor

/// The shared `(x - mean) / sqrt(var + ε)` step.
enum Normalization {
    static func standardize(_ input: Variable, axes: [Int], epsilon: Double) throws -> Variable {
        let mean = try input.mean(axes: axes, keepDims: true)
        let centered = try input - mean
        let variance = try (centered * centered).mean(axes: axes, keepDims: true)
        return try centered * (variance + epsilon).rsqrt()
    }
}
