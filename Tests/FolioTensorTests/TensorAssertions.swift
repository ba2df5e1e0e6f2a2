import FolioTensor
import FolioTestSupport
import XCTest

/// `det(shape, k)` from CONVENTIONS.md as a tensor.
func det(_ shape: [Int], _ k: Double, dtype: DType = .f64) throws -> Tensor {
    let count = shape.reduce(1, *)
    return try Tensor(deterministicValues(count: count, offset: k), shape: shape, dtype: dtype)
}

/// Fails with the first differing index when `actual` and `expected` are not elementwise close.
func assertClose(_ actual: [Double], _ expected: [Double], rtol: Double = 1e-12, atol: Double = 1e-12,
                 _ label: String = "", file: StaticString = #filePath, line: UInt = #line) {
    guard actual.count == expected.count else {
        XCTFail("\(label): \(actual.count) values, expected \(expected.count)", file: file, line: line)
        return
    }
    for index in actual.indices {
        let (a, e) = (actual[index], expected[index])
        if a.isNaN && e.isNaN { continue }
        let tolerance = atol + rtol * Swift.abs(e)
        if !(Swift.abs(a - e) <= tolerance) && a != e {
            XCTFail("\(label)[\(index)]: got \(a), expected \(e) (|diff| \(Swift.abs(a - e)) > \(tolerance))",
                    file: file, line: line)
            return
        }
    }
}

/// `assertClose` on a tensor's values and shape.
func assertTensor(_ tensor: Tensor, _ expected: [Double], shape: [Int]? = nil, rtol: Double = 1e-12, atol: Double = 1e-12,
                  _ label: String = "", file: StaticString = #filePath, line: UInt = #line) {
    if let shape {
        XCTAssertEqual(tensor.shape, shape, "\(label) shape", file: file, line: line)
    }
    assertClose(tensor.toArray(), expected, rtol: rtol, atol: atol, label, file: file, line: line)
}

/// Asserts that `body` throws a `TensorError` of `kind`, and returns its message.
@discardableResult
func assertThrowsKind(_ kind: TensorError.Kind, file: StaticString = #filePath, line: UInt = #line,
                      _ body: () throws -> Any) -> String {
    do {
        _ = try body()
        XCTFail("expected a \(kind.rawValue)", file: file, line: line)
    } catch let error as TensorError {
        XCTAssertEqual(error.kind, kind, error.message, file: file, line: line)
        return error.message
    } catch {
        XCTFail("unexpected error \(error)", file: file, line: line)
    }
    return ""
}
