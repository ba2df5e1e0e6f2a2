/// `im2col` and its adjoint `col2im` on dense `(N, C, D, H, W)` data (1-d and 2-d inputs are
/// given leading size-1 spatial axes). Column layout matches PyTorch's `unfold`: row
/// `(c, kd, kh, kw)` with `c` slowest, column `(od, oh, ow)`.
enum ConvolutionKernels {
    /// Sizes of one problem, all padded to three spatial axes.
    struct Plan {
        let planes: Int                 // N * C
        let input: [Int]                // D, H, W
        let output: [Int]               // OD, OH, OW
        let kernel: [Int]
        let stride: [Int]
        let padding: [Int]
        let dilation: [Int]

        var kernelCount: Int { kernel.reduce(1, *) }

        /// The output columns `first..<end` whose input column `ow * sw - pw + kw * dw` lies
        /// inside the row; the others read padding.
        @inline(__always)
        func validColumns(kw: Int) -> (first: Int, end: Int) {
            let shift = kw * dilation[2] - padding[2]
            let width = input[2]
            let outputWidth = output[2]
            // Smallest ow with ow * s + shift >= 0, and smallest with ow * s + shift >= width.
            let first = shift >= 0 ? 0 : (-shift + stride[2] - 1) / stride[2]
            let end = width - shift <= 0 ? 0 : (width - shift + stride[2] - 1) / stride[2]
            let clampedFirst = Swift.min(first, outputWidth)
            return (clampedFirst, Swift.max(clampedFirst, Swift.min(end, outputWidth)))
        }
        var outputCount: Int { output.reduce(1, *) }
        var inputCount: Int { input.reduce(1, *) }

        /// Calls `body(start of the column row, kw, start of the input row or nil when the row
        /// lies in the padding)` for every kernel offset and output row `(od, oh)` of one plane;
        /// the caller walks `ow` with input index `iw = ow * sw - pw + kw * dw`.
        @inline(__always)
        func forEachRow(_ body: (Int, Int, Int?) -> Void) {
            var k = 0
            for kd in 0..<kernel[0] {
                for kh in 0..<kernel[1] {
                    for kw in 0..<kernel[2] {
                        for od in 0..<output[0] {
                            let id = od * stride[0] - padding[0] + kd * dilation[0]
                            for oh in 0..<output[1] {
                                let ih = oh * stride[1] - padding[1] + kh * dilation[1]
                                let valid = id >= 0 && id < input[0] && ih >= 0 && ih < input[1]
                                let row = (k * output[0] + od) * output[1] + oh
                                body(row * output[2], kw, valid ? (id * input[1] + ih) * input[2] : nil)
                            }
                        }
                        k += 1
                    }
                }
            }
        }
    }

    struct Im2ColVisitor: DTypeVisitor {
        let source: Tensor
        let columns: Tensor
        let plan: Plan

        func visit<T: TensorScalar>(_ type: T.Type) {
            let (from, to) = (source.pointer(T.self), columns.pointer(T.self))
            let plan = self.plan
            let outputWidth = plan.output[2]
            let planeColumns = plan.kernelCount * plan.outputCount
            Parallel.forEachChunk(count: plan.planes, costPerItem: planeColumns) { planes in
                for plane in planes {
                    let input = from + plane * plan.inputCount
                    let output = to + plane * planeColumns
                    plan.forEachRow { outputStart, kw, inputRow in
                        let line = output + outputStart
                        guard let inputRow else {
                            line.update(repeating: T.zero, count: outputWidth)
                            return
                        }
                        let (first, end) = plan.validColumns(kw: kw)
                        line.update(repeating: T.zero, count: first)
                        let shift = kw * plan.dilation[2] - plan.padding[2]
                        let strideW = plan.stride[2]
                        if strideW == 1 {
                            // The common case: a contiguous run of the input row.
                            (line + first).update(from: input + inputRow + first + shift, count: end - first)
                        } else {
                            for ow in first..<end { line[ow] = input[inputRow + ow * strideW + shift] }
                        }
                        (line + end).update(repeating: T.zero, count: outputWidth - end)
                    }
                }
            }
        }
    }

    struct Col2ImVisitor: NumericVisitor {
        let columns: Tensor
        let output: Tensor
        let plan: Plan

        func visit<T: NumericScalar>(_ type: T.Type) {
            let (from, to) = (columns.pointer(T.self), output.pointer(T.self))
            let plan = self.plan
            let (width, outputWidth) = (plan.input[2], plan.output[2])
            let (strideW, padW, dilationW) = (plan.stride[2], plan.padding[2], plan.dilation[2])
            let planeColumns = plan.kernelCount * plan.outputCount
            // Each plane writes only its own image, so planes run in parallel without races.
            Parallel.forEachChunk(count: plan.planes, costPerItem: planeColumns) { planes in
                for plane in planes {
                    let image = to + plane * plan.inputCount
                    let source = from + plane * planeColumns
                    plan.forEachRow { outputStart, kw, inputRow in
                        guard let inputRow else { return }
                        let line = source + outputStart
                        for ow in 0..<outputWidth {
                            let iw = ow * strideW - padW + kw * dilationW
                            if iw >= 0 && iw < width { image[inputRow + iw] = T.add(image[inputRow + iw], line[ow]) }
                        }
                    }
                }
            }
        }
    }
}
