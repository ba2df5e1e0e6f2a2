import FolioAutograd
import FolioNN
import FolioTensor

/// One field of a declared model as the interpreter holds it: reading and writing go through the
/// interpreter's own storage (the constructor's variable boxes), so a method's `count += 1` and
/// `net.count = 0` change the same variable.
public struct DeclaredField {
    public let name: String
    public let get: () -> Value
    /// Nil for a field declared with `let`.
    public let set: ((Value) -> Void)?

    public init(name: String, get: @escaping () -> Value, set: ((Value) -> Void)?) {
        self.name = name
        self.get = get
        self.set = set
    }
}

/// The language side of a declared model: its fields and its `forward` function.
final class Declaration {
    let fields: [DeclaredField]
    let forward: FunctionObject?

    init(fields: [DeclaredField], forward: FunctionObject?) {
        self.fields = fields
        self.forward = forward
    }

    /// `net.field = value`; a new layer or parameter joins the module's structure.
    func assign(_ value: Value, to field: DeclaredField, in object: ModuleObject) throws {
        guard let set = field.set else {
            throw FolioError(.TypeError, "field '\(field.name)' of \(object.typeName) is a constant declared with 'let'; declare it with 'var' to replace it")
        }
        try object.bindings.push()
        set(value)
        let registered = Declaration.register(value, named: field.name, into: object.module)
        object.bindings.rebuild(object.module, adding: registered)
    }

    /// Registers a field value that is part of the model's structure — a layer, an array of
    /// layers, a tensor requiring grad (`param(t)`) — and returns the handle tables it brings.
    static func register(_ value: Value, named name: String, into module: Module) -> [ParameterBindings] {
        switch value {
        case .native(let layer as ModuleObject):
            module.register(child: layer.module, named: name)
            return [layer.bindings]
        case .native(let tensor as TensorObject) where tensor.variable.requiresGrad && tensor.variable.isLeaf:
            let parameter = FolioNN.Parameter(tensor.variable.value)
            module.register(parameter: parameter, named: name)
            tensor.variable = parameter.variable
            return [ParameterBindings(bindings: [ParameterBindings.Binding(parameter: parameter, object: tensor)])]
        case .array(let items) where !items.isEmpty:
            let layers = items.compactMap { item -> ModuleObject? in
                if case .native(let layer as ModuleObject) = item { return layer }
                return nil
            }
            guard layers.count == items.count else { return [] }
            module.register(child: ModuleList(layers.map(\.module)), named: name)
            return layers.map(\.bindings)
        default:
            return []
        }
    }
}

extension ModuleObject {
    /// The entry point for the language's `model Name(params) { ... }` declarations.
    ///
    /// The interpreter runs the constructor body, then passes its top-level names as `fields`
    /// and the `forward` method (nil when the model has none). Fields holding layers become
    /// children, arrays of layers a `ModuleList`, tensors requiring grad (`param(t)`) parameters —
    /// so `params`, `named_params`, `train()`/`eval()`, `save`/`load`, the summary, optimisers and
    /// `fit` work as for built-in layers. Calling the instance from the language calls `forward`
    /// with the caller's arguments; native callers (a `Sequential` holding the model) reach it
    /// through `context`, which is held weakly so a session does not keep itself alive.
    public convenience init(declaredName name: String, fields: [DeclaredField], forward: FunctionObject?,
                            context: CallContext) {
        let module = DeclaredModule(name: name) { [weak context] _, input in
            guard let context, let forward else {
                throw NNError.notImplemented("\(name) has no forward(x) method")
            }
            let result = try context.call(.function(forward), [TensorConversion.wrap(input)])
            return try TensorConversion.variable(result, name: "\(name).forward")
        }
        let tables = fields.flatMap { Declaration.register($0.get(), named: $0.name, into: module) }
        self.init(module, typeName: name, children: [], sharing: tables)
        declaration = Declaration(fields: fields, forward: forward)
    }
}
