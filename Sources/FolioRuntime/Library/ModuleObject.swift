import FolioAutograd
import FolioNN
import FolioTensor

/// A FolioNN `Module` as a language value: calling it runs `forward`; its parameters, buffers and
/// children are fields (`layer.weight`, `net.body`, `seq[0]`); `params`, `train()`, `save(path)`
/// and friends are members; in a notebook it shows a summary table.
///
/// Built-in layers and declared models are both this type (see `ModuleObject+Declared.swift`),
/// so a declared model can sit inside `Sequential` and an optimiser or `fit` treats them alike.
public final class ModuleObject: NativeObject {
    public let module: Module
    /// The tensor objects standing for the module's parameters (see `ParameterBindings`).
    public let bindings: ParameterBindings
    /// Wrappers of child modules by identity, so `net.body` is the same object every time and
    /// a layer passed to `Sequential` stays the object the notebook holds.
    private var childObjects: [ObjectIdentifier: ModuleObject] = [:]
    private let displayName: String
    /// Set for declared models: their fields and forward function.
    var declaration: Declaration?

    /// Wraps `module`; `children` are the wrappers it was built from (`Sequential([a, b])`),
    /// whose parameter handles it shares. `typeName` defaults to the Swift class name.
    public convenience init(_ module: Module, typeName: String? = nil, children: [ModuleObject] = []) {
        self.init(module, typeName: typeName, children: children, sharing: [])
    }

    /// `sharing` are tables of enclosing modules whose handles this one reuses.
    init(_ module: Module, typeName: String?, children: [ModuleObject], sharing: [ParameterBindings]) {
        self.module = module
        self.bindings = ParameterBindings(module, inheriting: children.map(\.bindings) + sharing)
        self.displayName = typeName ?? ModuleObject.kindName(of: module)
        super.init()
        for child in children { childObjects[ObjectIdentifier(child.module)] = child }
    }

    public override var typeName: String { displayName }

    /// `MaxPool2d` from `MaxPool2d(kernel: [2, 2])`: the description names the kind better
    /// than the Swift class (`Pool`) does.
    static func kindName(of module: Module) -> String {
        let description = module.layerDescription
        let name = description.prefix { $0 != "(" }
        return name.isEmpty ? String(describing: type(of: module)) : String(name)
    }

    /// The wrapper of a child module, sharing this tree's parameter handles.
    func wrapper(of child: Module) -> ModuleObject {
        if let existing = childObjects[ObjectIdentifier(child)] { return existing }
        let created = ModuleObject(child, typeName: nil, children: [], sharing: [bindings])
        childObjects[ObjectIdentifier(child)] = created
        return created
    }

    /// Runs `forward` on `input` natively, after handing the language's parameter values over.
    public func forward(_ input: Variable) throws -> Variable {
        try bindings.push()
        return try NNCall.mapping { try module.forward(input) }
    }

    public override var callable: FunctionObject? {
        if let function = declaration?.forward { return function }
        let doc = DocEntry("Runs \(module.layerDescription) on x.")
        return BuiltinFunction(displayName, [Parameter("x")], doc: doc) { arguments, context in
            let input = try arguments.variable(0)
            return try NNCall.run(context) { TensorConversion.wrap(try self.forward(input)) }
        }
    }

    /// The trainable parameters, each once, in the module's order (what `.params` and a model
    /// declaration's `.params` collect).
    public override var parameterValues: [Value] {
        bindings.objects.filter { $0.variable.requiresGrad }.map { .native($0) }
    }

    public override var memberNames: [String] { fieldNames }

    public override func member(named name: String) throws -> Value? { try field(named: name) }

    public override func setMember(named name: String, to value: Value) throws {
        try assignField(named: name, to: value)
    }

    public override func subscriptGet(_ indices: [SubscriptIndex]) throws -> Value? { try child(at: indices) }

    /// `seq[0].weight = t` writes the child back after assigning its field; the child is the
    /// same object, so that write is a no-op. Replacing a layer would change the structure
    /// optimisers were built on, so it is refused.
    public override func subscriptSet(_ indices: [SubscriptIndex], to value: Value) throws -> Bool {
        if case .native(let current)? = try child(at: indices), case .native(let given) = value, current === given { return true }
        throw FolioError(.TypeError, "the layers of \(typeName) cannot be replaced; assign their parameters instead (seq[0].weight = t)")
    }

    /// `for layer in seq` visits the children.
    public override func elements() throws -> [Value]? { childValues }

    public override var plainText: String { "<\(module.layerDescription)>" }

    public override var mimeBundle: MimeBundle {
        let summary = ModuleSummary(self)
        return MimeBundle(data: ["text/plain": summary.text, "text/html": summary.html])
    }

    public override var doc: DocEntry? {
        DocEntry("\(module.layerDescription): a layer with \(module.parameterCount) parameters.",
                 details: "Members: " + memberNames.joined(separator: ", "),
                 example: "let layer = Linear(2, 3)\nlayer(ones(4, 2)).shape")
    }
}
