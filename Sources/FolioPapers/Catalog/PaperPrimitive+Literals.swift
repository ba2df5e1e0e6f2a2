import FolioAutograd
import FolioRuntime
import FolioTensor

extension PaperPrimitive {
    /// The argument as a tensor; a number or array literal becomes a tensor of `literalType`, so
    /// `gamma: 0.99` next to Float64 data keeps its Float64 value instead of its Float32 rounding.
    /// Tensors are passed through unchanged (their graph and dtype kept).
    public static func variable(_ arguments: BoundArguments, _ index: Int, literalType: DType) throws -> Variable {
        let given = arguments.value(index)
        if case .native(let object) = given, object is TensorObject { return try arguments.variable(index) }
        let dtype = literalType.isFloatingPoint ? literalType : .f32
        return try TensorConversion.variable(given, dtype: dtype, name: "\(arguments.functionName)(\(arguments.parameters[index].name))")
    }
}

extension PaperPrimitive {
    /// An Int argument within `range` (sizes that allocate: a bound keeps them from overflowing or exhausting memory).
    public static func int(_ arguments: BoundArguments, _ index: Int, default fallback: Int, within range: ClosedRange<Int>) throws -> Int {
        let value = try arguments.int(index, default: fallback)
        guard range.contains(value) else {
            throw FolioError(.ValueError, "\(arguments.functionName): \(arguments.parameters[index].name) must be between \(range.lowerBound) and \(range.upperBound), got \(value)")
        }
        return value
    }
}
