import FolioAutograd
import FolioTensor

/// The base of every layer and model: named parameters, buffers and child modules, in order.
///
/// A subclass registers its fields in its initialiser (`register(parameter:named:)`,
/// `register(buffer:named:)`, `register(child:named:)`) and overrides `forward`. The language's
/// `model` declarations do the same at run time, so a declared model and a built-in layer are the
/// same kind of object. Names are unique per module; registering a name again replaces the entry
/// in place, keeping its position (so `namedParameters` order is declaration order).
open class Module {
    private var parameterEntries: [(name: String, parameter: Parameter)] = []
    private var bufferEntries: [(name: String, value: Tensor)] = []
    private var childEntries: [(name: String, module: Module)] = []

    /// True in training mode (dropout active, batch norm using batch statistics).
    public private(set) var isTraining = true

    public init() {}

    /// A short description naming the layer and its configuration, used in error messages:
    /// `Linear(in: 2, out: 64)`.
    open var layerDescription: String { String(describing: type(of: self)) }

    /// The computation; subclasses override it.
    open func forward(_ input: Variable) throws -> Variable {
        throw NNError.notImplemented("\(layerDescription) has no forward(_:) taking one input")
    }

    /// `forward(input)`, so a module is called like a function.
    public func callAsFunction(_ input: Variable) throws -> Variable { try forward(input) }

    /// `forward` on a constant tensor.
    public func callAsFunction(_ input: Tensor) throws -> Variable { try forward(Variable(input)) }

    // MARK: Registration

    /// Adds (or replaces) the parameter called `name`.
    public func register(parameter: Parameter, named name: String) {
        if let index = parameterEntries.firstIndex(where: { $0.name == name }) {
            parameterEntries[index].parameter = parameter
        } else {
            parameterEntries.append((name, parameter))
        }
    }

    /// Adds (or replaces) a parameter holding `value`, returning it.
    @discardableResult
    public func register(parameterValue value: Tensor, named name: String) -> Parameter {
        let parameter = Parameter(value)
        register(parameter: parameter, named: name)
        return parameter
    }

    /// Adds (or replaces) the buffer called `name`: state saved with the weights but not trained
    /// (batch-norm running statistics).
    public func register(buffer value: Tensor, named name: String) {
        if let index = bufferEntries.firstIndex(where: { $0.name == name }) {
            bufferEntries[index].value = value
        } else {
            bufferEntries.append((name, value))
        }
    }

    /// Adds (or replaces) the child module called `name`; it follows this module's mode.
    public func register(child: Module, named name: String) {
        child.train(isTraining)
        if let index = childEntries.firstIndex(where: { $0.name == name }) {
            childEntries[index].module = child
        } else {
            childEntries.append((name, child))
        }
    }

    // MARK: Lookup

    /// This module's own parameter `name` (not its children's).
    public func parameter(named name: String) -> Parameter? {
        parameterEntries.first { $0.name == name }?.parameter
    }

    /// This module's own buffer `name`.
    public func buffer(named name: String) -> Tensor? {
        bufferEntries.first { $0.name == name }?.value
    }

    /// The direct child `name`.
    public func child(named name: String) -> Module? {
        childEntries.first { $0.name == name }?.module
    }

    /// Direct children in registration order.
    public var children: [(name: String, module: Module)] { childEntries }

    /// Every parameter of this module and its descendants, depth first, with dotted names
    /// (`body.0.weight`). A parameter shared by two layers is listed once, under its first name.
    public var namedParameters: [(name: String, parameter: Parameter)] {
        var seen = Set<ObjectIdentifier>()
        return collect(prefix: "") { module in module.parameterEntries.map { ($0.name, $0.parameter) } }
            .filter { seen.insert(ObjectIdentifier($0.1)).inserted }
            .map { (name: $0.0, parameter: $0.1) }
    }

    /// Every parameter, in `namedParameters` order.
    public var parameters: [Parameter] { namedParameters.map { $0.parameter } }

    /// Every buffer of this module and its descendants with dotted names.
    public var namedBuffers: [(name: String, value: Tensor)] {
        collect(prefix: "") { module in module.bufferEntries.map { ($0.name, $0.value) } }
            .map { (name: $0.0, value: $0.1) }
    }

    /// This module and all descendants with dotted paths (`""` for this one).
    public var namedModules: [(name: String, module: Module)] {
        var result: [(name: String, module: Module)] = [("", self)]
        for (name, child) in childEntries {
            result += child.namedModules.map { (name: $0.name.isEmpty ? name : name + "." + $0.name, module: $0.module) }
        }
        return result
    }

    /// `entries(module)` for this module and every descendant, names prefixed by the path.
    private func collect<Value>(prefix: String, _ entries: (Module) -> [(String, Value)]) -> [(String, Value)] {
        namedModules.flatMap { path, module in
            entries(module).map { (path.isEmpty ? $0.0 : path + "." + $0.0, $0.1) }
        }
    }

    // MARK: Modes and gradients

    /// Sets training mode on this module and every descendant; returns self for chaining.
    @discardableResult
    public func train(_ mode: Bool = true) -> Self {
        isTraining = mode
        for (_, child) in childEntries { child.train(mode) }
        return self
    }

    /// Evaluation mode: `train(false)`.
    @discardableResult
    public func eval() -> Self { train(false) }

    /// Clears every parameter's gradient.
    public func zeroGrad() {
        for parameter in parameters { parameter.zeroGrad() }
    }

    /// The total number of scalars in the parameters.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.count } }
}
