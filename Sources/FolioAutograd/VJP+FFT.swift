import FolioTensor

/// VJP rules of the Fourier transforms, in PyTorch's convention (`fft_c2c_backward`,
/// `fft_r2c_backward`, `fft_c2r_backward`): the cotangent of a complex input is
/// `∂L/∂re + i ∂L/∂im`, that of a real input the real part of the complex pull-back (taken by
/// `BackwardPass.fit`). Each rule is itself a transform, so higher derivatives work.
///
/// Write a transform of length `n` with scale `s` as `y = s F x`, `F[j, k] = e^{∓2πi jk/n}`.
/// Its adjoint `s F^H` is the transform in the other direction with the same scale, which is
/// the other direction under the adjoint `norm` (`backward` ↔ `forward`, `ortho` itself).
extension VJP {
    /// `y = fft(x)` or `ifft(x)`: `g` transformed the other way, with the adjoint scale.
    static func fft(axis: Int, inverse: Bool, norm: FFTNorm, g: Variable) throws -> Variable {
        try Variable.apply(.fft(axis: axis, inverse: !inverse, norm: norm.adjoint), [g])
    }

    /// `y = rfft(x)` keeps the first `n/2 + 1` bins of `s F x`, so the pull-back is `s F^H`
    /// applied to `g` zero-padded to `n` bins (the dropped bins got no cotangent); its real part
    /// is `x`'s gradient. No bin is doubled here: the dropped half simply contributes nothing.
    static func rfft(axis: Int, norm: FFTNorm, node: GraphNode, g: Variable) throws -> Variable {
        let x = node.input(0)
        let normalized = try Variable.normalizedAxis(axis, rank: x.rank, op: "rfft")
        let fullSpectrum = try g.resized(axis: normalized, to: x.shape[normalized])
        return try Variable.apply(.fft(axis: axis, inverse: true, norm: norm.adjoint), [fullSpectrum])
    }

    /// `y = irfft(X, length)` reads each interior bin `X[k]` twice (as itself and as the
    /// conjugate `X[n - k]`), and only the real part of the zero and Nyquist bins:
    /// `y = s (re X[0] + 2 Σ re(X[k] e^{2πi jk/n}) + re X[n/2] (-1)^j)`. So the gradient is
    /// `s rfft(g)` with the interior bins doubled — `rfft` under the adjoint norm, times `[1, 2, …, 2, 1]`
    /// (the last weight 2 when `n` is odd: there is no Nyquist bin).
    static func irfft(axis: Int, length: Int, norm: FFTNorm, g: Variable) throws -> Variable {
        let spectrum = try Variable.apply(.rfft(axis: axis, norm: norm.adjoint), [g])
        let normalized = try Variable.normalizedAxis(axis, rank: spectrum.rank, op: "irfft")
        let bins = spectrum.shape[normalized]
        var weights = Array(repeating: 2.0, count: bins)
        weights[0] = 1
        if length % 2 == 0 { weights[bins - 1] = 1 }
        var weightShape = Array(repeating: 1, count: spectrum.rank)
        weightShape[normalized] = bins
        let weightTensor = try Tensor(weights, shape: weightShape, dtype: spectrum.dtype.realType)
        return try spectrum * Variable.constant(weightTensor)
    }
}

extension FFTNorm {
    /// The norm under which the transform in the opposite direction has the same scale, so
    /// that it is this transform's adjoint.
    var adjoint: FFTNorm {
        switch self {
        case .backward: return .forward
        case .forward: return .backward
        case .ortho: return .ortho
        }
    }
}
