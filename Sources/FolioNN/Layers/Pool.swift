import FolioAutograd
import FolioTensor

/// A pooling layer over the trailing spatial axes of `(N, C, *spatial)` (PyTorch
/// `nn.MaxPool{d}d`, `nn.AvgPool{d}d`, `nn.AdaptiveAvgPool{d}d`); `stride` defaults to the kernel.
public final class Pool: Module {
    /// What each window computes.
    public enum Kind: String, Sendable {
        case max, average
    }

    public let kind: Kind
    public let spatialRank: Int
    public let kernel: [Int]
    public let stride: [Int]?
    public let padding: [Int]

    public init(_ kind: Kind, spatialRank: Int, kernel: [Int], stride: [Int]? = nil, padding: [Int] = [0]) throws {
        guard (1...3).contains(spatialRank), kernel.allSatisfy({ $0 > 0 }) else {
            throw NNError.invalidArgument("pooling needs 1 to 3 spatial axes and a positive kernel, got \(kernel)")
        }
        // PyTorch's rule: a window must hold at least one real entry, so padding ≤ kernel / 2.
        guard padding.allSatisfy({ $0 >= 0 }), zip(padding.count == 1 ? Array(repeating: padding[0], count: kernel.count) : padding,
                                                   kernel).allSatisfy({ 2 * $0 <= $1 }) else {
            throw NNError.invalidArgument("pooling padding \(padding) must be non-negative and at most half the kernel \(kernel)")
        }
        (self.kind, self.spatialRank, self.kernel, self.stride, self.padding) = (kind, spatialRank, kernel, stride, padding)
        super.init()
    }

    public override var layerDescription: String {
        "\(kind == .max ? "MaxPool" : "AvgPool")\(spatialRank)d(kernel: \(kernel))"
    }

    public override func forward(_ input: Variable) throws -> Variable {
        let sizes = kernel.count == 1 ? Array(repeating: kernel[0], count: spatialRank) : kernel
        let pads = padding.count == 1 ? Array(repeating: padding[0], count: spatialRank) : padding
        guard input.rank == spatialRank + 2,
              zip(zip(input.shape.dropFirst(2), pads), sizes).allSatisfy({ $0.0 + 2 * $0.1 >= $1 }) else {
            throw NNError.shapeMismatch(layer: layerDescription, expected: "input (N, C) and \(spatialRank) spatial axes at least the kernel",
                                        got: input.shape)
        }
        switch kind {
        case .max: return try input.maxPool(kernel: kernel, stride: stride, padding: padding)
        case .average: return try input.avgPool(kernel: kernel, stride: stride, padding: padding)
        }
    }

    /// `nn.MaxPool1d`.
    public static func max1d(_ kernel: Int, stride: Int? = nil, padding: Int = 0) throws -> Pool {
        try Pool(.max, spatialRank: 1, kernel: [kernel], stride: stride.map { [$0] }, padding: [padding])
    }
    /// `nn.MaxPool2d`.
    public static func max2d(_ kernel: [Int], stride: [Int]? = nil, padding: [Int] = [0]) throws -> Pool {
        try Pool(.max, spatialRank: 2, kernel: kernel, stride: stride, padding: padding)
    }
    /// `nn.MaxPool3d`.
    public static func max3d(_ kernel: [Int], stride: [Int]? = nil, padding: [Int] = [0]) throws -> Pool {
        try Pool(.max, spatialRank: 3, kernel: kernel, stride: stride, padding: padding)
    }
    /// `nn.AvgPool2d`.
    public static func average2d(_ kernel: [Int], stride: [Int]? = nil, padding: [Int] = [0]) throws -> Pool {
        try Pool(.average, spatialRank: 2, kernel: kernel, stride: stride, padding: padding)
    }
}
