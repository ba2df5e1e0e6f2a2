import FolioAutograd
import FolioTensor

/// `y = x Wᵀ + b` over the last axis (PyTorch `nn.Linear`).
///
/// Default initialisation is PyTorch's: `W ~ kaiming_uniform(a: √5)`, i.e. `U(-1/√in, 1/√in)`,
/// and `b ~ U(-1/√in, 1/√in)`.
public final class Linear: Module {
    public let inputFeatures: Int
    public let outputFeatures: Int
    /// `(out, in)`.
    public let weight: Parameter
    /// `(out)`, or `nil` without bias.
    public let bias: Parameter?

    /// A layer from `inputFeatures` to `outputFeatures`; `seed` fixes the initial weights.
    public init(_ inputFeatures: Int, _ outputFeatures: Int, bias: Bool = true, dtype: DType = .f32,
                seed: UInt64? = nil) throws {
        guard inputFeatures > 0, outputFeatures > 0 else {
            throw NNError.invalidArgument("Linear needs positive sizes, got in: \(inputFeatures), out: \(outputFeatures)")
        }
        self.inputFeatures = inputFeatures
        self.outputFeatures = outputFeatures
        let base = SeedSource.next(seed)
        let bound = 1 / Double(inputFeatures).squareRoot()
        weight = Parameter(try Initializer.uniform(low: -bound, high: bound)
            .make([outputFeatures, inputFeatures], dtype: dtype, seed: base))
        self.bias = bias ? Parameter(try Initializer.uniform(low: -bound, high: bound)
            .make([outputFeatures], dtype: dtype, seed: base &+ 1)) : nil
        super.init()
        register(parameter: weight, named: "weight")
        if let parameter = self.bias { register(parameter: parameter, named: "bias") }
    }

    public override var layerDescription: String { "Linear(in: \(inputFeatures), out: \(outputFeatures))" }

    public override func forward(_ input: Variable) throws -> Variable {
        guard input.rank >= 1, input.shape.last == inputFeatures else {
            throw NNError.shapeMismatch(layer: layerDescription, expected: "input with last dimension \(inputFeatures)",
                                        got: input.shape)
        }
        let product = try input.matmul(weight.variable.transpose())
        guard let bias = bias else { return product }
        return try product + bias.variable
    }
}
