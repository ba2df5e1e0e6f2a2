import FolioAutograd
import FolioTensor

/// Reductions over any axes (`axis: nil` reduces everything to a 0-d tensor), with `keepdims`.
extension TensorMethods {
    static let reductions: [BuiltinFunction] = [sum, mean, prod, variance, std, logsumexp, norm, allTrue, anyTrue, min, max]
        + [argmax, argmin, cumsum, cumprod, softmax, logSoftmax]

    /// A reduction `name(x, axis: nil, keepdims: false)`.
    private static func reduction(_ name: String, _ summary: String, formula: String = "",
                                  _ body: @escaping (Variable, [Int]?, Bool) throws -> Variable) -> BuiltinFunction {
        op(name, [x, axisParameter(), keepdims],
           DocEntry(summary, details: formula + " `axis:` is an Int, an array of Ints or nil (every axis).",
                    example: "\(name)(tensor([[1.0, 2.0], [3.0, 5.0]]), axis: 1)")) { arguments in
            try body(try arguments.variable(0), try arguments.axes(1), try arguments.bool(2, default: false))
        }
    }

    /// `sum` also takes `start:` because it stands in for the core `sum` of sequences.
    static let sum = op("sum", [x, axisParameter(), keepdims, Parameter("start", .labelled, defaultText: "0")],
                        DocEntry("The sum of the elements, over `axis:` (nil: all), as a tensor; of a sequence, a number.",
                                 details: "Σᵢ xᵢ. On arrays and ranges it adds the numbers from `start:`.",
                                 example: "sum(tensor([[1, 2], [3, 4]]), axis: 0)\nsum([1, 2, 3])")) { arguments in
        let total = try arguments.variable(0).sum(axes: try arguments.axes(1), keepDims: try arguments.bool(2, default: false))
        guard let start = arguments[3], start.numericValue != 0 else { return total }
        return try TensorOperators.apply(.add, total, try TensorConversion.variable(start))
    }

    static let mean = reduction("mean", "The arithmetic mean.", formula: "(1/n) Σᵢ xᵢ.") { try $0.mean(axes: $1, keepDims: $2) }
    static let prod = reduction("prod", "The product of the elements.", formula: "Πᵢ xᵢ.") { try $0.prod(axes: $1, keepDims: $2) }
    static let logsumexp = reduction("logsumexp", "ln Σ exp(x), computed stably.",
                                     formula: "m + ln Σᵢ exp(xᵢ - m), m = max x.") { try $0.logsumexp(axes: $1, keepDims: $2) }
    static let norm = reduction("norm", "The Euclidean (Frobenius) norm.", formula: "√(Σᵢ xᵢ²).") { try $0.norm(axes: $1, keepDims: $2) }
    static let allTrue = reduction("all", "True when every element is non-zero.") { tensor, axes, keep in
        try constant("all", [tensor]) { try $0[0].all(axes: axes, keepDims: keep) }
    }
    static let anyTrue = reduction("any", "True when some element is non-zero.") { tensor, axes, keep in
        try constant("any", [tensor]) { try $0[0].any(axes: axes, keepDims: keep) }
    }

    private static let ddof = Parameter("ddof", .labelled, defaultText: "0")

    static let variance = op("var", [x, axisParameter(), ddof, keepdims],
                             DocEntry("The variance, dividing by n - ddof.", details: "Σᵢ (xᵢ - mean)² / (n - ddof).",
                                      example: "tensor([1.0, 2.0, 4.0]).var(ddof: 1)   // var is a keyword: call it as a method")) { arguments in
        try arguments.variable(0).variance(axes: try arguments.axes(1), ddof: try arguments.int(2, default: 0),
                                           keepDims: try arguments.bool(3, default: false))
    }

    static let std = op("std", [x, axisParameter(), ddof, keepdims],
                        DocEntry("The standard deviation, √var.", details: "√(Σᵢ (xᵢ - mean)² / (n - ddof)).",
                                 example: "std(tensor([1.0, 2.0, 4.0]))")) { arguments in
        try arguments.variable(0).std(axes: try arguments.axes(1), ddof: try arguments.int(2, default: 0),
                                      keepDims: try arguments.bool(3, default: false))
    }

    /// `min`/`max` stand in for the core builtins too, so they take values variadically:
    /// `max(x)` reduces, `max(x, axis: 0)` reduces along an axis, `max(a, b)` is elementwise.
    private static func extremum(_ name: String, _ pick: @escaping (Variable, Variable) throws -> Variable,
                                 _ reduce: @escaping (Variable, [Int]?, Bool) throws -> Variable) -> BuiltinFunction {
        op(name, [Parameter("values", .variadic), axisParameter(), keepdims],
           DocEntry("The \(name)imum of a tensor (over `axis:`), or of two tensors elementwise; of numbers, the \(name)imum of them.",
                    example: "\(name)(tensor([[1, 7], [4, 2]]), axis: 1)\n\(name)(3, 1, 2)")) { arguments in
            let values = try arguments.variadic.map { try TensorConversion.variable($0, name: name) }
            guard let first = values.first else { throw FolioError(.TypeError, "\(name)() needs at least one argument") }
            if values.count == 1 { return try reduce(first, try arguments.axes(1), try arguments.bool(2, default: false)) }
            return try values.dropFirst().reduce(first, pick)
        }
    }

    static let max = extremum("max", { try $0.maximum($1) }) { try $0.max(axes: $1, keepDims: $2) }
    static let min = extremum("min", { try $0.minimum($1) }) { try $0.min(axes: $1, keepDims: $2) }

    private static func argReduction(_ name: String, _ body: @escaping (Variable, Int?, Bool) throws -> Variable) -> BuiltinFunction {
        op(name, [x, axisParameter(), keepdims],
           DocEntry("The index of the \(name.dropFirst(3))imum (of the flattened tensor when `axis:` is nil), as i64.",
                    example: "\(name)(tensor([[1, 7], [4, 2]]), axis: 1)")) { arguments in
            try body(try arguments.variable(0), try arguments.optionalInt(1), try arguments.bool(2, default: false))
        }
    }

    static let argmax = argReduction("argmax") { try $0.argmax(axis: $1, keepDims: $2) }
    static let argmin = argReduction("argmin") { try $0.argmin(axis: $1, keepDims: $2) }

    private static func cumulative(_ name: String, _ body: @escaping (Variable, Int) throws -> Variable) -> BuiltinFunction {
        op(name, [x, axisParameter()],
           DocEntry("The running \(name == "cumsum" ? "sum" : "product") along `axis:` (nil: of the flattened tensor).",
                    example: "\(name)(tensor([1.0, 2.0, 3.0]))")) { arguments in
            let tensor = try arguments.variable(0)
            guard let axis = try arguments.optionalInt(1) else { return try body(tensor.reshape([tensor.count]), 0) }
            return try body(tensor, axis)
        }
    }

    static let cumsum = cumulative("cumsum") { try $0.cumsum(axis: $1) }
    static let cumprod = cumulative("cumprod") { try $0.cumprod(axis: $1) }

    static let softmax = op("softmax", [x, axisParameter("-1")],
                            DocEntry("exp(x) normalised to sum to 1 along `axis:`.", details: "softmax(x)ᵢ = exp(xᵢ - m) / Σⱼ exp(xⱼ - m).",
                                     example: "softmax(tensor([1.0, 2.0, 3.0]))")) { arguments in
        try arguments.variable(0).softmax(axis: try arguments.int(1, default: -1))
    }

    static let logSoftmax = op("log_softmax", [x, axisParameter("-1")],
                               DocEntry("ln softmax(x), computed stably.", details: "xᵢ - logsumexp(x).",
                                        example: "log_softmax(tensor([1.0, 2.0, 3.0]))")) { arguments in
        try arguments.variable(0).logSoftmax(axis: try arguments.int(1, default: -1))
    }
}
