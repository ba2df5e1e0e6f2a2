import FolioAutograd
import FolioTensor

/// `interpolate` and `grid_sample` on variables, with the weights and formulas of
/// `Tensor.interpolate`/`Tensor.gridSample` (PyTorch, `align_corners=False`). Resampling is a
/// constant matrix per axis (or a `take` for `nearest`), and `grid_sample` a weighted `gather`
/// whose weights are differentiable in the grid, so gradients reach the input and the grid.
extension Variable {
    /// Resizes the spatial axes of `(N, C, *spatial)` to `size`, one axis at a time.
    public func interpolate(size: [Int], mode: InterpolationMode = .nearest) throws -> Variable {
        guard !size.isEmpty, rank == size.count + 2 else {
            throw TensorError.invalidShape(op: "interpolate", shape: shape, reason: "expected (N, C) and \(size.count) spatial axes for size \(size)")
        }
        guard size.allSatisfy({ $0 > 0 }), shape.dropFirst(2).allSatisfy({ $0 > 0 }) else {
            throw TensorError.invalidArgument(op: "interpolate", message: "output size \(size) and input \(formatShape(shape)) must be non-empty")
        }
        var result = mode == .nearest || dtype.isFloatingPoint ? self : try cast(to: dtype.floatingType)
        for (offset, target) in size.enumerated() {
            let axis = offset + 2
            let length = shape[axis]
            if mode == .nearest {
                result = try result.take(positions: Tensor.nearestPositions(input: length, output: target), axis: axis)
            } else {
                let weights = try Tensor.resamplingMatrix(input: length, output: target, mode: mode, dtype: result.dtype)
                result = try result.transpose(axis, -1).matmul(Variable.constant(weights.transpose())).transpose(axis, -1)
            }
        }
        return result
    }

    /// Resizes by `scale` per spatial axis: `size = floor(in * scale)`.
    public func interpolate(scale: [Double], mode: InterpolationMode = .nearest) throws -> Variable {
        let spatial = Array(shape.dropFirst(2))
        let factors = scale.count == 1 ? Array(repeating: scale[0], count: spatial.count) : scale
        guard factors.count == spatial.count, factors.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw TensorError.invalidArgument(op: "interpolate", message: "scale \(scale) needs 1 or \(spatial.count) positive entries")
        }
        return try interpolate(size: zip(spatial, factors).map { Int((Double($0) * $1).rounded(.down)) }, mode: mode)
    }

    /// Samples `(N, C, H, W)` bilinearly at `grid` `(N, Ho, Wo, 2)` points (x then y in `[-1, 1]`),
    /// zeros outside. The corners (`floor`) and the in-bounds masks are constants; the weights
    /// are differentiable in the grid, the gathered values in the input.
    public func gridSample(_ grid: Variable) throws -> Variable {
        guard rank == 4, grid.rank == 4, grid.shape[0] == shape[0], grid.shape[3] == 2 else {
            throw TensorError.shapeMismatch(op: "grid_sample", shapes: [shape, grid.shape],
                                            reason: "expected input (N, C, H, W) and grid (N, Ho, Wo, 2)")
        }
        let (batch, channels, height, width) = (shape[0], shape[1], shape[2], shape[3])
        let outputs = grid.shape[1] * grid.shape[2]
        let common = DType.promote(dtype.floatingType, grid.dtype.floatingType)
        let points = try (grid.dtype == common ? grid : grid.cast(to: common)).reshape([batch, outputs, 2])
        let ix = try Variable.pixelCoordinate(points.slice([.all, .all, .at(0)]), size: width)
        let iy = try Variable.pixelCoordinate(points.slice([.all, .all, .at(1)]), size: height)
        let (x0, y0) = (try ix.value.floor(), try iy.value.floor())
        let (fx, fy) = (try ix - Variable.constant(x0), try iy - Variable.constant(y0))
        let image = try (dtype == common ? self : cast(to: common)).reshape([batch, channels, height * width])
        var total: Variable?
        for (dy, dx) in [(0, 0), (0, 1), (1, 0), (1, 1)] {
            let (cornerX, cornerY) = (try x0 + Double(dx), try y0 + Double(dy))
            let inside = try Variable.inBounds(cornerX, width) * Variable.inBounds(cornerY, height)
            let row = try cornerY.clamp(min: 0, max: Double(height - 1))
            let column = try cornerX.clamp(min: 0, max: Double(width - 1))
            let flat = try (row * Double(width) + column).cast(to: .i64)
            let indices = try flat.unsqueeze(1).expand([batch, channels, outputs]).contiguous()
            let values = try image.gather(axis: 2, indices: Variable.constant(indices))
            let weightX = dx == 1 ? fx : try 1.0 - fx
            let weightY = dy == 1 ? fy : try 1.0 - fy
            let weighted = try values * (weightX * weightY * Variable.constant(inside.cast(to: common))).unsqueeze(1)
            total = try total.map { try $0 + weighted } ?? weighted
        }
        guard let total else { return self }
        return try total.reshape([batch, channels, grid.shape[1], grid.shape[2]])
    }

    /// `((g + 1) size - 1) / 2`, the pixel coordinate of a normalised grid value.
    private static func pixelCoordinate(_ normalized: Variable, size: Int) throws -> Variable {
        let scaled = try (normalized + 1.0) * Double(size)
        return try (scaled - 1.0) / 2.0
    }

    /// `0 <= position < size`, as 0/1.
    private static func inBounds(_ position: Tensor, _ size: Int) throws -> Tensor {
        let above = try position .>= Tensor(scalar: 0, dtype: position.dtype)
        let below = try position .< Double(size)
        return try above.cast(to: .i64) * below.cast(to: .i64)
    }
}
