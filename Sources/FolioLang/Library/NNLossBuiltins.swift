import FolioAutograd
import FolioNN
import FolioRuntime
import FolioTensor

/// Losses (PyTorch's definitions and defaults). Each takes the prediction first and the target
/// second, so `fit(..., loss: cross_entropy)` passes any of them; `reduction:` is "mean",
/// "sum", "none" or "batchmean".
enum NNLossBuiltins {
    typealias Argument = NNBuiltins.Argument

    static let all: [BuiltinFunction] = [mse, l1, huber, bce, bceWithLogits, crossEntropy, nll, klDiv]

    private static let reduction = Argument("reduction", .labelled, defaultText: "\"mean\"")

    /// A loss builtin; `compute` gets the prediction, the target (integer targets cast to the
    /// prediction's dtype unless `keepIntegerTarget`) and the reduction.
    private static func loss(_ name: String, options: [Argument] = [], keepIntegerTarget: Bool = false,
                             _ doc: DocEntry,
                             _ compute: @escaping (Variable, Variable, Reduction, BoundArguments) throws -> Variable) -> BuiltinFunction {
        let parameters = [Argument("input"), Argument("target")] + options + [reduction]
        return TensorMethods.function(name, parameters, doc) { arguments, _ in
            try NNCall.mapping {
                let input = try arguments.variable(0)
                var target = try arguments.variable(1)
                if !keepIntegerTarget, !target.dtype.isFloatingPoint, input.dtype.isFloatingPoint {
                    target = try target.cast(to: input.dtype)
                }
                let reduction = try reductionValue(arguments, parameters.count - 1)
                return TensorConversion.wrap(try compute(input, target, reduction, arguments))
            }
        }
    }

    private static func reductionValue(_ arguments: BoundArguments, _ index: Int) throws -> Reduction {
        let name = try arguments.string(index, default: "mean")
        if name == "batchmean" { return .batchMean }
        guard let value = Reduction(rawValue: name) else {
            throw FolioError(.ValueError, "\(arguments.functionName)(reduction:) must be \"mean\", \"sum\", \"none\" or \"batchmean\", got \"\(name)\"")
        }
        return value
    }

    static let mse = loss("mse", DocEntry("Mean squared error mean((input - target)²).",
                                         example: "mse(tensor([1.0, 2.0]), tensor([1.0, 4.0]))   // 2")) { input, target, reduction, _ in
        try Loss.mse(input, target, reduction: reduction)
    }

    static let l1 = loss("l1", DocEntry("Mean absolute error mean(|input - target|).",
                                       example: "l1(tensor([1.0, 2.0]), tensor([0.0, 4.0]))   // 1.5")) { input, target, reduction, _ in
        try Loss.l1(input, target, reduction: reduction)
    }

    static let huber = loss("huber", options: [Argument("delta", .labelled, defaultText: "1.0")],
                            DocEntry("Huber loss: ½d² for |d| ≤ δ, δ(|d| - ½δ) beyond (d = input - target).",
                                     example: "huber(tensor([0.0, 3.0]), tensor([0.5, 0.0]))")) { input, target, reduction, arguments in
        try Loss.huber(input, target, delta: arguments.double(2, default: 1), reduction: reduction)
    }

    static let bce = loss("bce", DocEntry("Binary cross-entropy of probabilities p against targets in [0, 1]: -(y log p + (1 - y) log(1 - p)).",
                                         example: "bce(tensor([0.9, 0.2]), tensor([1.0, 0.0]))")) { input, target, reduction, _ in
        try Loss.bce(input, target, reduction: reduction)
    }

    static let bceWithLogits = loss("bce_with_logits",
                                    DocEntry("bce(sigmoid(logits), target), computed stably from the logits.",
                                             example: "bce_with_logits(tensor([2.0, -1.0]), tensor([1, 0]))")) { input, target, reduction, _ in
        try Loss.bceWithLogits(input, target, reduction: reduction)
    }

    static let crossEntropy = loss("cross_entropy", options: [Argument("label_smoothing", .labelled, defaultText: "0.0")], keepIntegerTarget: true,
                                   DocEntry("Cross-entropy of logits (N, C, ...) against class indices (N, ...) or class probabilities (N, C, ...), with optional label smoothing.",
                                            example: "cross_entropy(tensor([[2.0, 0.5], [0.1, 1.0]]), tensor([0, 1]), label_smoothing: 0.1)")) { input, target, reduction, arguments in
        try Loss.crossEntropy(input, target, labelSmoothing: arguments.double(2, default: 0), reduction: reduction)
    }

    static let nll = loss("nll", keepIntegerTarget: true,
                          DocEntry("Negative log-likelihood of log-probabilities (N, C, ...) at class indices (N, ...).",
                                   example: "nll(log_softmax(tensor([[2.0, 0.5]]), axis: 1), tensor([0]))")) { input, target, reduction, _ in
        try Loss.nll(input, target, reduction: reduction)
    }

    static let klDiv = loss("kl_div", options: [Argument("log_target", .labelled, defaultText: "false")],
                            DocEntry("KL divergence target · (log target - input) of log-probabilities `input` from probabilities `target` (PyTorch's argument order).",
                                     example: "kl_div(log(tensor([0.5, 0.5])), tensor([0.9, 0.1]), reduction: \"sum\")")) { input, target, reduction, arguments in
        try Loss.klDiv(input, target, reduction: reduction, logTarget: arguments.bool(2, default: false))
    }
}
