import FolioAutograd
import FolioNN
import FolioNumericTestSupport
import FolioTensor
import XCTest

/// Forward values of layers against FolioTensor's separately tested kernels or hand formulas,
/// modes, and error messages.
final class LayerBehaviourTests: XCTestCase {
    private func det(_ shape: [Int], _ k: Double = 0.3) throws -> Tensor { try LayerCatalog.det(shape, k) }

    private func assertClose(_ actual: Tensor, _ expected: Tensor, tolerance: Double = 1e-12,
                             file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(actual.shape, expected.shape, file: file, line: line)
        GradientChecking.assertClose(actual.toArray(), expected.toArray(), tolerance: tolerance, what: "value", file: file, line: line)
    }

    func testConvolutionLayersMatchTensorKernels() throws {
        let conv = try Conv2d(4, 2, kernel: [3, 2], stride: [2, 1], padding: [1], groups: 2, dtype: .f64, seed: 1)
        let input = try det([2, 4, 5, 4])
        let expected = try input.conv2d(conv.weight.value, bias: conv.bias?.value, stride: [2, 1], padding: [1], groups: 2)
        assertClose(try conv(input).value, expected)
        let transposed = try ConvTranspose2d(2, 3, kernel: [3], stride: [2], padding: [1], outputPadding: [1], dtype: .f64, seed: 2)
        let small = try det([1, 2, 3, 3])
        let reference = try small.convTranspose2d(transposed.weight.value, bias: transposed.bias?.value, stride: [2], padding: [1],
                                                  outputPadding: [1])
        assertClose(try transposed(small).value, reference)
        XCTAssertEqual(reference.shape, [1, 3, 6, 6])
    }

    func testPoolingAndResamplingMatchTensorKernels() throws {
        let input = try det([2, 3, 6, 5])
        assertClose(try Pool.max2d([2], padding: [1])(input).value, try input.maxPool(kernel: [2], padding: [1]))
        assertClose(try Pool.average2d([3], stride: [2])(input).value, try input.avgPool(kernel: [3], stride: [2]))
        assertClose(try AdaptiveAvgPool([4, 2])(input).value, try input.adaptiveAvgPool([4, 2]))
        assertClose(try Upsample(scale: [2, 3])(input).value, try input.interpolate(size: [12, 15]))
        assertClose(try Upsample(size: [7, 9], linear: true)(input).value, try input.interpolate(size: [7, 9], mode: .bilinear))
    }

    func testBatchNormUsesBatchStatisticsThenRunningStatistics() throws {
        let norm = try BatchNorm1d(2, momentum: 0.5, dtype: .f64)
        let input = try Tensor(rows: [[1, 10], [3, 20], [5, 60]], dtype: .f64)
        let output = try norm(input).value.toArray()
        // Column 0: mean 3, biased variance 8/3.
        XCTAssertEqual(output[0], -2 / (8.0 / 3 + 1e-5).squareRoot(), accuracy: 1e-12)
        // Running: 0.5·0 + 0.5·mean; 0.5·1 + 0.5·unbiased variance (column 0: 4, column 1: 700).
        XCTAssertEqual(try XCTUnwrap(norm.buffer(named: "running_mean")).toArray(), [1.5, 15])
        XCTAssertEqual(try XCTUnwrap(norm.buffer(named: "running_var")).toArray(), [2.5, 350.5])
        norm.eval()
        let evaluated = try norm(Tensor(rows: [[1.5, 15]], dtype: .f64)).value.toArray()
        XCTAssertEqual(evaluated, [0, 0])
        XCTAssertEqual(try XCTUnwrap(norm.buffer(named: "running_mean")).toArray(), [1.5, 15])
    }

    func testDropoutIsSeededScaledAndIdentityInEval() throws {
        let input = try Tensor.ones([1000], dtype: .f64)
        let first = try Dropout(0.25, seed: 3)(input).value.toArray()
        let second = try Dropout(0.25, seed: 3)(input).value.toArray()
        XCTAssertEqual(first, second)
        XCTAssertTrue(first.allSatisfy { $0 == 0 || abs($0 - 4.0 / 3) < 1e-12 })
        let dropped = Double(first.filter { $0 == 0 }.count) / 1000
        XCTAssertEqual(dropped, 0.25, accuracy: 0.05)
        let layer = try Dropout(0.25, seed: 3)
        layer.eval()
        XCTAssertEqual(try layer(input).value.toArray(), input.toArray())
    }

    func testMultiheadAttentionMatchesAHandComputation() throws {
        let attention = try MultiheadAttention(embedDimension: 2, heads: 1, dtype: .f64, seed: 4)
        let x = try det([1, 3, 2])
        let w = attention.inputProjectionWeight.value
        let project = { (part: Int) throws -> Tensor in try x.matmul(w.slice([.range(start: 2 * part, stop: 2 * part + 2)]).transpose()) }
        let scores = try project(0).matmul(project(1).transpose()) / 2.0.squareRoot()
        let mixed = try scores.softmax(axis: -1).matmul(project(2))
        let output = try mixed.matmul(attention.outputProjection.weight.value.transpose())
        assertClose(try attention(x).value, output)
        // A causal boolean mask blocks the future: the first position attends only to itself.
        let causal = try Tensor(bools: [false, true, true, false, false, true, false, false, false], shape: [3, 3])
        let weights = try attention.forward(query: Variable(x), key: Variable(x), value: Variable(x), mask: causal).weights
        XCTAssertEqual(try weights.value.slice([.at(0), .at(0)]).toArray(), [1, 0, 0])
    }

    func testShapeErrorsNameTheLayerAndTheShapes() throws {
        let model = Sequential(try Linear(2, 64, seed: 1), ReLU(), try Linear(64, 1, seed: 2))
        XCTAssertThrowsError(try model(Tensor.zeros([8, 3]))) { error in
            XCTAssertEqual(String(describing: error), "Linear(in: 2, out: 64): expected input with last dimension 2, got shape (8, 3)")
        }
        XCTAssertThrowsError(try Conv2d(3, 4, kernel: [3])(Tensor.zeros([1, 2, 8, 8]))) { error in
            XCTAssertEqual(String(describing: error),
                           "Conv2d(in: 3, out: 4, kernel: [3, 3], stride: [1, 1], padding: [0, 0]): expected input (N, C=3, D0, D1), got shape (1, 2, 8, 8)")
        }
        XCTAssertThrowsError(try LayerNorm(4)(Tensor.zeros([2, 5]))) { error in
            XCTAssertEqual(String(describing: error), "LayerNorm([4]): expected input ending in (4,), got shape (2, 5)")
        }
    }

    func testInitialisersAreSeededAndFollowTheirFormulas() throws {
        let uniform = try Initializer.kaimingUniform().make([200, 50], dtype: .f64, seed: 1)
        let bound = (6.0 / 50).squareRoot()
        XCTAssertEqual(uniform.toArray(), try Initializer.kaimingUniform().make([200, 50], dtype: .f64, seed: 1).toArray())
        XCTAssertLessThanOrEqual(try uniform.abs().max().item().doubleValue, bound)
        XCTAssertEqual(try uniform.std().item().doubleValue, bound / 3.0.squareRoot(), accuracy: 0.01)
        let xavier = try Initializer.xavierNormal().make([300, 100], dtype: .f64, seed: 2)
        XCTAssertEqual(try xavier.std().item().doubleValue, (2.0 / 400).squareRoot(), accuracy: 0.003)
        let truncated = try Initializer.truncatedNormal(std: 1, low: -0.5, high: 0.5).make([1000], dtype: .f64, seed: 3)
        XCTAssertLessThanOrEqual(try truncated.abs().max().item().doubleValue, 0.5)
        for shape in [[3, 5], [5, 3], [4, 2, 3]] {
            let q = try Initializer.orthogonal(gain: 2).make(shape, dtype: .f64, seed: 4).reshape([shape[0], -1])
            let gram = shape[0] <= q.shape[1] ? try q.matmul(q.transpose()) : try q.transpose().matmul(q)
            assertClose(gram, try Tensor.eye(gram.shape[0], dtype: .f64) * 4.0, tolerance: 1e-10)
        }
    }

    func testLinearDefaultInitIsPyTorchsBound() throws {
        let layer = try Linear(16, 300, seed: 9)
        XCTAssertLessThanOrEqual(try layer.weight.value.abs().max().item().doubleValue, 0.25)
        XCTAssertGreaterThan(try layer.weight.value.abs().max().item().doubleValue, 0.24)
        XCTAssertEqual(layer.namedParameters.map { $0.name }, ["weight", "bias"])
    }
}
