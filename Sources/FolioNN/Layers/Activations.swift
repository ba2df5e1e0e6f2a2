import FolioAutograd
import FolioTensor

/// An elementwise activation as a layer: no parameters, any input shape.
///
/// Each concrete activation is a one-line subclass naming its function, so `Sequential([...])`
/// can hold them next to parameterised layers.
public class Activation: Module {
    private let name: String
    private let function: (Variable) throws -> Variable

    /// An activation called `name` computing `function`.
    public init(name: String, _ function: @escaping (Variable) throws -> Variable) {
        self.name = name
        self.function = function
        super.init()
    }

    public override var layerDescription: String { name }

    public override func forward(_ input: Variable) throws -> Variable { try function(input) }
}

/// `max(x, 0)`.
public final class ReLU: Activation { public init() { super.init(name: "ReLU()") { try $0.relu() } } }
/// The exact GELU, `x Φ(x)`.
public final class GELU: Activation { public init() { super.init(name: "GELU()") { try $0.gelu() } } }
/// `x σ(x)` (also called swish).
public final class SiLU: Activation { public init() { super.init(name: "SiLU()") { try $0.silu() } } }
/// `tanh(x)`.
public final class Tanh: Activation { public init() { super.init(name: "Tanh()") { try $0.tanh() } } }
/// `1 / (1 + e^-x)`.
public final class Sigmoid: Activation { public init() { super.init(name: "Sigmoid()") { try $0.sigmoid() } } }

/// `log(1 + e^(βx)) / β`, linear above `threshold` (PyTorch's defaults β = 1, threshold = 20).
public final class Softplus: Activation {
    public init(beta: Double = 1, threshold: Double = 20) {
        super.init(name: "Softplus(beta: \(beta))") { input in
            let scaled = try input * beta
            let smooth = try scaled.softplus() / beta
            return try Variable.select(scaled .> threshold, input, smooth)
        }
    }
}

/// `x` for `x ≥ 0`, `slope · x` below (PyTorch's default slope 0.01).
public final class LeakyReLU: Activation {
    public init(negativeSlope: Double = 0.01) {
        super.init(name: "LeakyReLU(\(negativeSlope))") { input in
            let negative = try input * negativeSlope
            return try Variable.select(input .> 0, input, negative)
        }
    }
}

/// `x` for `x > 0`, `α (eˣ - 1)` below.
public final class ELU: Activation {
    public init(alpha: Double = 1) {
        super.init(name: "ELU(\(alpha))") { input in
            let negative = try input.minimum(input.zerosLikeVariable()).expm1() * alpha
            return try Variable.select(input .> 0, input, negative)
        }
    }
}

/// The softmax along `axis`, as a layer.
public final class Softmax: Activation {
    public init(axis: Int = -1) { super.init(name: "Softmax(axis: \(axis))") { try $0.softmax(axis: axis) } }
}

/// The log-softmax along `axis`, as a layer.
public final class LogSoftmax: Activation {
    public init(axis: Int = -1) { super.init(name: "LogSoftmax(axis: \(axis))") { try $0.logSoftmax(axis: axis) } }
}

extension Variable {
    /// A constant zero of this variable's dtype (0-d, broadcasting).
    func zerosLikeVariable() -> Variable { Variable.constant(Tensor(scalar: 0, dtype: dtype)) }
}
