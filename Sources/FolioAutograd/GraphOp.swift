import FolioTensor

/// What a graph node recorded: a primitive of the tensor engine, or one of the few ops that exist
/// only because some primitive's VJP needs them.
///
/// `embedSlice` is the transpose of `slice` (zeros of the source shape with the cotangent written
/// into the sliced view). It is differentiable itself — its VJP is `slice` — which keeps the
/// slice rule written with differentiable ops, as higher-order derivatives require.
enum GraphOp {
    case primitive(PrimitiveOp)
    case embedSlice(indices: [TensorIndex], shape: [Int])

    /// The name errors show.
    var name: String {
        switch self {
        case let .primitive(op): return VJP.name(of: op)
        case .embedSlice: return "slice (backward)"
        }
    }
}
