import FolioAutograd
import FolioNN
import FolioNumericTestSupport
import FolioTensor
import XCTest

/// Every catalogued layer: its forward runs, every parameter gets a gradient, and a float64
/// finite-difference check agrees on the input and the parameters.
final class LayerGradientTests: XCTestCase {
    /// A loss that weights each output differently, so no gradient cancels by symmetry.
    private func weightedSum(_ output: Variable) throws -> Variable {
        let weights = try LayerCatalog.det(output.shape, 1.1)
        return try (output * Variable(weights.cast(to: output.dtype))).sum()
    }

    func testEveryLayerGivesEveryParameterAGradient() throws {
        for entry in LayerCatalog.entries {
            let model = try entry.make()
            try weightedSum(model(entry.input())).backward()
            XCTAssertFalse(model.parameters.isEmpty, "\(entry.name) has no parameters")
            for (name, parameter) in model.namedParameters {
                let gradient = try XCTUnwrap(parameter.grad, "\(entry.name).\(name) got no gradient")
                XCTAssertEqual(gradient.shape, parameter.shape, "\(entry.name).\(name)")
                XCTAssertTrue(gradient.toArray().contains { $0 != 0 }, "\(entry.name).\(name) gradient is all zeros")
            }
        }
    }

    func testFloat64GradcheckOfEveryLayer() throws {
        for entry in LayerCatalog.entries {
            let model = try entry.make()
            let input = try entry.input()
            try GradientChecking.checkParameters(of: model, input: input, loss: weightedSum, tolerance: 1e-5)
            guard input.dtype == .f64 else { continue }
            // BatchNorm updates running statistics on each call; the input check only reads the
            // batch statistics, so repeated calls do not change the function.
            try GradientChecking.check({ try self.weightedSum(model($0)) }, at: input, tolerance: 1e-5, what: entry.name)
        }
    }
}
