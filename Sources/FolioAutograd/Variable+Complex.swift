import FolioTensor

/// Complex parts on variables, composed from `cast`, `add` and `mul` (FolioTensor has no
/// `real`/`imag`/`conj` primitives), so they need no gradient code.
///
/// Gradients follow PyTorch's convention: the gradient of a real loss `L` with respect to a
/// complex `z = x + iy` is `∂L/∂x + i ∂L/∂y` (the conjugate Wirtinger derivative times 2). With
/// it, `cast` to a real dtype (which keeps the real part) pulls a real cotangent `g` back to
/// `g + 0i`, and `cast` from real to complex pulls a complex cotangent back to its real part —
/// which is what `BackwardPass.fit` already does. Everything below follows from those two.
extension Variable {
    /// The real parts (real variables are returned as they are).
    public func real() throws -> Variable {
        dtype.isComplex ? try cast(to: dtype.realType) : self
    }

    /// The imaginary parts, `real(-i z)` (zeros for real variables).
    public func imag() throws -> Variable {
        guard dtype.isComplex else { return Variable.constant(value.zerosLike(dtype: dtype.floatingType)) }
        return try (self * imaginaryUnit(sign: -1)).real()
    }

    /// The complex conjugate, `2 re(z) - z`: its pull-back is `conj(g)`, as PyTorch's.
    public func conj() throws -> Variable {
        guard dtype.isComplex else { return self }
        let twiceReal = try real().cast(to: dtype) * 2.0
        return try twiceReal - self
    }

    /// `real + i imaginary` (broadcast together), `c128` when either part is `f64`, else `c64`.
    public static func complex(real: Variable, imaginary: Variable) throws -> Variable {
        guard !real.dtype.isComplex, !imaginary.dtype.isComplex else {
            let dtype = real.dtype.isComplex ? real.dtype : imaginary.dtype
            throw TensorError.unsupportedDType(op: "complex", dtype: dtype, reason: "parts must be real")
        }
        let wide = real.dtype == .f64 || imaginary.dtype == .f64
        let complexType: DType = wide ? .c128 : .c64
        let imaginaryPart = try imaginary.cast(to: complexType) * real.cast(to: complexType).imaginaryUnit(sign: 1)
        return try real.cast(to: complexType) + imaginaryPart
    }

    /// The 0-d constant `±i` in this variable's (complex) dtype, so multiplying by it never
    /// promotes `c64` to `c128`.
    func imaginaryUnit(sign: Double) throws -> Variable {
        let zero = Tensor(scalar: 0, dtype: dtype.realType), unit = Tensor(scalar: sign, dtype: dtype.realType)
        return Variable.constant(try Tensor.complex(real: zero, imaginary: unit))
    }
}
