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

    /// The single-output form of `forward`, which every method on `Variable` uses, and the path
    /// every op of every backward pass takes. The most frequent ops call their forward kernel
    /// directly (see `directForward`), so that a constant result costs no array at all.
    static func apply(_ op: PrimitiveOp, _ inputs: [Variable]) throws -> Variable {
        guard let output = try directForward(op, inputs) else {
            let outputs = try Tensor.forward(op, inputs.map { $0.value })
            guard needsRecording(inputs, outputs) else { return Variable(value: outputs[0], node: nil) }
            return Variable(value: outputs[0], node: GraphNode(op: op, inputs: inputs, outputs: outputs), outputIndex: 0)
        }
        guard needsRecording(inputs, CollectionOfOne(output)) else { return Variable(value: output, node: nil) }
        return Variable(value: output, node: GraphNode(op: op, inputs: inputs, outputs: [output]), outputIndex: 0)
    }

    /// The output of the frequent single-output primitives, from the forward kernel that
    /// `Tensor.forward` calls for them, without the input and output arrays it takes and
    /// returns (two allocations and a retain/release per tensor, on ops of microseconds);
    /// `nil` for every other op, which then goes through `Tensor.forward`. The inputs come from
    /// this module's own methods, so their count matches `op.arity`.
    static func directForward(_ op: PrimitiveOp, _ inputs: [Variable]) throws -> Tensor? {
        switch op {
        case let .unary(unary):
            try TensorCancellation.check(unary.rawValue)
            return try inputs[0].value.apply(unary)
        case let .binary(binary):
            try TensorCancellation.check(binary.rawValue)
            return try inputs[0].value.apply(binary, inputs[1].value)
        case .matmul:
            try TensorCancellation.check("matmul")
            return try inputs[0].value.matmul(inputs[1].value)
        case let .reshape(shape): return try inputs[0].value.reshape(shape)
        case let .permute(axes): return try inputs[0].value.permute(axes)
        case let .expand(shape): return try inputs[0].value.expand(shape)
        case let .reduce(reduction, axes, keepDims):
            try TensorCancellation.check(reduction.rawValue)
            return try inputs[0].value.reduce(reduction, axes: axes, keepDims: keepDims)
        default: return nil
        }
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
    private static func needsRecording<Outputs: Collection>(_ inputs: [Variable], _ outputs: Outputs) -> Bool
        where Outputs.Element == Tensor {
        var anyTracked = false
        for index in inputs.indices where inputs[index].node != nil {
            anyTracked = true
            break
        }
        guard anyTracked, GradMode.isEnabled else { return false }
        return outputs.contains { $0.dtype.isFloatingPoint || $0.dtype.isComplex }
    }
}
