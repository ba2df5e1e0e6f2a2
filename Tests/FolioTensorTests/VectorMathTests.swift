import Foundation
import FolioTensor
import XCTest

/// The vectorised f32 exp/log/tanh (used on dense tensors) against libm in Double.
final class VectorMathTests: XCTestCase {
    /// The largest error of `f` on dense `inputs`, in units of the last place of the f32 result.
    private func maximumUlpError(_ inputs: [Float], _ f: (Tensor) throws -> Tensor, reference: (Double) -> Double) throws -> Double {
        let results = try f(Tensor(typedFloats: inputs)).toArray(of: Float.self)
        var worst = 0.0
        for (input, result) in zip(inputs, results) {
            let exact = reference(Double(input))
            let rounded = Float(exact)
            if rounded.isInfinite || rounded.isNaN || rounded == 0 {
                XCTAssertTrue(result == rounded || (result.isNaN && rounded.isNaN) || Swift.abs(result) <= Float.leastNormalMagnitude,
                              "f(\(input)) = \(result), expected \(rounded)")
                continue
            }
            let ulp = Double(rounded.ulp)
            worst = Swift.max(worst, Swift.abs(Double(result) - exact) / ulp)
        }
        return worst
    }

    private func sweep(from low: Float, to high: Float, count: Int) -> [Float] {
        (0..<count).map { index in
            let fraction = Float(index) / Float(count - 1)
            return low + (high - low) * fraction
        }
    }

    func testExpErrorBound() throws {
        let inputs = sweep(from: -103, to: 88.7, count: 200_003)
        let error = try maximumUlpError(inputs, { try $0.exp() }, reference: Foundation.exp)
        XCTAssertLessThanOrEqual(error, 1.5, "exp max error \(error) ulp")
    }

    func testLogErrorBound() throws {
        let magnitudes = sweep(from: -44, to: 38, count: 200_003).map { Float(Foundation.pow(10, Double($0))) }
        let error = try maximumUlpError(magnitudes, { try $0.log() }, reference: Foundation.log)
        XCTAssertLessThanOrEqual(error, 1.5, "log max error \(error) ulp")
    }

    func testTanhErrorBound() throws {
        let inputs = sweep(from: -12, to: 12, count: 200_003)
        let error = try maximumUlpError(inputs, { try $0.tanh() }, reference: Foundation.tanh)
        XCTAssertLessThanOrEqual(error, 2, "tanh max error \(error) ulp")
    }

    func testSpecialValues() throws {
        let specials: [Float] = [0, -0.0, .infinity, -.infinity, .nan, 1e-45, -1, 200, -200]
        let x = Tensor(typedFloats: specials)
        let exps = try x.exp().toArray(of: Float.self)
        XCTAssertEqual(Array(exps[0...3]), [1, 1, .infinity, 0])
        XCTAssertTrue(exps[4].isNaN)
        XCTAssertEqual(Array(exps[7...8]), [.infinity, 0])
        let logs = try x.log().toArray(of: Float.self)
        XCTAssertEqual(Array(logs[0...2]), [-.infinity, -.infinity, .infinity])
        XCTAssertTrue(logs[3].isNaN && logs[4].isNaN && logs[6].isNaN)
        XCTAssertEqual(Double(logs[5]), Foundation.log(Double(Float(1e-45))), accuracy: 1e-5)
        let tanhs = try x.tanh().toArray(of: Float.self)
        XCTAssertEqual(Array(tanhs[2...3]), [1, -1])
        XCTAssertTrue(tanhs[4].isNaN)
        XCTAssertEqual(Array(tanhs[7...8]), [1, -1])
    }
}

extension Tensor {
    /// An f32 tensor holding exactly `values` (no round trip through Double).
    init(typedFloats values: [Float]) {
        self = Tensor(values.map(Double.init), dtype: .f32)
    }
}

/// The AVX2 and AVX-512 exp kernels (NativeKernels), each level this CPU has, against `expl`.
final class NativeExpTests: XCTestCase {
    private var levels: [Int] { [2, 3].filter { $0 <= NativeKernels.simdLevel } }

    /// Error in units of the last place of the correctly rounded result (subnormal ulp below the normals).
    private func ulpError<T: BinaryFloatingPoint>(_ result: T, exact: Float80, as _: T.Type) -> Double {
        let rounded = T(exact)
        let ulp = rounded < T.leastNormalMagnitude ? T.leastNonzeroMagnitude : rounded.ulp
        return Double(Swift.abs(Float80(result) - exact) / Float80(ulp))
    }

    func testFloatExpWithinOneUlpIncludingSubnormals() throws {
        try XCTSkipIf(levels.isEmpty, "no AVX2+FMA here")
        let count = 300_001
        let inputs = (0..<count).map { Float(-104.0 + 193.0 * Double($0) / Double(count - 1)) }
        for level in levels {
            let results = try XCTUnwrap(NativeKernels.map(.exp, level: level, inputs))
            var worst = 0.0
            for (x, y) in zip(inputs, results) {
                let exact = Glibc.expl(Float80(x))
                let rounded = Float(exact)
                if rounded.isInfinite || rounded == 0 {
                    XCTAssertTrue(y == rounded || y == Float.leastNonzeroMagnitude, "level \(level): exp(\(x)) = \(y), expected \(rounded)")
                    continue
                }
                worst = Swift.max(worst, ulpError(y, exact: exact, as: Float.self))
            }
            XCTAssertLessThanOrEqual(worst, 1.0, "level \(level): f32 exp max error \(worst) ulp")
        }
    }

    func testDoubleExpWithinOneUlpIncludingSubnormals() throws {
        try XCTSkipIf(levels.isEmpty, "no AVX2+FMA here")
        let count = 300_001
        var inputs = (0..<count).map { -746.0 + 1456.0 * Double($0) / Double(count - 1) }
        inputs += (0..<20_000).map { sin(Double($0) * 0.37) }  // dense near 0, where r is the whole input
        for level in levels {
            let results = try XCTUnwrap(NativeKernels.map(.exp, level: level, inputs))
            var worst = 0.0
            for (x, y) in zip(inputs, results) {
                let exact = Glibc.expl(Float80(x))
                let rounded = Double(exact)
                if rounded.isInfinite || rounded == 0 {
                    XCTAssertTrue(y == rounded || y == Double.leastNonzeroMagnitude, "level \(level): exp(\(x)) = \(y), expected \(rounded)")
                    continue
                }
                worst = Swift.max(worst, ulpError(y, exact: exact, as: Double.self))
            }
            XCTAssertLessThanOrEqual(worst, 1.0, "level \(level): f64 exp max error \(worst) ulp")
        }
    }

    func testSpecialValuesAndTails() throws {
        try XCTSkipIf(levels.isEmpty, "no AVX2+FMA here")
        let floats: [Float] = [0, -0.0, .infinity, -.infinity, .nan, 1e-45, -1e-45, 88.72284, 88.72283, -103.972, 1, -1, 2]
        let doubles: [Double] = [0, -0.0, .infinity, -.infinity, .nan, 5e-324, 709.79, 709.78, -745.2, -745.1, 1, -1, 2]
        for level in levels {
            // Every length exercises the masked (AVX-512) or buffered (AVX2) tail.
            for length in 1...floats.count {
                let f = try XCTUnwrap(NativeKernels.map(.exp, level: level, Array(floats.prefix(length))))
                let d = try XCTUnwrap(NativeKernels.map(.exp, level: level, Array(doubles.prefix(length))))
                XCTAssertEqual(f.count, length)
                XCTAssertEqual(d.count, length)
            }
            let f = try XCTUnwrap(NativeKernels.map(.exp, level: level, floats))
            XCTAssertEqual(Array(f[0...3]), [1, 1, .infinity, 0])
            XCTAssertTrue(f[4].isNaN)
            XCTAssertEqual(Array(f[5...6]), [1, 1])
            XCTAssertEqual(f[7], .infinity)
            let largest = Float(Glibc.exp(Double(Float(88.72283))))
            XCTAssertEqual(f[8], largest, accuracy: largest.ulp)
            XCTAssertEqual(f[9], Float.leastNonzeroMagnitude)
            for (value, expected) in zip(f[10...12], [Float(M_E), Float(1 / M_E), Float(M_E * M_E)]) {
                XCTAssertEqual(value, expected, accuracy: expected.ulp)
            }
            let d = try XCTUnwrap(NativeKernels.map(.exp, level: level, doubles))
            XCTAssertEqual(Array(d[0...3]), [1, 1, .infinity, 0])
            XCTAssertTrue(d[4].isNaN)
            XCTAssertEqual(Array(d[5...6]), [1, .infinity])
            XCTAssertEqual(d[7], Glibc.exp(709.78), accuracy: Glibc.exp(709.78) * 3e-16)
            XCTAssertEqual(d[8], 0)
            XCTAssertEqual(d[9], Double.leastNonzeroMagnitude)
            let tail = Array(0..<40).map { Double($0) * 0.1 - 2 }
            let tails = try XCTUnwrap(NativeKernels.map(.exp, level: level, tail))
            for (x, y) in zip(tail, tails) { XCTAssertEqual(y, Glibc.exp(x), accuracy: Glibc.exp(x) * 3e-16) }
        }
    }
}

/// The AVX2 and AVX-512 log, tanh and sigmoid kernels against Float80 references, and the fused softmax.
final class NativeActivationTests: XCTestCase {
    private func worstUlp<T: BinaryFloatingPoint>(_ op: NativeKernels.Map, _ inputs: [T], reference: (Float80) -> Float80,
                                                  kernel: ([T]) -> [T]?) throws -> Double {
        let results = try XCTUnwrap(kernel(inputs), "no \(op) kernel")
        var worst = 0.0
        for (x, y) in zip(inputs, results) {
            let exact = reference(Float80(x))
            let rounded = T(exact)
            if rounded.isNaN || rounded.isInfinite || rounded == 0 {
                XCTAssertTrue(y == rounded || (y.isNaN && rounded.isNaN), "\(op)(\(x)) = \(y), expected \(rounded)")
                continue
            }
            let ulp = Swift.abs(rounded) < T.leastNormalMagnitude ? T.leastNonzeroMagnitude : rounded.ulp
            worst = Swift.max(worst, Double(Swift.abs(Float80(y) - exact) / Float80(ulp)))
        }
        return worst
    }

    private func sweep(_ low: Double, _ high: Double, _ count: Int) -> [Double] {
        (0..<count).map { low + (high - low) * Double($0) / Double(count - 1) }
    }

    private let specials: [Float] = [0, -0.0, .infinity, -.infinity, .nan, -1, .leastNonzeroMagnitude, 1.17e-38, 3.4e38, 1]

    func testLogTanhSigmoidErrorBounds() throws {
        let levels = [2, 3].filter { $0 <= NativeKernels.simdLevel }
        try XCTSkipIf(levels.isEmpty, "no AVX2+FMA here")
        let logInputs = sweep(-45, 38.5, 200_001).map { Float(Foundation.pow(10, $0)) } + specials
        let tanhInputs = sweep(-12, 12, 200_001).map(Float.init) + specials + [50, -50]
        let sigmoid: (Float80) -> Float80 = { 1 / (1 + Glibc.expl(-$0)) }
        let sigmoidInputs = sweep(-110, 30, 200_001).map(Float.init) + specials
        let sigmoidDoubles = sweep(-750, 40, 200_001) + specials.map(Double.init)
        for level in levels {
            let f32 = { (op: NativeKernels.Map) in { (values: [Float]) in NativeKernels.map(op, level: level, values) } }
            let log = try worstUlp(.log, logInputs, reference: { Glibc.logl($0) }, kernel: f32(.log))
            XCTAssertLessThanOrEqual(log, 1.0, "level \(level): log max error \(log) ulp")
            let tanh = try worstUlp(.tanh, tanhInputs, reference: { Glibc.tanhl($0) }, kernel: f32(.tanh))
            XCTAssertLessThanOrEqual(tanh, 1.5, "level \(level): tanh max error \(tanh) ulp")
            let sigmoid32 = try worstUlp(.sigmoid, sigmoidInputs, reference: sigmoid, kernel: f32(.sigmoid))
            XCTAssertLessThanOrEqual(sigmoid32, 2.5, "level \(level): f32 sigmoid max error \(sigmoid32) ulp")
            let sigmoid64 = try worstUlp(.sigmoid, sigmoidDoubles, reference: sigmoid,
                                         kernel: { NativeKernels.map(.sigmoid, level: level, $0) })
            XCTAssertLessThanOrEqual(sigmoid64, 2.5, "level \(level): f64 sigmoid max error \(sigmoid64) ulp")
        }
    }

    /// The fused softmax rows at each SIMD level this CPU has (AVX2 and AVX-512): tails of every
    /// size, a -inf entry (exp gives 0), a NaN row, a row of -inf and one holding +inf (NaN, as the
    /// composite, NumPy and PyTorch give: inf - inf), and a row near 1e4 (exp overflows unless
    /// shifted by the maximum), against Double.
    func testFusedSoftmaxRows() throws {
        let levels = [2, 3].filter { $0 <= NativeKernels.simdLevel }
        try XCTSkipIf(levels.isEmpty, "no AVX2+FMA here")
        for length in [1, 3, 7, 8, 15, 16, 17, 37, 100] {
            let rows = 5
            var values = (0..<rows * length).map { 6 * Foundation.sin(0.37 * Double($0) + 1) }
            for column in 0..<length { values[4 * length + column] += 10_000 }
            if length > 1 {
                values[0] = -.infinity
                values[length] = .nan
                for column in 0..<length { values[2 * length + column] = -.infinity }
                values[3 * length + 1] = .infinity
            }
            let combinations = [DType.f32, .f64].flatMap { dtype in levels.map { (dtype, $0) } }
            for (dtype, level) in combinations {
                let input = try Tensor(values, shape: [rows, length], dtype: dtype)
                let rounded = try input.toArray(of: Double.self)
                let kernelResult = dtype == .f32
                    ? NativeKernels.softmaxRows(level: level, rounded.map(Float.init), length: length)?.map(Double.init)
                    : NativeKernels.softmaxRows(level: level, rounded, length: length)
                let result = try XCTUnwrap(kernelResult, "no level \(level) kernel")
                for row in 0..<rows {
                    let slice = Array(rounded[row * length..<(row + 1) * length])
                    let peak = slice.contains(where: \.isNaN) ? Double.nan : slice.max()!
                    let total = slice.map { Foundation.exp($0 - peak) }.reduce(0, +)
                    for (column, x) in slice.enumerated() {
                        let expected = Foundation.exp(x - peak) / total
                        let actual = result[row * length + column]
                        let label = "\(dtype) level \(level) length \(length) row \(row) column \(column)"
                        guard !expected.isNaN else {
                            XCTAssertTrue(actual.isNaN, "\(label): \(actual), expected NaN")
                            continue
                        }
                        let tolerance = (dtype == .f32 ? 1e-6 : 1e-15) * Swift.max(expected, 1e-30)
                        XCTAssertEqual(actual, expected, accuracy: tolerance, label)
                    }
                }
            }
        }
    }

    /// The fused log-softmax rows at each SIMD level this CPU has (AVX2 and AVX-512): tails of
    /// every size, a -inf entry, a NaN row, a row of -inf (NaN, as the composite) and one holding
    /// +inf (-inf beside a NaN), against Double.
    func testFusedLogSoftmaxRows() throws {
        let levels = [2, 3].filter { $0 <= NativeKernels.simdLevel }
        try XCTSkipIf(levels.isEmpty, "no AVX2+FMA here")
        for length in [1, 3, 7, 8, 15, 16, 17, 37, 100] {
            let rows = 5
            var values = (0..<rows * length).map { 6 * Foundation.sin(0.37 * Double($0) + 1) }
            if length > 1 {
                values[0] = -.infinity
                values[length] = .nan
                for column in 0..<length { values[2 * length + column] = -.infinity }
                values[3 * length + 1] = .infinity
            }
            let combinations = [DType.f32, .f64].flatMap { dtype in levels.map { (dtype, $0) } }
            for (dtype, level) in combinations {
                let input = try Tensor(values, shape: [rows, length], dtype: dtype)
                let rounded = try input.toArray(of: Double.self)
                let kernelResult = dtype == .f32
                    ? NativeKernels.logSoftmaxRows(level: level, rounded.map(Float.init), length: length)?.map(Double.init)
                    : NativeKernels.logSoftmaxRows(level: level, rounded, length: length)
                let result = try XCTUnwrap(kernelResult, "no level \(level) kernel")
                for row in 0..<rows {
                    let slice = Array(rounded[row * length..<(row + 1) * length])
                    let peak = slice.max()!
                    let shift = peak.isFinite ? peak : 0
                    let logTotal = Foundation.log(slice.map { Foundation.exp($0 - shift) }.reduce(0, +)) + shift
                    for (column, x) in slice.enumerated() {
                        let expected = slice.contains(where: \.isNaN) ? Double.nan : x - logTotal
                        let actual = result[row * length + column]
                        let label = "\(dtype) level \(level) length \(length) row \(row) column \(column)"
                        guard expected.isFinite else {
                            XCTAssertTrue(actual == expected || (actual.isNaN && expected.isNaN), "\(label): \(actual), expected \(expected)")
                            continue
                        }
                        let tolerance = (dtype == .f32 ? 2e-6 : 1e-14) * Swift.max(Swift.abs(expected), 1)
                        XCTAssertEqual(actual, expected, accuracy: tolerance, label)
                    }
                }
            }
        }
    }

    /// Softmax along a middle or first axis (moved last and back) and of a strided input gives
    /// the composite's values, in f64 and f32.
    func testFusedSoftmaxOtherAxesAndLayouts() throws {
        func composite(_ x: Tensor, _ axis: Int) throws -> Tensor {
            let exponentials = try (x - x.max(axes: [axis], keepDims: true)).exp()
            return try exponentials / exponentials.sum(axes: [axis], keepDims: true)
        }
        for dtype in [DType.f64, .f32] {
            let input = try (det([3, 4, 5], 0.2) * 4.0).cast(to: dtype)
            let tolerance = dtype == .f32 ? 1e-6 : 1e-14
            for axis in [0, 1, -1] {
                assertTensor(try input.softmax(axis: axis), try composite(input, axis).toArray(of: Double.self), shape: [3, 4, 5],
                             rtol: tolerance, atol: tolerance, "\(dtype) axis \(axis)")
                let strided = try input.transpose(0, 2)
                assertTensor(try strided.softmax(axis: axis), try composite(strided, axis).toArray(of: Double.self), shape: [5, 4, 3],
                             rtol: tolerance, atol: tolerance, "\(dtype) strided axis \(axis)")
            }
        }
    }

    /// A middle axis (moved last and back) and a strided input give the composite's values.
    func testFusedLogSoftmaxOtherAxesAndLayouts() throws {
        let input = try det([3, 4, 5], 0.2) * 4.0
        for axis in [0, 1, -1] {
            let composite = try input - input.logsumexp(axes: [axis], keepDims: true)
            assertTensor(try input.logSoftmax(axis: axis), composite.toArray(of: Double.self), shape: [3, 4, 5],
                         rtol: 1e-14, atol: 1e-14)
            let strided = try input.transpose(0, 2)
            let stridedComposite = try strided - strided.logsumexp(axes: [axis], keepDims: true)
            assertTensor(try strided.logSoftmax(axis: axis), stridedComposite.toArray(of: Double.self), shape: [5, 4, 3],
                         rtol: 1e-14, atol: 1e-14)
        }
    }
}
