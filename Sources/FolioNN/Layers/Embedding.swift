import FolioAutograd
import FolioTensor

/// A lookup table of `count` vectors of size `dimension` (PyTorch `nn.Embedding`, initialised
/// `N(0, 1)` as PyTorch). Input: integer indices of any shape; output: shape + `(dimension)`.
public final class Embedding: Module {
    public let count: Int
    public let dimension: Int
    /// `(count, dimension)`.
    public let weight: Parameter

    public init(_ count: Int, _ dimension: Int, dtype: DType = .f32, seed: UInt64? = nil) throws {
        guard count > 0, dimension > 0 else {
            throw NNError.invalidArgument("Embedding needs positive sizes, got count: \(count), dimension: \(dimension)")
        }
        self.count = count
        self.dimension = dimension
        weight = Parameter(try Initializer.normal().make([count, dimension], dtype: dtype, seed: SeedSource.next(seed)))
        super.init()
        register(parameter: weight, named: "weight")
    }

    public override var layerDescription: String { "Embedding(count: \(count), dimension: \(dimension))" }

    public override func forward(_ input: Variable) throws -> Variable {
        guard input.dtype == .i64 else {
            throw NNError.shapeMismatch(layer: layerDescription, expected: "integer (i64) indices, not \(input.dtype)",
                                        got: input.shape)
        }
        let flat = try input.value.reshape([input.count])
        if flat.count > 0 {
            let low = try flat.min().item().doubleValue
            let high = try flat.max().item().doubleValue
            guard low >= 0, high < Double(count) else {
                throw NNError.invalidArgument("\(layerDescription): indices must be in 0..<\(count), got values from \(Int(low)) to \(Int(high))")
            }
        }
        let rows = try weight.variable.take(Variable.constant(flat), axis: 0)
        return try rows.reshape(input.shape + [dimension])
    }
}
