import FolioAutograd
import FolioTensor

/// A trainable tensor owned by a module: a leaf `Variable` that collects `.grad`.
///
/// `Variable` is an immutable value whose leaf node holds the gradient, so a parameter is a
/// reference that swaps in a fresh leaf when its value changes (an optimiser step, a weight load).
/// Everything that holds the `Parameter` (the module, the optimiser) sees the new value at once.
public final class Parameter {
    /// The current leaf; use it in forward computations so gradients reach this parameter.
    public private(set) var variable: Variable

    /// A parameter holding `value`; `requiresGrad: false` freezes it (the optimiser skips it).
    public init(_ value: Tensor, requiresGrad: Bool = true) {
        self.variable = Variable(value, requiresGrad: requiresGrad)
    }

    /// The current value.
    public var value: Tensor { variable.value }
    /// The value's shape.
    public var shape: [Int] { variable.shape }
    /// The value's dtype.
    public var dtype: DType { variable.dtype }
    /// Whether backward fills `grad`.
    public var requiresGrad: Bool { variable.requiresGrad }

    /// The gradient accumulated by the last `backward()` calls, or `nil`.
    public var grad: Tensor? {
        get { variable.grad }
        set { variable.grad = newValue }
    }

    /// Replaces the value with `tensor` (same shape and dtype) as a fresh leaf, dropping `grad`.
    ///
    /// - Throws: `NNError.shapeMismatch` when `tensor`'s shape differs.
    public func assign(_ tensor: Tensor) throws {
        guard tensor.shape == shape else {
            throw NNError.shapeMismatch(layer: "Parameter", expected: formatShape(shape), got: tensor.shape)
        }
        variable = Variable(tensor.cast(to: dtype), requiresGrad: requiresGrad)
    }

    /// Freezes (`false`) or unfreezes the parameter, keeping its value.
    public func setRequiresGrad(_ flag: Bool) {
        variable = Variable(value, requiresGrad: flag)
    }

    /// Clears the gradient.
    public func zeroGrad() { variable.zeroGrad() }
}
