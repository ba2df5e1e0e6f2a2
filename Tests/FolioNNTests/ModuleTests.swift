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

/// How the language's `model` declarations map onto the library.
final class DeclaredModuleTests: XCTestCase {
    func testADeclaredModelTrainsLikeABuiltInLayer() throws {
        let model = DeclaredModule(name: "Affine") { module, input in
            let scale = try XCTUnwrap(module.parameter(named: "scale"))
            let inner = try XCTUnwrap(module.child(named: "inner"))
            return try inner(input) * scale.variable
        }
        model.register(parameterValue: Tensor([2], dtype: .f64), named: "scale")
        model.register(child: try Linear(1, 1, dtype: .f64, seed: 1), named: "inner")
        XCTAssertEqual(model.namedParameters.map { $0.name }, ["scale", "inner.weight", "inner.bias"])
        let optimizer = try SGD(model.parameters, lr: 0.01)
        let x = try Tensor([1, 2, 3], shape: [3, 1], dtype: .f64)
        let y = try x * 3.0
        var last = Double.infinity
        for _ in 0..<200 {
            let loss = try Loss.mse(model(x), Variable(y))
            last = try loss.item()
            try optimizer.step(loss)
        }
        XCTAssertLessThan(last, 1e-3)
        XCTAssertEqual(model.layerDescription, "Affine")
    }
}
