import FolioAutograd
import FolioTensor

/// A list of modules registered as children `0`, `1`, ... with no `forward` of its own
/// (PyTorch `nn.ModuleList`): a model iterates it in its own `forward`.
public final class ModuleList: Module {
    /// The modules, in order.
    public private(set) var modules: [Module] = []

    /// A list holding `modules`.
    public init(_ modules: [Module] = []) {
        super.init()
        for module in modules { append(module) }
    }

    /// Adds `module` at the end.
    public func append(_ module: Module) {
        register(child: module, named: String(modules.count))
        modules.append(module)
    }

    /// The module at `index`.
    public subscript(index: Int) -> Module { modules[index] }

    /// The number of modules.
    public var count: Int { modules.count }

    public override var layerDescription: String { "ModuleList(count: \(modules.count))" }
}
