import FolioNN
import FolioRuntime
import FolioTensor

/// The neural-network library in the language: layers, initialisers, losses, optimisation,
/// training and datasets. Each list is one concern; this one joins them for `BuiltinLibrary`.
enum NNBuiltins {
    static let all: [BuiltinFunction] = NNLayerBuiltins.all + NNNormBuiltins.all + NNShapeLayerBuiltins.all
        + NNInitBuiltins.all + NNLossBuiltins.all + NNOptimBuiltins.all + NNTrainingBuiltins.all + NNDataBuiltins.all

    typealias Argument = FolioRuntime.Parameter

    static let seedArgument = Argument("seed", .labelled, defaultText: "nil")

    /// A layer constructor: `body` builds the module from the arguments and the layer's seed.
    static func layer(_ name: String, _ parameters: [Argument], _ doc: DocEntry,
                      _ body: @escaping (BoundArguments, UInt64) throws -> Module) -> BuiltinFunction {
        let seedIndex = parameters.firstIndex { $0.name == "seed" }
        return BuiltinFunction(name, parameters, doc: doc) { arguments, context in
            try NNCall.run(context) {
                let seed = try seedIndex.map { try layerSeed(arguments, $0, context) } ?? 0
                return .native(ModuleObject(try body(arguments, seed), typeName: name))
            }
        }
    }

    /// `seed:` when given, else a draw from the session's generator: layers built after
    /// `seed(n)` get the same weights on every run, and a fresh session starts at seed 0.
    static func layerSeed(_ arguments: BoundArguments, _ index: Int, _ context: CallContext) throws -> UInt64 {
        if let given = try arguments.optionalInt(index) { return UInt64(bitPattern: Int64(given)) }
        return try context.drawSeed()
    }

    /// A required Int argument that must be positive (sizes, channels).
    static func size(_ arguments: BoundArguments, _ index: Int) throws -> Int {
        let value = try arguments.int(index, default: 0)
        guard value > 0 else {
            throw FolioError(.ValueError, "\(arguments.functionName)(\(arguments.parameters[index].name)) must be positive, got \(value)")
        }
        return value
    }

    /// The module of a layer argument, or a TypeError naming the position.
    static func module(_ value: Value, _ function: String, position: Int) throws -> ModuleObject {
        guard case .native(let object as ModuleObject) = value else {
            throw FolioError(.TypeError, "\(function): element \(position) is \(value.typeName), not a layer")
        }
        return object
    }

    /// Layers given as `f([a, b])` or `f(a, b)`.
    static func layerList(_ arguments: BoundArguments) throws -> [ModuleObject] {
        var items = arguments.variadic
        if items.count == 1, case .array(let elements) = items[0] { items = elements }
        return try items.enumerated().map { try module($1, arguments.functionName, position: $0) }
    }
}
