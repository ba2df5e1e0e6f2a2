import FolioAutograd
import FolioNN
import FolioTensor
import XCTest

final class DigitsTrainingTests: XCTestCase {
    func testShippedDigitsHaveTheDocumentedShapeAndClassCounts() throws {
        let digits = try loadDigits()
        XCTAssertEqual(digits.images.shape, [1797, 64])
        XCTAssertEqual(digits.labels.dtype, .i64)
        let counts = (0..<10).map { label in digits.labels.toArray().filter { $0 == Double(label) }.count }
        XCTAssertEqual(counts, [178, 182, 177, 183, 181, 182, 181, 179, 174, 180])
        // First record of the UCI file: a zero whose first row is 0,0,5,13,9,1,0,0.
        let firstRow = try digits.images.slice([.at(0), .range(stop: 8)]).toArray().map { $0 * 16 }
        XCTAssertEqual(firstRow, [0, 0, 5, 13, 9, 1, 0, 0])
    }

    /// The acceptance: an MLP 64-64-10 reaches ≥ 95% test accuracy on a fixed split.
    func testMLPReachesNinetyFivePercentOnHeldOutDigits() throws {
        let digits = try loadDigits()
        let (train, test) = try digits.split(testFraction: 0.2, seed: 7)
        let model = Sequential(try Linear(64, 64, seed: 1), ReLU(), try Linear(64, 10, seed: 2))
        let optimizer = try Adam(model.parameters, lr: 0.01)
        var reports = 0
        let history = try fit(model, train.x, train.y, loss: { try Loss.crossEntropy($0, $1) }, optimizer: optimizer,
                              epochs: 8, batchSize: 64, seed: 3, validation: test) { _ in reports += 1 }
        XCTAssertFalse(history.interrupted)
        XCTAssertEqual(history.epochs, 8)
        XCTAssertLessThan(history.loss[7], history.loss[0])
        let accuracy = try XCTUnwrap(history.validationAccuracy.last)
        XCTAssertGreaterThanOrEqual(accuracy, 0.95, "history: \(history)")
        print("digits MLP 64-64-10, 8 epochs: test accuracy \(accuracy), per-epoch \(history.validationAccuracy)")
        XCTAssertEqual(reports, 8 * (23 + 1))
    }

    func testCancellationStopsBetweenBatchesKeepingTheModel() throws {
        let digits = try loadDigits()
        let model = Sequential(try Linear(64, 10, seed: 4))
        let optimizer = try SGD(model.parameters, lr: 0.1)
        let token = TensorCancellation()
        let before = model.parameters[0].value.toArray()
        let history = try fit(model, digits.images, digits.labels, loss: { try Loss.crossEntropy($0, $1) },
                              optimizer: optimizer, epochs: 5, batchSize: 100, cancellation: token) { progress in
            if progress.batch == 2 { token.cancel() }
        }
        XCTAssertTrue(history.interrupted)
        XCTAssertEqual(history.epochs, 0)
        XCTAssertEqual(optimizer.stepCount, 3)
        XCTAssertNotEqual(model.parameters[0].value.toArray(), before)
        XCTAssertTrue(model.isTraining)
    }
}
