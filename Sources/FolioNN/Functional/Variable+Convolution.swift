import FolioAutograd
import FolioTensor

/// Convolutions on variables, composed of `im2col`/`col2im` and `matmul`, so autodiff
/// differentiates them without rules of their own.
///
/// Layouts are PyTorch's: input `(N, C, *spatial)`, weight `(Cout, Cin / groups, *kernel)` for
/// `conv` and `(Cin, Cout / groups, *kernel)` for `convTranspose`. They mirror
/// `Tensor.conv`/`Tensor.convTranspose` formula for formula.
extension Variable {
    /// The `d`-dimensional cross-correlation, `d = weight.rank - 2`.
    public func conv(_ weight: Variable, bias: Variable? = nil, stride: [Int] = [1], padding: [Int] = [0],
                     dilation: [Int] = [1], groups: Int = 1) throws -> Variable {
        let geometry = try ConvolutionGeometry(kernel: Array(weight.shape.dropFirst(2)), stride: stride, padding: padding,
                                               dilation: dilation, op: "conv")
        let spatial = Array(shape.dropFirst(2))
        let (batch, outputChannels) = (shape[0], weight.shape[0])
        let output = try geometry.outputSize(for: spatial, op: "conv")
        let positions = output.reduce(1, *)
        let columns = try im2col(geometry).reshape([batch, groups, -1, positions])
        let filters = try weight.reshape([groups, outputChannels / groups, -1])
        let product = try filters.matmul(columns).reshape([batch, outputChannels] + output)
        return try product.addingChannelBias(bias)
    }

    /// The transposed convolution (the adjoint of `conv` in its input), with PyTorch's output size
    /// `(in - 1) stride - 2 padding + dilation (kernel - 1) + outputPadding + 1`.
    public func convTranspose(_ weight: Variable, bias: Variable? = nil, stride: [Int] = [1], padding: [Int] = [0],
                              outputPadding: [Int] = [0], dilation: [Int] = [1], groups: Int = 1) throws -> Variable {
        let geometry = try ConvolutionGeometry(kernel: Array(weight.shape.dropFirst(2)), stride: stride, padding: padding,
                                               dilation: dilation, op: "conv_transpose")
        let spatial = Array(shape.dropFirst(2))
        let extra = outputPadding.count == 1 ? Array(repeating: outputPadding[0], count: spatial.count) : outputPadding
        let size = spatial.indices.map { axis -> Int in
            let span = geometry.dilation[axis] * (geometry.kernel[axis] - 1)
            let stretched = (spatial[axis] - 1) * geometry.stride[axis]
            return stretched - 2 * geometry.padding[axis] + span + extra[axis] + 1
        }
        let (batch, inputChannels) = (shape[0], shape[1])
        let positions = spatial.reduce(1, *)
        let images = try reshape([batch, groups, inputChannels / groups, positions])
        let filters = try weight.reshape([groups, inputChannels / groups, -1]).transpose()
        let columns = try filters.matmul(images).reshape([batch, -1, positions])
        return try columns.col2im(geometry, size: size).addingChannelBias(bias)
    }

    /// `self + bias` with `bias` of shape `(C)` broadcast over `(N, C, *spatial)`.
    func addingChannelBias(_ bias: Variable?) throws -> Variable {
        guard let bias = bias else { return self }
        let shape = [1, bias.count] + Array(repeating: 1, count: rank - 2)
        return try self + bias.reshape(shape)
    }
}
