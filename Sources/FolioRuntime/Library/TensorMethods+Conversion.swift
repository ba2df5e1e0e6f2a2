import FolioAutograd
import FolioTensor

/// Dtype conversions and leaving the tensor world (`tolist`, `item`).
extension TensorMethods {
    static let conversions: [BuiltinFunction] = [tolist, to, cast("float", .f32), cast("double", .f64), cast("long", .i64),
                                                 cast("bool", .bool), clone, contiguous]

    static let tolist = function("tolist", [x], DocEntry("The elements as nested arrays of numbers (a 0-d tensor gives a number).",
                                                         example: "tensor([[1, 2], [3, 4]]).tolist()")) { arguments, _ in
        TensorConversion.list(of: try arguments.variable(0).value)
    }

    static let to = op("to", [x, Parameter("dtype")], DocEntry("A copy converted to `dtype` (\"f32\", \"f64\", \"i64\", \"bool\", \"c64\", \"c128\").",
                                                              example: "arange(3).to(\"f64\")")) { arguments in
        let tensor = try arguments.variable(0)
        let name = try arguments.string(1, default: "f32")
        return try tensor.cast(to: try TensorConversion.dtype(named: name))
    }

    private static func cast(_ name: String, _ dtype: DType) -> BuiltinFunction {
        op(name, [x], DocEntry("Converted to \(dtype) (PyTorch's `.\(name)()`).", example: "tensor([1.5, -2.0]).\(name)()")) { arguments in
            let tensor = try arguments.variable(0)
            return tensor.dtype == dtype ? tensor : try tensor.cast(to: dtype)
        }
    }

    static let clone = op("clone", [x], DocEntry("A copy with its own storage (still in the graph).", example: "clone(arange(3))")) { arguments in
        let tensor = try arguments.variable(0)
        return try tensor.apply(.mul, Variable(Tensor.weakScalar(1, like: tensor.value)))
    }

    static let contiguous = op("contiguous", [x], DocEntry("The same values in dense row-major storage.",
                                                          example: "transpose(ones(2, 3)).contiguous()")) { arguments in
        let tensor = try arguments.variable(0)
        guard !tensor.value.isContiguous else { return tensor }
        // A product with 1 is a fresh dense tensor that stays in the graph.
        return try kernelOrComposite([tensor], kernel: { $0[0].contiguous() }) {
            try tensor.apply(.mul, Variable(Tensor.weakScalar(1, like: tensor.value)))
        }
    }
}
