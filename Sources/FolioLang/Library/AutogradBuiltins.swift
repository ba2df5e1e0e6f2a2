import FolioAutograd
import FolioRuntime
import FolioTensor

/// Autodiff in the language: `no_grad { }`, `param`, and JAX-style transforms of Folio functions
/// (`grad(f)`, `value_and_grad(f)`, `jacobian(f)`, `hvp(f, x, v)`), which call `f` through the
/// interpreter with tensors in and expect a tensor out.
enum AutogradBuiltins {
    static let all: [BuiltinFunction] = [noGradBlock, param, grad, valueAndGrad, jacobian, hvp]

    static let noGradBlock = BuiltinFunction(
        "no_grad", [Parameter("body")],
        doc: DocEntry("Runs a block without recording gradients (for updates and evaluation); returns the block's value.",
                      example: "let w = ones(2).requires_grad()\nlet y = no_grad { w * 2 }\ny.is_leaf")
    ) { arguments, context in
        try noGrad { try context.call(arguments.value(0), []) }
    }

    static let param = TensorMethods.op("param", [Parameter("x")],
                                        DocEntry("A new leaf tensor with x's values that requires grad (a trainable parameter).",
                                                 example: "let w = param(randn(3, 2, seed: 0))\nw.is_leaf")) { arguments in
        let variable = try arguments.variable(0)
        let floating = variable.dtype.isFloatingPoint ? variable : try variable.cast(to: .defaultFloat)
        return Variable(floating.value, requiresGrad: true)
    }

    /// Arguments of a transformed function: tensors as they are, numbers and arrays as float tensors.
    static func inputs(_ values: [Value]) throws -> [Variable] {
        try values.map { value in
            if case .native(let object) = value, let tensor = object as? TensorObject { return tensor.variable }
            return try TensorConversion.variable(value, dtype: .defaultFloat, name: "argument")
        }
    }

    /// Calls the Folio function `function` on variables and demands a tensor back.
    static func evaluate(_ function: Value, _ variables: [Variable], _ context: CallContext, _ name: String) throws -> Variable {
        let result = try context.call(function, variables.map(TensorConversion.wrap))
        switch result {
        case .native(let object as TensorObject): return object.variable
        case .int, .double: return try TensorConversion.variable(result)
        default: throw FolioError(.TypeError, "\(name): the function must return a tensor, got \(result.typeName)")
        }
    }

    private static let function = Parameter("f")
    private static let argnums = Parameter("argnums", .labelled, defaultText: "0")

    /// The positions to differentiate and whether the caller asked for one (a single result) or several.
    static func positions(_ arguments: BoundArguments, _ index: Int) throws -> (positions: [Int], single: Bool) {
        if case .int(let position)? = arguments[index] { return ([position], true) }
        return (try arguments.ints(index, default: [0]), arguments[index] == nil)
    }

    /// A function value wrapping `body`, named after the transform.
    static func transformed(_ name: String, _ body: @escaping ([Value], CallContext) throws -> Value) -> Value {
        .function(BuiltinFunction(name, [Parameter("arguments", .variadic)], doc: DocEntry("A function made by \(name).")) { arguments, context in
            try NativeCall.run(context) { try body(arguments.variadic, context) }
        })
    }

    static func gradients(_ f: Value, _ values: [Value], _ positions: [Int], _ context: CallContext) throws -> (value: Variable, gradients: [Variable]) {
        try Autograd.valueAndGradients({ try evaluate(f, $0, context, "grad") }, at: try inputs(values), argnums: positions)
    }

    static func packed(_ gradients: [Variable], single: Bool) -> Value {
        if single, let first = gradients.first { return TensorConversion.wrap(first) }
        return .record(Record(fields: gradients.indices.map(String.init), values: gradients.map(TensorConversion.wrap)))
    }

    static let grad = BuiltinFunction(
        "grad", [function, argnums],
        doc: DocEntry("The gradient function of a scalar-valued f: grad(f)(x) = ∇f(x).",
                      details: "`argnums:` picks the arguments to differentiate (an Int gives one gradient, an array a tuple). Composes: grad(grad(f)).",
                      example: "let df = grad { x in x ** 3 }\ndf(2.0)   // 12")
    ) { arguments, _ in
        let f = arguments.value(0)
        let (positions, single) = try positions(arguments, 1)
        return transformed("grad") { values, context in packed(try gradients(f, values, positions, context).gradients, single: single) }
    }

    static let valueAndGrad = BuiltinFunction(
        "value_and_grad", [function, argnums],
        doc: DocEntry("Like grad, but the function returns (value:, grad:) with f's value as well.",
                      example: "let vg = value_and_grad { x in sum(x * x) }\nvg(tensor([1.0, 2.0])).grad")
    ) { arguments, _ in
        let f = arguments.value(0)
        let (positions, single) = try positions(arguments, 1)
        return transformed("value_and_grad") { values, context in
            let result = try gradients(f, values, positions, context)
            return .record(Record(fields: ["value", "grad"], values: [TensorConversion.wrap(result.value), packed(result.gradients, single: single)]))
        }
    }

    static let jacobian = BuiltinFunction(
        "jacobian", [function],
        doc: DocEntry("The Jacobian function: jacobian(f)(x) has shape f(x).shape + x.shape, J_ij = ∂f_i/∂x_j.",
                      example: "jacobian { x in x * x }(tensor([1.0, 2.0]))")
    ) { arguments, _ in
        let f = arguments.value(0)
        return transformed("jacobian") { values, context in
            guard values.count == 1 else { throw FolioError(.TypeError, "jacobian: the function takes one tensor argument, got \(values.count)") }
            let x = try inputs(values)[0]
            return TensorConversion.wrap(try Autograd.jacobian({ try evaluate(f, [$0], context, "jacobian") }, at: x))
        }
    }

    static let hvp = BuiltinFunction(
        "hvp", [function, Parameter("x"), Parameter("v")],
        doc: DocEntry("The Hessian-vector product H_f(x) v of a scalar-valued f, without forming H.",
                      example: "hvp({ x in sum(x ** 3) }, tensor([1.0, 2.0]), tensor([1.0, 0.0]))")
    ) { arguments, context in
        let f = arguments.value(0)
        let points = try inputs([arguments.value(1), arguments.value(2)])
        return try NativeCall.run(context) {
            TensorConversion.wrap(try Autograd.hvp({ try evaluate(f, [$0], context, "hvp") }, at: points[0], vector: points[1]))
        }
    }
}
