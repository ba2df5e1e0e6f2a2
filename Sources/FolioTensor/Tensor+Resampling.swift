import Foundation

/// How `interpolate` computes new samples, per spatial axis.
public enum InterpolationMode: String, Sendable, CaseIterable {
    /// PyTorch `nearest`: source index `floor(dst * in / out)`, clamped to the last entry.
    case nearest
    /// PyTorch `linear`/`bilinear`/`trilinear` (`align_corners=False`): source coordinate
    /// `(dst + 0.5) * in / out - 0.5`, clamped below at 0, linear weights between its neighbours.
    case bilinear
    /// PyTorch `bicubic` (`align_corners=False`): the same source coordinate (not clamped), Keys'
    /// cubic convolution with `A = -0.75` over four neighbours whose indices are clamped to the edge.
    case bicubic
}

/// `interpolate` and `grid_sample`, composites of `take`, `matmul`, `gather` and arithmetic, so
/// the gradients (also into the sampling grid) come from their parts.
extension Tensor {
    /// Resizes the spatial axes of `(N, C, *spatial)` to `size` (PyTorch `interpolate` with
    /// `size`, `align_corners=False`). Every mode is separable (one axis at a time), as PyTorch
    /// computes it; `bilinear` on a 1-d or 3-d input is PyTorch's `linear` or `trilinear`.
    public func interpolate(size: [Int], mode: InterpolationMode = .nearest) throws -> Tensor {
        guard !size.isEmpty, rank == size.count + 2 else {
            throw TensorError.invalidShape(op: "interpolate", shape: shape, reason: "expected (N, C) and \(size.count) spatial axes for size \(size)")
        }
        guard size.allSatisfy({ $0 > 0 }) else {
            throw TensorError.invalidArgument(op: "interpolate", message: "output size \(size) must be positive")
        }
        guard shape.dropFirst(2).allSatisfy({ $0 > 0 }) else {
            throw TensorError.invalidShape(op: "interpolate", shape: shape, reason: "cannot interpolate an empty spatial axis")
        }
        var result = mode == .nearest ? self : cast(to: dtype.floatingType)
        for (offset, target) in size.enumerated() {
            let axis = offset + 2
            let length = shape[axis]
            if mode == .nearest {
                let positions = Tensor.nearestPositions(input: length, output: target)
                result = try result.take(Tensor(integers: positions, shape: [target]), axis: axis)
            } else {
                let weights = try Tensor.resamplingMatrix(input: length, output: target, mode: mode, dtype: result.dtype)
                result = try result.transpose(axis, -1).matmul(weights.transpose()).transpose(axis, -1)
            }
        }
        return result.contiguous()
    }

    /// Resizes by `scale` per spatial axis: `size = floor(in * scale)` (PyTorch with
    /// `recompute_scale_factor=True`).
    public func interpolate(scale: [Double], mode: InterpolationMode = .nearest) throws -> Tensor {
        let spatial = Array(shape.dropFirst(2))
        let factors = scale.count == 1 ? Array(repeating: scale[0], count: spatial.count) : scale
        guard factors.count == spatial.count, factors.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw TensorError.invalidArgument(op: "interpolate", message: "scale \(scale) needs 1 or \(spatial.count) positive entries")
        }
        return try interpolate(size: zip(spatial, factors).map { Int((Double($0) * $1).rounded(.down)) }, mode: mode)
    }

    /// The source index of each output position of one axis under `nearest`.
    public static func nearestPositions(input: Int, output: Int) -> [Int64] {
        (0..<output).map { Int64(Swift.min(($0 * input) / output, input - 1)) }
    }

    /// The `(output, input)` matrix of one axis's linear or cubic resampling weights (public so
    /// the differentiable `interpolate` on variables applies the same weights).
    public static func resamplingMatrix(input: Int, output: Int, mode: InterpolationMode, dtype: DType) throws -> Tensor {
        var weights = [Double](repeating: 0, count: output * input)
        let scale = Double(input) / Double(output)
        for target in 0..<output {
            let shifted = (Double(target) + 0.5) * scale
            let source = shifted - 0.5
            let row = target * input
            if mode == .bilinear {
                let clamped = Swift.max(source, 0)
                let low = Swift.min(Int(clamped.rounded(.down)), input - 1)
                let high = Swift.min(low + 1, input - 1)
                let fraction = clamped - Double(low)
                weights[row + low] += 1 - fraction
                weights[row + high] += fraction
            } else {
                let base = source.rounded(.down)
                let t = source - base
                let taps = [cubicFar(t + 1), cubicNear(t), cubicNear(1 - t), cubicFar(2 - t)]
                for (tap, weight) in taps.enumerated() {
                    let position = Swift.min(Swift.max(Int(base) - 1 + tap, 0), input - 1)
                    weights[row + position] += weight
                }
            }
        }
        return try Tensor(weights, shape: [output, input], dtype: dtype)
    }

    /// Keys' cubic kernel with `A = -0.75` for `|x| <= 1` (PyTorch `cubic_convolution1`).
    private static func cubicNear(_ x: Double) -> Double {
        let a = -0.75
        let inner = (a + 2) * x - (a + 3)
        return inner * x * x + 1
    }

    /// Keys' cubic kernel for `1 < |x| < 2` (PyTorch `cubic_convolution2`).
    private static func cubicFar(_ x: Double) -> Double {
        let a = -0.75
        let first = a * x - 5 * a
        let second = first * x + 8 * a
        return second * x - 4 * a
    }

    /// Samples `(N, C, H, W)` at the points of `grid` `(N, Ho, Wo, 2)` (x then y, in `[-1, 1]`)
    /// bilinearly, with zeros outside the image and `align_corners=False`: pixel coordinate
    /// `((g + 1) * size - 1) / 2` (PyTorch `grid_sample` defaults). Result `(N, C, Ho, Wo)`.
    public func gridSample(_ grid: Tensor) throws -> Tensor {
        guard rank == 4, grid.rank == 4, grid.shape[0] == shape[0], grid.shape[3] == 2 else {
            throw TensorError.shapeMismatch(op: "grid_sample", shapes: [shape, grid.shape],
                                            reason: "expected input (N, C, H, W) and grid (N, Ho, Wo, 2)")
        }
        let (batch, channels, height, width) = (shape[0], shape[1], shape[2], shape[3])
        let (outHeight, outWidth) = (grid.shape[1], grid.shape[2])
        let common = DType.promote(dtype.floatingType, grid.dtype.floatingType)
        let points = try grid.cast(to: common).reshape([batch, outHeight * outWidth, 2])
        let x = try (points.slice([.all, .all, .at(0)]) + 1.0) * Double(width)
        let y = try (points.slice([.all, .all, .at(1)]) + 1.0) * Double(height)
        let (ix, iy) = (try (x - 1.0) / 2.0, try (y - 1.0) / 2.0)
        let (x0, y0) = (try ix.floor(), try iy.floor())
        let (fx, fy) = (try ix - x0, try iy - y0)
        let image = try cast(to: common).reshape([batch, channels, height * width])
        var total = try Tensor.zeros([batch, channels, outHeight * outWidth], dtype: common)
        for (dy, dx) in [(0, 0), (0, 1), (1, 0), (1, 1)] {
            let (cornerX, cornerY) = (try x0 + Double(dx), try y0 + Double(dy))
            let weightX = dx == 1 ? fx : try 1.0 - fx
            let weightY = dy == 1 ? fy : try 1.0 - fy
            let inside = try Tensor.inBounds(cornerX, width).cast(to: common) * Tensor.inBounds(cornerY, height).cast(to: common)
            let column = try cornerX.clamp(min: 0, max: Double(width - 1))
            let row = try cornerY.clamp(min: 0, max: Double(height - 1))
            let flat = try (row * Double(width) + column).cast(to: .i64)
            let indices = try flat.unsqueeze(1).expand([batch, channels, outHeight * outWidth])
            let values = try image.gather(axis: 2, indices: indices)
            total = try total + values * (weightX * weightY * inside).unsqueeze(1)
        }
        return try total.reshape([batch, channels, outHeight, outWidth])
    }

    /// `0 <= position < size`, as a bool tensor.
    private static func inBounds(_ position: Tensor, _ size: Int) throws -> Tensor {
        let above = try position .>= Tensor(scalar: 0, dtype: position.dtype)
        let below = try position .< Double(size)
        return try above.cast(to: .i64) * below.cast(to: .i64)
    }
}
