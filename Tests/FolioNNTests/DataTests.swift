import FolioAutograd
import FolioNN
import FolioTensor
import XCTest

/// Synthetic datasets, batching and a small end-to-end fit.
final class DataTests: XCTestCase {
    func testGeneratorsAreSeededAndShaped() throws {
        let moons = try SyntheticData.moons(101, noise: 0.1, seed: 1)
        XCTAssertEqual(moons.x.shape, [101, 2])
        XCTAssertEqual(moons.y.toArray().filter { $0 == 1 }.count, 50)
        XCTAssertEqual(moons.x.toArray(), try SyntheticData.moons(101, noise: 0.1, seed: 1).x.toArray())
        XCTAssertNotEqual(moons.x.toArray(), try SyntheticData.moons(101, noise: 0.1, seed: 2).x.toArray())
        let circles = try SyntheticData.circles(40, factor: 0.5)
        let radii = try circles.x.norm(axes: [1]).toArray()
        XCTAssertEqual(radii[0], 1, accuracy: 1e-6)
        XCTAssertEqual(radii[39], 0.5, accuracy: 1e-6)
        let spirals = try SyntheticData.spirals(90, classes: 3)
        XCTAssertEqual(spirals.y.toArray().filter { $0 == 2 }.count, 30)
        let blobs = try SyntheticData.blobs(60, centers: 4, dimension: 3, std: 0.01, seed: 5)
        XCTAssertEqual(blobs.x.shape, [60, 3])
        let gap = try (blobs.x.slice([.at(0)]) - blobs.x.slice([.at(4)])).abs().max().item().doubleValue
        XCTAssertLessThan(gap, 0.1)
    }

    func testRegressionGenerators() throws {
        let line = try SyntheticData.function1D(5, range: 0...2) { 3 * $0 }
        XCTAssertEqual(line.x.toArray(), [0, 0.5, 1, 1.5, 2])
        XCTAssertEqual(line.y.toArray(), [0, 1.5, 3, 4.5, 6])
        let surface = try SyntheticData.function2D(side: 3) { $0 * $1 }
        XCTAssertEqual(surface.x.shape, [9, 2])
        XCTAssertEqual(surface.y.toArray(), [1, 0, -1, 0, 0, 0, -1, 0, 1])
        let teacher = try SyntheticData.teacherStudent(32, inputs: 3, hidden: 8, outputs: 2, seed: 4)
        XCTAssertEqual(teacher.y.shape, [32, 2])
        XCTAssertEqual(try teacher.teacher(teacher.x).value.toArray(), teacher.y.toArray())
    }

    func testBatchesCoverEveryRowOnceAndShuffleBySeed() throws {
        let x = try Tensor.arange(0, 10, dtype: .f64).reshape([10, 1])
        let y = try Tensor.arange(10)
        let ordered = try batches(x, y, size: 4)
        XCTAssertEqual(ordered.map { $0.x.shape[0] }, [4, 4, 2])
        let shuffled = try batches(x, y, size: 3, shuffle: true, seed: 9)
        let rows = shuffled.flatMap { $0.y.toArray() }
        XCTAssertEqual(rows.sorted(), (0..<10).map(Double.init))
        XCTAssertNotEqual(rows, (0..<10).map(Double.init))
        XCTAssertEqual(shuffled.flatMap { $0.x.toArray() }, rows)
        XCTAssertThrowsError(try batches(x, try Tensor.arange(9), size: 2))
    }

    func testFitLearnsMoonsAndReportsHistory() throws {
        let train = try SyntheticData.moons(200, noise: 0.1, seed: 1)
        let test = try SyntheticData.moons(100, noise: 0.1, seed: 2)
        let model = Sequential(try Linear(2, 32, seed: 3), Tanh(), try Linear(32, 2, seed: 4))
        let optimizer = try Optimizer(model.parameters, chain(clipByGlobalNorm(5), adam(Schedule.cosine(0.05, steps: 280))))
        var lines: [String] = []
        let history = try fit(model, train.x, train.y, loss: { try Loss.crossEntropy($0, $1) }, optimizer: optimizer,
                              epochs: 40, batchSize: 32, validation: test) { progress in
            if progress.isEpochEnd { lines.append(progress.line) }
        }
        XCTAssertEqual(optimizer.stepCount, 40 * 7)
        XCTAssertEqual(history.validationLoss.count, 40)
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(history.validationAccuracy.last), 0.97, "\(lines.suffix(3))")
        XCTAssertTrue(lines[0].hasPrefix("epoch 1/40  batch 7/7  loss "), lines[0])
    }
}
