import FolioAutograd
import FolioTensor
import XCTest

/// Walks the op table: every differentiable primitive has a float64 finite-difference check.
final class PrimitiveGradcheckTests: XCTestCase {
    /// A key naming the kind of a primitive, payload aside (`unary.exp`, `reduce.max`, `slice`).
    static func key(of op: PrimitiveOp) -> String {
        switch op {
        case let .unary(unary): return "unary.\(unary.rawValue)"
        case let .binary(binary): return "binary.\(binary.rawValue)"
        case let .reduce(reduction, _, _): return "reduce.\(reduction.rawValue)"
        default: return op.kind.rawValue
        }
    }

    /// Every differentiable primitive, derived from the op table: `PrimitiveOp.Kind` lists every
    /// case (its `kind` switch has no default), and the unary, binary and reduction tables list
    /// their ops. A new primitive is required here without editing this file.
    static var requiredKeys: Set<String> {
        var required: Set<String> = []
        for kind in PrimitiveOp.Kind.allCases where kind.isDifferentiable {
            switch kind {
            case .unary: for op in UnaryOp.allCases where op.isDifferentiable { required.insert(key(of: .unary(op))) }
            case .binary: for op in BinaryOp.allCases { required.insert(key(of: .binary(op))) }
            case .reduce: for op in ReductionOp.allCases { required.insert(key(of: .reduce(op, axes: nil, keepDims: false))) }
            default: required.insert(kind.rawValue)
            }
        }
        return required
    }

    func testCatalogCoversEveryDifferentiablePrimitive() {
        let covered = Set(PrimitiveCatalog.all.filter { $0.op.isDifferentiable }.map { Self.key(of: $0.op) })
        XCTAssertEqual(Self.requiredKeys.subtracting(covered).sorted(), [], "differentiable primitives without a gradcheck case")
        // The derived list is not vacuous: it holds the structural primitives a hand list named.
        XCTAssertTrue(Self.requiredKeys.isSuperset(of: ["select", "matmul", "svd", "irfft", "assignSlice", "unary.exp", "reduce.prod"]))
        XCTAssertFalse(Self.requiredKeys.contains("eig"))
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
