import FolioTensor

/// The single entry point through which every differentiable op runs and is recorded.
extension Variable {
    /// Runs primitive `op` on `inputs` (`op.arity` of them) and returns its outputs, recording a
    /// graph node when grad mode is on and some input requires grad.
    ///
    /// This mirrors `Tensor.forward(_:_:)`, so the language runtime can dispatch every primitive
    /// generically.
    public static func forward(_ op: PrimitiveOp, _ inputs: [Variable]) throws -> [Variable] {
        let outputs = try Tensor.forward(op, inputs.map { $0.value })
        return record(op, inputs, outputs)
    }

    /// The single-output form of `forward`, which every method on `Variable` uses.
    static func apply(_ op: PrimitiveOp, _ inputs: [Variable]) throws -> Variable {
        let outputs = try Tensor.forward(op, inputs.map { $0.value })
        let recorded = record(op, inputs, outputs)
        return recorded[0]
    }

    /// Wraps `outputs` as variables, attached to a new node only when a gradient could flow.
    ///
    /// Integer and boolean results (comparisons, arg-reductions, casts to integers) never carry a
    /// gradient, so they stay constants even after a differentiable input — masks built from
    /// comparisons are the common case. Floating results of non-differentiable ops (`floor`,
    /// `sign`, ...) are recorded, so backward can name the op if a gradient reaches it.
    static func record(_ op: PrimitiveOp, _ inputs: [Variable], _ outputs: [Tensor]) -> [Variable] {
        guard needsRecording(inputs, outputs) else {
            return outputs.map { Variable(value: $0, node: nil) }
        }
        let node = GraphNode(op: op, inputs: inputs, outputs: outputs)
        return outputs.indices.map { Variable(value: outputs[$0], node: node, outputIndex: $0) }
    }

    /// True when grad mode is on, some input requires grad and some output can hold a gradient.
    private static func needsRecording(_ inputs: [Variable], _ outputs: [Tensor]) -> Bool {
        var anyTracked = false
        for input in inputs where input.node != nil { anyTracked = true; break }
        guard anyTracked, GradMode.isEnabled else { return false }
        return outputs.contains { $0.dtype.isFloatingPoint || $0.dtype.isComplex }
    }
}
