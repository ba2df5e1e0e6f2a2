import FolioAutograd
import FolioTensor

/// One Transformer encoder block (Vaswani et al. 2017; PyTorch `nn.TransformerEncoderLayer` with
/// `batch_first=True`): self-attention and a two-layer feed-forward network, each wrapped in a
/// residual connection with dropout and layer norm.
///
/// Post-norm (`x = norm(x + sublayer(x))`) by default as PyTorch; `normFirst` gives the pre-norm
/// variant (`x = x + sublayer(norm(x))`, Xiong et al. 2020).
public final class TransformerEncoderLayer: Module {
    public let modelDimension: Int
    public let normFirst: Bool
    public let selfAttention: MultiheadAttention
    public let feedForward: Sequential
    public let norm1: LayerNorm
    public let norm2: LayerNorm
    private let dropout1: Dropout
    private let dropout2: Dropout

    public init(modelDimension: Int, heads: Int, feedForwardDimension: Int = 2048, dropout: Double = 0.1,
                activation: Activation = ReLU(), normFirst: Bool = false, epsilon: Double = 1e-5,
                dtype: DType = .f32, seed: UInt64? = nil) throws {
        let base = SeedSource.next(seed)
        (self.modelDimension, self.normFirst) = (modelDimension, normFirst)
        selfAttention = try MultiheadAttention(embedDimension: modelDimension, heads: heads, dropout: dropout,
                                               dtype: dtype, seed: base)
        feedForward = Sequential([
            try Linear(modelDimension, feedForwardDimension, dtype: dtype, seed: base &+ 10),
            activation,
            try Dropout(dropout, seed: base &+ 11),
            try Linear(feedForwardDimension, modelDimension, dtype: dtype, seed: base &+ 12),
        ])
        norm1 = try LayerNorm([modelDimension], epsilon: epsilon, dtype: dtype)
        norm2 = try LayerNorm([modelDimension], epsilon: epsilon, dtype: dtype)
        dropout1 = try Dropout(dropout, seed: base &+ 13)
        dropout2 = try Dropout(dropout, seed: base &+ 14)
        super.init()
        register(child: selfAttention, named: "self_attn")
        register(child: feedForward, named: "ff")
        register(child: norm1, named: "norm1")
        register(child: norm2, named: "norm2")
        register(child: dropout1, named: "dropout1")
        register(child: dropout2, named: "dropout2")
    }

    public override var layerDescription: String {
        "TransformerEncoderLayer(model: \(modelDimension), heads: \(selfAttention.heads))"
    }

    public override func forward(_ input: Variable) throws -> Variable { try forward(input, mask: nil) }

    /// The block on `(N, L, E)` with an optional attention mask (see `MultiheadAttention`).
    public func forward(_ input: Variable, mask: Tensor?) throws -> Variable {
        guard input.rank == 3, input.shape[2] == modelDimension else {
            throw NNError.shapeMismatch(layer: layerDescription, expected: "input (N, L, \(modelDimension))", got: input.shape)
        }
        func attend(_ x: Variable) throws -> Variable {
            try dropout1(selfAttention.forward(query: x, key: x, value: x, mask: mask).output)
        }
        func feed(_ x: Variable) throws -> Variable { try dropout2(feedForward(x)) }
        if normFirst {
            let attended = try input + attend(norm1(input))
            return try attended + feed(norm2(attended))
        }
        let attended = try norm1(input + attend(input))
        return try norm2(attended + feed(attended))
    }
}
