/// The single forward entry point of the op table, for autodiff and the language runtime.
extension Tensor {
    /// Runs primitive `op` on `inputs` (`op.arity` tensors) and returns its outputs (one, except
    /// `qr` → `[q, r]`, `svd` → `[u, s, vt]`, `eigh` and `eig` → `[values, vectors]`, `slogdet` → `[sign, logAbsDet]`).
    public static func forward(_ op: PrimitiveOp, _ inputs: [Tensor]) throws -> [Tensor] {
        guard inputs.count == op.arity else {
            throw TensorError.invalidArgument(op: "\(op)", message: "expected \(op.arity) inputs, got \(inputs.count)")
        }
        try TensorCancellation.check("\(op)")
        let x = inputs[0]
        switch op {
        case let .unary(unary): return [try x.apply(unary)]
        case let .binary(binary): return [try x.apply(binary, inputs[1])]
        case let .compare(comparison): return [try x.compare(comparison, inputs[1])]
        case .select: return [try select(inputs[0], inputs[1], inputs[2])]
        case let .reduce(reduction, axes, keepDims): return [try x.reduce(reduction, axes: axes, keepDims: keepDims)]
        case let .argReduce(reduction, axis, keepDims): return [try x.argReduce(reduction, axis: axis, keepDims: keepDims)]
        case let .cumsum(axis): return [try x.cumsum(axis: axis)]
        case let .cumprod(axis): return [try x.cumprod(axis: axis)]
        case let .softmax(axis): return [try x.softmax(axis: axis)]
        case let .logSoftmax(axis): return [try x.logSoftmax(axis: axis)]
        case let .argsort(axis, descending): return [try x.argsort(axis: axis, descending: descending)]
        case let .cast(dtype): return [x.cast(to: dtype)]
        case let .reshape(shape): return [try x.reshape(shape)]
        case let .permute(axes): return [try x.permute(axes)]
        case let .expand(shape): return [try x.expand(shape)]
        case let .slice(indices): return [try x.slice(indices)]
        case let .concat(axis, _): return [try cat(inputs, axis: axis)]
        case let .take(axis): return [try x.take(inputs[1], axis: axis)]
        case let .gather(axis): return [try x.gather(axis: axis, indices: inputs[1])]
        case let .scatterAdd(axis): return [try x.scatterAdd(axis: axis, indices: inputs[1], source: inputs[2])]
        case let .assignSlice(indices): return [try x.assigning(inputs[1], at: indices)]
        case .matmul: return [try x.matmul(inputs[1])]
        case let .im2col(geometry): return [try x.im2col(geometry)]
        case let .col2im(geometry, size): return [try x.col2im(geometry, size: size)]
        case .solve: return [try x.solve(inputs[1])]
        case .inverse: return [try x.inverse()]
        case .determinant: return [try x.determinant()]
        case .cholesky: return [try x.cholesky()]
        case .qr:
            let (q, r) = try x.qr()
            return [q, r]
        case .svd:
            let (u, s, vt) = try x.svd()
            return [u, s, vt]
        case .eigh:
            let (values, vectors) = try x.eigh()
            return [values, vectors]
        case let .fft(axis, inverse, norm): return [try x.complexFFT(axis: axis, inverse: inverse, norm: norm)]
        case let .rfft(axis, norm): return [try x.realFFT(axis: axis, norm: norm)]
        case let .irfft(axis, length, norm): return [try x.inverseRealFFT(axis: axis, length: length, norm: norm)]
        case let .dct(axis, inverse): return [try x.orthonormalDCT(axis: axis, inverse: inverse)]
        case .slogdet:
            let (sign, logAbsDet) = try x.slogdet()
            return [sign, logAbsDet]
        case .eig:
            let (values, vectors) = try x.eig()
            return [values, vectors]
        }
    }
}
