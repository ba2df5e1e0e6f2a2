import FolioAutograd
import FolioTensor

/// Gradcheck cases with complex values inside: the FFT primitives (every `norm`, `n` padding
/// and cropping, several axes) and the elementwise ops FFT losses use, on complex operands.
///
/// Gradchecks perturb real inputs, so a complex operand enters as two real inputs joined by
/// `Variable.complex(real:imaginary:)` and a complex result leaves as its real and imaginary
/// parts (each weighted by `GradCheck.weightedSum`). The check then covers exactly the
/// derivatives `∂L/∂re` and `∂L/∂im` that PyTorch's complex gradient is made of.
extension PrimitiveCatalog {
    /// `args[first] + i args[first + 1]`.
    static func complexArgument(_ args: [Variable], _ first: Int = 0) throws -> Variable {
        try Variable.complex(real: args[first], imaginary: args[first + 1])
    }

    /// A complex result as the two real outputs a gradcheck can weigh.
    static func parts(_ z: Variable) throws -> [Variable] { [try z.real(), try z.imag()] }

    static var spectral: [PrimitiveCase] {
        FFTNorm.allCases.flatMap { norm in complexTransforms(norm) + realTransforms(norm) }
    }

    /// `fft`/`ifft` of real and complex input, padded and cropped, on inner and outer axes.
    static func complexTransforms(_ norm: FFTNorm) -> [PrimitiveCase] {
        [
            PrimitiveCase(name: "fft \(norm) real input", op: .fft(axis: -1, inverse: false, norm: norm),
                          inputs: [t([2, 5], 0.1)]) { args in try parts(args[0].fft(norm: norm)) },
            PrimitiveCase(name: "ifft \(norm) complex, axis 0, n 6 (padded)", op: .fft(axis: 0, inverse: true, norm: norm),
                          inputs: [t([4, 3], 0.2), t([4, 3], 0.7)]) { args in
                try parts(complexArgument(args).ifft(n: 6, axis: 0, norm: norm))
            },
            PrimitiveCase(name: "fft \(norm) complex, axis 1, n 3 (cropped)", op: .fft(axis: 1, inverse: false, norm: norm),
                          inputs: [t([2, 5, 2], 0.3), t([2, 5, 2], 0.9)]) { args in
                try parts(complexArgument(args).fft(n: 3, axis: 1, norm: norm))
            },
        ]
    }

    /// `rfft` of even and odd lengths, and `irfft` to even and odd lengths, with `n` changes.
    static func realTransforms(_ norm: FFTNorm) -> [PrimitiveCase] {
        let irfftOp: (Int, Int) -> PrimitiveOp = { axis, length in .irfft(axis: axis, length: length, norm: norm) }
        return [
            PrimitiveCase(name: "rfft \(norm) even length", op: .rfft(axis: -1, norm: norm),
                          inputs: [t([3, 6], 0.4)]) { args in try parts(args[0].rfft(norm: norm)) },
            PrimitiveCase(name: "rfft \(norm) axis 0, n 7 (padded, odd)", op: .rfft(axis: 0, norm: norm),
                          inputs: [t([5, 2], 0.5)]) { args in try parts(args[0].rfft(n: 7, axis: 0, norm: norm)) },
            PrimitiveCase(name: "rfft \(norm) n 4 (cropped)", op: .rfft(axis: -1, norm: norm),
                          inputs: [t([2, 6], 0.6)]) { args in try parts(args[0].rfft(n: 4, norm: norm)) },
            PrimitiveCase(name: "irfft \(norm) even length 6", op: irfftOp(-1, 6),
                          inputs: [t([2, 4], 0.1), t([2, 4], 0.8)]) { args in
                [try complexArgument(args).irfft(norm: norm)]
            },
            PrimitiveCase(name: "irfft \(norm) axis 0, odd length 7", op: irfftOp(0, 7),
                          inputs: [t([4, 2], 0.2), t([4, 2], 0.5)]) { args in
                [try complexArgument(args).irfft(n: 7, axis: 0, norm: norm)]
            },
            PrimitiveCase(name: "irfft \(norm) n 4 (5 bins cropped to 3)", op: irfftOp(-1, 4),
                          inputs: [t([5], 0.3), t([5], 0.6)]) { args in [try complexArgument(args).irfft(n: 4, norm: norm)] },
            PrimitiveCase(name: "irfft \(norm) n 11 (4 bins padded to 6)", op: irfftOp(-1, 11),
                          inputs: [t([2, 4], 0.4), t([2, 4], 0.9)]) { args in
                [try complexArgument(args).irfft(n: 11, norm: norm)]
            },
            PrimitiveCase(name: "irfft \(norm) of real input", op: irfftOp(-1, 6),
                          inputs: [t([4], 0.7)]) { args in [try args[0].irfft(norm: norm)] },
        ]
    }

    /// The elementwise ops and reductions an FFT loss is made of, on complex operands (and
    /// complex mixed with real ones, whose gradient is the real part).
    static var complexElementwise: [PrimitiveCase] {
        let pair = [t([2, 3], 0.1), t([2, 3], 0.6)]
        let divisorPair = [t([3], 0.4) { 1.2 + $0 * 0.5 }, t([3], 0.9) { 0.7 + $0 * 0.3 }]
        return [
            PrimitiveCase(name: "complex mul (broadcast)", op: .binary(.mul), inputs: pair + [t([3], 0.3), t([3], 0.8)]) { args in
                try parts(complexArgument(args) * complexArgument(args, 2))
            },
            PrimitiveCase(name: "complex div (broadcast)", op: .binary(.div), inputs: pair + divisorPair) { args in
                try parts(complexArgument(args) / complexArgument(args, 2))
            },
            PrimitiveCase(name: "complex add real", op: .binary(.add), inputs: pair + [t([3], 0.2)]) { args in
                try parts(complexArgument(args) + args[2])
            },
            PrimitiveCase(name: "complex sub", op: .binary(.sub), inputs: pair + pair.reversed()) { args in
                try parts(complexArgument(args) - complexArgument(args, 2))
            },
            PrimitiveCase(name: "real mul complex", op: .binary(.mul), inputs: [t([2, 3], 0.5)] + pair) { args in
                try parts(args[0] * complexArgument(args, 1))
            },
            PrimitiveCase(name: "complex abs", op: .unary(.abs), inputs: pair) { args in [try complexArgument(args).abs()] },
            PrimitiveCase(name: "complex neg", op: .unary(.neg), inputs: pair) { args in try parts(-complexArgument(args)) },
            PrimitiveCase(name: "complex sum axis 1", op: .reduce(.sum, axes: [1], keepDims: false), inputs: pair) { args in
                try parts(complexArgument(args).sum(axes: [1]))
            },
            PrimitiveCase(name: "complex prod axis 1", op: .reduce(.prod, axes: [1], keepDims: false), inputs: pair) { args in
                try parts(complexArgument(args).prod(axes: [1]))
            },
            PrimitiveCase(name: "complex cumprod axis 1", op: .cumprod(axis: 1), inputs: pair) { args in
                try parts(complexArgument(args).cumprod(axis: 1))
            },
            PrimitiveCase(name: "complex conj times self", op: .binary(.mul), inputs: pair) { args in
                let z = try complexArgument(args)
                return try parts(z * z.conj() + z * z)
            },
        ]
    }
}
