import FolioAutograd
import FolioTensor

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
