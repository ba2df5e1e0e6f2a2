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
}
