import FolioAutograd
import FolioTensor

/// A tensor as a language value: a `Variable`, so every tensor can take part in autodiff.
///
/// A class, so `x[i] = v`, `x.requires_grad()` and `x.zero_grad()` act on the value every
/// name bound to it sees, as NumPy arrays and PyTorch tensors do.
public final class TensorObject: NativeObject {
    public var variable: Variable

    public init(_ variable: Variable) {
        self.variable = variable
    }

    public convenience init(_ tensor: Tensor) {
        self.init(Variable(tensor))
    }

    public var tensor: Tensor { variable.value }

    public override var typeName: String { "Tensor" }

    /// Properties read without a call (`x.shape`, `loss.item`); everything else is a method.
    public static let propertyNames = ["shape", "dtype", "ndim", "size", "T", "item", "grad", "is_leaf",
                                       "real", "imag"]

    public override var memberNames: [String] {
        TensorObject.propertyNames + TensorMethods.byName.keys.sorted()
    }

    public override func member(named name: String) throws -> Value? {
        if let property = try property(named: name) { return property }
        guard let method = TensorMethods.byName[name] else { return nil }
        return BoundMethod.bind(method, to: .native(self))
    }

    private func property(named name: String) throws -> Value? {
        switch name {
        case "shape": return .array(variable.shape.map { .int($0) })
        case "dtype": return .string(variable.dtype.rawValue)
        case "ndim": return .int(variable.rank)
        case "size": return .int(variable.count)
        case "T": return try NativeCall.mapping { TensorConversion.wrap(try transposed()) }
        case "item": return try TensorConversion.scalarValue(of: variable.value)
        case "grad": return variable.grad.map { .native(TensorObject($0)) } ?? Value.none
        case "is_leaf": return .bool(variable.isLeaf)
        case "real": return try NativeCall.mapping { TensorConversion.wrap(try variable.real()) }
        case "imag": return try NativeCall.mapping { TensorConversion.wrap(try variable.imag()) }
        default: return nil
        }
    }

    /// `x.T` reverses every axis, as NumPy's does.
    private func transposed() throws -> Variable {
        guard variable.rank > 1 else { return variable }
        return try variable.permute(Array((0..<variable.rank).reversed()))
    }

    /// A tensor that requires grad (as `param(t)` makes) is a parameter of the model holding it,
    /// so `model` declarations collect such fields into `.params`.
    public override var parameterValues: [Value] {
        variable.requiresGrad && variable.isLeaf ? [.native(self)] : []
    }

    public override var plainText: String { variable.value.description }

    public override var mimeBundle: MimeBundle {
        MimeBundle(data: ["text/plain": plainText, "text/html": TensorHTML.table(variable.value)])
    }

    public override var doc: DocEntry? {
        DocEntry("A tensor of shape \(formatShape(variable.shape)) and dtype \(variable.dtype).",
                 details: "Members: " + memberNames.joined(separator: ", "),
                 example: "let x = tensor([[1, 2], [3, 4]])\nx.shape   // [2, 2]")
    }

    public override func binaryOperation(_ operation: BinaryOperator, _ other: Value, reflected: Bool) throws -> Value? {
        try TensorOperators.binary(operation, variable, other, reflected: reflected)
    }

    public override func unaryOperation(_ operation: UnaryOperator) throws -> Value? {
        try TensorOperators.unary(operation, variable)
    }

    public override func subscriptGet(_ indices: [SubscriptIndex]) throws -> Value? {
        TensorConversion.wrap(try TensorSubscript.get(variable, indices))
    }

    public override func subscriptSet(_ indices: [SubscriptIndex], to value: Value) throws -> Bool {
        try TensorSubscript.set(self, indices, to: value)
        return true
    }

    /// `for row in x` visits the slices along the first axis.
    public override func elements() throws -> [Value]? {
        guard variable.rank > 0 else { throw FolioError(.TypeError, "a 0-d tensor cannot be iterated; use .item") }
        return try NativeCall.mapping {
            try (0..<variable.shape[0]).map { TensorConversion.wrap(try variable.slice([.at($0)])) }
        }
    }
}
