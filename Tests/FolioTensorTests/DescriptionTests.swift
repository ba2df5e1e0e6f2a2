import FolioTensor
import XCTest

final class DescriptionTests: XCTestCase {
    func testMatricesPrintLikeNumPyWithShapeAndDType() throws {
        XCTAssertEqual(try Tensor(rows: [[1, 2], [3, 4]]).description,
                       "tensor([[1., 2.],\n        [3., 4.]], shape=(2, 2), dtype=f32)")
        XCTAssertEqual(try Tensor.arange(8).reshape([2, 2, 2]).description,
                       "tensor([[[0, 1],\n         [2, 3]],\n\n        [[4, 5],\n         [6, 7]]], shape=(2, 2, 2), dtype=i64)")
    }

    func testFloatsShareOneStyle() throws {
        XCTAssertEqual(Tensor([0.5, 1.25, -3], dtype: .f64).description, "tensor([ 0.50,  1.25, -3.00], shape=(3,), dtype=f64)")
        XCTAssertEqual(Tensor([1, .nan, -.infinity]).description, "tensor([  1.,  nan, -inf], shape=(3,), dtype=f32)")
        XCTAssertEqual(Tensor([1e-5, 1], dtype: .f64).description, "tensor([1.0000e-05, 1.0000e+00], shape=(2,), dtype=f64)")
        XCTAssertEqual(Tensor(scalar: 2.5).description, "tensor(2.5, shape=(), dtype=f32)")
        XCTAssertEqual(try Tensor(bools: [true, false], shape: [2]).description, "tensor([ true, false], shape=(2,), dtype=bool)")
        XCTAssertEqual(try Tensor.zeros([0]).description, "tensor([], shape=(0,), dtype=f32)")
    }

    func testLongTensorsAreAbbreviated() throws {
        XCTAssertEqual(try Tensor.arange(2000).description,
                       "tensor([   0,    1,    2, ..., 1997, 1998, 1999], shape=(2000,), dtype=i64)")
        let matrix = try Tensor.arange(1100).reshape([100, 11]).description
        XCTAssertTrue(matrix.hasPrefix("tensor([[   0,    1,    2, ...,    8,    9,   10],\n        [  11,"), matrix)
        XCTAssertTrue(matrix.contains("       ...,\n"), matrix)
    }

    func testComplexValues() throws {
        let z = try Tensor(complex: [Complex(1, -2), Complex(0.5, 0)], shape: [2])
        XCTAssertEqual(z.description, "tensor([1.0-2.0j, 0.5+0.0j], shape=(2,), dtype=c64)")
    }
}
