import FolioTensor
import XCTest

/// Convolutions, pooling and resampling against `ConvolutionReference` (direct NumPy loops of
/// PyTorch's formulas), plus adjointness of `im2col`/`col2im`.
final class ConvolutionTests: XCTestCase {
    func testConvolutionsMatchDirectLoops() throws {
        assertTensor(try det([2, 4, 9], 0).conv1d(det([6, 2, 3], 1), stride: 2, padding: 1, dilation: 2, groups: 2),
                     ConvolutionReference.conv1d, shape: [2, 6, 4], rtol: 1e-12, atol: 1e-12)
        assertTensor(try det([2, 3, 7, 6], 0).conv2d(det([4, 3, 3, 2], 1), stride: [2, 1], padding: [1, 0], dilation: [1, 2]),
                     ConvolutionReference.conv2d, shape: [2, 4, 4, 4], rtol: 1e-12, atol: 1e-12)
        assertTensor(try det([1, 3, 5, 5], 2).conv2d(det([6, 1, 3, 3], 3), padding: [1], groups: 3),
                     ConvolutionReference.conv2dDepthwise, shape: [1, 6, 5, 5], rtol: 1e-12, atol: 1e-12)
        assertTensor(try det([1, 2, 4, 5, 4], 0).conv3d(det([3, 2, 2, 3, 2], 1), stride: [1, 2, 1], padding: [1, 0, 1]),
                     ConvolutionReference.conv3d, shape: [1, 3, 5, 2, 5], rtol: 1e-12, atol: 1e-12)
        let bias = try Tensor([1, 2, 3, 4], dtype: .f64)
        let withBias = try det([2, 3, 7, 6], 0).conv2d(det([4, 3, 3, 2], 1), bias: bias, stride: [2, 1], padding: [1, 0], dilation: [1, 2])
        let biasPattern = (0..<2).flatMap { _ in (1...4).flatMap { Array(repeating: Double($0), count: 16) } }
        assertTensor(withBias, zip(ConvolutionReference.conv2d, biasPattern).map { $0 + $1 }, rtol: 1e-12, atol: 1e-12)
        let f32 = try det([2, 3, 7, 6], 0, dtype: .f32).conv2d(det([4, 3, 3, 2], 1, dtype: .f32), stride: [2, 1], padding: [1, 0], dilation: [1, 2])
        XCTAssertEqual(f32.dtype, .f32)
        assertTensor(f32, ConvolutionReference.conv2d, rtol: 1e-5, atol: 1e-5)
    }

    /// A batch whose columns exceed the chunk size runs in several chunks; each image must come out
    /// as when it is convolved alone (which the reference test above covers).
    func testChunkedBatchMatchesImagesOneByOne() throws {
        let batch = 5
        let images = try det([batch, 16, 48, 48], 0)  // f64 columns: 16*9*2304*8 = 2.6 MB per image
        let weight = try det([6, 8, 3, 3], 1)
        let bias = try Tensor([1, -2, 3, 0.5, 0, 7], dtype: .f64)
        let whole = try images.conv2d(weight, bias: bias, stride: [1], padding: [1], groups: 2)
        XCTAssertEqual(whole.shape, [batch, 6, 48, 48])
        let perImage = try (0..<batch).map { n in
            try images.narrow(axis: 0, start: n, length: 1).contiguous().conv2d(weight, bias: bias, padding: [1], groups: 2)
        }
        let expected = try Tensor.cat(perImage, axis: 0).toArray(of: Double.self)
        let actual = try whole.toArray(of: Double.self)
        XCTAssertEqual(actual.count, expected.count)
        let worst = zip(actual, expected).map { Swift.abs($0 - $1) }.max() ?? 0
        XCTAssertLessThanOrEqual(worst, 1e-12)
    }

    func testTransposedConvolutionsMatchDirectLoops() throws {
        assertTensor(try det([2, 4, 3, 4], 0).convTranspose2d(det([4, 3, 3, 2], 1), stride: [2, 1], padding: [1, 0],
                                                              outputPadding: [1, 0], dilation: [1, 2], groups: 2),
                     ConvolutionReference.convTranspose2d, shape: [2, 6, 6, 6], rtol: 1e-12, atol: 1e-12)
        assertTensor(try det([1, 2, 2, 3, 2], 0).convTranspose3d(det([2, 2, 2, 2, 3], 1), stride: [2, 1, 2], padding: [0, 1, 1],
                                                                 outputPadding: [1, 0, 0]),
                     ConvolutionReference.convTranspose3d, shape: [1, 2, 5, 2, 3], rtol: 1e-12, atol: 1e-12)
    }

    func testCol2imIsTheAdjointOfIm2col() throws {
        // <im2col(x), y> == <x, col2im(y)> for any x, y.
        let geometry = try ConvolutionGeometry(kernel: [3, 2], stride: [2, 1], padding: [1, 1], dilation: [1, 2])
        let x = try det([2, 3, 6, 5], 0)
        let columns = try x.im2col(geometry)
        let y = try det(columns.shape, 1)
        let left = try (columns * y).sum().item().doubleValue
        let right = try (x * y.col2im(geometry, size: [6, 5])).sum().item().doubleValue
        XCTAssertEqual(left, right, accuracy: 1e-11)
        XCTAssertEqual(try Tensor.forward(.im2col(geometry), [x])[0].shape, columns.shape)
    }

    func testPoolingMatchesDirectLoops() throws {
        let x = try det([2, 3, 7, 8], 0.5)
        assertTensor(try x.maxPool(kernel: [3, 2], stride: [2, 2], padding: [1]), ConvolutionReference.maxPool2d, shape: [2, 3, 4, 5])
        assertTensor(try x.avgPool(kernel: [3], stride: [2, 3], padding: [1]), ConvolutionReference.avgPool2dInclude,
                     shape: [2, 3, 4, 3], rtol: 1e-13)
        assertTensor(try x.avgPool(kernel: [3], stride: [2, 3], padding: [1], countIncludePad: false),
                     ConvolutionReference.avgPool2dExclude, rtol: 1e-13)
        assertTensor(try det([1, 2, 10], 1).maxPool(kernel: [3], stride: [2]), ConvolutionReference.maxPool1d, shape: [1, 2, 4])
        assertTensor(try det([1, 1, 4, 4, 4], 2).avgPool(kernel: [2, 2, 2]), ConvolutionReference.avgPool3d, shape: [1, 1, 2, 2, 2], rtol: 1e-13)
        assertTensor(try det([1, 2, 7, 5], 0).adaptiveAvgPool([3, 4]), ConvolutionReference.adaptiveAvg2d, shape: [1, 2, 3, 4], rtol: 1e-13)
        assertThrowsKind(.value) { try x.maxPool(kernel: [2], padding: [2]) }
        assertThrowsKind(.shape) { try Tensor.zeros([3, 4]).maxPool(kernel: [2]) }
        assertThrowsKind(.value) { try x.maxPool(kernel: [9, 2]) }
    }

    func testInterpolateMatchesPyTorchFormulas() throws {
        let x = try det([1, 2, 4, 5], 0.3)
        assertTensor(try x.interpolate(size: [7, 3]), ConvolutionReference.nearestUp, shape: [1, 2, 7, 3])
        assertTensor(try x.interpolate(size: [7, 8], mode: .bilinear), ConvolutionReference.bilinearUp, rtol: 1e-13, atol: 1e-14)
        assertTensor(try det([1, 1, 9, 7], 1).interpolate(size: [4, 3], mode: .bilinear), ConvolutionReference.bilinearDown, rtol: 1e-13, atol: 1e-14)
        assertTensor(try x.interpolate(size: [6, 9], mode: .bicubic), ConvolutionReference.bicubicUp, rtol: 1e-13, atol: 1e-14)
        assertTensor(try det([2, 1, 5], 0).interpolate(size: [8], mode: .bilinear), ConvolutionReference.linear1d, rtol: 1e-13, atol: 1e-14)
        XCTAssertEqual(try x.interpolate(scale: [2]).shape, [1, 2, 8, 10])
        assertThrowsKind(.shape) { try x.interpolate(size: [3]) }
    }

    func testGridSampleMatchesPyTorchFormula() throws {
        let grid = try det([1, 3, 4, 2], 2.5) * 1.3
        assertTensor(try det([1, 2, 4, 5], 0.3).gridSample(grid), ConvolutionReference.gridSample, shape: [1, 2, 3, 4],
                     rtol: 1e-12, atol: 1e-13)
        assertThrowsKind(.shape) { try det([1, 2, 4, 5], 0).gridSample(det([1, 3, 4, 3], 0)) }
    }

    func testConvolutionMisuseNamesShapes() throws {
        let message = assertThrowsKind(.shape) { try det([1, 4, 5, 5], 0).conv2d(det([2, 3, 3, 3], 0)) }
        XCTAssertTrue(message.contains("(1, 4, 5, 5) and (2, 3, 3, 3)"), message)
        assertThrowsKind(.value) { try det([1, 1, 2, 2], 0).conv2d(det([1, 1, 3, 3], 0)) }
        assertThrowsKind(.value) { try det([1, 1, 4, 4], 0).conv2d(det([1, 1, 3, 3], 0), stride: [0]) }
        assertThrowsKind(.value) { try det([1, 1, 4, 4], 0).convTranspose2d(det([1, 1, 3, 3], 0), outputPadding: [1]) }
    }
}
