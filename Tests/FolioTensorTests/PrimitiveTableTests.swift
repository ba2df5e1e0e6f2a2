import FolioTensor
import XCTest

/// Iterates the op table so that every primitive, on every dtype, either computes or throws a
/// `TensorError` — never traps — and follows the documented dtype rules.
final class PrimitiveTableTests: XCTestCase {
    private func samples() throws -> [Tensor] {
        [
            try Tensor(bools: [true, false, true, true], shape: [2, 2]),
            try Tensor(integers: [-3, 0, 2, Int64.min], shape: [2, 2]),
            try Tensor([-1.5, 0, 0.25, .nan], shape: [2, 2], dtype: .f32),
            try Tensor([-1.5, 0, 0.25, .infinity], shape: [2, 2], dtype: .f64).transpose(),
            try Tensor(complex: [Complex(1, 2), Complex(0, 0), Complex(-1, 0.5), Complex(3, 0)], shape: [2, 2]),
        ]
    }

    func testEveryUnaryOpOnEveryDType() throws {
        for x in try samples() {
            for op in UnaryOp.allCases {
                do {
                    let y = try Tensor.forward(.unary(op), [x])[0]
                    XCTAssertEqual(y.shape, x.shape, "\(op) \(x.dtype)")
                    if op == .isnan || op == .isfinite {
                        XCTAssertEqual(y.dtype, .bool)
                    } else if op.rawValue != "abs" && !x.dtype.isComplex && [DType.bool, .i64].contains(x.dtype) {
                        XCTAssertEqual(y.dtype, [UnaryOp.neg, .sign, .relu, .floor, .ceil, .round].contains(op) ? .i64 : .f32, "\(op) \(x.dtype)")
                    }
                } catch let error as TensorError {
                    XCTAssertEqual(error.kind, .type, "\(op) on \(x.dtype): \(error)")
                }
            }
        }
    }

    func testEveryBinaryOpAndComparisonOnEveryDTypePair() throws {
        let all = try samples()
        for a in all {
            for b in all {
                for op in BinaryOp.allCases {
                    do {
                        let y = try Tensor.forward(.binary(op), [a, b])[0]
                        XCTAssertEqual(y.shape, [2, 2])
                    } catch let error as TensorError {
                        XCTAssertTrue([.type, .value].contains(error.kind), "\(op) \(a.dtype) \(b.dtype): \(error)")
                    }
                }
                for op in ComparisonOp.allCases {
                    do {
                        let y = try Tensor.forward(.compare(op), [a, b])[0]
                        XCTAssertEqual(y.dtype, .bool)
                    } catch let error as TensorError {
                        XCTAssertEqual(error.kind, .type, "\(op) \(a.dtype) \(b.dtype): \(error)")
                    }
                }
            }
        }
    }

    func testReductionsOnEveryDType() throws {
        for x in try samples() {
            for op in ReductionOp.allCases {
                for axes in [nil, [0], [1], [0, 1]] as [[Int]?] {
                    do {
                        _ = try Tensor.forward(.reduce(op, axes: axes, keepDims: false), [x])
                    } catch let error as TensorError {
                        XCTAssertEqual(error.kind, .type, "\(op) \(x.dtype): \(error)")
                    }
                }
            }
            _ = try? x.cumsum(axis: 1)
        }
    }

    func testForwardChecksArityAndReturnsAllOutputs() throws {
        assertThrowsKind(.value) { try Tensor.forward(.matmul, [Tensor.eye(2)]) }
        XCTAssertEqual(try Tensor.forward(.svd, [Tensor.eye(3)]).count, 3)
        XCTAssertEqual(try Tensor.forward(.slice([.at(1)]), [Tensor.eye(3)])[0].toArray(), [0, 1, 0])
        XCTAssertEqual(PrimitiveOp.concat(axis: 0, count: 3).arity, 3)
        XCTAssertEqual(try Tensor.forward(.concat(axis: 0, count: 2), [Tensor([1]), Tensor([2, 3])])[0].toArray(), [1, 2, 3])
        XCTAssertEqual(try Tensor.forward(.take(axis: 0), [Tensor([5, 6, 7]), Tensor(integers: [2, 0], shape: [2])])[0].toArray(), [7, 5])
        XCTAssertEqual(try Tensor.forward(.assignSlice([.at(0)]), [Tensor([1, 2]), Tensor(scalar: 9)])[0].toArray(), [9, 2])
        XCTAssertFalse(PrimitiveOp.argsort(axis: 0, descending: false).isDifferentiable)
        XCTAssertFalse(PrimitiveOp.compare(.lt).isDifferentiable)
        XCTAssertTrue(PrimitiveOp.unary(.exp).isDifferentiable)
    }

    /// Shape, index, sorting, spectral, convolution and linear-algebra primitives on every dtype:
    /// a result or a `TensorError`, never a trap.
    func testStructuralPrimitivesOnEveryDType() throws {
        let index = try Tensor(integers: [1, 0, 1, 1], shape: [2, 2])
        let geometry = try ConvolutionGeometry(kernel: [2, 1])
        let unary: [PrimitiveOp] = [
            .cumprod(axis: 1), .argsort(axis: 0, descending: true), .fft(axis: 0, inverse: true, norm: .ortho),
            .rfft(axis: 1, norm: .forward), .irfft(axis: 1, length: 2, norm: .backward), .dct(axis: 0, inverse: true),
            .slogdet, .eig,
        ]
        for x in try samples() {
            for op in unary {
                do {
                    _ = try Tensor.forward(op, [x])
                } catch let error as TensorError {
                    XCTAssertTrue([.type, .value].contains(error.kind), "\(op) \(x.dtype): \(error)")
                }
            }
            let image = try x.reshape([1, 1, 2, 2])
            for op in [PrimitiveOp.im2col(geometry)] {
                do { _ = try Tensor.forward(op, [image]) } catch let error as TensorError {
                    XCTAssertEqual(error.kind, .type, "\(op) \(x.dtype): \(error)")
                }
            }
            let binary: [(PrimitiveOp, [Tensor])] = [
                (.concat(axis: 1, count: 2), [x, x]), (.take(axis: 1), [x, index]), (.gather(axis: 0), [x, index]),
                (.assignSlice([.at(0)]), [x, try x.slice([.at(1)])]), (.scatterAdd(axis: 1), [x, index, x]),
            ]
            for (op, inputs) in binary {
                do {
                    let output = try Tensor.forward(op, inputs)[0]
                    XCTAssertEqual(output.dtype, x.dtype, "\(op) keeps the dtype")
                } catch let error as TensorError {
                    XCTAssertEqual(error.kind, .type, "\(op) \(x.dtype): \(error)")
                }
            }
        }
    }
}
