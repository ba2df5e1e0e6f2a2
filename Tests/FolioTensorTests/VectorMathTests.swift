import Foundation
import FolioTensor
import XCTest

/// The vectorised f32 exp/log/tanh (used on dense tensors) against libm in Double.
final class VectorMathTests: XCTestCase {
    /// The largest error of `f` on dense `inputs`, in units of the last place of the f32 result.
    private func maximumUlpError(_ inputs: [Float], _ f: (Tensor) throws -> Tensor, reference: (Double) -> Double) throws -> Double {
        let results = try f(Tensor(typedFloats: inputs)).toArray(of: Float.self)
        var worst = 0.0
        for (input, result) in zip(inputs, results) {
            let exact = reference(Double(input))
            let rounded = Float(exact)
            if rounded.isInfinite || rounded.isNaN || rounded == 0 {
                XCTAssertTrue(result == rounded || (result.isNaN && rounded.isNaN) || Swift.abs(result) <= Float.leastNormalMagnitude,
                              "f(\(input)) = \(result), expected \(rounded)")
                continue
            }
            let ulp = Double(rounded.ulp)
            worst = Swift.max(worst, Swift.abs(Double(result) - exact) / ulp)
        }
        return worst
    }

    private func sweep(from low: Float, to high: Float, count: Int) -> [Float] {
        (0..<count).map { index in
            let fraction = Float(index) / Float(count - 1)
            return low + (high - low) * fraction
        }
    }

    func testExpErrorBound() throws {
        let inputs = sweep(from: -103, to: 88.7, count: 200_003)
        let error = try maximumUlpError(inputs, { try $0.exp() }, reference: Foundation.exp)
        XCTAssertLessThanOrEqual(error, 1.5, "exp max error \(error) ulp")
    }

    func testLogErrorBound() throws {
        let magnitudes = sweep(from: -44, to: 38, count: 200_003).map { Float(Foundation.pow(10, Double($0))) }
        let error = try maximumUlpError(magnitudes, { try $0.log() }, reference: Foundation.log)
        XCTAssertLessThanOrEqual(error, 1.5, "log max error \(error) ulp")
    }

    func testTanhErrorBound() throws {
        let inputs = sweep(from: -12, to: 12, count: 200_003)
        let error = try maximumUlpError(inputs, { try $0.tanh() }, reference: Foundation.tanh)
        XCTAssertLessThanOrEqual(error, 2, "tanh max error \(error) ulp")
    }

    func testSpecialValues() throws {
        let specials: [Float] = [0, -0.0, .infinity, -.infinity, .nan, 1e-45, -1, 200, -200]
        let x = Tensor(typedFloats: specials)
        let exps = try x.exp().toArray(of: Float.self)
        XCTAssertEqual(Array(exps[0...3]), [1, 1, .infinity, 0])
        XCTAssertTrue(exps[4].isNaN)
        XCTAssertEqual(Array(exps[7...8]), [.infinity, 0])
        let logs = try x.log().toArray(of: Float.self)
        XCTAssertEqual(Array(logs[0...2]), [-.infinity, -.infinity, .infinity])
        XCTAssertTrue(logs[3].isNaN && logs[4].isNaN && logs[6].isNaN)
        XCTAssertEqual(Double(logs[5]), Foundation.log(Double(Float(1e-45))), accuracy: 1e-5)
        let tanhs = try x.tanh().toArray(of: Float.self)
        XCTAssertEqual(Array(tanhs[2...3]), [1, -1])
        XCTAssertTrue(tanhs[4].isNaN)
        XCTAssertEqual(Array(tanhs[7...8]), [1, -1])
    }
}

extension Tensor {
    /// An f32 tensor holding exactly `values` (no round trip through Double).
    init(typedFloats values: [Float]) {
        self = Tensor(values.map(Double.init), dtype: .f32)
    }
}
