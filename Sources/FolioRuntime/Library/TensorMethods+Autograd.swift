import FolioAutograd
import FolioTensor

/// Gradient bookkeeping on one tensor: `requires_grad`, `backward`, `zero_grad`, `detach`.
extension TensorMethods {
    static let autograd: [BuiltinFunction] = [requiresGrad, backward, zeroGrad, detach]

    /// The tensor object itself (not a copy), for methods that change it in place.
    static func object(_ arguments: BoundArguments, _ name: String) throws -> TensorObject {
        guard case .native(let object) = arguments.value(0), let tensor = object as? TensorObject else {
            throw arguments.typeError(0, expected: "a Tensor", got: arguments.value(0))
        }
        return tensor
    }

    static let requiresGrad = function("requires_grad", [x, Parameter("flag", defaultText: "true")],
                                       DocEntry("Makes this tensor a leaf that collects `.grad` in `backward()`; returns it.",
                                                example: "let w = randn(3, seed: 0).requires_grad()\nw.is_leaf")) { arguments, _ in
        let tensor = try object(arguments, "requires_grad")
        guard tensor.variable.dtype.isFloatingPoint || tensor.variable.dtype.isComplex else {
            throw FolioError(.TypeError, "requires_grad(): only floating-point tensors can require gradients, not dtype \(tensor.variable.dtype)")
        }
        let flag = try arguments.bool(1, default: true)
        tensor.variable = flag ? tensor.variable.requiringGrad() : tensor.variable.detached()
        return arguments.value(0)
    }

    static let backward = function("backward", [x, Parameter("gradient", .labelled, defaultText: "nil")],
                                   DocEntry("Accumulates d(self)/d(leaf) into `.grad` of every leaf that requires grad.",
                                            details: "`self` must be a scalar unless `gradient:` (the seed, of self's shape) is given.",
                                            example: "let w = tensor([1.0, 2.0]).requires_grad()\nsum(w * w).backward()\nw.grad")) { arguments, _ in
        let tensor = try arguments.variable(0)
        try tensor.backward(seed: try arguments.optionalVariable(1)?.value)
        return .none
    }

    static let zeroGrad = function("zero_grad", [x], DocEntry("Clears `.grad`.",
                                                              example: "let w = ones(2).requires_grad()\nw.zero_grad()")) { arguments, _ in
        try object(arguments, "zero_grad").variable.zeroGrad()
        return .none
    }

    static let detach = op("detach", [x], DocEntry("The same values cut off from the graph: gradients stop here.",
                                                   example: "ones(2).requires_grad().detach().is_leaf")) { arguments in
        try arguments.variable(0).detached()
    }
}
