import FolioAutograd
import Foundation
import FolioNN
import FolioRuntime
import FolioTensor

/// How a paper declares its builtins, so every paper binds arguments, maps library errors,
/// honours interrupts and seeds its layers the same way.
public enum PaperPrimitive {
    public typealias Argument = FolioRuntime.Parameter

    /// A function: `body` runs under the session's interrupt token with tensor/NN errors mapped
    /// to FolioErrors. Name it with its namespace (`"evonorm.s0"`) so errors and help say so.
    public static func function(_ name: String, _ parameters: [Argument], _ doc: DocEntry,
                                _ body: @escaping (BoundArguments, CallContext) throws -> Value) -> BuiltinFunction {
        BuiltinFunction(name, parameters, doc: doc) { arguments, context in
            try NNCall.run(context) { try body(arguments, context) }
        }
    }

    /// A function computing one tensor.
    public static func tensorFunction(_ name: String, _ parameters: [Argument], _ doc: DocEntry,
                                      _ body: @escaping (BoundArguments, CallContext) throws -> Variable) -> BuiltinFunction {
        function(name, parameters, doc) { arguments, context in TensorConversion.wrap(try body(arguments, context)) }
    }

    /// A layer constructor (`evonorm.S0(16, groups: 4)`); `body` gets the layer's seed: `seed:` when
    /// the parameters declare it and the call gives it, else a draw from the session's generator.
    public static func layer(_ name: String, _ parameters: [Argument], _ doc: DocEntry,
                             _ body: @escaping (BoundArguments, UInt64) throws -> Module) -> BuiltinFunction {
        let seedIndex = parameters.firstIndex { $0.name == "seed" }
        return function(name, parameters, doc) { arguments, context in
            var seed: UInt64 = 0
            if let seedIndex, let given = try arguments.optionalInt(seedIndex) {
                seed = UInt64(bitPattern: Int64(given))
            } else if seedIndex != nil {
                seed = try context.drawSeed()
            }
            return .native(ModuleObject(try body(arguments, seed), typeName: name))
        }
    }

    /// `seed: nil`, the optional seed argument of layers and random primitives.
    public static let seedArgument = Argument("seed", .labelled, defaultText: "nil")

    /// An Int argument that must be at least `minimum`, with an error naming the function and argument.
    public static func int(_ arguments: BoundArguments, _ index: Int, default fallback: Int, atLeast minimum: Int) throws -> Int {
        let value = try arguments.int(index, default: fallback)
        guard value >= minimum else {
            throw FolioError(.ValueError, "\(arguments.functionName): \(arguments.parameters[index].name) must be at least \(minimum), got \(value)")
        }
        return value
    }

    /// A Double argument that must be positive.
    public static func positive(_ arguments: BoundArguments, _ index: Int, default fallback: Double) throws -> Double {
        let value = try arguments.double(index, default: fallback)
        guard value > 0, value.isFinite else {
            throw FolioError(.ValueError, "\(arguments.functionName): \(arguments.parameters[index].name) must be positive, got \(value)")
        }
        return value
    }

    /// `count` varied values in about [-1, 1] (the CONVENTIONS.md `det` sequence) for layer samples.
    public static func sampleValues(count: Int, offset: Double = 0) -> [Double] {
        (0..<max(count, 0)).map { index in
            let phase = 0.37 * Double(index)
            return sin(phase + offset)
        }
    }
}
