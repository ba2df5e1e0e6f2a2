import FolioTensor
import XCTest

/// FFT and DCT on FFTW against `FFTReference` (numpy.fft, scipy.fft), plus round trips.
final class FFTTests: XCTestCase {
    /// Interleaved (real, imaginary) values of a complex tensor.
    private func parts(_ tensor: Tensor) -> [Double] {
        tensor.toArray(of: Complex<Double>.self).flatMap { [$0.real, $0.imaginary] }
    }

    func testComplexFFTMatchesNumPy() throws {
        let x = try det([3, 7], 0)
        let spectrum = try x.fft(axis: 1)
        XCTAssertEqual(spectrum.dtype, .c128)
        XCTAssertEqual(spectrum.shape, [3, 7])
        assertClose(parts(spectrum), FFTReference.fftAxis1, rtol: 1e-12, atol: 1e-13)
        assertClose(parts(try x.fft(axis: 0, norm: .ortho)), FFTReference.fftAxis0Ortho, rtol: 1e-12, atol: 1e-13)
        assertClose(parts(try x.fft(n: 10, axis: 1)), FFTReference.fftPadded, rtol: 1e-12, atol: 1e-13)
        assertClose(parts(try x.fft(n: 4, axis: 1, norm: .forward)), FFTReference.fftCropped, rtol: 1e-12, atol: 1e-13)
        let z = try Tensor.complex(real: det([5], 0.5), imaginary: det([5], 1.5))
        assertClose(parts(try z.ifft()), FFTReference.ifftComplex, rtol: 1e-12, atol: 1e-13)
        let single = try det([3, 7], 0, dtype: .f32).fft(axis: 1)
        XCTAssertEqual(single.dtype, .c64)
        assertClose(parts(single), FFTReference.fftAxis1, rtol: 1e-5, atol: 1e-5)
    }

    func testRealFFTMatchesNumPy() throws {
        assertClose(parts(try det([3, 7], 0).rfft(axis: 1)), FFTReference.rfftOdd, rtol: 1e-12, atol: 1e-13)
        let even = try det([2, 8], 1)
        assertClose(parts(try even.rfft(norm: .ortho)), FFTReference.rfftEvenOrtho, rtol: 1e-12, atol: 1e-13)
        let spectrum = try even.rfft()
        XCTAssertEqual(spectrum.shape, [2, 5])
        assertTensor(try spectrum.irfft(), FFTReference.irfftDefault, shape: [2, 8], rtol: 1e-12, atol: 1e-13)
        assertTensor(try spectrum.irfft(n: 9), FFTReference.irfftOdd, shape: [2, 9], rtol: 1e-12, atol: 1e-13)
        XCTAssertEqual(spectrum.toArray(of: Complex<Double>.self), try even.rfft().toArray(of: Complex<Double>.self), "irfft must not destroy its input")
    }

    func testTwoDimensionalTransformsMatchNumPy() throws {
        let g = try det([4, 6], 2)
        assertClose(parts(try g.fft2()), FFTReference.fft2, rtol: 1e-12, atol: 1e-12)
        assertClose(parts(try g.rfft2()), FFTReference.rfft2, rtol: 1e-12, atol: 1e-12)
        assertTensor(try g.rfft2().irfft2(s: [4, 6]), FFTReference.irfft2, shape: [4, 6], rtol: 1e-12, atol: 1e-13)
        assertClose(parts(try g.fft2(s: [5, 3], axes: [1, 0])), FFTReference.fft2Sized, rtol: 1e-12, atol: 1e-12)
    }

    func testOrthonormalDCTMatchesSciPy() throws {
        let x = try det([3, 7], 0)
        assertTensor(try x.dct(axis: 1), FFTReference.dctAxis1, rtol: 1e-12, atol: 1e-13)
        assertTensor(try x.idct(axis: 0), FFTReference.idctAxis0, rtol: 1e-12, atol: 1e-13)
        assertTensor(try x.dct().idct(), x.toArray(), rtol: 0, atol: 1e-13)
    }

    func testRoundTripsOnOddLengthsAndStridedViews() throws {
        for length in [1, 2, 3, 17, 97, 128] {
            let x = try det([2, length], Double(length), dtype: .f64)
            let back = try x.fft().ifft().real()
            assertTensor(back, x.toArray(), rtol: 0, atol: 1e-12, "fft/ifft \(length)")
            assertTensor(try x.rfft().irfft(n: length), x.toArray(), rtol: 0, atol: 1e-12, "rfft/irfft \(length)")
        }
        let strided = try det([6, 10], 0).slice([.range(step: 2), .range(step: -3)])
        assertClose(parts(try strided.fft(axis: 0)), parts(try strided.contiguous().fft(axis: 0)), rtol: 0, atol: 1e-14)
        let ortho = try det([16], 0).fft(norm: .ortho)
        XCTAssertEqual(try ortho.abs().norm().item().doubleValue, try det([16], 0).norm().item().doubleValue, accuracy: 1e-12)
    }

    func testFFTMisuse() throws {
        assertThrowsKind(.value) { try Tensor.zeros([3, 0]).fft() }
        assertThrowsKind(.value) { try det([4], 0).fft(n: 0) }
        assertThrowsKind(.type) { try Tensor.complex(real: det([4], 0), imaginary: det([4], 1)).rfft() }
        assertThrowsKind(.index) { try det([4], 0).fft(axis: 1) }
        assertThrowsKind(.value) { try det([4, 3], 0).rfft().inverseRealFFT(axis: -1, length: 7, norm: .backward) }
        XCTAssertEqual(try Tensor.forward(.dct(axis: 0, inverse: false), [det([4], 0)])[0].shape, [4])
    }
}
