import FolioAutograd
import FolioTensor

/// Pooling and resampling on variables, as composites (padding, `im2col`, reductions, per-axis
/// matrices), with PyTorch's semantics (`ceil_mode=False`, `align_corners=False`).
extension Variable {
    /// The maximum over each window of `(N, C, *spatial)`; `stride` defaults to the kernel and
    /// padding counts as `-inf`.
    public func maxPool(kernel: [Int], stride: [Int]? = nil, padding: [Int] = [0]) throws -> Variable {
        try poolWindows(kernel: kernel, stride: stride, padding: padding, fill: -Double.infinity) { try $0.max(axes: [1]) }
    }

    /// The mean over each window (padded zeros count in the divisor, PyTorch's default).
    public func avgPool(kernel: [Int], stride: [Int]? = nil, padding: [Int] = [0]) throws -> Variable {
        let sizes = kernel.count == 1 ? Array(repeating: kernel[0], count: rank - 2) : kernel
        let windowSize = Double(sizes.reduce(1, *))
        return try poolWindows(kernel: kernel, stride: stride, padding: padding, fill: 0) { try $0.sum(axes: [1]) / windowSize }
    }

    /// Windows as `(N * C, prod(kernel), L)`, reduced over axis 1 and reshaped to `(N, C, *out)`.
    private func poolWindows(kernel: [Int], stride: [Int]?, padding: [Int], fill: Double,
                             _ reduce: (Variable) throws -> Variable) throws -> Variable {
        let spatialRank = rank - 2
        let sizes = kernel.count == 1 ? Array(repeating: kernel[0], count: spatialRank) : kernel
        let pads = padding.count == 1 ? Array(repeating: padding[0], count: spatialRank) : padding
        let padded = try padTrailing(pads.map { ($0, $0) }, fill: fill)
        let geometry = try ConvolutionGeometry(kernel: sizes, stride: stride ?? sizes, op: "pool")
        let spatial = Array(padded.shape.dropFirst(2))
        let output = try geometry.outputSize(for: spatial, op: "pool")
        let planes = try padded.reshape([shape[0] * shape[1], 1] + spatial)
        return try reduce(planes.im2col(geometry)).reshape([shape[0], shape[1]] + output)
    }

    /// Average pooling to a fixed spatial `outputSize` (PyTorch `adaptive_avg_pool`).
    public func adaptiveAvgPool(_ outputSize: [Int]) throws -> Variable {
        try resampled(outputSize) { input, output in
            var weights = [Double](repeating: 0, count: input * output)
            for cell in 0..<output {
                let start = cell * input / output
                let end = ((cell + 1) * input + output - 1) / output
                for position in start..<end { weights[cell * input + position] = 1 / Double(end - start) }
            }
            return weights
        }
    }

    /// Resizes the spatial axes to `size` by nearest-neighbour (`floor(i * in / out)`, PyTorch's
    /// `nearest`) or linear interpolation (PyTorch's `bilinear`/`trilinear`, `align_corners=False`).
    public func upsample(size: [Int], linear: Bool) throws -> Variable {
        try resampled(size) { input, output in
            linear ? Variable.linearWeights(input: input, output: output) : Variable.nearestWeights(input: input, output: output)
        }
    }

    /// Applies one `(out, in)` matrix per spatial axis (`weights(in, out)` row-major).
    private func resampled(_ outputSize: [Int], weights: (Int, Int) -> [Double]) throws -> Variable {
        guard outputSize.count == rank - 2, outputSize.allSatisfy({ $0 > 0 }) else {
            throw NNError.invalidArgument("output size \(outputSize) needs one positive entry per spatial axis of \(formatShape(shape))")
        }
        var result = self
        for (offset, target) in outputSize.enumerated() {
            let axis = 2 + offset
            let matrix = try Tensor(weights(shape[axis], target), shape: [target, shape[axis]], dtype: dtype)
            result = try result.transpose(axis, -1).matmul(Variable.constant(matrix.transpose())).transpose(axis, -1)
        }
        return result
    }

    private static func nearestWeights(input: Int, output: Int) -> [Double] {
        var weights = [Double](repeating: 0, count: input * output)
        for cell in 0..<output { weights[cell * input + Swift.min(cell * input / output, input - 1)] = 1 }
        return weights
    }

    private static func linearWeights(input: Int, output: Int) -> [Double] {
        var weights = [Double](repeating: 0, count: input * output)
        let scale = Double(input) / Double(output)
        for cell in 0..<output {
            // PyTorch's half-pixel source coordinate, clamped at the low edge.
            let source = Swift.max((Double(cell) + 0.5) * scale - 0.5, 0)
            let low = Swift.min(Int(source), input - 1)
            let high = Swift.min(low + 1, input - 1)
            let fraction = source - Double(low)
            weights[cell * input + low] += 1 - fraction
            weights[cell * input + high] += fraction
        }
        return weights
    }
}
