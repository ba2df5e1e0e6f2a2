import FolioAutograd
import FolioTensor

/// The tensor operations that are both free functions and methods (`exp(x)` and `x.exp()`):
/// one declaration each, whose first parameter is the tensor.
public enum TensorMethods {
    public static let all: [BuiltinFunction] = elementwise + reductions + shapeOps + reordering + conversions + autograd

    /// The methods `x.name` finds.
    public static let byName: [String: BuiltinFunction] = Dictionary(all.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

    /// A builtin whose body computes one tensor from its arguments, inside `NativeCall.run`.
    public static func op(_ name: String, _ parameters: [Parameter], _ doc: DocEntry,
                          _ body: @escaping (BoundArguments) throws -> Variable) -> BuiltinFunction {
        BuiltinFunction(name, parameters, doc: doc) { arguments, context in
            try NativeCall.run(context) { TensorConversion.wrap(try body(arguments)) }
        }
    }

    /// A builtin whose body computes any value, inside `NativeCall.run`.
    public static func function(_ name: String, _ parameters: [Parameter], _ doc: DocEntry,
                                _ body: @escaping (BoundArguments, CallContext) throws -> Value) -> BuiltinFunction {
        BuiltinFunction(name, parameters, doc: doc) { arguments, context in
            try NativeCall.run(context) { try body(arguments, context) }
        }
    }

    /// A record of tensors, for results with several outputs (`qr(a).q`).
    public static func record(_ fields: [(String, Variable)]) -> Value {
        .record(Record(fields: fields.map(\.0), values: fields.map { TensorConversion.wrap($0.1) }))
    }

    /// Refuses to run a kernel without a gradient rule on inputs that need gradients, instead of
    /// silently cutting the graph.
    public static func requireConstant(_ name: String, _ inputs: [Variable]) throws {
        guard GradMode.isEnabled, inputs.contains(where: \.requiresGrad) else { return }
        throw FolioError(.ValueError, "\(name) is not differentiable yet; detach() its input or call it inside no_grad { }")
    }

    /// The tensor kernel on the values when no input needs a gradient, else `composite`, the
    /// same formula on variables (recorded, so it differentiates). Tests check the two agree.
    public static func kernelOrComposite(_ inputs: [Variable], kernel: ([Tensor]) throws -> Tensor,
                                         composite: () throws -> Variable) throws -> Variable {
        guard GradMode.isEnabled, inputs.contains(where: \.requiresGrad) else { return Variable(try kernel(inputs.map(\.value))) }
        return try composite()
    }

    /// Runs a non-differentiable tensor kernel on the values of `inputs`.
    public static func constant(_ name: String, _ inputs: [Variable], _ body: ([Tensor]) throws -> Tensor) throws -> Variable {
        try requireConstant(name, inputs)
        return Variable(try body(inputs.map(\.value)))
    }

    static let x = Parameter("x")

    static func axisParameter(_ fallback: String = "nil") -> Parameter {
        Parameter("axis", .labelled, defaultText: fallback)
    }

    static let keepdims = Parameter("keepdims", .labelled, defaultText: "false")
}
