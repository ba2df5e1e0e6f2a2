import FolioNN
import FolioRuntime
import FolioTensor

/// Optimisation as composable gradient transformations (optax's design): lowercase transforms,
/// `chain(...)`, schedules, and `Optimizer(params, transform)` binding them to parameters, with
/// the shorthands `SGD`, `Adam`, `AdamW`. A transform's `lr:` is a number or a schedule.
enum NNOptimBuiltins {
    typealias Argument = NNBuiltins.Argument

    static let all: [BuiltinFunction] = [sgd, adam, adamw, rmsprop, adagrad, clipByGlobalNorm, addDecayedWeights, scale, chain]
        + NNScheduleBuiltins.all + NNOptimizerBuiltins.all

    /// A transform builtin; `make` gets the arguments and the learning rate as a schedule.
    static func transform(_ name: String, _ parameters: [Argument], _ doc: DocEntry,
                          _ make: @escaping (BoundArguments) throws -> GradientTransformation) -> BuiltinFunction {
        TensorMethods.function(name, parameters, doc) { arguments, _ in
            let transform = try NNCall.mapping { try make(arguments) }
            return .native(TransformObject(transform, description: describe(arguments)))
        }
    }

    /// `adam(lr: 0.01)`: the call as written, for display.
    static func describe(_ arguments: BoundArguments) -> String {
        let parts = arguments.parameters.indices.compactMap { index -> String? in
            guard let value = arguments[index] else { return nil }
            let parameter = arguments.parameters[index]
            return parameter.style == .labelled ? "\(parameter.name): \(value.repr)" : value.repr
        }
        return "\(arguments.functionName)(\(parts.joined(separator: ", ")))"
    }

    /// `lr:` as a schedule: a number is constant, a `Schedule` object is used as is.
    static func learningRate(_ arguments: BoundArguments, _ index: Int, default fallback: Double) throws -> Schedule {
        guard let given = arguments[index], !given.isNone else { return .constant(fallback) }
        if case .native(let object as ScheduleObject) = given { return object.schedule }
        guard let number = given.numericValue else { throw arguments.typeError(index, expected: "a number or a schedule", got: given) }
        return .constant(number)
    }

    private static let weightDecay = Argument("weight_decay", .labelled, defaultText: "0")

    static let sgd = transform(
        "sgd", [Argument("lr", .labelled, defaultText: "0.01"), Argument("momentum", .labelled, defaultText: "0"),
                Argument("nesterov", .labelled, defaultText: "false"), weightDecay],
        DocEntry("Stochastic gradient descent, optionally with (Nesterov) momentum and L2 weight decay (PyTorch's SGD).",
                 example: "sgd(lr: 0.1, momentum: 0.9, nesterov: true)")
    ) { arguments in
        FolioNN.sgd(try learningRate(arguments, 0, default: 0.01), momentum: try arguments.double(1, default: 0),
                    nesterov: try arguments.bool(2, default: false), weightDecay: try arguments.double(3, default: 0))
    }

    private static let adamArguments = [Argument("lr", .labelled, defaultText: "1e-3"), Argument("b1", .labelled, defaultText: "0.9"),
                                        Argument("b2", .labelled, defaultText: "0.999"), Argument("eps", .labelled, defaultText: "1e-8")]

    static let adam = transform(
        "adam", adamArguments + [weightDecay],
        DocEntry("Adam (Kingma & Ba 2014) with PyTorch's defaults; weight_decay: is L2 on the gradient (use adamw for decoupled decay).",
                 example: "adam(lr: 1e-2)")
    ) { arguments in
        FolioNN.adam(try learningRate(arguments, 0, default: 1e-3), beta1: try arguments.double(1, default: 0.9),
                     beta2: try arguments.double(2, default: 0.999), epsilon: try arguments.double(3, default: 1e-8),
                     weightDecay: try arguments.double(4, default: 0))
    }

    static let adamw = transform(
        "adamw", adamArguments + [Argument("weight_decay", .labelled, defaultText: "0.01")],
        DocEntry("AdamW: Adam with decoupled weight decay lr · decay · param (Loshchilov & Hutter 2017, arXiv:1711.05101).",
                 example: "adamw(lr: 1e-3, weight_decay: 0.05)")
    ) { arguments in
        FolioNN.adamw(try learningRate(arguments, 0, default: 1e-3), beta1: try arguments.double(1, default: 0.9),
                      beta2: try arguments.double(2, default: 0.999), epsilon: try arguments.double(3, default: 1e-8),
                      weightDecay: try arguments.double(4, default: 0.01))
    }

    /// `base` at learning rate 1 followed by the schedule: FolioNN's rmsprop and adagrad take a
    /// constant rate, and scaling their unit-rate updates by the schedule is the same rule.
    private static func scheduled(_ base: (Double) -> GradientTransformation, _ rate: Schedule) -> GradientTransformation {
        FolioNN.chain(base(1), FolioNN.scaleBySchedule(rate))
    }

    static let rmsprop = transform(
        "rmsprop", [Argument("lr", .labelled, defaultText: "0.01"), Argument("decay", .labelled, defaultText: "0.99"),
                    Argument("eps", .labelled, defaultText: "1e-8"), Argument("momentum", .labelled, defaultText: "0")],
        DocEntry("RMSprop (Hinton 2012; PyTorch's defaults α = 0.99, ε = 1e-8), optionally with momentum.", example: "rmsprop(lr: 1e-3)")
    ) { arguments in
        let (decay, epsilon, momentum) = (try arguments.double(1, default: 0.99), try arguments.double(2, default: 1e-8), try arguments.double(3, default: 0))
        return scheduled({ FolioNN.rmsprop($0, decay: decay, epsilon: epsilon, momentum: momentum) }, try learningRate(arguments, 0, default: 0.01))
    }

    static let adagrad = transform(
        "adagrad", [Argument("lr", .labelled, defaultText: "0.01"), Argument("eps", .labelled, defaultText: "1e-10")],
        DocEntry("Adagrad (Duchi et al. 2011): steps scaled by the root of the summed squared gradients.", example: "adagrad(lr: 0.1)")
    ) { arguments in
        let epsilon = try arguments.double(1, default: 1e-10)
        return scheduled({ FolioNN.adagrad($0, epsilon: epsilon) }, try learningRate(arguments, 0, default: 0.01))
    }

    static let clipByGlobalNorm = transform(
        "clip_by_global_norm", [Argument("max_norm")],
        DocEntry("Scales all updates together so their joint L2 norm is at most max_norm (Pascanu et al. 2013); put it first in a chain.",
                 example: "chain(clip_by_global_norm(1.0), adam(lr: 1e-3))")
    ) { arguments in
        FolioNN.clipByGlobalNorm(try arguments.double(0, default: 1))
    }

    static let addDecayedWeights = transform(
        "add_decayed_weights", [Argument("decay")],
        DocEntry("Adds decay · param to each update: L2 decay before an optimiser, decoupled decay after its scaling.",
                 example: "chain(add_decayed_weights(1e-4), sgd(lr: 0.1))")
    ) { arguments in
        FolioNN.addDecayedWeights(try arguments.double(0, default: 0))
    }

    static let scale = transform(
        "scale", [Argument("factor")],
        DocEntry("Multiplies every update by factor (a building block: chain(scale_by_something, scale(-lr))).",
                 example: "chain(clip_by_global_norm(1.0), scale(-0.1))")
    ) { arguments in
        FolioNN.scale(try arguments.double(0, default: 1))
    }

    static let chain = BuiltinFunction(
        "chain", [Argument("transforms", .variadic)],
        doc: DocEntry("Applies transforms in order, each to the previous one's updates (optax.chain).",
                      example: "chain(clip_by_global_norm(1.0), adam(lr: 1e-2))")
    ) { arguments, _ in
        let parts = try arguments.variadic.enumerated().map { position, value -> TransformObject in
            guard case .native(let object as TransformObject) = value else {
                throw FolioError(.TypeError, "chain(): argument \(position) is \(value.typeName), not a transform such as adam(lr: 1e-3)")
            }
            return object
        }
        let description = "chain(" + parts.map(\.description).joined(separator: ", ") + ")"
        return .native(TransformObject(FolioNN.chain(parts.map(\.transform)), description: description))
    }
}
