import FolioAutograd
import FolioNN
import FolioRuntime
import FolioTensor

/// Convolutions, pooling and resampling in PyTorch's layouts: input `(N, C, *spatial)`.
///
/// Without gradients these run the tensor kernels; on inputs that require grad they run the same
/// formulas on variables (FolioNN's functional forms, composites of `im2col`, `matmul`, `take`,
/// `gather`), so every one of them differentiates.
enum ConvolutionBuiltins {
    static let all: [BuiltinFunction] = [1, 2, 3].map(conv) + [2, 3].map(convTranspose)
        + [1, 2, 3].map { pool("max", $0) } + [1, 2, 3].map { pool("avg", $0) } + [adaptiveAvgPool2d, interpolate, gridSample]

    private static let geometryParameters = [Parameter("stride", .labelled, defaultText: "1"), Parameter("padding", .labelled, defaultText: "0"),
                                             Parameter("dilation", .labelled, defaultText: "1"), Parameter("groups", .labelled, defaultText: "1")]

    /// A `d`-dimensional example input and weight.
    private static func example(_ d: Int, _ call: String) -> String {
        let spatial = Array(repeating: "5", count: d).joined(separator: ", ")
        let kernel = Array(repeating: "3", count: d).joined(separator: ", ")
        return "let x = randn(1, 2, \(spatial), seed: 0)\nlet w = randn(4, 2, \(kernel), seed: 1)\n\(call)"
    }

    private static func conv(_ d: Int) -> BuiltinFunction {
        let name = "conv\(d)d"
        return TensorMethods.op(name, [Parameter("x"), Parameter("weight"), Parameter("bias", .labelled, defaultText: "nil")] + geometryParameters,
                                DocEntry("The \(d)-d cross-correlation of x (N, Cin, …) with weight (Cout, Cin / groups, …k), plus bias.",
                                         details: "Output size per axis: ⌊(in + 2·padding − dilation·(k − 1) − 1) / stride⌋ + 1.",
                                         example: example(d, "\(name)(x, w, padding: 1).shape"))) { arguments in
            let inputs = [try arguments.variable(0), try arguments.variable(1)] + (try arguments.optionalVariable(2).map { [$0] } ?? [])
            let (stride, padding) = (try arguments.ints(3, default: [1]), try arguments.ints(4, default: [0]))
            let (dilation, groups) = (try arguments.ints(5, default: [1]), try arguments.int(6, default: 1))
            return try TensorMethods.kernelOrComposite(inputs, kernel: { tensors in
                try tensors[0].conv(tensors[1], bias: tensors.count > 2 ? tensors[2] : nil, stride: stride, padding: padding,
                                    dilation: dilation, groups: groups)
            }) {
                try inputs[0].conv(inputs[1], bias: inputs.count > 2 ? inputs[2] : nil, stride: stride, padding: padding,
                                   dilation: dilation, groups: groups)
            }
        }
    }

    private static func convTranspose(_ d: Int) -> BuiltinFunction {
        let name = "conv_transpose\(d)d"
        let parameters = [Parameter("x"), Parameter("weight"), Parameter("bias", .labelled, defaultText: "nil")] + geometryParameters
            + [Parameter("output_padding", .labelled, defaultText: "0")]
        return TensorMethods.op(name, parameters,
                                DocEntry("The \(d)-d transposed convolution; weight is (Cin, Cout / groups, …k).",
                                         details: "Output size: (in − 1)·stride − 2·padding + dilation·(k − 1) + output_padding + 1.",
                                         example: example(d, "\(name)(x, randn(2, 3, \(Array(repeating: "2", count: d).joined(separator: ", ")), seed: 2), stride: 2).shape"))) { arguments in
            let inputs = [try arguments.variable(0), try arguments.variable(1)] + (try arguments.optionalVariable(2).map { [$0] } ?? [])
            let (stride, padding) = (try arguments.ints(3, default: [1]), try arguments.ints(4, default: [0]))
            let (dilation, groups) = (try arguments.ints(5, default: [1]), try arguments.int(6, default: 1))
            let outputPadding = try arguments.ints(7, default: [0])
            return try TensorMethods.kernelOrComposite(inputs, kernel: { tensors in
                try tensors[0].convTranspose(tensors[1], bias: tensors.count > 2 ? tensors[2] : nil, stride: stride, padding: padding,
                                             outputPadding: outputPadding, dilation: dilation, groups: groups)
            }) {
                try inputs[0].convTranspose(inputs[1], bias: inputs.count > 2 ? inputs[2] : nil, stride: stride, padding: padding,
                                            outputPadding: outputPadding, dilation: dilation, groups: groups)
            }
        }
    }

    private static func spread(_ values: [Int], _ d: Int) -> [Int] {
        values.count == 1 ? Array(repeating: values[0], count: d) : values
    }

    private static func pool(_ kind: String, _ d: Int) -> BuiltinFunction {
        let name = "\(kind)_pool\(d)d"
        let spatial = Array(repeating: "4", count: d).joined(separator: ", ")
        return TensorMethods.op(name, [Parameter("x"), Parameter("kernel"), Parameter("stride", .labelled, defaultText: "kernel"),
                                       Parameter("padding", .labelled, defaultText: "0")],
                                DocEntry("\(kind == "max" ? "Maximum" : "Average") pooling over \(d)-d windows of `kernel` (stride defaults to kernel).",
                                         example: "\(name)(arange(\(Array(repeating: 4, count: d).reduce(1, *)), dtype: \"f32\").reshape(1, 1, \(spatial)), 2).shape")) { arguments in
            let kernel = spread(try arguments.ints(1, default: [1]), d)
            let stride = try arguments.optionalShape(2).map { spread($0, d) }
            let padding = spread(try arguments.ints(3, default: [0]), d)
            let input = try arguments.variable(0)
            return try TensorMethods.kernelOrComposite([input], kernel: { tensors in
                kind == "max" ? try tensors[0].maxPool(kernel: kernel, stride: stride, padding: padding)
                    : try tensors[0].avgPool(kernel: kernel, stride: stride, padding: padding)
            }) {
                kind == "max" ? try input.maxPool(kernel: kernel, stride: stride, padding: padding)
                    : try input.avgPool(kernel: kernel, stride: stride, padding: padding)
            }
        }
    }

    static let adaptiveAvgPool2d = TensorMethods.op("adaptive_avg_pool2d", [Parameter("x"), Parameter("size")],
                                                    DocEntry("Average pooling to an output of `size` (an Int or [h, w]), as PyTorch's.",
                                                             example: "adaptive_avg_pool2d(ones(1, 1, 5, 5), 2).shape")) { arguments in
        let size = spread(try arguments.ints(1, default: [1]), 2)
        let input = try arguments.variable(0)
        return try TensorMethods.kernelOrComposite([input], kernel: { try $0[0].adaptiveAvgPool(size) }) { try input.adaptiveAvgPool(size) }
    }

    static let interpolate = TensorMethods.op("interpolate", [Parameter("x"), Parameter("size", .labelled, defaultText: "nil"),
                                                              Parameter("scale", .labelled, defaultText: "nil"), Parameter("mode", .labelled, defaultText: "\"nearest\"")],
                                              DocEntry("Resizes the spatial axes to `size:` or by `scale:` (nearest, bilinear, bicubic; align_corners=False).",
                                                       example: "interpolate(ones(1, 1, 2, 2), size: [4, 4], mode: \"bilinear\").shape")) { arguments in
        let tensor = try arguments.variable(0)
        let modeName = try arguments.string(3, default: "nearest")
        let mode = modeName == "linear" || modeName == "trilinear" ? InterpolationMode.bilinear : InterpolationMode(rawValue: modeName)
        guard let mode else { throw FolioError(.ValueError, "interpolate(): unknown mode \"\(modeName)\"; use nearest, bilinear or bicubic") }
        let d = Swift.max(tensor.rank - 2, 1)
        if let size = try arguments.optionalShape(1).map({ spread($0, d) }) {
            return try TensorMethods.kernelOrComposite([tensor], kernel: { try $0[0].interpolate(size: size, mode: mode) }) {
                try tensor.interpolate(size: size, mode: mode)
            }
        }
        guard let scale = try arguments.optionalDouble(2) else { throw FolioError(.TypeError, "interpolate() needs size: or scale:") }
        let scales = Array(repeating: scale, count: d)
        return try TensorMethods.kernelOrComposite([tensor], kernel: { try $0[0].interpolate(scale: scales, mode: mode) }) {
            try tensor.interpolate(scale: scales, mode: mode)
        }
    }

    static let gridSample = TensorMethods.op("grid_sample", [Parameter("x"), Parameter("grid")],
                                             DocEntry("Samples x (N, C, H, W) bilinearly at grid (N, Ho, Wo, 2) points in [-1, 1] (zeros outside).",
                                                      example: "grid_sample(ones(1, 1, 3, 3), zeros(1, 2, 2, 2)).shape")) { arguments in
        let (input, grid) = (try arguments.variable(0), try arguments.variable(1))
        return try TensorMethods.kernelOrComposite([input, grid], kernel: { try $0[0].gridSample($0[1]) }) { try input.gridSample(grid) }
    }
}
