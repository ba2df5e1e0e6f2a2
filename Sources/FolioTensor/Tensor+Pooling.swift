/// Pooling over the trailing 1–3 spatial axes of `(N, C, *spatial)`, as composites of `pad`,
/// `im2col` and reductions (so autodiff needs no rules), and adaptive average pooling as
/// per-axis averaging matrices (`matmul`). Semantics are PyTorch's with `ceil_mode=False`.
extension Tensor {
    /// The maximum over each window (PyTorch `max_pool{d}d`); `stride` defaults to the kernel.
    /// Padding counts as `-inf` and must be at most half the kernel, as in PyTorch.
    public func maxPool(kernel: [Int], stride: [Int]? = nil, padding: [Int] = [0], dilation: [Int] = [1]) throws -> Tensor {
        if dtype == .bool {
            return try cast(to: .i64).maxPool(kernel: kernel, stride: stride, padding: padding, dilation: dilation).cast(to: .bool)
        }
        let (geometry, padded) = try poolingInput(kernel: kernel, stride: stride, padding: padding, dilation: dilation,
                                                  fill: -Double.infinity, op: "max_pool")
        let trivial = try ConvolutionGeometry(kernel: geometry.kernel, stride: geometry.stride, dilation: geometry.dilation)
        return try poolWindows(padded, trivial, op: "max_pool") { try $0.max(axes: [1]) }
    }

    /// The mean over each window (PyTorch `avg_pool{d}d`). With `countIncludePad` (PyTorch's
    /// default) padded zeros count in the divisor; otherwise only real entries do.
    public func avgPool(kernel: [Int], stride: [Int]? = nil, padding: [Int] = [0], countIncludePad: Bool = true) throws -> Tensor {
        let (geometry, padded) = try poolingInput(kernel: kernel, stride: stride, padding: padding, dilation: [1],
                                                  fill: 0, op: "avg_pool")
        let trivial = try ConvolutionGeometry(kernel: geometry.kernel, stride: geometry.stride)
        let sums = try poolWindows(padded.cast(to: dtype.floatingType), trivial, op: "avg_pool") { try $0.sum(axes: [1]) }
        if countIncludePad { return try sums / Double(geometry.kernel.reduce(1, *)) }
        let ones = try Tensor.ones(Array(repeating: 1, count: 2) + Array(shape.dropFirst(2)), dtype: sums.dtype)
        let paddedOnes = try ones.padTrailing(geometry.padding.map { ($0, $0) })
        let counts = try poolWindows(paddedOnes, trivial, op: "avg_pool") { try $0.sum(axes: [1]) }
        return try sums / counts
    }

    /// Average pooling to a fixed spatial `outputSize` (PyTorch `adaptive_avg_pool{d}d`): output
    /// cell `i` of an axis of length `n` averages entries `floor(i n / out) ..< ceil((i + 1) n / out)`.
    public func adaptiveAvgPool(_ outputSize: [Int]) throws -> Tensor {
        let spatialRank = outputSize.count
        guard (1...3).contains(spatialRank), rank == spatialRank + 2 else {
            throw TensorError.invalidShape(op: "adaptive_avg_pool", shape: shape, reason: "expected (N, C) and \(spatialRank) spatial axes for output size \(outputSize)")
        }
        guard outputSize.allSatisfy({ $0 > 0 }) else {
            throw TensorError.invalidArgument(op: "adaptive_avg_pool", message: "output size \(outputSize) must be positive")
        }
        var result = cast(to: dtype.floatingType)
        for (offset, target) in outputSize.enumerated() {
            let axis = 2 + offset
            let weights = try Tensor.adaptiveAveragingMatrix(input: shape[axis], output: target, dtype: result.dtype)
            result = try result.transpose(axis, -1).matmul(weights.transpose()).transpose(axis, -1)
        }
        return result.contiguous()
    }

    /// Row `i` averages the input range of output cell `i`.
    private static func adaptiveAveragingMatrix(input: Int, output: Int, dtype: DType) throws -> Tensor {
        var weights = [Double](repeating: 0, count: input * output)
        for cell in 0..<output {
            let start = cell * input / output
            let end = ((cell + 1) * input + output - 1) / output
            for position in start..<end { weights[cell * input + position] = 1 / Double(end - start) }
        }
        return try Tensor(weights, shape: [output, input], dtype: dtype)
    }

    private func poolingInput(kernel: [Int], stride: [Int]?, padding: [Int], dilation: [Int], fill: Double,
                              op: String) throws -> (ConvolutionGeometry, Tensor) {
        // A single kernel size applies to every spatial axis of the input, as PyTorch's int argument.
        let sizes = kernel.count == 1 && rank > 3 ? Array(repeating: kernel[0], count: rank - 2) : kernel
        let geometry = try ConvolutionGeometry(kernel: sizes, stride: stride ?? sizes, padding: padding, dilation: dilation, op: op)
        guard rank == geometry.spatialRank + 2 else {
            throw TensorError.invalidShape(op: op, shape: shape, reason: "expected (N, C) and \(geometry.spatialRank) spatial axes for kernel \(kernel)")
        }
        guard zip(geometry.padding, geometry.kernel).allSatisfy({ 2 * $0 <= $1 }) else {
            throw TensorError.invalidArgument(op: op, message: "padding \(geometry.padding) must be at most half the kernel \(geometry.kernel)")
        }
        _ = try geometry.outputSize(for: Array(shape.dropFirst(2)), op: op)
        guard !dtype.isComplex else {
            throw TensorError.unsupportedDType(op: op, dtype: dtype, reason: "pooling needs real values")
        }
        let padded = try padTrailing(geometry.padding.map { ($0, $0) }, mode: .constant(fill))
        return (geometry, padded)
    }

    /// Windows of `(N, C, *spatial)` as `(N * C, prod(kernel), L)`, reduced over axis 1 by `reduce`.
    private func poolWindows(_ input: Tensor, _ geometry: ConvolutionGeometry, op: String,
                             _ reduce: (Tensor) throws -> Tensor) throws -> Tensor {
        let (batch, channels) = (input.shape[0], input.shape[1])
        let spatial = Array(input.shape.dropFirst(2))
        let output = try geometry.outputSize(for: spatial, op: op)
        let planes = try input.reshape([batch * channels, 1] + spatial)
        let windows = try planes.im2col(geometry)
        return try reduce(windows).reshape([batch, channels] + output)
    }
}
