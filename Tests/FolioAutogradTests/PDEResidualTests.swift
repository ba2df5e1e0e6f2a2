import FolioAutograd
import FolioTensor
import XCTest

/// A physics-informed loss: the residual `u_xx + f` of a tiny MLP `u(x)`, whose parameters must
/// get finite gradients equal to central differences of the loss.
final class PDEResidualTests: XCTestCase {
    /// `u(x) = W2 tanh(W1 x + b1) + b2` on a batch of points `x` of shape `(n, 1)`.
    private func network(_ parameters: [Variable], _ points: Variable) throws -> Variable {
        let hidden = try (points.matmul(parameters[0]) + parameters[1]).tanh()
        return try hidden.matmul(parameters[2]) + parameters[3]
    }

    /// `mean((u_xx + sin(x))²)`: points are independent, so `d/dx sum(u)` is `u_x` per point.
    private func residualLoss(_ parameters: [Variable], points: Tensor) throws -> Variable {
        let x = Variable(points, requiresGrad: true)
        let u = try network(parameters, x)
        let ux = try gradients(of: u.sum(), withRespectTo: [x], createGraph: true)[0]
        let uxx = try gradients(of: ux.sum(), withRespectTo: [x], createGraph: true)[0]
        let residual = try uxx + Variable.constant(points.sin())
        return try (residual * residual).mean()
    }

    private var initialParameters: [Tensor] {
        [deterministicTensor([1, 4], offset: 0.1), deterministicTensor([4], offset: 0.7) { $0 * 0.5 },
         deterministicTensor([4, 1], offset: 1.9), deterministicTensor([1], offset: 2.3)]
    }

    func testResidualLossGradientsMatchCentralDifferences() throws {
        let points = deterministicTensor([6, 1], offset: 0.2) { $0 * 2 }
        let parameters = initialParameters.map { Variable($0, requiresGrad: true) }
        let loss = try residualLoss(parameters, points: points)
        try loss.backward()
        XCTAssertNil(parameters[3].grad, "the output bias does not enter u_xx")
        for (index, parameter) in parameters.enumerated() {
            // u_xx does not depend on the output bias b2: like PyTorch, its .grad stays nil.
            let analytic = parameter.grad ?? parameter.value.zerosLike()
            XCTAssertTrue(analytic.toArray().allSatisfy { $0.isFinite })
            let numeric = try GradCheck.numericGradient({ try self.residualLoss($0, points: points) },
                                                        inputs: initialParameters, position: index, step: 1e-5)
            assertAllClose(analytic, numeric, rtol: 1e-5, atol: 1e-7, "parameter \(index)")
        }
    }

    func testResidualLossDecreasesUnderGradientDescent() throws {
        let points = deterministicTensor([8, 1], offset: 0.2) { $0 * 2 }
        var values = initialParameters
        var losses: [Double] = []
        for _ in 0..<30 {
            let parameters = values.map { Variable($0, requiresGrad: true) }
            let loss = try residualLoss(parameters, points: points)
            try loss.backward()
            losses.append(try loss.item())
            values = try zip(values, parameters).map { value, parameter in
                try value - (parameter.grad ?? value.zerosLike()) * 0.05
            }
        }
        let first = try XCTUnwrap(losses.first), last = try XCTUnwrap(losses.last)
        XCTAssertLessThan(last, first * 0.8, "losses \(losses)")
    }
}
