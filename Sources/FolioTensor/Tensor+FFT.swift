import Foundation

/// How an FFT is scaled, as NumPy's `norm`: `backward` (forward unscaled, inverse `1/n`),
/// `ortho` (`1/√n` both ways), `forward` (forward `1/n`, inverse unscaled).
public enum FFTNorm: String, Sendable, CaseIterable {
    case backward, ortho, forward

    /// The factor applied to a transform of length `n` in the given direction.
    func scale(length: Int, inverse: Bool) -> Double {
        let n = Double(length)
        switch (self, inverse) {
        case (.ortho, _): return 1 / n.squareRoot()
        case (.backward, false), (.forward, true): return 1
        case (.backward, true), (.forward, false): return 1 / n
        }
    }
}

/// FFT primitives on FFTW: complex FFT, real FFT, inverse real FFT, orthonormal DCT-II/III, each
/// along one axis over its full length (the public `fft(n:axis:norm:)` family pads or crops
/// first). Precision follows the input: `f32`/`c64` (and integers, as `f32`) compute in single
/// precision and give `c64`; `f64`/`c128` give `c128` (NumPy always gives `complex128`).
extension Tensor {
    /// The forward kernel of `PrimitiveOp.fft`: the discrete Fourier transform along `axis`
    /// (`inverse`: with `e^{+2πi jk/n}`), scaled by `norm`.
    public func complexFFT(axis: Int, inverse: Bool, norm: FFTNorm) throws -> Tensor {
        let complexType: DType = dtype == .f64 || dtype == .c128 ? .c128 : .c64
        let (lines, restore) = try fftLines(cast(to: complexType), axis: axis, op: inverse ? "ifft" : "fft")
        let output = Tensor(uninitializedShape: lines.shape, dtype: complexType)
        try Tensor.runFFT(.complex(forward: !inverse), lines: lines, output: output, length: lines.shape.last ?? 1,
                          inputRow: lines.shape.last ?? 1, outputRow: lines.shape.last ?? 1)
        output.scaleInPlace(norm.scale(length: lines.shape.last ?? 1, inverse: inverse))
        return try output.permute(restore)
    }

    /// The forward kernel of `PrimitiveOp.rfft`: the FFT of real data along `axis`, keeping the
    /// `n/2 + 1` non-negative frequencies.
    public func realFFT(axis: Int, norm: FFTNorm) throws -> Tensor {
        let realType = try fftRealType(op: "rfft")
        let (lines, restore) = try fftLines(cast(to: realType), axis: axis, op: "rfft")
        let n = lines.shape.last ?? 1
        let output = Tensor(uninitializedShape: Array(lines.shape.dropLast()) + [n / 2 + 1], dtype: realType == .f64 ? .c128 : .c64)
        try Tensor.runFFT(.realToComplex, lines: lines, output: output, length: n, inputRow: n, outputRow: n / 2 + 1)
        output.scaleInPlace(norm.scale(length: n, inverse: false))
        return try output.permute(restore)
    }

    /// The forward kernel of `PrimitiveOp.irfft`: the real signal of `length` samples whose
    /// non-negative frequencies are given along `axis` (which must have `length/2 + 1` entries;
    /// imaginary parts of the zero and Nyquist terms are ignored, as in NumPy).
    public func inverseRealFFT(axis: Int, length: Int, norm: FFTNorm) throws -> Tensor {
        let complexType: DType = dtype == .f64 || dtype == .c128 ? .c128 : .c64
        let (lines, restore) = try fftLines(cast(to: complexType), axis: axis, op: "irfft")
        guard length >= 1, lines.shape.last == length / 2 + 1 else {
            throw TensorError.invalidArgument(op: "irfft", message: "a real signal of length \(length) needs \(length / 2 + 1) frequencies along axis \(axis), got shape \(formatShape(shape))")
        }
        let output = Tensor(uninitializedShape: Array(lines.shape.dropLast()) + [length], dtype: complexType.realType)
        try Tensor.runFFT(.complexToReal, lines: lines, output: output, length: length, inputRow: length / 2 + 1, outputRow: length)
        output.scaleInPlace(norm.scale(length: length, inverse: true))
        return try output.permute(restore)
    }

    /// The forward kernel of `PrimitiveOp.dct`: the orthonormal DCT-II along `axis` (SciPy's
    /// `dct(x, type=2, norm="ortho")`), or with `inverse` the orthonormal DCT-III, its inverse and
    /// transpose. FFTW's `REDFT10`/`REDFT01` scaled: DCT-II output by `1/√(2n)` and its first term
    /// by another `1/√2`; DCT-III input's first term by `√2` and output by `1/√(2n)`.
    public func orthonormalDCT(axis: Int, inverse: Bool) throws -> Tensor {
        let realType = try fftRealType(op: inverse ? "idct" : "dct")
        let (lines, restore) = try fftLines(cast(to: realType), axis: axis, op: inverse ? "idct" : "dct")
        let n = lines.shape.last ?? 1
        let first = try lines.narrow(axis: -1, start: 0, length: 1)
        if inverse { first.scaleInPlace(2.0.squareRoot()) }
        let output = Tensor(uninitializedShape: lines.shape, dtype: realType)
        try Tensor.runFFT(inverse ? .cosineIII : .cosineII, lines: lines, output: output, length: n, inputRow: n, outputRow: n)
        output.scaleInPlace(1 / (2 * Double(n)).squareRoot())
        if !inverse { try output.narrow(axis: -1, start: 0, length: 1).scaleInPlace(1 / 2.0.squareRoot()) }
        return try output.permute(restore)
    }

    private func fftRealType(op: String) throws -> DType {
        guard !dtype.isComplex else {
            throw TensorError.unsupportedDType(op: op, dtype: dtype, reason: "expected real input")
        }
        return dtype.floatingType
    }

    /// `source` with `axis` moved last, as a fresh dense copy FFTW may read (and overwrite), and
    /// the permutation that moves the axis back.
    private func fftLines(_ source: Tensor, axis: Int, op: String) throws -> (Tensor, [Int]) {
        guard rank > 0 else {
            throw TensorError.invalidShape(op: op, shape: shape, reason: "expected at least one axis")
        }
        let normalized = try ShapeMath.normalizeAxis(axis, rank: rank, op: op)
        guard shape[normalized] > 0 else {
            throw TensorError.invalidArgument(op: op, message: "invalid number of data points (0) along axis \(axis)")
        }
        let (moved, restore) = try source.movingAxisToEnd(normalized)
        return (moved.cast(to: moved.dtype, forceCopy: true), restore)
    }

    /// Runs `transform` row by row in chunks, checking for cancellation between chunks.
    private static func runFFT(_ transform: FFTW.Transform, lines: Tensor, output: Tensor, length: Int,
                               inputRow: Int, outputRow: Int) throws {
        let rows = lines.count / Swift.max(inputRow, 1)
        guard rows > 0 else { return }
        let chunk = Swift.max(1, Swift.min(rows, (1 << 18) / Swift.max(length, 1)))
        let (inputBytes, outputBytes) = (inputRow * lines.dtype.byteSize, outputRow * output.dtype.byteSize)
        let double = lines.dtype == .f64 || lines.dtype == .c128
        var start = 0
        while start < rows {
            try TensorCancellation.check("fft")
            let batch = Swift.min(chunk, rows - start)
            try FFTW.execute(transform, length: length, batch: batch, double: double,
                             input: lines.storage.pointer + start * inputBytes, output: output.storage.pointer + start * outputBytes)
            start += batch
        }
    }

    /// Multiplies every element of this tensor's storage region by `factor` in place (float or
    /// complex dtypes; used only on fresh FFT buffers and their views).
    func scaleInPlace(_ factor: Double) {
        guard factor != 1 else { return }
        let view = dtype.isComplex ? complexAsReal() : self
        let rows = StridedRows(shape: view.shape, strides: [view.strides])
        let (length, step) = (rows.rowLength, rows.rowStrides[0])
        if view.dtype == .f64 {
            let base = view.pointer(Double.self)
            rows.forEachRow(0..<rows.rowCount) { offsets in
                for index in 0..<length { base[offsets[0] + index * step] *= factor }
            }
        } else {
            let base = view.pointer(Float.self)
            let single = Float(factor)
            rows.forEachRow(0..<rows.rowCount) { offsets in
                for index in 0..<length { base[offsets[0] + index * step] *= single }
            }
        }
    }

    /// A complex tensor's storage seen as its real parts and imaginary parts, shape `shape + [2]`.
    func complexAsReal() -> Tensor {
        Tensor(storage: storage, dtype: dtype.realType, shape: shape + [2], strides: strides.map { $0 * 2 } + [1], offset: offset * 2)
    }
}
