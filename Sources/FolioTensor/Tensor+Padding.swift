/// How `pad` fills the new border.
public enum PadMode: Equatable, Sendable {
    /// A constant value (NumPy `constant`, PyTorch `constant`).
    case constant(Double)
    /// The mirror image without repeating the edge: `[1, 2, 3]` padded by 2 gives
    /// `[3, 2, 1, 2, 3, 2, 1]` (NumPy and PyTorch `reflect`). Widths must be below the axis size.
    case reflect
    /// Wrap around: `[1, 2, 3]` padded by 2 gives `[2, 3, 1, 2, 3, 1, 2]` (NumPy `wrap`, PyTorch
    /// `circular`). Widths must not exceed the axis size.
    case circular
    /// The edge value repeated (NumPy `edge`, PyTorch `replicate`).
    case edge
}

/// Padding, a composite of slices, `flip` and `cat`.
extension Tensor {
    /// The tensor with `widths[axis] = (before, after)` entries added on each side of every axis,
    /// NumPy order (first pair for axis 0); a single pair applies to every axis, as in NumPy.
    public func pad(_ widths: [(before: Int, after: Int)], mode: PadMode = .constant(0)) throws -> Tensor {
        let perAxis = widths.count == 1 ? Array(repeating: widths[0], count: rank) : widths
        guard perAxis.count == rank else {
            throw TensorError.invalidArgument(op: "pad", message: "expected \(rank) (before, after) pairs for shape \(formatShape(shape)), got \(widths.count)")
        }
        var result = self
        for (axis, width) in perAxis.enumerated() where width.before != 0 || width.after != 0 {
            guard width.before >= 0, width.after >= 0 else {
                throw TensorError.invalidArgument(op: "pad", message: "pad widths must be non-negative, got (\(width.before), \(width.after)) for axis \(axis)")
            }
            result = try result.padAxis(axis, before: width.before, after: width.after, mode: mode)
        }
        return result
    }

    /// Pads only the last `widths.count` axes (the layout convolutions and pooling use).
    public func padTrailing(_ widths: [(before: Int, after: Int)], mode: PadMode = .constant(0)) throws -> Tensor {
        guard widths.count <= rank else {
            throw TensorError.invalidArgument(op: "pad", message: "\(widths.count) pad pairs for a tensor of rank \(rank)")
        }
        let none: [(before: Int, after: Int)] = Array(repeating: (0, 0), count: rank - widths.count)
        return try pad(none + widths, mode: mode)
    }

    private func padAxis(_ axis: Int, before: Int, after: Int, mode: PadMode) throws -> Tensor {
        let size = shape[axis]
        let (head, tail): (Tensor, Tensor)
        switch mode {
        case let .constant(value):
            var headShape = shape
            var tailShape = shape
            headShape[axis] = before
            tailShape[axis] = after
            head = try Tensor.full(shape: headShape, value: value, dtype: dtype)
            tail = try Tensor.full(shape: tailShape, value: value, dtype: dtype)
        case .reflect:
            guard before < size, after < size else {
                throw TensorError.invalidArgument(op: "pad", message: "reflect padding (\(before), \(after)) must be smaller than axis \(axis) of size \(size) (shape \(formatShape(shape)))")
            }
            head = try narrow(axis: axis, start: 1, length: before).flip(axes: [axis])
            tail = try narrow(axis: axis, start: size - 1 - after, length: after).flip(axes: [axis])
        case .circular:
            guard before <= size, after <= size else {
                throw TensorError.invalidArgument(op: "pad", message: "circular padding (\(before), \(after)) cannot exceed axis \(axis) of size \(size) (shape \(formatShape(shape)))")
            }
            head = try narrow(axis: axis, start: size - before, length: before)
            tail = try narrow(axis: axis, start: 0, length: after)
        case .edge:
            guard size > 0 else {
                throw TensorError.invalidArgument(op: "pad", message: "edge padding of the empty axis \(axis) (shape \(formatShape(shape)))")
            }
            var headShape = shape
            var tailShape = shape
            headShape[axis] = before
            tailShape[axis] = after
            head = try narrow(axis: axis, start: 0, length: 1).expand(headShape)
            tail = try narrow(axis: axis, start: size - 1, length: 1).expand(tailShape)
        }
        return try Tensor.cat([head, self, tail], axis: axis)
    }
}
