/// NumPy's `numpy.fft` API and SciPy's orthonormal DCT over the FFT primitives: `n` crops or
/// zero-pads the input along the axis first (composites of `narrow` and `pad`), 2-d transforms
/// apply 1-d ones axis by axis. Also complex parts, for reading and building spectra.
extension Tensor {
    /// The discrete Fourier transform along `axis`, of length `n` (default: the axis size).
    public func fft(n: Int? = nil, axis: Int = -1, norm: FFTNorm = .backward) throws -> Tensor {
        try resizedForFFT(n, axis: axis, op: "fft").complexFFT(axis: axis, inverse: false, norm: norm)
    }

    /// The inverse discrete Fourier transform along `axis`.
    public func ifft(n: Int? = nil, axis: Int = -1, norm: FFTNorm = .backward) throws -> Tensor {
        try resizedForFFT(n, axis: axis, op: "ifft").complexFFT(axis: axis, inverse: true, norm: norm)
    }

    /// The FFT of real input, `n/2 + 1` non-negative frequencies along `axis`.
    public func rfft(n: Int? = nil, axis: Int = -1, norm: FFTNorm = .backward) throws -> Tensor {
        try resizedForFFT(n, axis: axis, op: "rfft").realFFT(axis: axis, norm: norm)
    }

    /// The inverse of `rfft`: a real signal of `n` samples (default `2 (m - 1)` for `m` input
    /// frequencies); the input is cropped or zero-padded to `n/2 + 1` frequencies first.
    public func irfft(n: Int? = nil, axis: Int = -1, norm: FFTNorm = .backward) throws -> Tensor {
        let normalized = try ShapeMath.normalizeAxis(axis, rank: rank, op: "irfft")
        let length = n ?? 2 * (shape[normalized] - 1)
        guard length >= 1 else {
            throw TensorError.invalidArgument(op: "irfft", message: "invalid number of data points (\(length)) along axis \(axis)")
        }
        return try resizedForFFT(length / 2 + 1, axis: axis, op: "irfft").inverseRealFFT(axis: axis, length: length, norm: norm)
    }

    /// The 2-d FFT over `axes` (default the last two), with optional sizes `s`.
    public func fft2(s: [Int]? = nil, axes: [Int] = [-2, -1], norm: FFTNorm = .backward) throws -> Tensor {
        var result = self
        for (index, axis) in try fftAxes(s, axes, op: "fft2") { result = try result.fft(n: s?[index], axis: axis, norm: norm) }
        return result
    }

    /// The inverse 2-d FFT.
    public func ifft2(s: [Int]? = nil, axes: [Int] = [-2, -1], norm: FFTNorm = .backward) throws -> Tensor {
        var result = self
        for (index, axis) in try fftAxes(s, axes, op: "ifft2") { result = try result.ifft(n: s?[index], axis: axis, norm: norm) }
        return result
    }

    /// The 2-d FFT of real input: `rfft` over the last of `axes`, then `fft` over the others.
    public func rfft2(s: [Int]? = nil, axes: [Int] = [-2, -1], norm: FFTNorm = .backward) throws -> Tensor {
        let pairs = try fftAxes(s, axes, op: "rfft2")
        guard let last = pairs.last else { return self }
        var result = try rfft(n: s?[last.0], axis: last.1, norm: norm)
        for (index, axis) in pairs.dropLast() { result = try result.fft(n: s?[index], axis: axis, norm: norm) }
        return result
    }

    /// The inverse of `rfft2`: `ifft` over all but the last of `axes`, then `irfft` over it.
    public func irfft2(s: [Int]? = nil, axes: [Int] = [-2, -1], norm: FFTNorm = .backward) throws -> Tensor {
        let pairs = try fftAxes(s, axes, op: "irfft2")
        guard let last = pairs.last else { return self }
        var result = self
        for (index, axis) in pairs.dropLast() { result = try result.ifft(n: s?[index], axis: axis, norm: norm) }
        return try result.irfft(n: s?[last.0], axis: last.1, norm: norm)
    }

    /// The orthonormal DCT-II along `axis` (SciPy `dct(x, norm="ortho")`).
    public func dct(axis: Int = -1) throws -> Tensor {
        try orthonormalDCT(axis: axis, inverse: false)
    }

    /// The orthonormal DCT-III along `axis`, the inverse of `dct` (SciPy `idct(x, norm="ortho")`).
    public func idct(axis: Int = -1) throws -> Tensor {
        try orthonormalDCT(axis: axis, inverse: true)
    }

    /// The axis cropped (`narrow`) or zero-padded at the end to `n` entries.
    private func resizedForFFT(_ n: Int?, axis: Int, op: String) throws -> Tensor {
        guard rank > 0 else { throw TensorError.invalidShape(op: op, shape: shape, reason: "expected at least one axis") }
        let normalized = try ShapeMath.normalizeAxis(axis, rank: rank, op: op)
        guard let n, n != shape[normalized] else { return self }
        guard n >= 1 else { throw TensorError.invalidArgument(op: op, message: "invalid number of data points (\(n)) specified") }
        if n < shape[normalized] { return try narrow(axis: normalized, start: 0, length: n) }
        var widths: [(before: Int, after: Int)] = Array(repeating: (0, 0), count: rank)
        widths[normalized] = (0, n - shape[normalized])
        return try pad(widths)
    }

    private func fftAxes(_ sizes: [Int]?, _ axes: [Int], op: String) throws -> [(Int, Int)] {
        if let sizes, sizes.count != axes.count {
            throw TensorError.invalidArgument(op: op, message: "sizes \(sizes) and axes \(axes) must have the same length")
        }
        let normalized = try ShapeMath.normalizeAxes(axes, rank: rank, op: op)
        guard normalized.count == axes.count else { throw TensorError.invalidArgument(op: op, message: "repeated axis in \(axes)") }
        return Array(axes.enumerated())
    }

    /// The real parts of a complex tensor (a copy; real tensors are returned as they are).
    public func real() throws -> Tensor {
        guard dtype.isComplex else { return self }
        return try complexAsReal().slice([.ellipsis, .at(0)]).contiguous()
    }

    /// The imaginary parts of a complex tensor (zeros for real tensors).
    public func imag() throws -> Tensor {
        guard dtype.isComplex else { return zerosLike(dtype: dtype.floatingType) }
        return try complexAsReal().slice([.ellipsis, .at(1)]).contiguous()
    }

    /// A complex tensor from real and imaginary parts (broadcast together): `c128` if either is
    /// `f64`, else `c64`.
    public static func complex(real: Tensor, imaginary: Tensor) throws -> Tensor {
        guard !real.dtype.isComplex, !imaginary.dtype.isComplex else {
            throw TensorError.unsupportedDType(op: "complex", dtype: real.dtype.isComplex ? real.dtype : imaginary.dtype, reason: "parts must be real")
        }
        let shape = try ShapeMath.broadcast(real.shape, imaginary.shape, op: "complex")
        let wide = real.dtype == .f64 || imaginary.dtype == .f64
        let result = try allocateUninitialized(shape: shape, dtype: wide ? .c128 : .c64, op: "complex")
        let parts = result.complexAsReal()
        try ElementCopy.copy(real, into: parts.slice([.ellipsis, .at(0)]), op: "complex")
        try ElementCopy.copy(imaginary, into: parts.slice([.ellipsis, .at(1)]), op: "complex")
        return result
    }
}
