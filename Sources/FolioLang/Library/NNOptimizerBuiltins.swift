import FolioNN
import FolioRuntime

/// `Optimizer(params, transform)` and the shorthands `SGD`, `Adam`, `AdamW`.
enum NNOptimizerBuiltins {
    typealias Argument = NNBuiltins.Argument

    static let all: [BuiltinFunction] = [optimizer, sgdShorthand, adamShorthand, adamwShorthand]

    static let optimizer = TensorMethods.function(
        "Optimizer", [Argument("params"), Argument("transform")],
        DocEntry("Binds a gradient transformation to parameters: opt.step(loss) runs backward, the update and the zeroing.",
                 details: "`params` is net.params, an array of tensors made with param(t), or a layer. Members: step(loss), step(), zero_grad(), params, steps.",
                 example: "let net = Sequential([Linear(2, 4), ReLU(), Linear(4, 1)])\nlet opt = Optimizer(net.params, chain(clip_by_global_norm(1.0), adam(lr: 1e-2)))\nopt.step(mse(net(ones(3, 2)), zeros(3, 1)))\nopt.steps")
    ) { arguments, _ in
        guard case .native(let transform as TransformObject) = arguments.value(1) else {
            throw arguments.typeError(1, expected: "a transform such as adam(lr: 1e-3)", got: arguments.value(1))
        }
        return .native(try OptimizerObject(try OptimizerObject.trainableTensors(in: arguments.value(0), for: "Optimizer"), transform))
    }

    /// A shorthand `Name(params, lr:, ...)` for `Optimizer(params, transform(lr:, ...))`.
    private static func shorthand(_ name: String, _ transform: BuiltinFunction, _ example: String) -> BuiltinFunction {
        let options = transform.parameters
        return BuiltinFunction(name, [Argument("params")] + options,
                               doc: DocEntry("Optimizer(params, \(transform.name)(...)): the same options as \(transform.name).", example: example)) { arguments, context in
            var forwarded = arguments.asArguments
            forwarded.positional.removeFirst()
            let made = try transform.call(forwarded, context: context)
            return try optimizer.call(Arguments(positional: [arguments.value(0), made]), context: context)
        }
    }

    static let sgdShorthand = shorthand("SGD", NNOptimBuiltins.sgd, "let w = param(ones(2))\nlet opt = SGD([w], lr: 0.1)\nopt.step(sum(w * w))\nw")
    static let adamShorthand = shorthand("Adam", NNOptimBuiltins.adam, "let net = Linear(2, 1)\nlet opt = Adam(net.params, lr: 1e-3)")
    static let adamwShorthand = shorthand("AdamW", NNOptimBuiltins.adamw, "let net = Linear(2, 1)\nlet opt = AdamW(net.params, lr: 1e-3, weight_decay: 0.01)")
}
