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
