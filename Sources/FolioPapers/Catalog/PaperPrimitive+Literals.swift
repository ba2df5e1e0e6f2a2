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
