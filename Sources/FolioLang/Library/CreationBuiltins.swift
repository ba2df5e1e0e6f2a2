import FolioAutograd
import FolioRuntime
import FolioTensor

/// Tensors from data and from shapes: `tensor`, `zeros`, `ones`, `full`, `eye`, `arange`, `linspace`, `*_like`.
enum CreationBuiltins {
    static let all: [BuiltinFunction] = [tensor, zeros, ones, full, eye, arange, linspace, zerosLike, onesLike, fullLike]

    static let dtypeParameter = Parameter("dtype", .labelled, defaultText: "nil")

    static func make(_ name: String, _ parameters: [Parameter], _ doc: DocEntry,
                     _ body: @escaping (BoundArguments, CallContext) throws -> Tensor) -> BuiltinFunction {
        BuiltinFunction(name, parameters, doc: doc) { arguments, context in
            try NativeCall.run(context) { TensorConversion.wrap(Variable(try body(arguments, context))) }
        }
    }

    static let tensor = BuiltinFunction(
        "tensor", [Parameter("data"), dtypeParameter],
        doc: DocEntry("A tensor from a number or nested arrays (Ints give i64, Bools give bool, else f32).",
                      details: "`dtype:` is one of f32, f64, i64, bool, c64, c128. A tensor argument is converted (a copy when the dtype changes).",
                      example: "tensor([[1, 2], [3, 4]], dtype: \"f64\")")
    ) { arguments, context in
        let dtype = try arguments.dtype(1)
        return try NativeCall.run(context) {
            TensorConversion.wrap(try TensorConversion.variable(arguments.value(0), dtype: dtype, name: "tensor(data)"))
        }
    }

    private static func filled(_ name: String, _ value: Double, _ summary: String) -> BuiltinFunction {
        make(name, [Parameter("shape", .variadic), dtypeParameter],
             DocEntry(summary, example: "\(name)(2, 3)\n\(name)([4], dtype: \"i64\")")) { arguments, _ in
            try Tensor.full(shape: try arguments.shape(), value: value, dtype: try arguments.dtype(1) ?? .defaultFloat)
        }
    }

    static let zeros = filled("zeros", 0, "A tensor of zeros of the given shape (f32 unless `dtype:`).")
    static let ones = filled("ones", 1, "A tensor of ones of the given shape (f32 unless `dtype:`).")

    static let full = make("full", [Parameter("shape", .variadic), Parameter("value", .labelled), dtypeParameter],
                           DocEntry("A tensor of the given shape filled with `value:`.", example: "full(2, 2, value: 7.5)")) { arguments, _ in
        try Tensor.full(shape: try arguments.shape(), value: try arguments.double(1, default: 0), dtype: try arguments.dtype(2) ?? .defaultFloat)
    }

    static let eye = make("eye", [Parameter("rows"), Parameter("columns", defaultText: "nil"), dtypeParameter],
                          DocEntry("The identity matrix (ones on the diagonal), `rows × columns`.", example: "eye(3)")) { arguments, _ in
        try Tensor.eye(try arguments.int(0, default: 1), try arguments.optionalInt(1), dtype: try arguments.dtype(2) ?? .defaultFloat)
    }

    static let arange = make("arange", [Parameter("start"), Parameter("stop", defaultText: "nil"), Parameter("step", defaultText: "1"), dtypeParameter],
                             DocEntry("Evenly spaced values in [start, stop): i64 when every bound is an Int, else f32.",
                                      details: "`arange(n)` is 0, 1, …, n-1.", example: "arange(5)\narange(0, 1, 0.25)")) { arguments, _ in
        let bounds = [arguments.value(0), arguments[1] ?? .none, arguments[2] ?? .int(1)]
        let integral = bounds.allSatisfy { if case .int = $0 { return true } else { return $0.isNone } }
        let dtype = try arguments.dtype(3)
        if integral, dtype == nil || dtype == .i64 {
            let first = try arguments.int(0, default: 0)
            let (lower, upper) = try arguments.optionalInt(1).map { (first, $0) } ?? (0, first)
            return try Tensor.arange(lower, upper, step: try arguments.int(2, default: 1))
        }
        let first = try arguments.double(0, default: 0)
        let stop = try arguments.optionalDouble(1)
        let (start, end) = stop.map { (first, $0) } ?? (0, first)
        let step = try arguments.double(2, default: 1)
        return try Tensor.arange(start, end, step: step, dtype: dtype ?? .defaultFloat)
    }

    static let linspace = make("linspace", [Parameter("start"), Parameter("stop"), Parameter("count", defaultText: "50"), dtypeParameter],
                               DocEntry("`count` evenly spaced values from start to stop, both included.",
                                        example: "linspace(0, 1, 5)")) { arguments, _ in
        try Tensor.linspace(try arguments.double(0, default: 0), try arguments.double(1, default: 1),
                            count: try arguments.int(2, default: 50), dtype: try arguments.dtype(3) ?? .defaultFloat)
    }

    private static func like(_ name: String, _ summary: String, _ body: @escaping (Tensor, DType?) throws -> Tensor) -> BuiltinFunction {
        make(name, [Parameter("x"), dtypeParameter], DocEntry(summary, example: "\(name)(eye(2))")) { arguments, _ in
            try body(try arguments.variable(0).value, try arguments.dtype(1))
        }
    }

    static let zerosLike = like("zeros_like", "Zeros with the shape (and dtype, unless `dtype:`) of x.") { $0.zerosLike(dtype: $1) }
    static let onesLike = like("ones_like", "Ones with the shape (and dtype, unless `dtype:`) of x.") { $0.onesLike(dtype: $1) }

    static let fullLike = make("full_like", [Parameter("x"), Parameter("value"), dtypeParameter],
                               DocEntry("`value` everywhere, with the shape (and dtype, unless `dtype:`) of x.",
                                        example: "full_like(eye(2), 3)")) { arguments, _ in
        try arguments.variable(0).value.fullLike(try arguments.double(1, default: 0), dtype: try arguments.dtype(2))
    }
}
