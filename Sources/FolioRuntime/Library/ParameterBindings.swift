import FolioAutograd
import FolioNN
import FolioTensor

/// The language's handles on the parameters of a module tree: one `TensorObject` per FolioNN
/// `Parameter`, shared by every wrapper of that tree.
///
/// The two sides replace their leaves independently: an optimiser step or `w[0] = 1` gives the
/// tensor object a new variable, a weight load or `fit` gives the parameter one. The rule that
/// keeps them in step: the tensor objects are what the language sees, so every native read of
/// the module (forward, save) is preceded by `push()`, and every native write (load, field
/// assignment) is followed by `pull()`. A handle whose storage differs from its parameter's was
/// replaced by the language since the last exchange.
public final class ParameterBindings {
    /// One parameter and the tensor object the language holds for it.
    public final class Binding {
        public let parameter: FolioNN.Parameter
        public let object: TensorObject

        init(parameter: FolioNN.Parameter, object: TensorObject) {
            self.parameter = parameter
            self.object = object
        }

        /// True when the language replaced the handle's value or leaf since the last exchange.
        var languageChanged: Bool {
            !object.variable.value.sharesStorage(with: parameter.value) || !object.variable.isLeaf
                || object.variable.shape != parameter.shape
        }

        /// Gives the parameter the handle's value; afterwards both hold the same leaf, so
        /// gradients of a forward pass reach what the optimiser reads.
        func push() throws {
            guard languageChanged else { return }
            guard object.variable.shape == parameter.shape else {
                throw FolioError(.ShapeError, "a parameter of shape \(formatShape(parameter.shape)) was replaced by a tensor of shape \(formatShape(object.variable.shape))")
            }
            try parameter.assign(object.variable.value)
            object.variable = parameter.variable
        }

        func pull() {
            object.variable = parameter.variable
        }
    }

    private var entries: [ObjectIdentifier: Binding] = [:]
    /// Binding order follows `module.namedParameters`, so `params` lists them as PyTorch does.
    private var order: [Binding] = []

    /// Bindings for every parameter of `module`, reusing those of `inherited` tables (the
    /// wrappers of its children), so one parameter has one handle wherever it is reached from.
    public init(_ module: Module, inheriting inherited: [ParameterBindings] = []) {
        rebuild(module, adding: inherited)
    }

    /// Bindings made elsewhere (a declared model's `param(t)` fields, whose handles are the
    /// notebook's own tensor objects).
    init(bindings: [Binding]) {
        order = bindings
        entries = Dictionary(bindings.map { (ObjectIdentifier($0.parameter), $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Re-lists `module`'s parameters after its structure changed (a declared model's field got
    /// a new layer): existing handles are kept, those of `added` tables joined, dropped ones forgotten.
    func rebuild(_ module: Module, adding added: [ParameterBindings]) {
        var known = entries
        for table in added { known.merge(table.entries) { first, _ in first } }
        order = module.namedParameters.map { _, parameter in
            known[ObjectIdentifier(parameter)] ?? Binding(parameter: parameter, object: TensorObject(parameter.variable))
        }
        entries = Dictionary(order.map { (ObjectIdentifier($0.parameter), $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The binding of `parameter`, if it belongs to this tree.
    public func binding(for parameter: FolioNN.Parameter) -> Binding? {
        entries[ObjectIdentifier(parameter)]
    }

    /// Every handle, in the module's parameter order.
    public var objects: [TensorObject] { order.map(\.object) }

    /// Language → module, before the module is read natively.
    public func push() throws {
        for binding in order { try binding.push() }
    }

    /// Module → language, after the module was written natively.
    public func pull() {
        for binding in order { binding.pull() }
    }
}
