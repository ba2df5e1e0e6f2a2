import FolioTensor

/// `loss.backward()` and the low-level `gradients(of:withRespectTo:)` that the transforms use.
extension Variable {
    /// Accumulates `d self / d leaf` into `.grad` of every leaf that requires grad.
    ///
    /// `self` must have one element unless `seed` (the cotangent, of `self`'s shape) is given.
    /// `createGraph: true` records the gradient computation itself (for gradient penalties);
    /// the `.grad` tensors stay plain values either way.
    public func backward(seed: Tensor? = nil, createGraph: Bool = false) throws {
        let cotangent = try initialCotangent(seed, op: "backward")
        _ = try BackwardPass.run(root: self, seed: cotangent, to: .leaves, createGraph: createGraph)
    }

    /// The cotangent to start from: `seed` checked against the shape, or ones for a scalar.
    func initialCotangent(_ seed: Tensor?, op: String) throws -> Variable {
        guard let seed = seed else {
            guard count == 1 else { throw AutogradError.nonScalarOutput(op: op, shape: shape) }
            return Variable.constant(value.onesLike())
        }
        guard seed.shape == shape else {
            throw TensorError.shapeMismatch(op: op, shapes: [shape, seed.shape], reason: "the seed must have the output's shape")
        }
        return Variable.constant(seed)
    }
}

/// The gradients of `output` with respect to each of `inputs` (`torch.autograd.grad`).
///
/// An input `output` does not depend on gets zeros. `seed` is the cotangent of `output`
/// (required unless it has one element, may itself be a variable). With `createGraph: nil` the
/// result is differentiable exactly when it depends on something outside `inputs` that requires
/// grad (an outer `grad`, model parameters); `true`/`false` force it.
public func gradients(of output: Variable, withRespectTo inputs: [Variable], seed: Variable? = nil,
                      createGraph: Bool? = nil) throws -> [Variable] {
    let cotangent: Variable
    if let seed = seed {
        guard seed.shape == output.shape else {
            throw TensorError.shapeMismatch(op: "grad", shapes: [output.shape, seed.shape], reason: "the seed must have the output's shape")
        }
        cotangent = seed
    } else {
        cotangent = try output.initialCotangent(nil, op: "grad")
    }
    var targets: [GraphNode] = []
    for (index, input) in inputs.enumerated() {
        guard let node = input.node else {
            throw AutogradError.invalidArgument(op: "grad", message: "input \(index) does not require grad")
        }
        targets.append(node)
    }
    guard output.node != nil || GradMode.isEnabled else {
        throw AutogradError.invalidArgument(op: "grad", message: "grad mode is off (inside noGrad), so no graph was recorded")
    }
    guard output.node != nil else { return inputs.map { Variable.constant($0.value.zerosLike()) } }
    let found = try BackwardPass.run(root: output, seed: cotangent, to: .targets(targets), createGraph: createGraph)
    return zip(found, inputs).map { result, input in result ?? Variable.constant(input.value.zerosLike()) }
}
