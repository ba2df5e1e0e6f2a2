import FolioAutograd
import FolioTensor

/// Layers applied in order, children named `0`, `1`, ... (PyTorch `nn.Sequential`), so
/// parameters are called `0.weight`, `2.bias`, ... as in PyTorch's state dicts.
public final class Sequential: Module {
    /// The layers, in order.
    public private(set) var layers: [Module]

    /// A sequence of `layers`.
    public init(_ layers: [Module]) {
        self.layers = layers
        super.init()
        for (index, layer) in layers.enumerated() { register(child: layer, named: String(index)) }
    }

    /// A sequence of the given layers.
    public convenience init(_ layers: Module...) { self.init(layers) }

    /// Adds `layer` at the end.
    public func append(_ layer: Module) {
        register(child: layer, named: String(layers.count))
        layers.append(layer)
    }

    /// The layer at `index`.
    public subscript(index: Int) -> Module { layers[index] }

    /// The number of layers.
    public var count: Int { layers.count }

    public override var layerDescription: String { "Sequential(\(layers.map { $0.layerDescription }.joined(separator: ", ")))" }

    public override func forward(_ input: Variable) throws -> Variable {
        try layers.reduce(input) { value, layer in try layer(value) }
    }
}

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

/// Returns its input (a placeholder in configurable models).
public final class Identity: Module {
    public override init() { super.init() }
    public override var layerDescription: String { "Identity()" }
    public override func forward(_ input: Variable) throws -> Variable { input }
}

/// Merges axes `startAxis...endAxis` into one (PyTorch's defaults keep the batch axis).
public final class Flatten: Module {
    public let startAxis: Int
    public let endAxis: Int

    public init(startAxis: Int = 1, endAxis: Int = -1) {
        self.startAxis = startAxis
        self.endAxis = endAxis
        super.init()
    }

    public override var layerDescription: String { "Flatten(start: \(startAxis), end: \(endAxis))" }

    public override func forward(_ input: Variable) throws -> Variable {
        let rank = input.rank
        let start = startAxis < 0 ? startAxis + rank : startAxis
        let end = endAxis < 0 ? endAxis + rank : endAxis
        guard 0 <= start, start <= end, end < rank else {
            throw NNError.shapeMismatch(layer: layerDescription, expected: "input with axes \(startAxis) through \(endAxis)",
                                        got: input.shape)
        }
        let merged = input.shape[start...end].reduce(1, *)
        return try input.reshape(Array(input.shape[..<start]) + [merged] + Array(input.shape[(end + 1)...]))
    }
}
