import FolioAutograd
import FolioTensor
import XCTest

/// Walks the op table: every differentiable primitive has a float64 finite-difference check.
final class PrimitiveGradcheckTests: XCTestCase {
    /// A key naming the kind of a primitive, payload aside (`unary.exp`, `reduce.max`, `slice`).
    static func kind(of op: PrimitiveOp) -> String {
        switch op {
        case let .unary(unary): return "unary.\(unary.rawValue)"
        case let .binary(binary): return "binary.\(binary.rawValue)"
        case let .reduce(reduction, _, _): return "reduce.\(reduction.rawValue)"
        default:
            let text = String(describing: op)
            return text.split(separator: "(").first.map(String.init) ?? text
        }
    }

    /// Differentiable primitives whose kind is not enumerable from a `CaseIterable` table.
    /// `PrimitiveOp` has payloads, so it cannot list its own cases; keep this in step with it.
    static let structuralKinds = ["select", "cumsum", "cumprod", "cast", "reshape", "permute", "expand", "slice",
                                  "concat", "take", "gather", "scatterAdd", "assignSlice", "matmul", "im2col", "col2im", "slogdet", "dct",
                                  "fft", "rfft", "irfft", "solve", "inverse", "determinant", "cholesky", "qr", "svd", "eigh"]

    func testCatalogCoversEveryDifferentiablePrimitive() {
        var required = Set(Self.structuralKinds)
        for op in UnaryOp.allCases where op.isDifferentiable { required.insert(Self.kind(of: .unary(op))) }
        for op in BinaryOp.allCases { required.insert(Self.kind(of: .binary(op))) }
        for op in ReductionOp.allCases { required.insert(Self.kind(of: .reduce(op, axes: nil, keepDims: false))) }
        let covered = Set(PrimitiveCatalog.all.filter { $0.op.isDifferentiable }.map { Self.kind(of: $0.op) })
        XCTAssertEqual(required.subtracting(covered).sorted(), [], "differentiable primitives without a gradcheck case")
    }

    func testEveryDifferentiablePrimitiveMatchesCentralDifferences() {
        for testCase in PrimitiveCatalog.all {
            XCTAssertTrue(testCase.op.isDifferentiable, "\(testCase.name) is listed but not differentiable")
            do {
                try GradCheck.check(testCase.name, inputs: testCase.inputs, step: testCase.step,
                                    rtol: testCase.rtol, atol: testCase.atol, testCase.run)
            } catch {
                XCTFail("\(testCase.name): \(error)")
            }
        }
    }

    func testNonDifferentiableUnaryOpsNameThemselves() throws {
        for op in UnaryOp.allCases where !op.isDifferentiable {
            let x = Variable(deterministicTensor([3], offset: 0.1), requiresGrad: true)
            let y = try x.apply(op)
            guard y.requiresGrad else { continue }  // boolean results (isnan, isfinite) are constants
            XCTAssertThrowsError(try (y * x).sum().backward()) { error in
                XCTAssertEqual(error as? AutogradError, .notDifferentiable(op: op.rawValue))
                XCTAssertTrue("\(error)".contains(op.rawValue))
            }
        }
    }

    func testComparisonsAndArgReductionsGiveConstants() throws {
        let x = Variable(deterministicTensor([2, 3], offset: 0.1), requiresGrad: true)
        XCTAssertFalse(try (x .> 0).requiresGrad)
        XCTAssertFalse(try x.argmax(axis: 1).requiresGrad)
        // A mask built from a comparison scales the gradient and is itself not differentiated.
        let masked = try (x * (x .> 0).cast(to: .f64)).sum()
        try masked.backward()
        let expected = try (x.value .> 0).cast(to: .f64)
        assertAllClose(try XCTUnwrap(x.grad), expected)
    }
}
