import FolioTensor

/// Shaping and summing cotangents: the central un-broadcasting every rule relies on.
extension BackwardPass {
    /// `cotangent` summed over the axes along which `input` was broadcast, reshaped to
    /// `input.shape` and cast to its dtype — with differentiable ops, so it works at every order.
    static func fit(_ cotangent: Variable, to input: Tensor) throws -> Variable {
        var fitted = cotangent
        if fitted.shape != input.shape {
            fitted = try unbroadcast(fitted, to: input.shape)
        }
        if fitted.dtype != input.dtype {
            fitted = try fitted.cast(to: input.dtype)
        }
        return fitted
    }

    /// Sums `cotangent` over leading axes and over axes where `shape` has size 1, then reshapes.
    static func unbroadcast(_ cotangent: Variable, to shape: [Int]) throws -> Variable {
        let extra = cotangent.rank - shape.count
        guard extra >= 0 else { return try cotangent.reshape(shape) }
        var axes = Array(0..<extra)
        for (axis, size) in shape.enumerated() where size == 1 && cotangent.shape[axis + extra] != 1 {
            axes.append(axis + extra)
        }
        if axes.count == extra, extra > 0, cotangent.dtype.isFloatingPoint, cotangent.count > 0 {
            return try sumLeadingAxes(cotangent, count: extra).reshape(shape)
        }
        let summed = axes.isEmpty ? cotangent : try cotangent.sum(axes: axes, keepDims: true)
        return summed.shape == shape ? summed : try summed.reshape(shape)
    }

    /// The sum over the first `count` axes as `ones(1, rows) @ cotangent(rows, rest)`: a bias's
    /// gradient, summed over the batch. A reduction along the outer axis strides through
    /// memory, while GEMM streams rows at full speed; it is a `matmul`, so it differentiates.
    static func sumLeadingAxes(_ cotangent: Variable, count: Int) throws -> Variable {
        let rows = cotangent.shape[..<count].reduce(1, *)
        let rest = cotangent.shape[count...].reduce(1, *)
        let ones = Variable.constant(try Tensor.zeros([1, rows], dtype: cotangent.dtype).onesLike())
        return try ones.matmul(cotangent.reshape([rows, rest]))
    }

    /// Adds `cotangent` to a leaf's `.grad`, in place when nothing but the leaf holds the stored
    /// gradient (a user's handle on `.grad` keeps it unchanged; see `InPlace`).
    static func accumulateLeafGradient(_ node: GraphNode, _ cotangent: Tensor) throws {
        guard let existing = node.grad else {
            node.grad = cotangent
            return
        }
        node.grad = nil
        node.grad = try InPlace.sum(consume existing, cotangent)
    }
}
