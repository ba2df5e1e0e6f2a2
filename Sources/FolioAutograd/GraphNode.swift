import FolioTensor

/// One recorded operation of the dynamic graph (or a leaf that collects `.grad`).
///
/// A final class so that identity marks a node during backward and so that recording costs one
/// allocation. The scratch fields (`mark`, `cotangents`) belong to the backward pass running at
/// the moment and are cleared when it ends, so no dictionary keyed by node is ever needed.
final class GraphNode {
    /// The op that produced this node's outputs; `nil` for a leaf.
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
    /// Backward scratch: this node's position among the requested inputs of `gradients(of:...)`,
    /// or -1.
    var targetSlot = -1

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

extension GraphNode {
    /// Output `index` as a variable connected to this node, so VJP rules that reuse an output
    /// (`exp`, `tanh`, ...) stay differentiable for higher-order derivatives.
    func output(_ index: Int = 0) -> Variable {
        Variable(value: outputs[index], node: self, outputIndex: index)
    }

    /// Input `index` as recorded.
    func input(_ index: Int) -> Variable { inputs[index] }
}
