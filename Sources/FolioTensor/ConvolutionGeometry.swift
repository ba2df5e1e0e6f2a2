/// The sliding-window geometry shared by convolutions, `im2col`/`col2im` and pooling: kernel
/// size, stride, symmetric zero padding and dilation per spatial axis (1 to 3 axes).
public struct ConvolutionGeometry: Equatable, Sendable {
    public let kernel: [Int]
    public let stride: [Int]
    public let padding: [Int]
    public let dilation: [Int]

    /// The number of spatial axes.
    public var spatialRank: Int { kernel.count }

    /// A geometry; `stride`, `padding` and `dilation` may be given once for every axis (one
    /// entry) or per axis. Kernel, stride and dilation must be positive, padding non-negative.
    public init(kernel: [Int], stride: [Int] = [1], padding: [Int] = [0], dilation: [Int] = [1], op: String = "conv") throws {
        let rank = kernel.count
        guard (1...3).contains(rank) else {
            throw TensorError.invalidArgument(op: op, message: "expected 1 to 3 spatial axes, got kernel size \(kernel)")
        }
        func spread(_ values: [Int], _ name: String) throws -> [Int] {
            if values.count == 1 { return Array(repeating: values[0], count: rank) }
            guard values.count == rank else {
                throw TensorError.invalidArgument(op: op, message: "\(name) \(values) needs 1 or \(rank) entries")
            }
            return values
        }
        self.kernel = kernel
        self.stride = try spread(stride, "stride")
        self.padding = try spread(padding, "padding")
        self.dilation = try spread(dilation, "dilation")
        // The bound keeps every size computed from the geometry far from Int overflow.
        let limit = 1 << 24
        let values = kernel + self.stride + self.padding + self.dilation
        guard kernel.allSatisfy({ $0 > 0 }), self.stride.allSatisfy({ $0 > 0 }), self.dilation.allSatisfy({ $0 > 0 }),
              self.padding.allSatisfy({ $0 >= 0 }), values.allSatisfy({ $0 <= limit }) else {
            throw TensorError.invalidArgument(op: op, message: "kernel \(kernel), stride \(self.stride) and dilation \(self.dilation) must be positive and padding \(self.padding) non-negative, all at most 2^24")
        }
    }

    /// Output positions per axis for spatial input `size`:
    /// `floor((size + 2 padding - dilation (kernel - 1) - 1) / stride) + 1`, as PyTorch.
    public func outputSize(for size: [Int], op: String) throws -> [Int] {
        guard size.count == spatialRank else {
            throw TensorError.invalidArgument(op: op, message: "spatial size \(size) does not match the \(spatialRank)-d kernel \(kernel)")
        }
        return try (0..<spatialRank).map { axis in
            let span = dilation[axis] * (kernel[axis] - 1) + 1
            let room = size[axis] + 2 * padding[axis] - span
            guard room >= 0 else {
                throw TensorError.invalidArgument(op: op, message: "the kernel \(kernel) (dilation \(dilation)) does not fit the padded input of spatial size \(size) (padding \(padding))")
            }
            return room / stride[axis] + 1
        }
    }

    /// The same geometry padded to three axes with trivial leading ones, for the kernels.
    var asThreeDimensional: (kernel: [Int], stride: [Int], padding: [Int], dilation: [Int]) {
        let missing = 3 - spatialRank
        let ones = Array(repeating: 1, count: missing)
        return (ones + kernel, ones + stride, Array(repeating: 0, count: missing) + padding, ones + dilation)
    }
}
