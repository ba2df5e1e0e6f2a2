import FolioAutograd
import FolioTensor

/// Zeroes each entry with probability `p` in training and scales the rest by `1/(1-p)`; the
/// identity in evaluation mode (PyTorch `nn.Dropout`).
///
/// Masks come from a Philox generator seeded once, so a seeded run is reproducible; the
/// generator advances with every call, so successive batches get different masks.
public final class Dropout: Module {
    public let probability: Double
    private var generator: PhiloxGenerator

    /// Dropout with drop probability `p` in `[0, 1)`.
    public init(_ p: Double = 0.5, seed: UInt64? = nil) throws {
        guard p >= 0, p < 1 else { throw NNError.invalidArgument("Dropout probability must be in [0, 1), got \(p)") }
        probability = p
        generator = PhiloxGenerator(seed: SeedSource.next(seed))
        super.init()
    }

    public override var layerDescription: String { "Dropout(p: \(probability))" }

    public override func forward(_ input: Variable) throws -> Variable {
        guard isTraining, probability > 0 else { return input }
        let uniform = try Tensor.rand(input.shape, dtype: input.dtype.isFloatingPoint ? input.dtype : .f32,
                                      generator: &generator)
        let keep = try (uniform .>= Tensor(scalar: probability, dtype: uniform.dtype)).cast(to: input.dtype)
        let scaled = try keep / (1 - probability)
        return try input * Variable.constant(scaled)
    }
}
