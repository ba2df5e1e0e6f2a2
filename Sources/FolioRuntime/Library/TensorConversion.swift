import FolioAutograd
import FolioTensor

/// Moving between language values and tensors: numbers, nested arrays and tensor objects in;
/// tensor objects, numbers and nested arrays out.
public enum TensorConversion {
    /// The tensor a value stands for: a tensor object, a number, a Bool, or a (nested) array of them.
    /// Numbers become tensors of the default float dtype, or `i64` when every element is an Int.
    public static func variable(_ value: Value, dtype: DType? = nil, name: String = "argument") throws -> Variable {
        if case .native(let object) = value, let tensor = object as? TensorObject {
            guard let dtype, dtype != tensor.variable.dtype else { return tensor.variable }
            return try NativeCall.mapping { try tensor.variable.cast(to: dtype) }
        }
        return Variable(try tensor(from: value, dtype: dtype, name: name))
    }

    /// A plain tensor (no graph) from a number, Bool or nested array.
    public static func tensor(from value: Value, dtype: DType?, name: String) throws -> Tensor {
        if case .native(let object) = value, let tensor = object as? TensorObject {
            return dtype.map { tensor.variable.value.cast(to: $0) } ?? tensor.variable.value
        }
        var shape: [Int] = []
        var leaves: [Value] = []
        try flatten(value, depth: 0, shape: &shape, into: &leaves, name: name)
        return try NativeCall.mapping { try build(leaves, shape: shape, dtype: dtype, name: name) }
    }

    private static func flatten(_ value: Value, depth: Int, shape: inout [Int], into leaves: inout [Value], name: String) throws {
        switch value {
        case .array(let elements):
            if depth == shape.count {
                guard leaves.isEmpty else { throw ragged(name) }
                shape.append(elements.count)
            } else if depth > shape.count || shape[depth] != elements.count {
                throw ragged(name)
            }
            for element in elements { try flatten(element, depth: depth + 1, shape: &shape, into: &leaves, name: name) }
        case .int, .double, .bool:
            guard depth == shape.count else { throw ragged(name) }
            leaves.append(value)
        case .native(let object as TensorObject) where object.variable.count == 1:
            guard depth == shape.count else { throw ragged(name) }
            leaves.append(try scalarValue(of: object.variable.value))
        default:
            throw FolioError(.TypeError, "\(name): expected numbers or nested arrays of numbers, got \(value.typeName)")
        }
    }

    private static func ragged(_ name: String) -> FolioError {
        FolioError(.ShapeError, "\(name): nested arrays must be rectangular (every row the same length)")
    }

    private static func build(_ leaves: [Value], shape: [Int], dtype: DType?, name: String) throws -> Tensor {
        let allBool = !leaves.isEmpty && leaves.allSatisfy { if case .bool = $0 { return true } else { return false } }
        let allInt = !leaves.isEmpty && leaves.allSatisfy { if case .int = $0 { return true } else { return false } }
        let inferred: DType = allBool ? .bool : (allInt ? .i64 : .defaultFloat)
        let target = dtype ?? inferred
        let tensor: Tensor
        if allBool {
            tensor = try Tensor(bools: leaves.map { if case .bool(let flag) = $0 { return flag } else { return false } }, shape: shape)
        } else if allInt {
            tensor = try Tensor(integers: leaves.map { if case .int(let integer) = $0 { return Int64(integer) } else { return 0 } }, shape: shape)
        } else {
            let numbers = leaves.map { leaf -> Double in
                if case .bool(let flag) = leaf { return flag ? 1 : 0 }
                return leaf.numericValue ?? 0
            }
            tensor = try Tensor(numbers, shape: shape, dtype: target.isComplex ? .f64 : target)
        }
        return tensor.dtype == target ? tensor : tensor.cast(to: target)
    }

    /// The single element of a one-element tensor as an Int, Double or Bool value.
    public static func scalarValue(of tensor: Tensor) throws -> Value {
        let element = try NativeCall.mapping { try tensor.item() }
        return value(of: element)
    }

    static func value(of element: ScalarValue) -> Value {
        switch element {
        case .bool(let flag): return .bool(flag)
        case .int(let integer): return .int(Int(integer))
        case .double(let number): return .double(number)
        case .complex(let number): return .double(number.real)
        }
    }

    /// `x.tolist()`: nested arrays of numbers (a 0-d tensor gives the number itself).
    public static func list(of tensor: Tensor) -> Value {
        func convert(_ nested: NestedArray) -> Value {
            switch nested {
            case .scalar(let element): return value(of: element)
            case .array(let children): return .array(children.map(convert))
            }
        }
        return convert(tensor.toNested())
    }

    /// Wraps a result variable as a language value.
    public static func wrap(_ variable: Variable) -> Value {
        .native(TensorObject(variable))
    }

    /// The dtype named by a string (`"f32"`, `"float64"`, `"int"`, ...).
    public static func dtype(named name: String) throws -> DType {
        let aliases: [String: DType] = [
            "float": .f32, "float32": .f32, "f4": .f32, "double": .f64, "float64": .f64, "f8": .f64,
            "int": .i64, "int64": .i64, "long": .i64, "i8": .i64, "bool": .bool,
            "complex64": .c64, "complex128": .c128, "complex": .c64,
        ]
        if let dtype = DType(rawValue: name) ?? aliases[name.lowercased()] { return dtype }
        let known = DType.allCases.map(\.rawValue).joined(separator: ", ")
        throw FolioError(.ValueError, "unknown dtype \"\(name)\"; use one of \(known)")
    }
}
