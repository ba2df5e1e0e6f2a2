import FolioAutograd
import FolioNN
import FolioTensor
import XCTest

/// A two-level model built only through the registration API, as a `model` declaration would be.
private final class Tiny: Module {
    override init() {
        super.init()
        let body = Module()
        body.register(parameterValue: Tensor([1, 2, 3]), named: "weight")
        body.register(buffer: Tensor([0]), named: "count")
        register(child: body, named: "body")
        register(parameterValue: Tensor([4]), named: "scale")
    }
}

final class ModuleTests: XCTestCase {
    func testNamedParametersUseDottedPathsInDeclarationOrder() {
        let model = Tiny()
        XCTAssertEqual(model.namedParameters.map { $0.name }, ["scale", "body.weight"])
        XCTAssertEqual(model.namedBuffers.map { $0.name }, ["body.count"])
        XCTAssertEqual(model.parameterCount, 4)
        XCTAssertTrue(model.parameters.allSatisfy { $0.requiresGrad })
    }

    func testTrainAndEvalPropagateToChildren() throws {
        let model = Tiny()
        model.eval()
        XCTAssertFalse(try XCTUnwrap(model.child(named: "body")).isTraining)
        model.train()
        XCTAssertTrue(try XCTUnwrap(model.child(named: "body")).isTraining)
    }

    func testAssignKeepsIdentityAndRejectsWrongShape() throws {
        let model = Tiny()
        let weight = model.parameters[1]
        try weight.assign(Tensor([7, 8, 9]))
        XCTAssertEqual(model.parameters[1].value.toArray(), [7, 8, 9])
        XCTAssertThrowsError(try weight.assign(Tensor([1, 2])))
        XCTAssertEqual(weight.value.toArray(), [7, 8, 9])
    }
}
