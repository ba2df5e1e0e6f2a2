import FolioAutograd
import FolioTensor

/// A module whose `forward` is a closure: what the language's `model` declarations become.
///
/// The interpreter creates one per instance of a declared model, registers its fields with
/// `register(parameter:named:)`, `register(child:named:)` and `register(buffer:named:)` (so
/// `namedParameters`, `train()`/`eval()`, weight files and optimisers work as for built-in
/// layers), and passes a closure that evaluates the declaration's `forward` body with `self`
/// bound to the module.
public final class DeclaredModule: Module {
    /// The model's name in the language (`MLP`), used in descriptions and errors.
    public let name: String
    private let body: (DeclaredModule, Variable) throws -> Variable

    /// A module called `name` whose forward pass is `body(self, input)`.
    public init(name: String, forward body: @escaping (DeclaredModule, Variable) throws -> Variable) {
        self.name = name
        self.body = body
        super.init()
    }

    public override var layerDescription: String { name }

    public override func forward(_ input: Variable) throws -> Variable { try body(self, input) }
}
