import FolioAutograd
import FolioTensor

/// Sorting, gathering and scattering.
extension TensorMethods {
    static let selection: [BuiltinFunction] = [sort, argsort, topk, take, gather, scatterAdd, indexAdd, maskedFill, pad]

    private static let descending = Parameter("descending", .labelled, defaultText: "false")

    /// Sorted values are gathered at the (constant) sort order, so gradients flow to the inputs.
    static let sort = op("sort", [x, axisParameter("-1"), descending],
                         DocEntry("The values sorted along `axis:` (stable).", example: "sort(tensor([3, 1, 2]), descending: true)")) { arguments in
        let tensor = try arguments.variable(0)
        let axis = try arguments.int(1, default: -1)
        let order = try tensor.value.argsort(axis: axis, descending: try arguments.bool(2, default: false))
        return try tensor.gather(axis: axis, indices: Variable(order))
    }

    static let argsort = op("argsort", [x, axisParameter("-1"), descending],
                            DocEntry("The indices that sort `x` along `axis:` (stable), as i64.", example: "argsort(tensor([3, 1, 2]))")) { arguments in
        let tensor = try arguments.variable(0)
        return Variable(try tensor.value.argsort(axis: try arguments.int(1, default: -1), descending: try arguments.bool(2, default: false)))
    }

    static let topk = function("topk", [x, Parameter("k"), axisParameter("-1"), Parameter("largest", .labelled, defaultText: "true")],
                               DocEntry("The k largest (or smallest) values along `axis:` and their indices, as a record (values:, indices:).",
                                        example: "topk(tensor([1, 9, 3, 7]), 2).values")) { arguments, _ in
        let tensor = try arguments.variable(0)
        let axis = try arguments.int(2, default: -1)
        let found = try tensor.value.topk(try arguments.int(1, default: 1), axis: axis, largest: try arguments.bool(3, default: true))
        let values = try tensor.gather(axis: axis, indices: Variable(found.indices))
        return record([("values", values), ("indices", Variable(found.indices))])
    }

    static let take = op("take", [x, Parameter("indices"), axisParameter("0")],
                         DocEntry("The slices at integer `indices` along `axis:` (NumPy's take; negative indices count from the end).",
                                  example: "take(tensor([10, 20, 30]), [2, 0])")) { arguments in
        let tensor = try arguments.variable(0)
        let axis = try normalize(try arguments.int(2, default: 0), rank: tensor.rank, op: "take")
        return try TensorSubscript.select(tensor, try TensorConversion.variable(arguments.value(1), dtype: .i64), axis: axis)
    }

    static let gather = op("gather", [x, Parameter("indices"), axisParameter("-1")],
                           DocEntry("out[i][j] = x[i][indices[i][j]] along `axis:` (PyTorch's gather).",
                                    example: "gather(tensor([[1, 2], [3, 4]]), [[1], [0]], axis: 1)")) { arguments in
        try arguments.variable(0).gather(axis: try arguments.int(2, default: -1),
                                         indices: try TensorConversion.variable(arguments.value(1), dtype: .i64))
    }

    static let scatterAdd = op("scatter_add", [x, Parameter("indices"), Parameter("source"), axisParameter("-1")],
                               DocEntry("Adds `source` into a copy of x at `indices` along `axis:` (PyTorch's scatter_add).",
                                        example: "scatter_add(zeros(3), [0, 0, 2], tensor([1.0, 2.0, 3.0]), axis: 0)")) { arguments in
        try arguments.variable(0).scatterAdd(axis: try arguments.int(3, default: -1),
                                             indices: try TensorConversion.variable(arguments.value(1), dtype: .i64),
                                             source: try arguments.variable(2))
    }

    static let indexAdd = op("index_add", [x, Parameter("indices"), Parameter("source"), axisParameter("0")],
                             DocEntry("Adds slice i of `source` to slice indices[i] of a copy of x along `axis:`.",
                                      example: "index_add(zeros(3, 2), [0, 2], ones(2, 2))")) { arguments in
        let indices = try TensorConversion.tensor(from: arguments.value(1), dtype: .i64, name: "index_add(indices)")
        return try arguments.variable(0).indexAdd(axis: try arguments.int(3, default: 0), indices: indices, source: try arguments.variable(2))
    }

    static let maskedFill = op("masked_fill", [x, Parameter("mask"), Parameter("value")],
                               DocEntry("A copy of x with `value` where `mask` is true.",
                                        example: "masked_fill(arange(4), arange(4) > 1, 0)")) { arguments in
        let tensor = try arguments.variable(0)
        let mask = try TensorConversion.variable(arguments.value(1), dtype: .bool)
        let fill = try TensorConversion.variable(arguments.value(2), dtype: tensor.dtype)
        return try Variable.select(mask, fill, tensor)
    }

    static let pad = op("pad", [x, Parameter("widths"), Parameter("mode", .labelled, defaultText: "\"constant\""),
                                Parameter("value", .labelled, defaultText: "0")],
                        DocEntry("Pads the last axes: `widths` lists (before, after) pairs from the first padded axis, or one Int for all.",
                                 details: "Modes: constant, reflect, circular, edge (or replicate); all differentiable.",
                                 example: "pad(tensor([1, 2, 3]), [[2, 1]], mode: \"reflect\")")) { arguments in
        let tensor = try arguments.variable(0)
        let widths = try padWidths(arguments.value(1), rank: tensor.rank)
        let mode = try arguments.string(2, default: "constant")
        let fill = try arguments.double(3, default: 0)
        let padMode: PadMode
        switch mode {
        case "constant": padMode = .constant(fill)
        case "reflect": padMode = .reflect
        case "circular": padMode = .circular
        case "edge", "replicate": padMode = .edge
        default: throw FolioError(.ValueError, "pad(): unknown mode \"\(mode)\"; use constant, reflect, circular or edge")
        }
        return try tensor.padTrailing(widths, mode: padMode)
    }
}
