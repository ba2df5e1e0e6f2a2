import FolioAutograd
import FolioTensor

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
