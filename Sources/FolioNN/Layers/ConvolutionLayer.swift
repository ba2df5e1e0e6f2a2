import FolioAutograd
import FolioTensor

/// A `d`-dimensional convolution layer (PyTorch `nn.Conv{d}d`); `Conv1d`, `Conv2d`, `Conv3d` and
/// the transposed variants fix `d` and the direction.
///
/// Default initialisation is PyTorch's: weight `kaiming_uniform(a: √5)` = `U(-1/√fanIn, 1/√fanIn)`
/// and bias `U(-1/√fanIn, 1/√fanIn)`, `fanIn = (Cin / groups) * prod(kernel)` (for transposed
/// convolutions PyTorch's fan-in is computed from the weight's axis 1, `Cout / groups`).
public class ConvolutionLayer: Module {
    public let inputChannels: Int
    public let outputChannels: Int
    public let kernel: [Int]
    public let stride: [Int]
    public let padding: [Int]
    public let dilation: [Int]
    public let outputPadding: [Int]
    public let groups: Int
    public let transposed: Bool
    /// `(Cout, Cin / groups, *kernel)`, or `(Cin, Cout / groups, *kernel)` when transposed.
    public let weight: Parameter
    public let bias: Parameter?

    /// A layer with `kernel` (one entry for every axis, or one per axis) over `spatialRank` axes.
    public init(spatialRank: Int, transposed: Bool, _ inputChannels: Int, _ outputChannels: Int, kernel: [Int],
                stride: [Int], padding: [Int], outputPadding: [Int] = [0], dilation: [Int], groups: Int, bias: Bool,
                dtype: DType, seed: UInt64?) throws {
        func spread(_ values: [Int]) -> [Int] { values.count == 1 ? Array(repeating: values[0], count: spatialRank) : values }
        guard inputChannels > 0, outputChannels > 0, groups > 0, inputChannels % groups == 0, outputChannels % groups == 0 else {
            throw NNError.invalidArgument("convolution channels (in: \(inputChannels), out: \(outputChannels)) must be positive and divisible by groups (\(groups))")
        }
        let geometry = try ConvolutionGeometry(kernel: spread(kernel), stride: stride, padding: padding, dilation: dilation)
        (self.inputChannels, self.outputChannels, self.groups, self.transposed) = (inputChannels, outputChannels, groups, transposed)
        (self.kernel, self.stride, self.padding, self.dilation) = (geometry.kernel, geometry.stride, geometry.padding, geometry.dilation)
        self.outputPadding = spread(outputPadding)
        let shape = transposed ? [inputChannels, outputChannels / groups] + geometry.kernel
                               : [outputChannels, inputChannels / groups] + geometry.kernel
        let bound = 1 / Double(Initializer.fans(shape).fanIn).squareRoot()
        let base = SeedSource.next(seed)
        weight = Parameter(try Initializer.uniform(low: -bound, high: bound).make(shape, dtype: dtype, seed: base))
        self.bias = bias ? Parameter(try Initializer.uniform(low: -bound, high: bound)
            .make([outputChannels], dtype: dtype, seed: base &+ 1)) : nil
        super.init()
        register(parameter: weight, named: "weight")
        if let parameter = self.bias { register(parameter: parameter, named: "bias") }
    }

    public override var layerDescription: String {
        let name = "\(transposed ? "ConvTranspose" : "Conv")\(kernel.count)d"
        return "\(name)(in: \(inputChannels), out: \(outputChannels), kernel: \(kernel), stride: \(stride), padding: \(padding))"
    }

    public override func forward(_ input: Variable) throws -> Variable {
        let spatialRank = kernel.count
        guard input.rank == spatialRank + 2, input.shape[1] == inputChannels else {
            let axes = ["N", "C=\(inputChannels)"] + (0..<spatialRank).map { "D\($0)" }
            throw NNError.shapeMismatch(layer: layerDescription, expected: "input (\(axes.joined(separator: ", ")))", got: input.shape)
        }
        if !transposed {
            let padded = zip(input.shape.dropFirst(2), padding).map { $0 + 2 * $1 }
            let span = zip(kernel, dilation).map { ($0 - 1) * $1 + 1 }
            guard zip(padded, span).allSatisfy({ $0 >= $1 }) else {
                throw NNError.shapeMismatch(layer: layerDescription, expected: "spatial size (with padding) at least the kernel span \(span)",
                                            got: input.shape)
            }
            return try input.conv(weight.variable, bias: bias?.variable, stride: stride, padding: padding,
                                  dilation: dilation, groups: groups)
        }
        return try input.convTranspose(weight.variable, bias: bias?.variable, stride: stride, padding: padding,
                                       outputPadding: outputPadding, dilation: dilation, groups: groups)
    }
}

/// 1-d convolution over `(N, C, L)`.
public final class Conv1d: ConvolutionLayer {
    public init(_ inputChannels: Int, _ outputChannels: Int, kernel: Int, stride: Int = 1, padding: Int = 0,
                dilation: Int = 1, groups: Int = 1, bias: Bool = true, dtype: DType = .f32, seed: UInt64? = nil) throws {
        try super.init(spatialRank: 1, transposed: false, inputChannels, outputChannels, kernel: [kernel], stride: [stride],
                       padding: [padding], dilation: [dilation], groups: groups, bias: bias, dtype: dtype, seed: seed)
    }
}

/// 2-d convolution over `(N, C, H, W)`; sizes may be one value or one per axis.
public final class Conv2d: ConvolutionLayer {
    public init(_ inputChannels: Int, _ outputChannels: Int, kernel: [Int], stride: [Int] = [1], padding: [Int] = [0],
                dilation: [Int] = [1], groups: Int = 1, bias: Bool = true, dtype: DType = .f32, seed: UInt64? = nil) throws {
        try super.init(spatialRank: 2, transposed: false, inputChannels, outputChannels, kernel: kernel, stride: stride,
                       padding: padding, dilation: dilation, groups: groups, bias: bias, dtype: dtype, seed: seed)
    }
}

/// 3-d convolution over `(N, C, D, H, W)`.
public final class Conv3d: ConvolutionLayer {
    public init(_ inputChannels: Int, _ outputChannels: Int, kernel: [Int], stride: [Int] = [1], padding: [Int] = [0],
                dilation: [Int] = [1], groups: Int = 1, bias: Bool = true, dtype: DType = .f32, seed: UInt64? = nil) throws {
        try super.init(spatialRank: 3, transposed: false, inputChannels, outputChannels, kernel: kernel, stride: stride,
                       padding: padding, dilation: dilation, groups: groups, bias: bias, dtype: dtype, seed: seed)
    }
}

/// 2-d transposed convolution (PyTorch `nn.ConvTranspose2d`).
public final class ConvTranspose2d: ConvolutionLayer {
    public init(_ inputChannels: Int, _ outputChannels: Int, kernel: [Int], stride: [Int] = [1], padding: [Int] = [0],
                outputPadding: [Int] = [0], dilation: [Int] = [1], groups: Int = 1, bias: Bool = true,
                dtype: DType = .f32, seed: UInt64? = nil) throws {
        try super.init(spatialRank: 2, transposed: true, inputChannels, outputChannels, kernel: kernel, stride: stride,
                       padding: padding, outputPadding: outputPadding, dilation: dilation, groups: groups, bias: bias,
                       dtype: dtype, seed: seed)
    }
}

/// 3-d transposed convolution (PyTorch `nn.ConvTranspose3d`).
public final class ConvTranspose3d: ConvolutionLayer {
    public init(_ inputChannels: Int, _ outputChannels: Int, kernel: [Int], stride: [Int] = [1], padding: [Int] = [0],
                outputPadding: [Int] = [0], dilation: [Int] = [1], groups: Int = 1, bias: Bool = true,
                dtype: DType = .f32, seed: UInt64? = nil) throws {
        try super.init(spatialRank: 3, transposed: true, inputChannels, outputChannels, kernel: kernel, stride: stride,
                       padding: padding, outputPadding: outputPadding, dilation: dilation, groups: groups, bias: bias,
                       dtype: dtype, seed: seed)
    }
}
