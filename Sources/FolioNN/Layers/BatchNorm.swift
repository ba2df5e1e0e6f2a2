import FolioAutograd
import FolioTensor

/// Batch normalisation over axis 1 of `(N, C, *spatial)` (PyTorch `nn.BatchNorm{1,2,3}d`).
///
/// Training normalises with the batch's mean and biased variance and updates the running
/// statistics as `running = (1 - momentum) running + momentum batch` (the running variance uses
/// the unbiased batch variance, as PyTorch). Evaluation normalises with the running statistics.
/// Weight starts at 1, bias at 0; `runningMean`/`runningVar` are buffers saved with the weights.
public class BatchNorm: Module {
    public let features: Int
    public let epsilon: Double
    public let momentum: Double
    /// The accepted input ranks (`[2, 3]` for 1-d, `[4]` for 2-d, `[5]` for 3-d).
    private let ranks: [Int]
    private let name: String
    public let weight: Parameter?
    public let bias: Parameter?

    init(name: String, ranks: [Int], features: Int, epsilon: Double, momentum: Double, affine: Bool, dtype: DType) throws {
        guard features > 0 else { throw NNError.invalidArgument("\(name) needs a positive feature count, got \(features)") }
        (self.name, self.ranks, self.features, self.epsilon, self.momentum) = (name, ranks, features, epsilon, momentum)
        weight = affine ? Parameter(try Tensor.ones([features], dtype: dtype)) : nil
        bias = affine ? Parameter(try Tensor.zeros([features], dtype: dtype)) : nil
        super.init()
        if let weight = weight, let bias = bias {
            register(parameter: weight, named: "weight")
            register(parameter: bias, named: "bias")
        }
        register(buffer: try Tensor.zeros([features], dtype: dtype), named: "running_mean")
        register(buffer: try Tensor.ones([features], dtype: dtype), named: "running_var")
    }

    public override var layerDescription: String { "\(name)(\(features))" }

    public override func forward(_ input: Variable) throws -> Variable {
        guard ranks.contains(input.rank), input.shape[1] == features else {
            throw NNError.shapeMismatch(layer: layerDescription, expected: "input of rank \(ranks.map(String.init).joined(separator: " or ")) with \(features) channels on axis 1",
                                        got: input.shape)
        }
        let axes = [0] + Array(2..<input.rank)
        let broadcast = [1, features] + Array(repeating: 1, count: input.rank - 2)
        let mean: Variable, variance: Variable
        if isTraining {
            mean = try input.mean(axes: axes, keepDims: true)
            variance = try input.variance(axes: axes, keepDims: true)
            try updateRunningStatistics(mean: mean.value, variance: variance.value, count: input.count / features)
        } else {
            mean = Variable.constant(try runningStatistic("running_mean").reshape(broadcast))
            variance = Variable.constant(try runningStatistic("running_var").reshape(broadcast))
        }
        let normalized = try (input - mean) * (variance + epsilon).rsqrt()
        guard let weight = weight, let bias = bias else { return normalized }
        return try normalized * weight.variable.reshape(broadcast) + bias.variable.reshape(broadcast)
    }

    private func runningStatistic(_ name: String) throws -> Tensor {
        guard let value = buffer(named: name) else { throw NNError.notImplemented("\(layerDescription) lost its \(name) buffer") }
        return value
    }

    private func updateRunningStatistics(mean: Tensor, variance: Tensor, count: Int) throws {
        let correction = Double(count) / Double(Swift.max(count - 1, 1))
        let batchMean = try mean.reshape([features])
        let unbiased = try variance.reshape([features]) * correction
        let keep = 1 - momentum
        let newMean = try runningStatistic("running_mean") * keep + batchMean * momentum
        let newVariance = try runningStatistic("running_var") * keep + unbiased * momentum
        register(buffer: newMean, named: "running_mean")
        register(buffer: newVariance, named: "running_var")
    }
}

/// Batch norm over `(N, C)` or `(N, C, L)`.
public final class BatchNorm1d: BatchNorm {
    public init(_ features: Int, epsilon: Double = 1e-5, momentum: Double = 0.1, affine: Bool = true, dtype: DType = .f32) throws {
        try super.init(name: "BatchNorm1d", ranks: [2, 3], features: features, epsilon: epsilon, momentum: momentum,
                       affine: affine, dtype: dtype)
    }
}

/// Batch norm over `(N, C, H, W)`.
public final class BatchNorm2d: BatchNorm {
    public init(_ features: Int, epsilon: Double = 1e-5, momentum: Double = 0.1, affine: Bool = true, dtype: DType = .f32) throws {
        try super.init(name: "BatchNorm2d", ranks: [4], features: features, epsilon: epsilon, momentum: momentum,
                       affine: affine, dtype: dtype)
    }
}

/// Batch norm over `(N, C, D, H, W)`.
public final class BatchNorm3d: BatchNorm {
    public init(_ features: Int, epsilon: Double = 1e-5, momentum: Double = 0.1, affine: Bool = true, dtype: DType = .f32) throws {
        try super.init(name: "BatchNorm3d", ranks: [5], features: features, epsilon: epsilon, momentum: momentum,
                       affine: affine, dtype: dtype)
    }
}
