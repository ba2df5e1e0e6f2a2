/// Convolutions as im2col + GEMM: the primitives `im2col`/`col2im` (adjoint of each other), and
/// the composites `conv`/`conv1d`/`conv2d`/`conv3d` and `convTranspose`/`convTranspose2d`/`3d`.
///
/// Layouts are PyTorch's: input `(N, C, *spatial)`, weight `(Cout, Cin / groups, *kernel)` for
/// `conv` and `(Cin, Cout / groups, *kernel)` for `convTranspose`; padding is symmetric zeros.
extension Tensor {
    /// Sliding blocks of `(N, C, *spatial)` as columns `(N, C * prod(kernel), L)`, `L` the number
    /// of output positions (PyTorch `unfold`). The forward kernel of `PrimitiveOp.im2col`.
    public func im2col(_ geometry: ConvolutionGeometry) throws -> Tensor {
        let spatial = try convolutionInput(geometry, op: "im2col")
        let output = try geometry.outputSize(for: spatial, op: "im2col")
        let plan = Tensor.plan(shape[0] * shape[1], input: spatial, output: output, geometry)
        let columns = try Tensor.allocateUninitialized(shape: [shape[0], shape[1] * plan.kernelCount, plan.outputCount],
                                                       dtype: dtype, op: "im2col")
        try TensorCancellation.check("im2col")
        dtype.visit(ConvolutionKernels.Im2ColVisitor(source: contiguous(), columns: columns, plan: plan))
        return columns
    }

    /// The adjoint of `im2col` (PyTorch `fold`): columns `(N, C * prod(kernel), L)` summed back
    /// into an image `(N, C, *size)`; overlapping blocks add up. The forward kernel of
    /// `PrimitiveOp.col2im`.
    public func col2im(_ geometry: ConvolutionGeometry, size: [Int]) throws -> Tensor {
        let output = try geometry.outputSize(for: size, op: "col2im")
        let kernelCount = geometry.kernel.reduce(1, *)
        guard rank == 3, shape[1] % kernelCount == 0, shape[2] == output.reduce(1, *) else {
            throw TensorError.invalidShape(op: "col2im", shape: shape, reason: "expected columns (N, C * \(kernelCount), \(output.reduce(1, *))) for kernel \(geometry.kernel) and size \(size)")
        }
        let channels = shape[1] / kernelCount
        let plan = Tensor.plan(shape[0] * channels, input: size, output: output, geometry)
        let image = try Tensor.allocate(shape: [shape[0], channels] + size, dtype: dtype, op: "col2im")
        try TensorCancellation.check("col2im")
        try dtype.visit(numeric: ConvolutionKernels.Col2ImVisitor(columns: contiguous(), output: image, plan: plan), op: "col2im")
        return image
    }

    private static func plan(_ planes: Int, input: [Int], output: [Int], _ geometry: ConvolutionGeometry) -> ConvolutionKernels.Plan {
        let padded = geometry.asThreeDimensional
        let missing = Array(repeating: 1, count: 3 - input.count)
        return ConvolutionKernels.Plan(planes: planes, input: missing + input, output: missing + output, kernel: padded.kernel,
                                       stride: padded.stride, padding: padded.padding, dilation: padded.dilation)
    }

    /// The spatial size of a `(N, C, *spatial)` input matching `geometry`.
    private func convolutionInput(_ geometry: ConvolutionGeometry, op: String) throws -> [Int] {
        guard rank == geometry.spatialRank + 2 else {
            throw TensorError.invalidShape(op: op, shape: shape, reason: "expected (N, C) and \(geometry.spatialRank) spatial axes")
        }
        return Array(shape.dropFirst(2))
    }

    /// The `d`-dimensional cross-correlation (PyTorch `conv{d}d`), `d = weight.rank - 2`.
    /// Output `(N, Cout, *out)` with `out` from `ConvolutionGeometry.outputSize`; `groups` splits
    /// the channels (depthwise: `groups == Cin`, weight `(Cin * m, 1, *kernel)`).
    public func conv(_ weight: Tensor, bias: Tensor? = nil, stride: [Int] = [1], padding: [Int] = [0],
                     dilation: [Int] = [1], groups: Int = 1) throws -> Tensor {
        let geometry = try ConvolutionGeometry(kernel: Array(weight.shape.dropFirst(2)), stride: stride, padding: padding,
                                               dilation: dilation, op: "conv")
        let spatial = try convolutionInput(geometry, op: "conv")
        let (batch, inputChannels, outputChannels) = (shape[0], shape[1], weight.shape[0])
        guard groups > 0, inputChannels % groups == 0, outputChannels % groups == 0,
              weight.shape[1] * groups == inputChannels else {
            throw TensorError.shapeMismatch(op: "conv", shapes: [shape, weight.shape],
                                            reason: "input channels must equal weight.shape[1] * groups (groups = \(groups)) and output channels divide by groups")
        }
        let output = try geometry.outputSize(for: spatial, op: "conv")
        let filters = try weight.reshape([groups, outputChannels / groups, -1])
        // The columns are prod(kernel) times the input: for a whole batch they go out to memory and
        // back. A few images at a time keep them in cache between im2col and the GEMMs.
        let columnBytes = inputChannels * geometry.kernel.reduce(1, *) * output.reduce(1, *) * dtype.byteSize
        let imagesPerChunk = Swift.max(1, Tensor.convolutionChunkBytes / Swift.max(columnBytes, 1))
        var products: [Tensor] = []
        for start in Swift.stride(from: 0, to: batch, by: imagesPerChunk) {
            let images = batch <= imagesPerChunk ? self : try narrow(axis: 0, start: start, length: Swift.min(imagesPerChunk, batch - start))
            let columns = try images.im2col(geometry).reshape([images.shape[0], groups, -1, output.reduce(1, *)])
            products.append(try filters.matmul(columns).reshape([images.shape[0], outputChannels] + output))
        }
        let product = products.count == 1 ? products[0] : try Tensor.cat(products, axis: 0)
        return try Tensor.addingChannelBias(product, bias, channels: outputChannels, op: "conv")
    }

    /// Columns per chunk of a convolution's batch: about what the last-level cache holds for it.
    static let convolutionChunkBytes = 8 << 20

    public func conv1d(_ weight: Tensor, bias: Tensor? = nil, stride: Int = 1, padding: Int = 0, dilation: Int = 1,
                       groups: Int = 1) throws -> Tensor {
        try requireSpatialRank(1, weight, op: "conv1d")
        return try conv(weight, bias: bias, stride: [stride], padding: [padding], dilation: [dilation], groups: groups)
    }

    public func conv2d(_ weight: Tensor, bias: Tensor? = nil, stride: [Int] = [1], padding: [Int] = [0],
                       dilation: [Int] = [1], groups: Int = 1) throws -> Tensor {
        try requireSpatialRank(2, weight, op: "conv2d")
        return try conv(weight, bias: bias, stride: stride, padding: padding, dilation: dilation, groups: groups)
    }

    public func conv3d(_ weight: Tensor, bias: Tensor? = nil, stride: [Int] = [1], padding: [Int] = [0],
                       dilation: [Int] = [1], groups: Int = 1) throws -> Tensor {
        try requireSpatialRank(3, weight, op: "conv3d")
        return try conv(weight, bias: bias, stride: stride, padding: padding, dilation: dilation, groups: groups)
    }

    /// The transposed convolution (PyTorch `conv_transpose{d}d`), the adjoint of `conv` in its
    /// input: each output size is `(in - 1) stride - 2 padding + dilation (kernel - 1) +
    /// outputPadding + 1`, with `outputPadding` smaller than the stride or the dilation.
    public func convTranspose(_ weight: Tensor, bias: Tensor? = nil, stride: [Int] = [1], padding: [Int] = [0],
                              outputPadding: [Int] = [0], dilation: [Int] = [1], groups: Int = 1) throws -> Tensor {
        let geometry = try ConvolutionGeometry(kernel: Array(weight.shape.dropFirst(2)), stride: stride, padding: padding,
                                               dilation: dilation, op: "conv_transpose")
        let spatial = try convolutionInput(geometry, op: "conv_transpose")
        let (batch, inputChannels) = (shape[0], shape[1])
        guard groups > 0, weight.shape[0] == inputChannels, inputChannels % groups == 0 else {
            throw TensorError.shapeMismatch(op: "conv_transpose", shapes: [shape, weight.shape],
                                            reason: "weight.shape[0] must equal the input channels, divisible by groups (groups = \(groups))")
        }
        let extra = outputPadding.count == 1 ? Array(repeating: outputPadding[0], count: spatial.count) : outputPadding
        guard extra.count == spatial.count,
              (0..<spatial.count).allSatisfy({ extra[$0] >= 0 && (extra[$0] < geometry.stride[$0] || extra[$0] < geometry.dilation[$0]) }) else {
            throw TensorError.invalidArgument(op: "conv_transpose", message: "output padding \(outputPadding) must be smaller than the stride \(geometry.stride) or the dilation \(geometry.dilation)")
        }
        let size = try (0..<spatial.count).map { axis -> Int in
            let span = geometry.dilation[axis] * (geometry.kernel[axis] - 1)
            let (stretched, overflow) = (spatial[axis] - 1).multipliedReportingOverflow(by: geometry.stride[axis])
            guard !overflow, stretched <= ShapeMath.maximumElementCount else {
                throw TensorError.invalidShape(op: "conv_transpose", shape: shape, reason: "the output would be too large")
            }
            let value = stretched - 2 * geometry.padding[axis] + span + extra[axis] + 1
            guard value > 0 else {
                throw TensorError.invalidArgument(op: "conv_transpose", message: "output size \(value) along spatial axis \(axis) is not positive")
            }
            return value
        }
        let outputChannels = weight.shape[1] * groups
        let images = try reshape([batch, groups, inputChannels / groups, spatial.reduce(1, *)])
        let filters = try weight.reshape([groups, inputChannels / groups, -1]).transpose()
        let columns = try filters.matmul(images).reshape([batch, -1, spatial.reduce(1, *)])
        let result = try columns.col2im(geometry, size: size)
        return try Tensor.addingChannelBias(result, bias, channels: outputChannels, op: "conv_transpose")
    }

    public func convTranspose2d(_ weight: Tensor, bias: Tensor? = nil, stride: [Int] = [1], padding: [Int] = [0],
                                outputPadding: [Int] = [0], dilation: [Int] = [1], groups: Int = 1) throws -> Tensor {
        try requireSpatialRank(2, weight, op: "conv_transpose2d")
        return try convTranspose(weight, bias: bias, stride: stride, padding: padding, outputPadding: outputPadding,
                                 dilation: dilation, groups: groups)
    }

    public func convTranspose3d(_ weight: Tensor, bias: Tensor? = nil, stride: [Int] = [1], padding: [Int] = [0],
                                outputPadding: [Int] = [0], dilation: [Int] = [1], groups: Int = 1) throws -> Tensor {
        try requireSpatialRank(3, weight, op: "conv_transpose3d")
        return try convTranspose(weight, bias: bias, stride: stride, padding: padding, outputPadding: outputPadding,
                                 dilation: dilation, groups: groups)
    }

    private func requireSpatialRank(_ expected: Int, _ weight: Tensor, op: String) throws {
        guard rank == expected + 2, weight.rank == expected + 2 else {
            throw TensorError.shapeMismatch(op: op, shapes: [shape, weight.shape],
                                            reason: "expected input and weight with \(expected + 2) axes")
        }
    }

    private static func addingChannelBias(_ tensor: Tensor, _ bias: Tensor?, channels: Int, op: String) throws -> Tensor {
        guard let bias else { return tensor }
        guard bias.shape == [channels] else {
            throw TensorError.shapeMismatch(op: op, shapes: [bias.shape, [channels]], reason: "bias must have one entry per output channel")
        }
        let column = [1, channels] + Array(repeating: 1, count: tensor.rank - 2)
        return try tensor + bias.reshape(column)
    }
}
