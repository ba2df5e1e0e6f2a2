import FolioAutograd
import FolioNN
import FolioNumericTestSupport
import FolioTensor
import FolioTestSupport
import XCTest

/// Loss values against NumPy (reference/losses_reference.py) and float64 gradchecks.
final class LossTests: XCTestCase {
    private func det(_ shape: [Int], _ k: Double, scale: Double = 1) throws -> Variable {
        let values = deterministicValues(count: shape.reduce(1, *), offset: k).map { $0 * scale }
        return Variable(try Tensor(values, shape: shape, dtype: .f64))
    }

    private func assertValue(_ loss: Variable, _ expected: Double, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(try loss.item(), expected, accuracy: 1e-12 * max(1, abs(expected)), file: file, line: line)
    }

    private var labels01: Variable {
        get throws { Variable(try (det([3, 4], 2).value .> 0).cast(to: .f64)) }
    }

    private var classes: Variable {
        get throws { Variable(try Tensor(integers: [1, 4, 0], shape: [3])) }
    }

    func testRegressionLossesMatchNumPy() throws {
        let (prediction, target) = (try det([3, 4], 0, scale: 2), try det([3, 4], 1))
        try assertValue(Loss.mse(prediction, target), 1.1065302102035492)
        try assertValue(Loss.mse(prediction, target, reduction: .sum), 13.278362522442592)
        try assertValue(Loss.l1(prediction, target), 0.9107171693114849)
        try assertValue(Loss.huber(prediction, target), 0.5017285148034974)
        try assertValue(Loss.huber(prediction, target, delta: 0.5), 0.3416850516498057)
    }

    func testBinaryLossesMatchNumPy() throws {
        let prediction = try det([3, 4], 0, scale: 2)
        try assertValue(Loss.bce(prediction.sigmoid(), labels01), 0.8894765436893278)
        try assertValue(Loss.bceWithLogits(prediction * 3.0, labels01), 1.8542933549183658)
    }

    func testClassificationLossesMatchNumPy() throws {
        let scores = try det([3, 5], 0.3, scale: 4)
        try assertValue(Loss.crossEntropy(scores, classes), 3.132845082977869)
        try assertValue(Loss.nll(scores.logSoftmax(axis: 1), classes, reduction: .sum), 9.398535248933607)
        try assertValue(Loss.crossEntropy(scores, classes, labelSmoothing: 0.1), 3.0392376632770755)
        let soft = try det([3, 5], 2).softmax(axis: 1)
        try assertValue(Loss.crossEntropy(scores, soft), 2.2817495418221228)
        try assertValue(Loss.crossEntropy(scores, soft, labelSmoothing: 0.1), 2.2732516762369035)
    }

    func testKLDivergenceMatchesNumPyWithAZeroTarget() throws {
        let logProbabilities = try det([3, 5], 0.3, scale: 4).logSoftmax(axis: 1)
        let soft = try det([3, 5], 2).softmax(axis: 1)
        let target = Variable(try soft.value.assigning(Tensor(scalar: 0, dtype: .f64), at: [.at(0), .at(2)]))
        try assertValue(Loss.klDiv(logProbabilities, target), 0.14903590823953985)
        try assertValue(Loss.klDiv(logProbabilities, target, reduction: .batchMean), 0.7451795411976992)
    }

    func testEveryLossPassesAFloat64Gradcheck() throws {
        let target = try det([3, 4], 1)
        let checks: [(String, (Variable) throws -> Variable)] = [
            ("mse", { try Loss.mse($0, target) }),
            ("l1", { try Loss.l1($0, target) }),
            ("huber", { try Loss.huber($0, target, delta: 0.5) }),
            ("bce", { try Loss.bce($0.sigmoid(), self.labels01) }),
            ("bce_with_logits", { try Loss.bceWithLogits($0, self.labels01) }),
            ("cross_entropy", { try Loss.crossEntropy($0.reshape([4, 3]), Variable(Tensor(integers: [0, 2, 1, 2], shape: [4])), labelSmoothing: 0.1) }),
            ("cross_entropy_probabilities", { try Loss.crossEntropy($0, target.softmax(axis: 1)) }),
            ("kl_div", { try Loss.klDiv($0.logSoftmax(axis: 1), target.softmax(axis: 1), reduction: .batchMean) }),
        ]
        let point = try det([3, 4], 0, scale: 2).value
        for (name, loss) in checks {
            XCTAssertNoThrow(try GradientChecking.check(loss, at: point, what: name), name)
        }
    }

    func testShapeAndIndexErrorsNameTheLoss() throws {
        XCTAssertThrowsError(try Loss.mse(det([3, 4], 0), det([4, 3], 0))) { error in
            XCTAssertEqual(String(describing: error), "mse: expected target of the prediction's shape (3, 4), got shape (4, 3)")
        }
        let badClasses = Variable(try Tensor(integers: [1, 7, 0], shape: [3]))
        XCTAssertThrowsError(try Loss.crossEntropy(det([3, 5], 0), badClasses)) { error in
            XCTAssertTrue(String(describing: error).contains("0..<5"), String(describing: error))
        }
    }
}
