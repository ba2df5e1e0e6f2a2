import FolioAutograd
import FolioTensor
import XCTest

/// Second derivatives: closed forms, a generic grad-of-grad check, `hvp` and `jacobian`.
final class HigherOrderTests: XCTestCase {
    let x = deterministicTensor([5], offset: 0.4)

    private func secondDerivative(_ f: @escaping (Variable) throws -> Variable) -> (Variable) throws -> Variable {
        grad { try grad { try f($0).sum() }($0).sum() }
    }

    func testSecondDerivativesMatchClosedForms() throws {
        let point = Variable(x)
        assertAllClose(try secondDerivative { try $0.sin() }(point).value, try -x.sin(), "d²/dx² sin = -sin")
        assertAllClose(try secondDerivative { try $0 * $0 * $0 }(point).value, try x * 6.0, "d²/dx² x³ = 6x")
        assertAllClose(try secondDerivative { try $0.exp() }(point).value, try x.exp(), "d²/dx² exp = exp")
        let tanh = try x.tanh()
        let expected = try tanh * (1.0 - tanh * tanh) * -2.0
        assertAllClose(try secondDerivative { try $0.tanh() }(point).value, expected, "d²/dx² tanh = -2 tanh sech²")
        let logExpected = try -1.0 / ((x + 2.0) * (x + 2.0))
        assertAllClose(try secondDerivative { try ($0 + 2.0).log() }(point).value, logExpected, "d²/dx² log(x+2)")
    }

    func testMoreSecondDerivativesMatchClosedForms() throws {
        let point = Variable(x)
        let sigma = try x.sigmoid()
        let sigmaSlope = try sigma * (1.0 - sigma)
        assertAllClose(try secondDerivative { try $0.sigmoid() }(point).value, try sigmaSlope * (1.0 - sigma * 2.0),
                       "d²/dx² σ = σ(1 - σ)(1 - 2σ)")
        assertAllClose(try secondDerivative { try $0.softplus() }(point).value, sigmaSlope, "d²/dx² softplus = σ(1 - σ)")
        let shifted = try x + 2.0
        let cubeOfShifted = try shifted * shifted * shifted
        assertAllClose(try secondDerivative { try 1.0 / ($0 + 2.0) }(point).value, try 2.0 / cubeOfShifted, "d²/dx² 1/(x+2) = 2/(x+2)³")
        let root = try shifted.sqrt()
        assertAllClose(try secondDerivative { try ($0 + 2.0).sqrt() }(point).value, try -0.25 / (root * shifted),
                       "d²/dx² √(x+2) = -1/(4 (x+2)^{3/2})")
        let gaussian = try (-(x * x)).exp()
        let erfCurvature = try x * gaussian * (-4.0 / Double.pi.squareRoot())
        assertAllClose(try secondDerivative { try $0.erf() }(point).value, erfCurvature, "d²/dx² erf = -4x e^{-x²}/√π")
    }

    /// Mixed partials of f(x, y) = Σ x² y³: ∂²f/∂y∂x = 6 x y², taken in both orders.
    func testMixedPartialsMatchClosedFormInEitherOrder() throws {
        let y = deterministicTensor([5], offset: 0.9)
        let f: ([Variable]) throws -> Variable = { args in try (args[0] * args[0] * args[1] * args[1] * args[1]).sum() }
        let dxThenDy = try grad({ args in try grad(f, argnums: [0])(args)[0].sum() }, argnums: [1])([Variable(x), Variable(y)])[0]
        let dyThenDx = try grad({ args in try grad(f, argnums: [1])(args)[0].sum() }, argnums: [0])([Variable(x), Variable(y)])[0]
        let expected = try x * y * y * 6.0
        assertAllClose(dxThenDy.value, expected, "∂/∂y (∂f/∂x) = 6 x y²")
        assertAllClose(dyThenDx.value, expected, "∂/∂x (∂f/∂y) = 6 x y²")
    }

    func testThirdDerivativeOfCube() throws {
        let third = grad { try self.secondDerivative { try $0 * $0 * $0 }($0).sum() }
        assertAllClose(try third(Variable(x)).value, try x.onesLike() * 6.0, "d³/dx³ x³ = 6")
    }

    /// The gradient of `<∇f(x), v>` against central differences of it, for every primitive
    /// case whose rule is smooth (rules made of differentiable ops must differentiate again).
    func testGradientsOfGradientsMatchCentralDifferences() throws {
        let smooth = PrimitiveCatalog.elementwise.filter { !["unary relu", "unary abs", "binary maximum", "binary minimum"].contains($0.name) }
        let smoothReductions = ["reduce sum", "reduce prod", "softmax", "logSoftmax"]
        let cases = smooth + PrimitiveCatalog.reductions.filter { testCase in smoothReductions.contains { testCase.name.hasPrefix($0) } }
            + PrimitiveCatalog.linearAlgebra.filter { ["matmul 2-d", "inverse", "determinant", "cholesky", "eigh", "solve vector"].contains($0.name) }
        for testCase in cases { try GradCheck.checkSecondOrder(testCase) }
    }

    func testHessianVectorProductMatchesDifferencesOfGradients() throws {
        let f: (Variable) throws -> Variable = { v in
            let rotated = try v.sin() * v.cumsum(axis: 0)
            return try (rotated * rotated).sum() + v.exp().sum().log()
        }
        let vector = deterministicTensor([5], offset: 1.3)
        let product = try hvp(f, at: Variable(x), vector: Variable(vector)).value
        let step = 1e-5
        let forward = try grad(f)(Variable(x + vector * step)).value
        let backward = try grad(f)(Variable(x - vector * step)).value
        let numeric = try (forward - backward) / (2 * step)
        assertAllClose(product, numeric, rtol: 1e-5, atol: 1e-6, "hvp")
    }

    func testJacobianOfSoftmaxMatchesClosedForm() throws {
        let jacobianValue = try jacobian { try $0.softmax() }(Variable(x)).value
        let s = try x.softmax()
        let diagonal = try Tensor.eye(5, dtype: .f64) * s.reshape([5, 1])
        let expected = try diagonal - s.reshape([5, 1]) * s.reshape([1, 5])
        assertAllClose(jacobianValue, expected, "softmax Jacobian diag(s) - s s^T")
    }

    /// Hessian-vector products through the softmax primitive (its rule differentiated again)
    /// against those of softmax written out as exp / sum, on a row and a column axis.
    func testHessianVectorProductsOfSoftmaxMatchTheExpSumForm() throws {
        let point = deterministicTensor([3, 4], offset: 0.6) { 2 * $0 }
        let weights = Variable.constant(deterministicTensor([3, 4], offset: 1.7))
        let vector = Variable(deterministicTensor([3, 4], offset: 2.9))
        for axis in [-1, 0] {
            let primitive: (Variable) throws -> Variable = { x in try (x.softmax(axis: axis) * weights).sum() }
            let written: (Variable) throws -> Variable = { x in
                let exponentials = try x.exp()
                let probabilities = try exponentials / exponentials.sum(axes: [axis], keepDims: true)
                return try (probabilities * weights).sum()
            }
            let expected = try hvp(written, at: Variable(point), vector: vector).value
            assertAllClose(try hvp(primitive, at: Variable(point), vector: vector).value, expected, rtol: 1e-12, atol: 1e-14,
                           "softmax hvp axis \(axis)")
        }
    }

    func testValueAndGradAndArgnums() throws {
        let (value, gradient) = try valueAndGrad { try ($0 * $0).sum() }(Variable(x))
        assertAllClose(value.value, try (x * x).sum(), "value")
        assertAllClose(gradient.value, try x * 2.0, "gradient of sum(x²)")
        let y = deterministicTensor([5], offset: 0.9)
        let both = try grad({ try ($0[0] * $0[1].exp()).sum() }, argnums: [1, 0])([Variable(x), Variable(y)])
        assertAllClose(both[0].value, try x * y.exp(), "d/dy")
        assertAllClose(both[1].value, try y.exp(), "d/dx")
    }
}
