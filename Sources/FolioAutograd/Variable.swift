import FolioTensor

/// A differentiable tensor: a `Tensor` value plus, when it takes part in a graph, the node that
/// produced it.
///
/// A `Variable` is a cheap value (a tensor handle and an optional reference). Leaves created with
/// `requiresGrad: true` own a node that collects `.grad`; every op whose inputs need gradients
/// records one `GraphNode` holding its primitive, its inputs and its outputs. Constants (no node)
/// cost nothing beyond the tensor op itself.
public struct Variable: @unchecked Sendable {
    /// The forward value.
    public let value: Tensor
    /// The node that produced this value (or the leaf node collecting its gradient); `nil` for a
    /// constant.
    let node: GraphNode?
    /// Which output of `node` this is (ops like `svd` have several).
    let outputIndex: Int

    /// A variable wrapping `value`; a leaf that collects `.grad` when `requiresGrad` is true.
    public init(_ value: Tensor, requiresGrad: Bool = false) {
        self.value = value
        self.node = requiresGrad ? GraphNode(leafOf: value) : nil
        self.outputIndex = 0
    }

    /// A variable produced by output `index` of `node`.
    init(value: Tensor, node: GraphNode?, outputIndex: Int = 0) {
        self.value = value
        self.node = node
        self.outputIndex = outputIndex
    }

    /// True when gradients flow into this variable (a recorded result or a leaf requiring grad).
    public var requiresGrad: Bool { node != nil }

    /// True for variables not produced by a recorded op (constants and leaves).
    public var isLeaf: Bool { node?.op == nil }

    public var shape: [Int] { value.shape }
    public var dtype: DType { value.dtype }
    public var rank: Int { value.rank }
    public var count: Int { value.count }

    /// The gradient accumulated by `backward()` on a leaf that requires grad; `nil` otherwise.
    public var grad: Tensor? {
        get { node?.op == nil ? node?.grad : nil }
        nonmutating set {
            guard let node = node, node.op == nil else { return }
            node.grad = newValue
        }
    }

    /// Clears `.grad` (optimisers call this between steps).
    public func zeroGrad() { grad = nil }

    /// The value, ending this variable's lifetime (so its handle is not a second reference).
    consuming func takeValue() -> Tensor { value }

    /// The same value cut off from the graph: gradients stop here.
    public func detached() -> Variable { Variable(value: value, node: nil) }

    /// The same value as a fresh leaf collecting its own `.grad`.
    public func requiringGrad() -> Variable { Variable(value, requiresGrad: true) }
}
