import FolioTensor

/// NumPy's `numpy.fft` on variables: the `fft`, `rfft` and `irfft` primitives, with `n`
/// cropping (`slice`) or zero-padding (`concat` with zeros) the axis first, exactly as
/// `Tensor.fft(n:axis:norm:)` does, so values agree with and without gradients.
extension Variable {
    /// The discrete Fourier transform along `axis`, of length `n` (default: the axis size).
    public func fft(n: Int? = nil, axis: Int = -1, norm: FFTNorm = .backward) throws -> Variable {
        let resized = try resizedForFFT(n, axis: axis, op: "fft")
        return try Variable.apply(.fft(axis: axis, inverse: false, norm: norm), [resized])
    }

    /// The inverse discrete Fourier transform along `axis`.
    public func ifft(n: Int? = nil, axis: Int = -1, norm: FFTNorm = .backward) throws -> Variable {
        let resized = try resizedForFFT(n, axis: axis, op: "ifft")
        return try Variable.apply(.fft(axis: axis, inverse: true, norm: norm), [resized])
    }

    /// The FFT of real input: the `n/2 + 1` non-negative frequencies along `axis`.
    public func rfft(n: Int? = nil, axis: Int = -1, norm: FFTNorm = .backward) throws -> Variable {
        let resized = try resizedForFFT(n, axis: axis, op: "rfft")
        return try Variable.apply(.rfft(axis: axis, norm: norm), [resized])
    }

    /// The inverse of `rfft`: `n` real samples (default `2 (m - 1)` for `m` frequencies); the
    /// input is cropped or zero-padded to `n/2 + 1` frequencies first.
    public func irfft(n: Int? = nil, axis: Int = -1, norm: FFTNorm = .backward) throws -> Variable {
        let normalized = try Variable.normalizedAxis(axis, rank: rank, op: "irfft")
        let length = n ?? 2 * (shape[normalized] - 1)
        guard length >= 1 else {
            throw TensorError.invalidArgument(op: "irfft", message: "invalid number of data points (\(length)) along axis \(axis)")
        }
        let resized = try resizedForFFT(length / 2 + 1, axis: axis, op: "irfft")
        return try Variable.apply(.irfft(axis: axis, length: length, norm: norm), [resized])
    }

    /// The 2-d FFT over `axes`, one axis at a time.
    public func fft2(axes: [Int] = [-2, -1], norm: FFTNorm = .backward) throws -> Variable {
        try axes.reduce(self) { result, axis in try result.fft(axis: axis, norm: norm) }
    }

    /// The inverse 2-d FFT over `axes`.
    public func ifft2(axes: [Int] = [-2, -1], norm: FFTNorm = .backward) throws -> Variable {
        try axes.reduce(self) { result, axis in try result.ifft(axis: axis, norm: norm) }
    }

    /// The 2-d FFT of real input, as `Tensor.rfft2`: `rfft` over the last of `axes`, then `fft`
    /// over the others.
    public func rfft2(axes: [Int] = [-2, -1], norm: FFTNorm = .backward) throws -> Variable {
        guard let last = try Variable.distinctAxes(axes, rank: rank, op: "rfft2").last else { return self }
        return try axes.dropLast().reduce(try rfft(axis: last, norm: norm)) { result, axis in try result.fft(axis: axis, norm: norm) }
    }

    /// The inverse of `rfft2`: `ifft` over all but the last of `axes`, then `irfft` over it.
    public func irfft2(axes: [Int] = [-2, -1], norm: FFTNorm = .backward) throws -> Variable {
        guard let last = try Variable.distinctAxes(axes, rank: rank, op: "irfft2").last else { return self }
        let inner = try axes.dropLast().reduce(self) { result, axis in try result.ifft(axis: axis, norm: norm) }
        return try inner.irfft(axis: last, norm: norm)
    }

    /// `axes` as given, after checking each is in range and none repeats.
    private static func distinctAxes(_ axes: [Int], rank: Int, op: String) throws -> [Int] {
        let normalized = try axes.map { try normalizedAxis($0, rank: rank, op: op) }
        guard Set(normalized).count == axes.count else { throw TensorError.invalidArgument(op: op, message: "repeated axis in \(axes)") }
        return axes
    }

    /// The axis cropped or zero-padded at its end to `n` entries (`nil`: unchanged).
    func resizedForFFT(_ n: Int?, axis: Int, op: String) throws -> Variable {
        let normalized = try Variable.normalizedAxis(axis, rank: rank, op: op)
        guard let n = n, n != shape[normalized] else { return self }
        guard n >= 1 else {
            throw TensorError.invalidArgument(op: op, message: "invalid number of data points (\(n)) specified")
        }
        return try resized(axis: normalized, to: n)
    }

    /// The first `length` entries along `axis`, followed by zeros when `length` exceeds it.
    /// The FFT rules use it too (a one-sided spectrum padded back to full length).
    func resized(axis: Int, to length: Int) throws -> Variable {
        let size = shape[axis]
        if length <= size {
            let leading = Array(repeating: TensorIndex.all, count: axis)
            return try slice(leading + [.range(start: 0, stop: length)])
        }
        var zerosShape = shape
        zerosShape[axis] = length - size
        let zeros = Variable.constant(try Tensor.zeros(zerosShape, dtype: dtype))
        return try Variable.cat([self, zeros], axis: axis)
    }

    /// `axis` counted from the front, or an `invalidAxis` error naming `op`.
    static func normalizedAxis(_ axis: Int, rank: Int, op: String) throws -> Int {
        let normalized = axis < 0 ? axis + rank : axis
        guard rank > 0, (0..<rank).contains(normalized) else {
            throw TensorError.invalidAxis(op: op, axis: axis, rank: rank)
        }
        return normalized
    }
}
