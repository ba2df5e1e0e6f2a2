import FolioAutograd
import FolioNN
import FolioTensor
import FolioTestSupport
import Foundation
import XCTest

/// Optimisers against NumPy (reference/optimizers_reference.py) and the composition rules.
final class OptimizerTests: XCTestCase {
    private func det(_ k: Double) throws -> Tensor {
        try Tensor(deterministicValues(count: 4, offset: k), shape: [4], dtype: .f64)
    }

    /// Three steps of `make` on the reference loss `0.5 Σ w (p - t)²`; returns the parameter.
    private func threeSteps(_ make: ([Parameter]) throws -> Optimizer) throws -> [Double] {
        let parameter = Parameter(try det(0))
        let target = Variable(try det(1))
        let weight = Variable(try det(2) * det(2) + 1.0)
        let optimizer = try make([parameter])
        for _ in 0..<3 {
            let difference = try parameter.variable - target
            let loss = try (weight * difference * difference).sum() * 0.5
            try optimizer.step(loss)
            XCTAssertNil(parameter.grad)
        }
        return parameter.value.toArray()
    }

    private func assertClose(_ actual: [Double], _ expected: [Double], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(actual.count, expected.count, file: file, line: line)
        for (left, right) in zip(actual, expected) { XCTAssertEqual(left, right, accuracy: 1e-12, file: file, line: line) }
    }

    func testSGDVariantsMatchNumPy() throws {
        assertClose(try threeSteps { try SGD($0, lr: 0.1) },
                    [0.38204871024340364, 0.5983461851998256, 0.7700534752077736, 0.8855051629757391])
        assertClose(try threeSteps { try SGD($0, lr: 0.1, momentum: 0.9) },
                    [0.7327144844537349, 0.8135980821116855, 0.8563067762952133, 0.8763645788466965])
        assertClose(try threeSteps { try SGD($0, lr: 0.1, momentum: 0.9, nesterov: true, weightDecay: 0.01) },
                    [0.8801746451907395, 0.921921452304706, 0.9041289925176418, 0.8644326075933203])
    }

    func testAdaptiveOptimizersMatchNumPy() throws {
        assertClose(try threeSteps { try Adam($0, lr: 0.1) },
                    [0.2979464827141525, 0.6582489692735304, 0.9620116356342087, 0.8719612160747985])
        assertClose(try threeSteps { try AdamW($0, lr: 0.1, weightDecay: 0.1) },
                    [0.2949732936306697, 0.6447474106007236, 0.9407762878541457, 0.8597437816011617])
        assertClose(try threeSteps { try Optimizer($0, rmsprop(0.01)) },
                    [0.21817181219708584, 0.5753727862412369, 0.8690162755194106, 0.8507692793630653])
        assertClose(try threeSteps { try Optimizer($0, adagrad(0.1)) },
                    [0.21769811313550663, 0.5749016995781798, 0.8685875189312695, 0.8509669954577219])
    }

    /// Gradient noise (Neelakantan et al. 2015, arXiv:1511.06807): `g + N(0, η / (1 + t)^γ)`,
    /// written as a transform outside the library and chained in front of SGD.
    private func gradientNoise(eta: Double, gamma: Double = 0.55, seed: UInt64) -> GradientTransformation {
        GradientTransformation(initialize: { _ in TransformState() }) { updates, state, _ in
            let variance = eta / pow(1 + Double(state.count), gamma)
            defer { state.count += 1 }
            return try updates.enumerated().map { index, update in
                let noiseSeed = seed &+ UInt64(state.count * 1000 + index)
                return try update + Tensor.randn(update.shape, dtype: update.dtype, seed: noiseSeed) * variance.squareRoot()
            }
        }
    }

    func testAPaperCanAddATransformWithoutTouchingTheOptimizers() throws {
        let noisy = try threeSteps { try Optimizer($0, chain(gradientNoise(eta: 0.01, seed: 5), sgd(0.1))) }
        let plain = try threeSteps { try SGD($0, lr: 0.1) }
        let again = try threeSteps { try Optimizer($0, chain(gradientNoise(eta: 0.01, seed: 5), sgd(0.1))) }
        XCTAssertEqual(noisy, again)
        XCTAssertNotEqual(noisy, plain)
        for (left, right) in zip(noisy, plain) { XCTAssertEqual(left, right, accuracy: 0.1) }
        // With η = 0 the transform is the identity and the chain is plain SGD.
        assertClose(try threeSteps { try Optimizer($0, chain(gradientNoise(eta: 0, seed: 5), sgd(0.1))) }, plain)
    }

    func testClipByGlobalNormScalesAllTensorsTogether() throws {
        let clip = clipByGlobalNorm(1)
        var state = try clip.initialize([])
        let clipped = try clip.update([Tensor([3, 0], dtype: .f64), Tensor([4], dtype: .f64)], &state, [])
        assertClose(clipped[0].toArray(), [0.6, 0])
        assertClose(clipped[1].toArray(), [0.8])
        let small = try clip.update([Tensor([0.3], dtype: .f64)], &state, [])
        XCTAssertEqual(small[0].toArray(), [0.3])
    }

    func testSchedules() {
        let step = Schedule.step(1, stepSize: 2, gamma: 0.5)
        XCTAssertEqual((0..<5).map(step.value), [1, 1, 0.5, 0.5, 0.25])
        let cosine = Schedule.cosine(2, steps: 4)
        XCTAssertEqual(cosine.value(0), 2, accuracy: 1e-15)
        XCTAssertEqual(cosine.value(2), 1, accuracy: 1e-15)
        XCTAssertEqual(cosine.value(9), 0, accuracy: 1e-15)
        let warm = Schedule.linearWarmup(3, then: .constant(0.4))
        XCTAssertEqual((0..<5).map(warm.value), [0.1, 0.2, 0.30000000000000004, 0.4, 0.4])
    }

    func testScheduledLearningRateDrivesTheStepSize() throws {
        // lr 0.1 then 0: the second step must leave the parameter where the first put it.
        let schedule = Schedule { $0 == 0 ? 0.1 : 0 }
        let once = try threeSteps { try Optimizer($0, chain(scaleBySchedule(Schedule { _ in 1 }), sgd(schedule))) }
        let start = try det(0)
        let gradient = try (det(2) * det(2) + 1.0) * (start - det(1))
        let expected = try (start - gradient * 0.1).toArray()
        assertClose(once, expected)
    }

    func testFrozenParametersAreSkipped() throws {
        let model = try Linear(2, 1, seed: 3)
        model.bias?.setRequiresGrad(false)
        let optimizer = try SGD(model.parameters, lr: 0.1)
        XCTAssertEqual(optimizer.parameters.count, 1)
        let before = try XCTUnwrap(model.bias).value.toArray()
        try optimizer.step(try model(Tensor(rows: [[1, 2]])).sum())
        XCTAssertEqual(try XCTUnwrap(model.bias).value.toArray(), before)
    }
}
