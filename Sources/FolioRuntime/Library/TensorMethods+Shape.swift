import FolioAutograd
import FolioTensor

/// Views and shape changes: all recorded, so gradients flow through them.
extension TensorMethods {
    static let shapeOps: [BuiltinFunction] = [reshape, flatten, squeeze, unsqueeze, transpose, permute, expand, split, chunk]

    private static let shapeParameter = Parameter("shape", .variadic)

    static let reshape = op("reshape", [x, shapeParameter],
                            DocEntry("The same elements in a new shape; one size may be -1 (inferred).",
                                     example: "reshape(arange(6), 2, 3)\narange(6).reshape([3, -1])")) { arguments in
        try arguments.variable(0).reshape(try shapeAllowingInferred(arguments))
    }

    /// Sizes from `reshape(x, 2, 3)` or `reshape(x, [2, 3])`, where -1 is allowed.
    private static func shapeAllowingInferred(_ arguments: BoundArguments) throws -> [Int] {
        var items = arguments.variadic
        if items.count == 1, case .array(let elements) = items[0] { items = elements }
        return try items.map { item in
            guard case .int(let size) = item else { throw FolioError(.TypeError, "reshape(): sizes must be Ints, got \(item.typeName)") }
            return size
        }
    }

    static let flatten = op("flatten", [x], DocEntry("All elements along one axis.", example: "flatten(ones(2, 3)).shape")) { arguments in
        let tensor = try arguments.variable(0)
        return try tensor.reshape([tensor.count])
    }

    static let squeeze = op("squeeze", [x, axisParameter()],
                            DocEntry("Removes axes of size 1 (only `axis:` when given).", example: "squeeze(zeros(1, 3, 1)).shape")) { arguments in
        try arguments.variable(0).squeeze(try arguments.axes(1))
    }

    static let unsqueeze = op("unsqueeze", [x, Parameter("axis")],
                              DocEntry("Inserts an axis of size 1 at `axis`.", example: "unsqueeze(zeros(3), 0).shape")) { arguments in
        try arguments.variable(0).unsqueeze(try arguments.int(1, default: 0))
    }

    static let transpose = op("transpose", [x, Parameter("axis0", defaultText: "-2"), Parameter("axis1", defaultText: "-1")],
                              DocEntry("Swaps two axes (the last two by default); a view.", example: "transpose(zeros(2, 3)).shape")) { arguments in
        let tensor = try arguments.variable(0)
        guard tensor.rank >= 2 else { return tensor }
        return try tensor.transpose(try arguments.int(1, default: -2), try arguments.int(2, default: -1))
    }

    static let permute = op("permute", [x, Parameter("axes", .variadic)],
                            DocEntry("Reorders the axes; a view.", example: "permute(zeros(2, 3, 4), 2, 0, 1).shape")) { arguments in
        try arguments.variable(0).permute(try arguments.shape())
    }

    static let expand = op("expand", [x, shapeParameter],
                           DocEntry("Broadcasts to a larger shape without copying.", example: "expand(tensor([1, 2]), 3, 2)")) { arguments in
        try arguments.variable(0).expand(try arguments.shape())
    }

    static let split = function("split", [x, Parameter("sizes"), axisParameter("0")],
                                DocEntry("Pieces along `axis:`: of `sizes` each (an Int) or of the listed sizes (an array).",
                                         example: "split(arange(5), 2)   // pieces of 2, 2 and 1")) { arguments, _ in
        let tensor = try arguments.variable(0)
        let axis = try arguments.int(2, default: 0)
        let normalized = axis < 0 ? axis + tensor.rank : axis
        guard normalized >= 0, normalized < tensor.rank else { throw TensorError.invalidAxis(op: "split", axis: axis, rank: tensor.rank) }
        let total = tensor.shape[normalized]
        var sizes = try arguments.ints(1, default: [1])
        if case .int(let each)? = arguments[1] {
            guard each > 0 else { throw FolioError(.ValueError, "split(): the piece size must be positive, got \(each)") }
            sizes = stride(from: 0, to: total, by: each).map { Swift.min(each, total - $0) }
        }
        return .array(try pieces(tensor, sizes: sizes, axis: normalized).map(TensorConversion.wrap))
    }

    static let chunk = function("chunk", [x, Parameter("count"), axisParameter("0")],
                                DocEntry("`count` nearly equal pieces along `axis:` (the last may be smaller).",
                                         example: "chunk(arange(6), 3)")) { arguments, _ in
        let tensor = try arguments.variable(0)
        let count = try arguments.int(1, default: 1)
        guard count > 0 else { throw FolioError(.ValueError, "chunk(): count must be positive, got \(count)") }
        let axis = try arguments.int(2, default: 0)
        let normalized = axis < 0 ? axis + tensor.rank : axis
        guard normalized >= 0, normalized < tensor.rank else { throw TensorError.invalidAxis(op: "chunk", axis: axis, rank: tensor.rank) }
        let total = tensor.shape[normalized]
        let each = Swift.max(1, (total + count - 1) / count)
        let sizes = stride(from: 0, to: total, by: each).map { Swift.min(each, total - $0) }
        return .array(try pieces(tensor, sizes: sizes, axis: normalized).map(TensorConversion.wrap))
    }

    /// Consecutive slices of `sizes` along `axis` (views, so gradients flow).
    static func pieces(_ tensor: Variable, sizes: [Int], axis: Int) throws -> [Variable] {
        guard sizes.reduce(0, +) == tensor.shape[axis], sizes.allSatisfy({ $0 >= 0 }) else {
            throw TensorError.invalidArgument(op: "split", message: "sizes \(sizes) do not add up to \(tensor.shape[axis]) along axis \(axis)")
        }
        var start = 0
        return try sizes.map { size in
            var indices = Array(repeating: TensorIndex.all, count: tensor.rank)
            indices[axis] = .range(start: start, stop: start + size, step: 1)
            start += size
            return try tensor.slice(indices)
        }
    }
}
