import FolioTensor

/// JAX-style function transforms: `grad`, `valueAndGrad`, `jacobian`, `vjp`, `hvp`.
///
/// Each call wraps its arguments in fresh graph nodes (a leaf, or an identity `reshape` of an
/// argument that is itself part of an outer graph), so nested transforms compose:
/// `grad(grad(f))`, `hvp`, and losses that contain `grad` (PDE residuals) all work.
public enum Autograd {
    /// A differentiable stand-in for `argument`: gradients stop at it, and flow on into an outer
    /// graph through it when `argument` belongs to one.
    static func trackedArgument(_ argument: Variable, position: Int, op: String) throws -> Variable {
        guard argument.dtype.isFloatingPoint || argument.dtype.isComplex else {
            throw AutogradError.notFloatingPoint(op: op, argument: position, dtype: argument.dtype)
        }
        guard argument.node != nil, GradMode.isEnabled else { return Variable(argument.value, requiresGrad: true) }
        return try Variable.apply(.reshape(argument.shape), [argument])
    }

    /// The value of `f` at `arguments` and its gradients with respect to the arguments at
    /// `argnums` (in that order). `f` must return a scalar.
    public static func valueAndGradients(_ f: ([Variable]) throws -> Variable, at arguments: [Variable],
                                         argnums: [Int]) throws -> (value: Variable, gradients: [Variable]) {
        for position in argnums where !arguments.indices.contains(position) {
            throw AutogradError.invalidArgument(op: "grad", message: "argnums \(position) is out of range for \(arguments.count) arguments")
        }
        return try enableGrad {
            var tracked = arguments
            for position in Set(argnums) {
                tracked[position] = try trackedArgument(arguments[position], position: position, op: "grad")
            }
            let value = try f(tracked)
            guard value.count == 1 else { throw AutogradError.nonScalarOutput(op: "grad", shape: value.shape) }
            let found = try gradients(of: value, withRespectTo: argnums.map { tracked[$0] })
            return (value, found)
        }
    }

    /// `(v^T J)` for `f` at `x`: the vector-Jacobian product, with the value of `f`.
    public static func vjp(_ f: (Variable) throws -> Variable, at x: Variable, cotangent: Variable) throws -> (value: Variable, vjp: Variable) {
        try enableGrad {
            let tracked = try trackedArgument(x, position: 0, op: "vjp")
            let value = try f(tracked)
            let found = try gradients(of: value, withRespectTo: [tracked], seed: cotangent)
            return (value, found[0])
        }
    }

    /// The Jacobian of `f` at `x`, of shape `f(x).shape + x.shape`, one VJP per output element.
    public static func jacobian(_ f: (Variable) throws -> Variable, at x: Variable) throws -> Variable {
        try enableGrad {
            let tracked = try trackedArgument(x, position: 0, op: "jacobian")
            let value = try f(tracked)
            var rows: [Variable] = []
            for index in 0..<value.count {
                var basis = Array(repeating: 0.0, count: value.count)
                basis[index] = 1
                let seed = Variable.constant(try Tensor(basis, shape: value.shape, dtype: value.dtype))
                let row = try gradients(of: value, withRespectTo: [tracked], seed: seed)[0]
                rows.append(try row.reshape([1] + x.shape))
            }
            return try Variable.concatenateRows(rows, shape: value.shape + x.shape, like: x)
        }
    }

    /// The Hessian of scalar `f` at `x` applied to `vector`: the gradient of `<grad f(x), v>`.
    public static func hvp(_ f: @escaping (Variable) throws -> Variable, at x: Variable, vector: Variable) throws -> Variable {
        guard vector.shape == x.shape else {
            throw TensorError.shapeMismatch(op: "hvp", shapes: [x.shape, vector.shape], reason: "the vector must have the argument's shape")
        }
        let directional: (Variable) throws -> Variable = { point in
            let gradient = try grad(f)(point)
            return try (gradient * vector).sum()
        }
        return try grad(directional)(x)
    }
}

/// `x ↦ ∇f(x)` for scalar-valued `f`.
public func grad(_ f: @escaping (Variable) throws -> Variable) -> (Variable) throws -> Variable {
    { x in try Autograd.valueAndGradients({ try f($0[0]) }, at: [x], argnums: [0]).gradients[0] }
}

/// `x ↦ (f(x), ∇f(x))` for scalar-valued `f`.
public func valueAndGrad(_ f: @escaping (Variable) throws -> Variable) -> (Variable) throws -> (value: Variable, grad: Variable) {
    { x in
        let result = try Autograd.valueAndGradients({ try f($0[0]) }, at: [x], argnums: [0])
        return (result.value, result.gradients[0])
    }
}

/// `args ↦ [∂f/∂args[i] for i in argnums]` for scalar-valued `f` of several arguments.
public func grad(_ f: @escaping ([Variable]) throws -> Variable, argnums: [Int]) -> ([Variable]) throws -> [Variable] {
    { arguments in try Autograd.valueAndGradients(f, at: arguments, argnums: argnums).gradients }
}

/// `x ↦ J_f(x)`, of shape `f(x).shape + x.shape`.
public func jacobian(_ f: @escaping (Variable) throws -> Variable) -> (Variable) throws -> Variable {
    { x in try Autograd.jacobian(f, at: x) }
}

/// The Hessian-vector product `H_f(x) v` of scalar-valued `f`.
public func hvp(_ f: @escaping (Variable) throws -> Variable, at x: Variable, vector: Variable) throws -> Variable {
    try Autograd.hvp(f, at: x, vector: vector)
}
