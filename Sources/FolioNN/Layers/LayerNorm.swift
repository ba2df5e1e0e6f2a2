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
