import FolioAutograd
import FolioTensor

/// Multi-head scaled dot-product attention (Vaswani et al. 2017, arXiv:1706.03762; PyTorch
/// `nn.MultiheadAttention` with `batch_first=True`).
///
/// `softmax(Q Kᵀ / √d + mask) V` per head, `d = embed / heads`, with input projections packed in
/// `in_proj_weight (3E, E)` (Xavier-uniform, bias 0, as PyTorch) and an output `Linear` (bias 0).
/// Inputs are `(N, L, E)`; a mask `(L, S)` or `(N·heads, L, S)` is added to the scores (use
/// `-inf` to block), or a boolean mask blocks where `true`, as PyTorch.
public final class MultiheadAttention: Module {
    public let embedDimension: Int
    public let heads: Int
    public let inputProjectionWeight: Parameter
    public let inputProjectionBias: Parameter
    public let outputProjection: Linear
    private let dropout: Dropout

    public init(embedDimension: Int, heads: Int, dropout: Double = 0, dtype: DType = .f32, seed: UInt64? = nil) throws {
        guard embedDimension > 0, heads > 0, embedDimension % heads == 0 else {
            throw NNError.invalidArgument("MultiheadAttention needs embed dimension (\(embedDimension)) divisible by heads (\(heads))")
        }
        (self.embedDimension, self.heads) = (embedDimension, heads)
        let base = SeedSource.next(seed)
        inputProjectionWeight = Parameter(try Initializer.xavierUniform()
            .make([3 * embedDimension, embedDimension], dtype: dtype, seed: base))
        inputProjectionBias = Parameter(try Tensor.zeros([3 * embedDimension], dtype: dtype))
        outputProjection = try Linear(embedDimension, embedDimension, dtype: dtype, seed: base &+ 2)
        try outputProjection.bias?.assign(Tensor.zeros([embedDimension], dtype: dtype))
        self.dropout = try Dropout(dropout, seed: base &+ 3)
        super.init()
        register(parameter: inputProjectionWeight, named: "in_proj_weight")
        register(parameter: inputProjectionBias, named: "in_proj_bias")
        register(child: outputProjection, named: "out_proj")
        register(child: self.dropout, named: "dropout")
    }

    public override var layerDescription: String { "MultiheadAttention(embed: \(embedDimension), heads: \(heads))" }

    /// Self-attention: `forward(query: x, key: x, value: x)`.
    public override func forward(_ input: Variable) throws -> Variable {
        try forward(query: input, key: input, value: input).output
    }

    /// Attention of `query (N, L, E)` over `key`/`value (N, S, E)`; returns the output
    /// `(N, L, E)` and the weights averaged over heads `(N, L, S)`.
    public func forward(query: Variable, key: Variable, value: Variable,
                        mask: Tensor? = nil) throws -> (output: Variable, weights: Variable) {
        try validate(query: query, key: key, value: value)
        let (batch, targetLength, sourceLength) = (query.shape[0], query.shape[1], key.shape[1])
        let headDimension = embedDimension / heads
        let weights = try inputProjectionWeight.variable.chunks(3)
        let biases = try inputProjectionBias.variable.chunks(3)
        func project(_ input: Variable, _ part: Int, _ length: Int) throws -> Variable {
            let projected = try input.matmul(weights[part].transpose()) + biases[part]
            return try projected.reshape([batch, length, heads, headDimension]).permute([0, 2, 1, 3])
        }
        let queries = try project(query, 0, targetLength) / Double(headDimension).squareRoot()
        let keys = try project(key, 1, sourceLength)
        let values = try project(value, 2, sourceLength)
        var scores = try queries.matmul(keys.transpose())
        if let mask = mask { scores = try scores + additiveMask(mask, batch: batch, target: targetLength, source: sourceLength) }
        let attention = try scores.softmax(axis: -1)
        let mixed = try dropout(attention).matmul(values).permute([0, 2, 1, 3]).reshape([batch, targetLength, embedDimension])
        return (try outputProjection(mixed), try attention.mean(axes: [1]))
    }

    private func validate(query: Variable, key: Variable, value: Variable) throws {
        for (name, input) in [("query", query), ("key", key), ("value", value)] {
            guard input.rank == 3, input.shape[2] == embedDimension, input.shape[0] == query.shape[0] else {
                throw NNError.shapeMismatch(layer: layerDescription, expected: "\(name) (N, L, \(embedDimension))", got: input.shape)
            }
        }
        guard key.shape[1] == value.shape[1] else {
            throw NNError.shapeMismatch(layer: layerDescription, expected: "value with the key's length \(key.shape[1])", got: value.shape)
        }
    }

    /// The mask as an additive `(N, heads, L, S)`-broadcastable constant.
    private func additiveMask(_ mask: Tensor, batch: Int, target: Int, source: Int) throws -> Variable {
        var additive = mask
        if mask.dtype == .bool {
            let blocked = Tensor(scalar: -Double.infinity, dtype: inputProjectionWeight.dtype)
            additive = try Tensor.select(mask, blocked, Tensor(scalar: 0, dtype: blocked.dtype))
        }
        switch additive.shape {
        case [target, source]: return Variable.constant(additive)
        case [batch * heads, target, source]: return Variable.constant(try additive.reshape([batch, heads, target, source]))
        default:
            throw NNError.shapeMismatch(layer: layerDescription, expected: "mask (\(target), \(source)) or (\(batch * heads), \(target), \(source))",
                                        got: mask.shape)
        }
    }
}

extension Variable {
    /// `count` equal slices along axis 0.
    func chunks(_ count: Int) throws -> [Variable] {
        let size = shape[0] / count
        return try (0..<count).map { try slice([.range(start: $0 * size, stop: ($0 + 1) * size)]) }
    }
}
