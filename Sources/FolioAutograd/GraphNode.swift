import FolioTensor

/// One recorded operation of the dynamic graph (or a leaf that collects `.grad`).
///
/// A final class so that identity marks a node during backward and so that recording costs one
/// allocation. The scratch fields (`mark`, `cotangents`) belong to the backward pass running at
/// the moment and are cleared when it ends, so no dictionary keyed by node is ever needed.
final class GraphNode {
    /// The primitive that produced this node's outputs; `nil` for a leaf.
    let op: PrimitiveOp?
    /// The op's inputs, as they were when it ran (constants included, with `node == nil`).
    let inputs: [Variable]
    /// The op's forward outputs, kept because many VJP rules reuse them (`exp`, `tanh`, `svd`, ...).
    let outputs: [Tensor]
    /// Accumulated gradient of a leaf (`Variable.grad`).
    var grad: Tensor?

    /// Backward scratch: visit state of the depth-first topological sort.
    var mark: UInt8 = 0
    /// Backward scratch: the cotangent accumulated for each output so far.
    var cotangents: [Variable?] = []

    /// A leaf for `value`.
    init(leafOf value: Tensor) {
        self.op = nil
        self.inputs = []
        self.outputs = [value]
    }

    /// A recorded application of `op`.
    init(op: PrimitiveOp, inputs: [Variable], outputs: [Tensor]) {
        self.op = op
        self.inputs = inputs
        self.outputs = outputs
    }
}
