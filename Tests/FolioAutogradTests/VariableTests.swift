import FolioAutograd
import FolioTensor
import FolioTestSupport
import XCTest

/// Basic properties of `Variable`: leaves, constants, `.grad` and `detached()`.
final class VariableTests: XCTestCase {
    func testLeafRequiresGradAndConstantDoesNot() throws {
        let values = deterministicValues(count: 6, offset: 0.5)
        let leaf = Variable(try Tensor(values, shape: [2, 3], dtype: .f64), requiresGrad: true)
        let constant = Variable(try Tensor(values, shape: [2, 3], dtype: .f64))
        XCTAssertTrue(leaf.requiresGrad)
        XCTAssertTrue(leaf.isLeaf)
        XCTAssertFalse(constant.requiresGrad)
        XCTAssertFalse(leaf.detached().requiresGrad)
        XCTAssertNil(leaf.grad)
        XCTAssertEqual(leaf.shape, [2, 3])
    }

    /// softplus' = sigmoid, including at 0 where relu and abs both have a kink (values: scipy.special.expit).
    func testSoftplusDerivativeIsSigmoidAlsoAtZero() throws {
        let x = Variable(try Tensor([0.0, -1.0, 2.0], shape: [3], dtype: .f64), requiresGrad: true)
        try x.softplus().sum().backward()
        let gradient = try XCTUnwrap(x.grad).toArray()
        let expected = [0.5, 0.2689414213699951, 0.8807970779778823]
        for (value, reference) in zip(gradient, expected) { XCTAssertEqual(value, reference, accuracy: 1e-12) }
    }
}
