import FolioAutograd
import FolioTensor

/// Normalisation over the trailing `normalizedShape` axes (PyTorch `nn.LayerNorm`):
/// `(x - mean) / sqrt(var + ε) * weight + bias`, biased variance, weight 1 and bias 0 at start.
public final class LayerNorm: Module {
    public let normalizedShape: [Int]
    public let epsilon: Double
    public let weight: Parameter?
    public let bias: Parameter?

    public init(_ normalizedShape: [Int], epsilon: Double = 1e-5, elementwiseAffine: Bool = true, dtype: DType = .f32) throws {
        guard !normalizedShape.isEmpty, normalizedShape.allSatisfy({ $0 > 0 }) else {
            throw NNError.invalidArgument("LayerNorm needs a non-empty positive shape, got \(normalizedShape)")
        }
        self.normalizedShape = normalizedShape
        self.epsilon = epsilon
        weight = elementwiseAffine ? Parameter(try Tensor.ones(normalizedShape, dtype: dtype)) : nil
        bias = elementwiseAffine ? Parameter(try Tensor.zeros(normalizedShape, dtype: dtype)) : nil
        super.init()
        if let weight = weight, let bias = bias {
            register(parameter: weight, named: "weight")
            register(parameter: bias, named: "bias")
        }
    }

    public convenience init(_ features: Int, epsilon: Double = 1e-5, dtype: DType = .f32) throws {
        try self.init([features], epsilon: epsilon, dtype: dtype)
    }

    public override var layerDescription: String { "LayerNorm(\(normalizedShape))" }

    public override func forward(_ input: Variable) throws -> Variable {
        guard input.rank >= normalizedShape.count, Array(input.shape.suffix(normalizedShape.count)) == normalizedShape else {
            throw NNError.shapeMismatch(layer: layerDescription, expected: "input ending in \(formatShape(normalizedShape))", got: input.shape)
        }
        let axes = Array((input.rank - normalizedShape.count)..<input.rank)
        let normalized = try Normalization.standardize(input, axes: axes, epsilon: epsilon)
        guard let weight = weight, let bias = bias else { return normalized }
        return try normalized * weight.variable + bias.variable
    }
}

/// Root-mean-square normalisation over the trailing axes (Zhang & Sennrich 2019; PyTorch
/// `nn.RMSNorm`): `x / sqrt(mean(x²) + ε) * weight`. Without `epsilon` it uses the dtype's machine
/// epsilon, as PyTorch.
public final class RMSNorm: Module {
    public let normalizedShape: [Int]
    public let epsilon: Double
    public let weight: Parameter

    public init(_ normalizedShape: [Int], epsilon: Double? = nil, dtype: DType = .f32) throws {
        guard !normalizedShape.isEmpty, normalizedShape.allSatisfy({ $0 > 0 }) else {
            throw NNError.invalidArgument("RMSNorm needs a non-empty positive shape, got \(normalizedShape)")
        }
        self.normalizedShape = normalizedShape
        self.epsilon = epsilon ?? (dtype == .f64 ? Double.ulpOfOne : Double(Float.ulpOfOne))
        weight = Parameter(try Tensor.ones(normalizedShape, dtype: dtype))
        super.init()
        register(parameter: weight, named: "weight")
    }

    public override var layerDescription: String { "RMSNorm(\(normalizedShape))" }

    public override func forward(_ input: Variable) throws -> Variable {
        guard input.rank >= normalizedShape.count, Array(input.shape.suffix(normalizedShape.count)) == normalizedShape else {
            throw NNError.shapeMismatch(layer: layerDescription, expected: "input ending in \(formatShape(normalizedShape))", got: input.shape)
        }
        let axes = Array((input.rank - normalizedShape.count)..<input.rank)
        let meanSquare = try (input * input).mean(axes: axes, keepDims: true)
        return try input * (meanSquare + epsilon).rsqrt() * weight.variable
    }
}

/// Normalisation over channel groups of `(N, C, *spatial)` (Wu & He 2018; PyTorch
/// `nn.GroupNorm`), with per-channel weight and bias. `InstanceNorm` is the case `groups == C`.
public class GroupNorm: Module {
    public let groups: Int
    public let channels: Int
    public let epsilon: Double
    public let weight: Parameter?
    public let bias: Parameter?

    public init(groups: Int, channels: Int, epsilon: Double = 1e-5, affine: Bool = true, dtype: DType = .f32) throws {
        guard groups > 0, channels > 0, channels % groups == 0 else {
            throw NNError.invalidArgument("GroupNorm needs channels (\(channels)) divisible by groups (\(groups))")
        }
        (self.groups, self.channels, self.epsilon) = (groups, channels, epsilon)
        weight = affine ? Parameter(try Tensor.ones([channels], dtype: dtype)) : nil
        bias = affine ? Parameter(try Tensor.zeros([channels], dtype: dtype)) : nil
        super.init()
        if let weight = weight, let bias = bias {
            register(parameter: weight, named: "weight")
            register(parameter: bias, named: "bias")
        }
    }

    public override var layerDescription: String { "GroupNorm(groups: \(groups), channels: \(channels))" }

    public override func forward(_ input: Variable) throws -> Variable {
        guard input.rank >= 2, input.shape[1] == channels else {
            throw NNError.shapeMismatch(layer: layerDescription, expected: "input (N, \(channels), ...)", got: input.shape)
        }
        let grouped = try input.reshape([input.shape[0], groups, -1])
        let normalized = try Normalization.standardize(grouped, axes: [2], epsilon: epsilon).reshape(input.shape)
        guard let weight = weight, let bias = bias else { return normalized }
        let broadcast = [1, channels] + Array(repeating: 1, count: input.rank - 2)
        return try normalized * weight.variable.reshape(broadcast) + bias.variable.reshape(broadcast)
    }
}

/// Per-sample, per-channel normalisation over the spatial axes (PyTorch `nn.InstanceNorm{1,2,3}d`
/// without running statistics; `affine` is off by default, as PyTorch).
public final class InstanceNorm: GroupNorm {
    public init(_ channels: Int, epsilon: Double = 1e-5, affine: Bool = false, dtype: DType = .f32) throws {
        try super.init(groups: channels, channels: channels, epsilon: epsilon, affine: affine, dtype: dtype)
    }

    public override var layerDescription: String { "InstanceNorm(\(channels))" }
}

/// The shared `(x - mean) / sqrt(var + ε)` step.
enum Normalization {
    static func standardize(_ input: Variable, axes: [Int], epsilon: Double) throws -> Variable {
        let mean = try input.mean(axes: axes, keepDims: true)
        let centered = try input - mean
        let variance = try (centered * centered).mean(axes: axes, keepDims: true)
        return try centered * (variance + epsilon).rsqrt()
    }
}
