import FolioAutograd
import FolioTensor
import Foundation
import XCTest

/// Complex gradients in PyTorch's convention: for a real loss `L` and a complex leaf
/// `z = x + iy`, `grad` returns `∂L/∂x + i ∂L/∂y`. Checked against central differences taken
/// on `x` and `y` separately, against closed forms (Parseval, `|z|²`), against the DFT written
/// out as a matrix, and against values NumPy gives.
final class ComplexGradientTests: XCTestCase {
    let re = deterministicTensor([2, 4], offset: 0.3)
    let im = deterministicTensor([2, 4], offset: 1.7)

    /// Compares `grad(f)` at `re + i im` with central differences of `f` along each part.
    func assertPyTorchGradient(_ name: String, _ f: @escaping (Variable) throws -> Variable,
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let z = try Tensor.complex(real: re, imaginary: im)
        let analytic = try grad(f)(Variable(z)).value
        XCTAssertEqual(analytic.dtype, .c128, name, file: file, line: line)
        let viaParts: ([Variable]) throws -> Variable = { try f(Variable.complex(real: $0[0], imaginary: $0[1])) }
        let numericReal = try GradCheck.numericGradient(viaParts, inputs: [re, im], position: 0, step: 1e-6)
        let numericImaginary = try GradCheck.numericGradient(viaParts, inputs: [re, im], position: 1, step: 1e-6)
        assertAllClose(try analytic.real(), numericReal, rtol: 1e-5, atol: 1e-6, "\(name): real part", file: file, line: line)
        assertAllClose(try analytic.imag(), numericImaginary, rtol: 1e-5, atol: 1e-6, "\(name): imaginary part", file: file, line: line)
    }

    func testComplexLeafGradientsAreDerivativesAlongRealAndImaginaryParts() throws {
        let w = Variable.constant(try Tensor.complex(real: deterministicTensor([4], offset: 0.9), imaginary: deterministicTensor([4], offset: 2.1)))
        let weights = Variable.constant(deterministicTensor([2, 4], offset: 0.5) { 0.5 + $0 })
        try assertPyTorchGradient("|z|²") { z in try (z * z.conj()).real().sum() }
        try assertPyTorchGradient("re(z w)") { z in try (z * w).real().sum() }
        try assertPyTorchGradient("im(z / w)") { z in try (z / (w + 2.0)).imag().sum() }
        try assertPyTorchGradient("weighted |z|") { z in try (z.abs() * weights).sum() }
        for norm in FFTNorm.allCases {
            try assertPyTorchGradient("weighted |fft(z)|² \(norm)") { z in
                let spectrum = try z.fft(norm: norm)
                return try ((spectrum * spectrum.conj()).real() * weights).sum()
            }
            try assertPyTorchGradient("weighted irfft(z, 7) \(norm)") { z in
                try (z.irfft(n: 7, norm: norm) * Variable.constant(deterministicTensor([2, 7], offset: 0.2))).sum()
            }
            try assertPyTorchGradient("|rfft(re z)| \(norm) axis 0") { z in try z.real().rfft(axis: 0, norm: norm).abs().sum() }
        }
    }

    func testSquaredMagnitudeGradientIsTwiceZ() throws {
        let z = try Tensor.complex(real: re, imaginary: im)
        let gradient = try grad { try ($0 * $0.conj()).real().sum() }(Variable(z)).value
        assertAllClose(try gradient.real(), try re * 2.0, "re")
        assertAllClose(try gradient.imag(), try im * 2.0, "im")
    }

    /// Parseval: `Σ|fft(x)|² = c Σ|x|²` with `c = n, 1, 1/n` for the three norms, so the
    /// gradient is `2 c x`, for real and complex `x`.
    func testParsevalGradients() throws {
        let n = 4.0
        let factors: [FFTNorm: Double] = [.backward: n, .ortho: 1, .forward: 1 / n]
        for norm in FFTNorm.allCases {
            let power: (Variable) throws -> Variable = { x in
                let spectrum = try x.fft(norm: norm)
                return try (spectrum * spectrum.conj()).real().sum()
            }
            let scale = 2 * (factors[norm] ?? 0)
            assertAllClose(try grad(power)(Variable(re)).value, try re * scale, "real x, \(norm)")
            let complexGradient = try grad(power)(Variable(Tensor.complex(real: re, imaginary: im))).value
            assertAllClose(try complexGradient.real(), try re * scale, "complex x real part, \(norm)")
            assertAllClose(try complexGradient.imag(), try im * scale, "complex x imaginary part, \(norm)")
        }
    }

    /// NumPy: `np.fft.rfft([1, 2, 0, -1]) = [2, 1-3j, 0]`, so `Σ|X|² = 14`, and its central
    /// differences are `[6, 10, 2, -2]` (also `4x + Σx + (-1)^j Σ(-1)^l x_l`: the zero and
    /// Nyquist bins are counted once, the others once instead of twice).
    func testRfftPowerMatchesNumPy() throws {
        let x = Tensor([1, 2, 0, -1], dtype: .f64)
        let (value, gradient) = try valueAndGrad { x in
            let spectrum = try x.rfft()
            return try (spectrum * spectrum.conj()).real().sum()
        }(Variable(x))
        XCTAssertEqual(try value.item(), 14, accuracy: 1e-12)
        assertAllClose(gradient.value, Tensor([6, 10, 2, -2], dtype: .f64), "rfft power gradient")
    }

    /// NumPy: `np.fft.irfft([1+2j, -0.5+1j, 3-1j], 4) = [0.75, -1, 1.25, 0]`; the central
    /// differences of its first sample along the real parts are `[0.25, 0.5, 0.25]` and 0 along
    /// the imaginary parts: `1/n` times the weights `[1, 2, 1]` of the doubled interior bin.
    func testIrfftMatchesNumPy() throws {
        let spectrum = try Tensor.complex(real: Tensor([1, -0.5, 3], dtype: .f64), imaginary: Tensor([2, 1, -1], dtype: .f64))
        let (value, gradient) = try valueAndGrad { try $0.irfft(n: 4)[.at(0)] }(Variable(spectrum))
        assertAllClose(try Variable(spectrum).irfft(n: 4).value, Tensor([0.75, -1, 1.25, 0], dtype: .f64), "irfft value")
        XCTAssertEqual(try value.item(), 0.75, accuracy: 1e-12)
        assertAllClose(try gradient.value.real(), Tensor([0.25, 0.5, 0.25], dtype: .f64), "irfft gradient, real part")
        assertAllClose(try gradient.value.imag(), Tensor([0, 0, 0], dtype: .f64), "irfft gradient, imaginary part")
    }

    // The transforms written out as sums (no FFT involved), length 6, orthonormal scale `s`:
    // for `X = s F x`, the loss `L = Σ_k w_k re X_k + v_k im X_k = re(c^H X)` with `c = w + iv`
    // has gradient `s F^H c = s Σ_k c_k e^{+2πi jk/n}`; `rfft`'s gradient is its real part over
    // the kept bins; `irfft`'s is `s m_k Σ_j w_j e^{-2πi jk/n}` with `m = [1, 2, 2, 1]`.
    let length = 6
    let orthoScale = 1 / 6.0.squareRoot()
    var w: [Double] { deterministicTensor([length], offset: 0.4).toArray() }
    var v: [Double] { deterministicTensor([length], offset: 1.3).toArray() }
    func angle(_ j: Int, _ k: Int) -> Double { 2 * Double.pi * Double(j * k) / Double(length) }

    /// `Σ w re(X) + Σ v im(X)` over the first `bins` entries of `X`.
    func weightedParts(_ spectrum: Variable, bins: Int) throws -> Variable {
        let weightsReal = Variable.constant(Tensor(Array(w[..<bins]), dtype: .f64))
        let weightsImaginary = Variable.constant(Tensor(Array(v[..<bins]), dtype: .f64))
        return try (spectrum.real() * weightsReal).sum() + (spectrum.imag() * weightsImaginary).sum()
    }

    func testFFTGradientIsTheAdjointSum() throws {
        var expectedReal = Array(repeating: 0.0, count: length), expectedImaginary = expectedReal
        for j in 0..<length {
            for k in 0..<length {
                expectedReal[j] += orthoScale * (w[k] * cos(angle(j, k)) - v[k] * sin(angle(j, k)))
                expectedImaginary[j] += orthoScale * (w[k] * sin(angle(j, k)) + v[k] * cos(angle(j, k)))
            }
        }
        let z = try Tensor.complex(real: deterministicTensor([length], offset: 0.1), imaginary: deterministicTensor([length], offset: 0.6))
        let gradient = try grad { try self.weightedParts($0.fft(norm: .ortho), bins: self.length) }(Variable(z)).value
        assertAllClose(try gradient.real(), Tensor(expectedReal, dtype: .f64), "fft: real part of s F^H c")
        assertAllClose(try gradient.imag(), Tensor(expectedImaginary, dtype: .f64), "fft: imaginary part of s F^H c")
    }

    func testRfftGradientIsTheRealAdjointSumOverKeptBins() throws {
        let bins = length / 2 + 1
        var expected = Array(repeating: 0.0, count: length)
        for j in 0..<length {
            for k in 0..<bins { expected[j] += orthoScale * (w[k] * cos(angle(j, k)) - v[k] * sin(angle(j, k))) }
        }
        let x = Variable(deterministicTensor([length], offset: 0.2))
        let gradient = try grad { try self.weightedParts($0.rfft(norm: .ortho), bins: bins) }(x).value
        assertAllClose(gradient, Tensor(expected, dtype: .f64), "rfft")
    }

    func testIrfftGradientDoublesInteriorBins() throws {
        let bins = length / 2 + 1
        let multiplicity = [1.0, 2, 2, 1]
        var expectedReal = Array(repeating: 0.0, count: bins), expectedImaginary = expectedReal
        for k in 0..<bins {
            for j in 0..<length {
                expectedReal[k] += orthoScale * multiplicity[k] * w[j] * cos(angle(j, k))
                expectedImaginary[k] -= orthoScale * multiplicity[k] * w[j] * sin(angle(j, k))
            }
        }
        let spectrum = try Tensor.complex(real: deterministicTensor([bins], offset: 0.3), imaginary: deterministicTensor([bins], offset: 0.8))
        let weights = Variable.constant(Tensor(w, dtype: .f64))
        let gradient = try grad { try ($0.irfft(n: self.length, norm: .ortho) * weights).sum() }(Variable(spectrum)).value
        assertAllClose(try gradient.real(), Tensor(expectedReal, dtype: .f64), "irfft real part")
        assertAllClose(try gradient.imag(), Tensor(expectedImaginary, dtype: .f64), atol: 1e-12, "irfft imaginary part")
    }

    /// Single precision stays single: `f32` in, `c64` spectra, `f32` gradients.
    func testSinglePrecisionGradientsKeepTheirDType() throws {
        let x = Variable(deterministicTensor([8], offset: 0.5).cast(to: .f32))
        let gradient = try grad { x in
            let spectrum = try x.rfft()
            return try (spectrum * spectrum.conj()).real().sum()
        }(x).value
        XCTAssertEqual(gradient.dtype, .f32)
        let expected = try grad { x in
            let spectrum = try x.rfft()
            return try (spectrum * spectrum.conj()).real().sum()
        }(Variable(x.value.cast(to: .f64))).value
        assertAllClose(gradient.cast(to: .f64), expected, rtol: 1e-4, atol: 1e-4, "f32 against f64")
    }

    /// `|z|` has gradient `z / |z|`, and 0 at `z = 0` (PyTorch's `sgn`).
    func testAbsGradientIsUnitPhasorAndZeroAtZero() throws {
        let z = try Tensor.complex(real: Tensor([3, 0, -1], dtype: .f64), imaginary: Tensor([4, 0, 0], dtype: .f64))
        let gradient = try grad { try $0.abs().sum() }(Variable(z)).value
        assertAllClose(try gradient.real(), Tensor([0.6, 0, -1], dtype: .f64), "re")
        assertAllClose(try gradient.imag(), Tensor([0.8, 0, 0], dtype: .f64), "im")
    }

    /// FFT rules are transforms and the zero-safe product rules are built from `cumprod`, so
    /// they differentiate again.
    func testSecondOrderThroughTransformsAndZeroProducts() throws {
        let spectral = PrimitiveCatalog.spectral.filter { $0.name.contains("backward") || $0.name.contains("ortho") }
        let products = PrimitiveCatalog.productsThroughZeros + PrimitiveCatalog.complexElementwise
        for testCase in spectral + products where testCase.name != "complex abs" { try GradCheck.checkSecondOrder(testCase) }
    }
}
