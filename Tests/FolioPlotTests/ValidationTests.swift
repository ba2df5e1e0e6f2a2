import XCTest
@testable import FolioPlot

/// Bad input gives a `PlotError` with a clear message, never a trap.
final class ValidationTests: XCTestCase {
    func testMismatchedLengthsAreReported() throws {
        let axes = Axes()
        XCTAssertThrowsError(try axes.line(x: [1, 2, 3], y: [1, 2])) { error in
            XCTAssertEqual(error as? PlotError, .lengthMismatch(mark: "line", argument: "x", expected: 2, actual: 3))
            XCTAssertEqual("\(error)", "line: x has 3 values but 2 were expected")
        }
        XCTAssertThrowsError(try axes.scatter(x: [1], y: [1], values: [1, 2]))
        XCTAssertThrowsError(try axes.errorbar(x: [1, 2], y: [1, 2], yError: [0.1]))
        XCTAssertThrowsError(try axes.fillBetween(x: [1, 2], lower: [0], upper: [1, 2]))
        XCTAssertThrowsError(try axes.bars([[1, 2], [3]]))
        XCTAssertTrue(axes.marks.isEmpty, "failed calls must not leave marks behind")
    }

    func testEmptyAndNonFiniteInputs() {
        let axes = Axes()
        XCTAssertThrowsError(try axes.line([])) { XCTAssertEqual($0 as? PlotError, .emptyData(mark: "line")) }
        XCTAssertThrowsError(try axes.hist([.nan, .infinity])) { XCTAssertEqual($0 as? PlotError, .noFiniteValues(mark: "hist")) }
        XCTAssertThrowsError(try axes.hist([1, 2], bins: 0))
        XCTAssertThrowsError(try axes.imshow([.nan, .nan], rows: 1, columns: 2))
        XCTAssertThrowsError(try axes.hline(.nan))
        XCTAssertThrowsError(try axes.text("x", x: .infinity, y: 0))
    }

    func testShapesOfGridsAreChecked() {
        let axes = Axes()
        XCTAssertThrowsError(try axes.imshow([1, 2, 3], rows: 2, columns: 2))
        XCTAssertThrowsError(try axes.imshow([[1, 2], [3]])) { error in
            XCTAssertEqual("\(error)", "imshow: row 1 has 1 values but row 0 has 2")
        }
        XCTAssertThrowsError(try axes.contour([1, 2, 3, 4], rows: 2, columns: 2, x: [0, 0]))
        XCTAssertThrowsError(try axes.contourf([1, 2], rows: 1, columns: 2))
    }

    func testFigureArgumentsAreChecked() throws {
        XCTAssertThrowsError(try Figure(rows: 0, columns: 1))
        XCTAssertThrowsError(try Figure(size: .pixels(width: -1, height: 100)))
        XCTAssertThrowsError(try Figure(size: .inches(width: .nan, height: 3)))
        let figure = try Figure(rows: 1, columns: 2)
        XCTAssertThrowsError(try figure.axes(at: 2)) { error in
            XCTAssertEqual(error as? PlotError, .axesIndexOutOfRange(index: 2, count: 2))
        }
        XCTAssertTrue(try figure.axes(row: 0, column: 1) === figure.axes[1])
    }

    func testHugeScatterSizeIsClampedNotATrap() throws {
        let figure = try Figure()
        try figure.axes[0].scatter(x: [1, 2], y: [1, 2], size: 1e300)
        let svg = try figure.svg()
        XCTAssertTrue(svg.contains("stroke-width=\"499.5\""), "diameters stop at 999 half-pixels")
        XCTAssertNil(SVGValidator.check(svg))
    }

    func testHugeNumbersAreClampedNotATrap() throws {
        XCTAssertEqual(NumberText.format(1e300), "9000000000000000000")
        XCTAssertEqual(NumberText.format(-1e300, decimals: 1), "-9000000000000000000")
        XCTAssertEqual(NumberText.format(1e17), "100000000000000000")
        let wide = try Figure()
        try wide.axes[0].line([1, 2], width: 1e300)
        XCTAssertNil(SVGValidator.check(try wide.svg()))
        let tiny = try Figure()
        try tiny.axes[0].line([1, 2])
        tiny.axes[0].yLimits = Interval(0, 1e-300)
        XCTAssertNil(SVGValidator.check(try tiny.svg()))
    }

    func testHistogramOfExtremeValuesIsBinnedNotATrap() throws {
        let wide = try Histogram(values: [-1e308, 1e308, 5e307], bins: 2)
        XCTAssertEqual(wide.edges, [-1e308, 0, 1e308])
        XCTAssertEqual(wide.heights, [1, 2])
        let single = try Histogram(values: [1e300, 1e300], bins: 1)
        XCTAssertEqual(single.heights, [2])
        XCTAssertLessThan(single.edges[0], 1e300)
        XCTAssertGreaterThan(single.edges[1], 1e300)
        XCTAssertThrowsError(try Histogram(values: [0, 5e-324], bins: 2)) { error in
            XCTAssertEqual("\(error)", "hist: the range [0.0, 5e-324] is too narrow to split into 2 bins")
        }
        XCTAssertThrowsError(try Histogram(values: [1], range: Interval(0, .infinity)))
        XCTAssertThrowsError(try Histogram(values: [-1e308, 1e308], bins: 1)) { error in
            XCTAssertEqual("\(error)", "hist: the range [-1e+308, 1e+308] is too wide to split into 1 bins")
        }
        let figure = try Figure()
        try figure.axes[0].hist([-1e308, 1e308])
        XCTAssertNil(SVGValidator.check(try figure.svg()))
    }

    func testFigureGridProductCannotOverflow() {
        XCTAssertThrowsError(try Figure(rows: 1 << 62, columns: 4)) { error in
            XCTAssertEqual("\(error)", "figure: a grid needs 1 to 100 subplots, got 4611686018427387904×4")
        }
    }

    func testColorScaleBeyondTheLargestDoubleIsNotATrap() throws {
        let huge = ColorScale(colormap: .viridis, lower: -1e308, upper: 1e308)
        XCTAssertEqual(huge.fraction(-1e308), 0)
        XCTAssertEqual(huge.fraction(0), 0.5)
        XCTAssertEqual(huge.fraction(1e308), 1)
        XCTAssertEqual(ColorScale(colormap: .viridis, lower: -.infinity, upper: 0).fraction(-1), 0.5)
        let scatter = try Figure()
        try scatter.axes[0].scatter(x: [1, 2], y: [1, 2], values: [-1e308, 1e308])
        XCTAssertNil(SVGValidator.check(try scatter.svg()))
        let image = try Figure()
        try image.axes[0].imshow([[1, 2], [3, 4]], lower: -.infinity)
        XCTAssertNil(SVGValidator.check(try image.svg()))
    }

    func testImageOnAZoomedInAxisIsNotATrap() throws {
        let raster = RasterImage(width: 2, height: 2)
        XCTAssertEqual(raster.enlargement(toCover: Rect(x: 0, y: 0, width: 1e300, height: 1e300)), 1_024)
        XCTAssertEqual(raster.enlargement(toCover: Rect(x: 0, y: 0, width: .nan, height: 10)), 1)
        let figure = try Figure()
        try figure.axes[0].imshow([[1, 2], [3, 4]])
        figure.axes[0].xLimits = Interval(0, 1e-300)
        figure.axes[0].yLimits = Interval(0, 1e-300)
        XCTAssertNil(SVGValidator.check(try figure.svg()))
    }

    func testNaNBreaksALineInsteadOfPoisoningIt() throws {
        let figure = try Figure()
        try figure.axes[0].line([1, 2, .nan, 3, 4, .infinity, 5])
        let svg = try figure.svg()
        let path = svg.components(separatedBy: "stroke-linejoin").first ?? ""
        let data = path.components(separatedBy: "<path d=\"").last ?? ""
        XCTAssertEqual(data.filter { $0 == "M" }.count, 3, "three runs: [1,2], [3,4], [5]")
        XCTAssertFalse(svg.contains("nan") || svg.contains("inf"))
    }

    func testLogAxisIgnoresNonPositiveValues() throws {
        let figure = try Figure()
        let axes = figure.axes[0]
        try axes.line([0, -1, 1, 10, 100])
        try axes.bar([0, 5, 50])
        axes.yScale = .log
        let svg = try figure.svg()
        XCTAssertNil(SVGValidator.check(svg))
        XCTAssertTrue(svg.contains(">100<"))
    }

    func testEmptyFigureStillRenders() throws {
        let svg = try Figure(rows: 2, columns: 2).svg()
        XCTAssertNil(SVGValidator.check(svg))
    }

    func testTextIsEscaped() throws {
        let figure = try Figure()
        figure.axes[0].title = "a < b && c > \"d\" 'e'\u{1}"
        try figure.axes[0].line([1, 2], label: "</text><script>")
        let svg = try figure.svg()
        XCTAssertTrue(svg.contains("a &lt; b &amp;&amp; c &gt; &quot;d&quot; &apos;e&apos;<"))
        XCTAssertTrue(svg.contains("&lt;/text&gt;&lt;script&gt;"))
        XCTAssertFalse(svg.contains("<script"))
        XCTAssertNil(SVGValidator.check(svg))
    }
}
