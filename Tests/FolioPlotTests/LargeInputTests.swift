import XCTest
@testable import FolioPlot

/// Big inputs stay small, and LTTB keeps the curve's extremes.
final class LargeInputTests: XCTestCase {
    func testMillionPointLineIsDownsampled() throws {
        let count = 1_000_000
        let y = (0..<count).map { index -> Double in
            let t = Double(index) / 1_000
            return sin(t) + 0.3 * sin(t * 7.3)
        }
        let figure = try Figure()
        try figure.axes[0].line(y)
        let svg = try figure.svg()
        let bytes = svg.utf8.count
        print("size: 10^6-point line -> \(bytes) bytes")
        XCTAssertLessThan(bytes, 150_000)
        XCTAssertNil(SVGValidator.check(svg))
    }

    func testLTTBKeepsEndsExtremesAndOrder() {
        let count = 1_000_000
        let x = (0..<count).map(Double.init)
        var y = (0..<count).map { sin(Double($0) / 5_000) }
        y[123_457] = 9 // a one-sample spike
        y[876_543] = -7 // and a dip
        let kept = Downsampler.lttb(x: x, y: y, threshold: 2_000)
        XCTAssertLessThanOrEqual(kept.count, 2_002)
        XCTAssertGreaterThanOrEqual(kept.count, 2_000)
        XCTAssertEqual(kept.first, 0)
        XCTAssertEqual(kept.last, count - 1)
        XCTAssertTrue(kept.contains(123_457))
        XCTAssertTrue(kept.contains(876_543))
        XCTAssertEqual(kept, kept.sorted())
        XCTAssertEqual(Set(kept).count, kept.count)
        // The downsampled curve still reaches ±1 of the sine away from the spikes.
        let keptValues = kept.map { y[$0] }.filter { abs($0) <= 1 }
        XCTAssertGreaterThan(keptValues.max() ?? 0, 0.999)
        XCTAssertLessThan(keptValues.min() ?? 0, -0.999)
    }

    func testLTTBReturnsShortInputsUnchanged() {
        XCTAssertEqual(Downsampler.lttb(x: [0, 1, 2], y: [5, 6, 7], threshold: 10), [0, 1, 2])
        XCTAssertEqual(Downsampler.lttb(x: [], y: [], threshold: 10), [])
    }

    func testLargeImageIsOneCompressedPNG() throws {
        let size = 512
        let values = (0..<(size * size)).map { index -> Double in
            let row = Double(index / size)
            let column = Double(index % size)
            return sin(row / 40) * cos(column / 25) + 0.1 * sin(row * column / 3_000)
        }
        let figure = try Figure()
        try figure.axes[0].imshow(values, rows: size, columns: size, colormap: .magma)
        let svg = try figure.svg()
        let bytes = svg.utf8.count
        print("size: 512×512 image -> \(bytes) bytes")
        XCTAssertEqual(svg.components(separatedBy: "<image ").count - 1, 1)
        XCTAssertTrue(svg.contains("data:image/png;base64,"))
        XCTAssertLessThan(svg.components(separatedBy: "<rect").count, 10, "pixels must not become rectangles")
        // Raw RGB would be 786 KB, 1 MB in base64.
        XCTAssertLessThan(bytes, 700_000)
    }

    func testHundredThousandPointScatterStaysSmall() throws {
        let count = 100_000
        let x = Samples.normal(count: count, seed: 11)
        let y = Samples.normal(count: count, seed: 12)
        let figure = try Figure()
        try figure.axes[0].scatter(x: x, y: y, values: zip(x, y).map { $0 * $1 })
        let svg = try figure.svg()
        let bytes = svg.utf8.count
        print("size: 10^5-point scatter -> \(bytes) bytes")
        XCTAssertLessThan(bytes, 2_000_000)
        XCTAssertNil(SVGValidator.check(svg))
    }
}
