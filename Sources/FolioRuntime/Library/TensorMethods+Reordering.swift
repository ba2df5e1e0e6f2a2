import FolioAutograd
import FolioTensor

/// Reordering and selecting elements. Written with `take`, `gather` and `where`, which have
/// gradient rules, so these differentiate without rules of their own.
extension TensorMethods {
    static let reordering: [BuiltinFunction] = [flip, roll, tile, repeatElements, tril, triu] + selection

    /// `tensor` with positions `positions` picked along `axis`.
    static func pick(_ tensor: Variable, _ positions: [Int], axis: Int) throws -> Variable {
        let indices = Variable(try Tensor(integers: positions.map(Int64.init), shape: [positions.count]))
        return try tensor.take(indices, axis: axis)
    }

    public static func normalize(_ axis: Int, rank: Int, op name: String) throws -> Int {
        let normalized = axis < 0 ? axis + rank : axis
        guard normalized >= 0, normalized < rank else { throw TensorError.invalidAxis(op: name, axis: axis, rank: rank) }
        return normalized
    }

    static let flip = op("flip", [x, axisParameter()],
                         DocEntry("Reverses the order along `axis:` (every axis when nil).", example: "flip(arange(4))")) { arguments in
        var tensor = try arguments.variable(0)
        let axes = try arguments.axes(1) ?? Array(0..<tensor.rank)
        for axis in axes {
            let normalized = try normalize(axis, rank: tensor.rank, op: "flip")
            tensor = try pick(tensor, Array((0..<tensor.shape[normalized]).reversed()), axis: normalized)
        }
        return tensor
    }

    static let roll = op("roll", [x, Parameter("shift"), axisParameter()],
                         DocEntry("Shifts elements cyclically by `shift` along `axis:` (of the flattened tensor when nil).",
                                  example: "roll(arange(5), 2)")) { arguments in
        let original = try arguments.variable(0)
        let shift = try arguments.int(1, default: 0)
        let axis = try arguments.optionalInt(2)
        let tensor = axis == nil ? try original.reshape([original.count]) : original
        let normalized = try normalize(axis ?? 0, rank: tensor.rank, op: "roll")
        let size = tensor.shape[normalized]
        guard size > 0 else { return original }
        let positions = (0..<size).map { (($0 - shift) % size + size) % size }
        let rolled = try pick(tensor, positions, axis: normalized)
        return axis == nil ? try rolled.reshape(original.shape) : rolled
    }

    static let tile = op("tile", [x, Parameter("reps")],
                         DocEntry("Repeats the whole tensor `reps` times along each axis.", example: "tile(tensor([1, 2]), [2, 2])")) { arguments in
        var tensor = try arguments.variable(0)
        let reps = try arguments.ints(1, default: [1])
        while tensor.rank < reps.count { tensor = try tensor.unsqueeze(0) }
        let offset = tensor.rank - reps.count
        for (position, count) in reps.enumerated() {
            guard count >= 0 else { throw FolioError(.ValueError, "tile(): repetitions must be non-negative, got \(count)") }
            let axis = offset + position
            let size = tensor.shape[axis]
            let repeated = try repeatedSize(tensor.shape, axis: axis, times: count, op: "tile")
            tensor = try pick(tensor, (0..<repeated).map { $0 % Swift.max(size, 1) }, axis: axis)
        }
        return tensor
    }

    static let repeatElements = op("repeat", [x, Parameter("repeats"), axisParameter()],
                                   DocEntry("Repeats each element `repeats` times along `axis:` (flattened when nil), as NumPy's repeat.",
                                            example: "repeat(tensor([1, 2]), 2)")) { arguments in
        let original = try arguments.variable(0)
        let repeats = try arguments.int(1, default: 1)
        guard repeats >= 0 else { throw FolioError(.ValueError, "repeat(): repeats must be non-negative, got \(repeats)") }
        let axis = try arguments.optionalInt(2)
        let tensor = axis == nil ? try original.reshape([original.count]) : original
        let normalized = try normalize(axis ?? 0, rank: tensor.rank, op: "repeat")
        let repeated = try repeatedSize(tensor.shape, axis: normalized, times: repeats, op: "repeat")
        return try pick(tensor, (0..<repeated).map { $0 / repeats }, axis: normalized)
    }

    /// `shape[axis] * times`, refused (before any index list is built) when it overflows or the
    /// result would not fit in memory: `tile(x, 2^62)` trapped on the product.
    private static func repeatedSize(_ shape: [Int], axis: Int, times: Int, op: String) throws -> Int {
        let (repeated, overflow) = shape[axis].multipliedReportingOverflow(by: times)
        var result = shape
        result[axis] = overflow ? Int.max : repeated
        guard !overflow, (try? Tensor.elementCount(of: result, op: op)) != nil else {
            throw FolioError(.ValueError, "\(op)(): \(times) repetitions of an axis of \(shape[axis]) make too many elements")
        }
        return repeated
    }

    private static func triangle(_ name: String, lower: Bool) -> BuiltinFunction {
        op(name, [x, Parameter("diagonal", .labelled, defaultText: "0")],
           DocEntry("The \(lower ? "lower" : "upper") triangle of the last two axes; the rest is zero.",
                    example: "\(name)(ones(3, 3))")) { arguments in
            let tensor = try arguments.variable(0)
            let diagonal = try arguments.int(1, default: 0)
            let ones = try Tensor.ones(tensor.shape)
            let kept = lower ? try ones.tril(diagonal: diagonal) : try ones.triu(diagonal: diagonal)
            let mask = Variable(try kept.compare(.ne, Tensor(scalar: 0)))
            let zero = Variable(Tensor.weakScalar(0, like: tensor.value))
            return try Variable.select(mask, tensor, zero)
        }
    }

    static let tril = triangle("tril", lower: true)
    static let triu = triangle("triu", lower: false)
}
