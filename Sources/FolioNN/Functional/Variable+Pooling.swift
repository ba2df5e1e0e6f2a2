import FolioAutograd
import FolioTensor

/// Pooling on variables, as composites (padding, `im2col`, reductions, per-axis matrices), with
/// PyTorch's semantics (`ceil_mode=False`).
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
        let padded = try padTrailing(pads.map { ($0, $0) }, mode: .constant(fill))
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
}
