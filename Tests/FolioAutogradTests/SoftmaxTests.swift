import Foundation
import FolioAutograd
import FolioTensor
import XCTest

/// The softmax primitive on variables where the gradcheck does not look: special values (as the
/// exp / sum composite, NumPy and PyTorch give them), integer inputs, empty and 0-d tensors, and
/// axes outside the rank.
final class SoftmaxTests: XCTestCase {
    /// Rows of 5 along the last axis: a -inf entry, all -inf, a NaN, a +inf, and values near 1e4
    /// whose unshifted exp overflows even in f64.
    static let specialRows: [[Double]] = [
        [-.infinity, 0.5, -1, 2, 0.25],
        [-.infinity, -.infinity, -.infinity, -.infinity, -.infinity],
        [1, .nan, 2, 3, 4],
        [1, 2, .infinity, 0, -1],
        [10_000, 10_001.5, 9_999, 10_002, 10_000.25],
    ]

    /// `exp(x - max) / Σ exp(x - max)` in Double: NaN for a row holding NaN or +inf or only -inf
    /// (inf - inf), 0 at -inf otherwise.
    static func expectedSoftmax(_ row: [Double]) -> [Double] {
        let peak = row.contains(where: \.isNaN) ? Double.nan : row.max() ?? 0
        let exponentials = row.map { Foundation.exp($0 - peak) }
        let total = exponentials.reduce(0, +)
        return exponentials.map { $0 / total }
    }

    /// `y (w - Σ w y)` per row in Double, the gradient of `Σ w · softmax(x)`.
    static func expectedGradient(_ row: [Double], weights: [Double]) -> [Double] {
        let probabilities = expectedSoftmax(row)
        let projection = zip(weights, probabilities).map { $0 * $1 }.reduce(0, +)
        return zip(weights, probabilities).map { weight, probability in probability * (weight - projection) }
    }

    func testSpecialValuesGiveWhatTheCompositeGives() throws {
        let weights = [0.5, -1.0, 2.0, 0.25, 1.5]
        let weightRows = Array(repeating: weights, count: Self.specialRows.count).flatMap { $0 }
        let shape = [Self.specialRows.count, 5]
        // Row-major along the last axis (the row kernel), and transposed along axis 0 (moved last
        // and back), with a first-order and a recording backward.
        for (dtype, axis, recording) in [(DType.f64, -1, false), (.f32, -1, false), (.f64, 0, false), (.f64, -1, true)] {
            var input = try Tensor(Self.specialRows.flatMap { $0 }, shape: shape, dtype: dtype)
            var weightTensor = try Tensor(weightRows, shape: shape, dtype: dtype)
            if axis == 0 {
                input = try input.transpose().contiguous()
                weightTensor = try weightTensor.transpose().contiguous()
            }
            let x = Variable(input, requiresGrad: true)
            let y = try x.softmax(axis: axis)
            let loss = try (y * Variable(weightTensor)).sum()
            let gradient: Tensor
            if recording {
                gradient = try gradients(of: loss, withRespectTo: [x], createGraph: true)[0].value
            } else {
                try loss.backward()
                gradient = try XCTUnwrap(x.grad)
            }
            let values = try (axis == 0 ? y.value.transpose() : y.value).contiguous().toArray(of: Double.self)
            let slopes = try (axis == 0 ? gradient.transpose() : gradient).contiguous().toArray(of: Double.self)
            let tolerance = dtype == .f32 ? 1e-6 : 1e-14
            for (index, row) in Self.specialRows.enumerated() {
                let rounded = row.map { dtype == .f32 ? Double(Float($0)) : $0 }
                let label = "\(dtype) axis \(axis) recording \(recording) row \(index)"
                assertElements(Array(values[index * 5..<(index + 1) * 5]), Self.expectedSoftmax(rounded), tolerance, "softmax \(label)")
                assertElements(Array(slopes[index * 5..<(index + 1) * 5]), Self.expectedGradient(rounded, weights: weights),
                               tolerance, "gradient \(label)")
            }
        }
    }

    private func assertElements(_ actual: [Double], _ expected: [Double], _ tolerance: Double, _ label: String,
                                file: StaticString = #filePath, line: UInt = #line) {
        for (column, (value, reference)) in zip(actual, expected).enumerated() {
            if reference.isNaN {
                XCTAssertTrue(value.isNaN, "\(label) column \(column): \(value), expected NaN", file: file, line: line)
            } else {
                XCTAssertEqual(value, reference, accuracy: tolerance, "\(label) column \(column)", file: file, line: line)
            }
        }
    }

    /// Integer input computes in f32, as the composite did (`i64` has no gradient, so none flows).
    func testIntegerInputIsCastToFloat() throws {
        let y = try Variable(Tensor(integers: [1, 2, 3, 1], shape: [2, 2])).softmax(axis: 1)
        XCTAssertEqual(y.dtype, .f32)
        let expected = Self.expectedSoftmax([1, 2]) + Self.expectedSoftmax([3, 1])
        assertElements(y.value.toArray(of: Double.self), expected, 1e-7, "i64 softmax")
    }

    func testOutOfRangeAxesNameTheAxisAndTheRank() throws {
        let matrix = Variable(deterministicTensor([2, 3], offset: 0.1), requiresGrad: true)
        for (call, name, axis, rank) in [
            ({ try matrix.softmax(axis: 2) }, "softmax", 2, 2),
            ({ try matrix.softmax(axis: -3) }, "softmax", -3, 2),
            ({ try Variable(Tensor(scalar: 1, dtype: .f64)).softmax() }, "softmax", -1, 0),
            ({ try matrix.logSoftmax(axis: 5) }, "log_softmax", 5, 2),
        ] as [(() throws -> Variable, String, Int, Int)] {
            XCTAssertThrowsError(try call()) { error in
                let message = "\(error)"
                XCTAssertTrue(message.contains(name) && message.contains("axis \(axis)") && message.contains("rank \(rank)"), message)
            }
        }
    }

    /// No rows, or rows of nothing: an empty result and an empty gradient.
    func testEmptyTensorsGiveEmptyResults() throws {
        let x = Variable(try Tensor.zeros([0, 3], dtype: .f64), requiresGrad: true)
        let y = try x.softmax(axis: -1)
        XCTAssertEqual(y.shape, [0, 3])
        try y.sum().backward()
        XCTAssertEqual(try XCTUnwrap(x.grad).shape, [0, 3])
    }
}
