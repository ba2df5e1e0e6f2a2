import FolioAutograd
import FolioRuntime
import FolioTensor

/// Random tensors from the counter-based Philox generator: the same seed gives the same numbers on
/// every machine. Without `seed:` they draw from the session's generator, which `seed(n)` resets.
enum RandomBuiltins {
    static let all: [BuiltinFunction] = [seed, rand, randn, randint, bernoulli, permutation, choice, categorical]

    static let seedParameter = Parameter("seed", .labelled, defaultText: "nil")

    static let seed = BuiltinFunction(
        "seed", [Parameter("value")],
        doc: DocEntry("Resets the session's random generator, so later random calls repeat.",
                      example: "seed(0)\nlet a = rand(2)\nseed(0)\nrand(2) == a")
    ) { arguments, context in
        let value = try arguments.int(0, default: 0)
        try SessionRandom.state(context).generator = PhiloxGenerator(seed: UInt64(bitPattern: Int64(value)))
        return .none
    }

    private static func sampler(_ name: String, _ parameters: [Parameter], _ doc: DocEntry,
                                _ body: @escaping (BoundArguments, inout PhiloxGenerator) throws -> Tensor) -> BuiltinFunction {
        let seedIndex = parameters.firstIndex { $0.name == "seed" } ?? 0
        return BuiltinFunction(name, parameters, doc: doc) { arguments, context in
            try NativeCall.run(context) {
                let drawn = try SessionRandom.draw(arguments[seedIndex], context) { try body(arguments, &$0) }
                return TensorConversion.wrap(Variable(drawn))
            }
        }
    }

    static let rand = sampler("rand", [Parameter("shape", .variadic), seedParameter, CreationBuiltins.dtypeParameter],
                              DocEntry("Uniform samples in [0, 1).", example: "rand(2, 3, seed: 0)")) { arguments, generator in
        try Tensor.rand(try arguments.shape(), dtype: try arguments.dtype(2) ?? .defaultFloat, generator: &generator)
    }

    static let randn = sampler("randn", [Parameter("shape", .variadic), seedParameter, CreationBuiltins.dtypeParameter],
                               DocEntry("Standard normal samples (mean 0, variance 1).", example: "randn(256, 2, seed: 0).shape")) { arguments, generator in
        try Tensor.randn(try arguments.shape(), dtype: try arguments.dtype(2) ?? .defaultFloat, generator: &generator)
    }

    static let randint = sampler("randint", [Parameter("low"), Parameter("high"), Parameter("shape", .variadic), seedParameter],
                                 DocEntry("Integers uniform in [low, high), as i64.", example: "randint(0, 10, 5, seed: 1)")) { arguments, generator in
        try Tensor.randint(try arguments.int(0, default: 0), try arguments.int(1, default: 1), shape: try arguments.shape(), generator: &generator)
    }

    static let bernoulli = sampler("bernoulli", [Parameter("p"), Parameter("shape", .labelled, defaultText: "nil"), seedParameter],
                                   DocEntry("True with probability p (a number or a tensor of probabilities).",
                                            example: "bernoulli(0.3, shape: [8], seed: 0)")) { arguments, generator in
        let probability = try TensorConversion.tensor(from: arguments.value(0), dtype: .f64, name: "bernoulli(p)")
        let shape = try arguments.optionalShape(1)
        return try Tensor.bernoulli(probability, shape: shape, generator: &generator)
    }

    static let permutation = sampler("permutation", [Parameter("n"), seedParameter],
                                     DocEntry("A random ordering of 0..<n, as i64.", example: "permutation(5, seed: 0)")) { arguments, generator in
        try Tensor.permutation(try arguments.int(0, default: 0), generator: &generator)
    }

    static let choice = sampler("choice", [Parameter("population"), Parameter("shape", .labelled, defaultText: "[]"),
                                           Parameter("replace", .labelled, defaultText: "true"), Parameter("p", .labelled, defaultText: "nil"),
                                           seedParameter],
                                DocEntry("Samples from 0..<population (an Int) or from the rows of a tensor, with weights `p:`.",
                                         details: "Without replacement it uses Gumbel top-k.",
                                         example: "choice(10, shape: [3], replace: false, seed: 0)")) { arguments, generator in
        let shape = try arguments.optionalShape(1) ?? []
        let replace = try arguments.bool(2, default: true)
        let weights = try arguments.optionalVariable(3)?.value
        if case .int(let population) = arguments.value(0) {
            return try Tensor.choice(population, shape: shape, replace: replace, weights: weights, generator: &generator)
        }
        let population = try arguments.variable(0).value
        return try Tensor.choice(from: population, shape: shape, replace: replace, weights: weights, generator: &generator)
    }

    static let categorical = sampler("categorical", [Parameter("p"), Parameter("samples", .labelled, defaultText: "nil"),
                                                     Parameter("logits", .labelled, defaultText: "false"), seedParameter],
                                     DocEntry("Class indices drawn from each row of probabilities (or logits with `logits: true`).",
                                              example: "categorical(tensor([0.1, 0.2, 0.7]), samples: 4, seed: 0)")) { arguments, generator in
        let weights = try arguments.variable(0).value
        let samples = try arguments.optionalInt(1)
        if try arguments.bool(2, default: false) {
            return try Tensor.categorical(logits: weights, samples: samples, generator: &generator)
        }
        return try Tensor.categorical(probabilities: weights, samples: samples, generator: &generator)
    }
}

extension BoundArguments {
    /// A shape given as one labelled array (`shape: [2, 3]`) or Int, or nil.
    func optionalShape(_ index: Int) throws -> [Int]? {
        guard let given = self[index], !given.isNone else { return nil }
        return try ints(index, default: [])
    }
}
