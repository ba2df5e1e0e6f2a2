import FolioAutograd
import FolioTensor

/// Argument parsing and the differentiable constant mode of `pad`.
extension TensorMethods {
    /// `2` (every axis, both sides) or `[[before, after], ...]` for the last axes.
    static func padWidths(_ value: Value, rank: Int) throws -> [(before: Int, after: Int)] {
        if case .int(let width) = value { return Array(repeating: (width, width), count: rank) }
        guard case .array(let pairs) = value else {
            throw FolioError(.TypeError, "pad(widths) expects an Int or an array of [before, after] pairs, got \(value.typeName)")
        }
        return try pairs.map { pair in
            guard case .array(let sides) = pair, sides.count == 2, case .int(let before) = sides[0], case .int(let after) = sides[1] else {
                throw FolioError(.TypeError, "pad(widths): each entry must be a pair [before, after] of Ints")
            }
            guard before >= 0, after >= 0 else { throw FolioError(.ValueError, "pad(widths): widths must be non-negative") }
            return (before, after)
        }
    }

    /// The tensor written into a filled larger one (`assigning` records, so gradients flow).
    static func constantPad(_ tensor: Variable, _ widths: [(before: Int, after: Int)], _ fill: Double) throws -> Variable {
        guard widths.count <= tensor.rank else {
            throw TensorError.invalidArgument(op: "pad", message: "\(widths.count) pad pairs for a tensor of rank \(tensor.rank)")
        }
        let leading = tensor.rank - widths.count
        var shape = tensor.shape
        var region = Array(repeating: TensorIndex.all, count: tensor.rank)
        for (offset, width) in widths.enumerated() {
            let axis = leading + offset
            let size = tensor.shape[axis]
            shape[axis] = size + width.before + width.after
            region[axis] = .range(start: width.before, stop: width.before + size, step: 1)
        }
        let canvas = Variable(try Tensor.full(shape: shape, value: fill, dtype: tensor.dtype))
        return try canvas.assigning(tensor, at: region)
    }
}
