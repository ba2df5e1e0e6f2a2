import XCTest
@testable import FolioPlot

/// Colormaps against the published tables, the palette, and legend placement.
final class ColorAndLegendTests: XCTestCase {
    private func assertColor(_ color: Color, _ expected: (Double, Double, Double), tolerance: Double,
                             file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(color.red, expected.0, accuracy: tolerance, file: file, line: line)
        XCTAssertEqual(color.green, expected.1, accuracy: tolerance, file: file, line: line)
        XCTAssertEqual(color.blue, expected.2, accuracy: tolerance, file: file, line: line)
    }

    func testViridisMatchesTheMatplotlibTable() {
        // Entries 0, 128, 255 are anchors; 100 lies between anchors (values from _cm_listed.py).
        assertColor(Colormap.viridis.color(at: 0), (0.267004, 0.004874, 0.329415), tolerance: 1e-9)
        assertColor(Colormap.viridis.color(at: 128.0 / 255), (0.127568, 0.566949, 0.550556), tolerance: 1e-9)
        assertColor(Colormap.viridis.color(at: 1), (0.993248, 0.906157, 0.143936), tolerance: 1e-9)
        assertColor(Colormap.viridis.color(at: 100.0 / 255), (0.166617, 0.463708, 0.558119), tolerance: 1.0 / 255)
    }

    func testMagmaAndCividisMatchTheirTables() {
        assertColor(Colormap.magma.color(at: 200.0 / 255), (0.992785, 0.594891, 0.410283), tolerance: 1.5 / 255)
        assertColor(Colormap.magma.color(at: 1), (0.987053, 0.991438, 0.749504), tolerance: 1e-9)
        assertColor(Colormap.cividis.color(at: 150.0 / 255), (0.570607, 0.549695, 0.469593), tolerance: 1.0 / 255)
    }

    func testDivergingMapIsWhiteInTheMiddle() {
        XCTAssertEqual(Colormap.rdBu.color(at: 0.5).hexText, "#f7f7f7")
        XCTAssertEqual(Colormap.rdBu.color(at: 0).hexText, "#67001f")
        XCTAssertEqual(Colormap.named("RdBu_r")?.color(at: 0).hexText, "#053061")
        XCTAssertNil(Colormap.named("jet"))
    }

    func testPaletteIsOkabeItoAndCycles() {
        XCTAssertEqual(Palette.okabeIto.color(at: 0).hexText, "#0072b2")
        XCTAssertEqual(Palette.okabeIto.color(at: 8), Palette.okabeIto.color(at: 0))
        XCTAssertEqual(Color(parsing: "#D55E00"), Palette.okabeIto.color(at: 1))
        XCTAssertNil(Color(parsing: "blue-ish"))
    }

    func testSeriesTakeSuccessivePaletteColours() throws {
        let axes = Axes()
        try axes.line([1, 2])
        try axes.line([2, 1], color: Color(hex: 0x123456))
        try axes.scatter(x: [1], y: [1])
        XCTAssertEqual((axes.marks[2] as? ScatterMark)?.color, Palette.okabeIto.color(at: 1))
    }

    func testLegendAvoidsTheCornerWithData() {
        let legend = Legend(entries: [(.marker(color: .black), "data")], style: Style())
        let frame = Rect(x: 0, y: 0, width: 400, height: 300)
        // Points crowd the upper right, the preferred corner; the legend must go elsewhere.
        let crowded = (0..<50).map { Point(x: 300 + Double($0), y: 10 + Double($0) / 2) }
        let placed = legend.placement(in: frame, avoiding: crowded)
        XCTAssertFalse(crowded.contains { placed.contains($0) })
        XCTAssertLessThan(placed.x, 200, "expected the upper-left corner")
        // With no data it takes the upper right.
        XCTAssertGreaterThan(legend.placement(in: frame, avoiding: []).x, 200)
    }

    func testEachSubplotsColorbarHasItsOwnGradient() throws {
        let figure = try Figure(rows: 1, columns: 2)
        try figure.axes[0].imshow([0, 1, 2, 3], rows: 2, columns: 2, colormap: .viridis)
        try figure.axes[1].imshow([0, 1, 2, 3], rows: 2, columns: 2, colormap: .magma)
        let elements = SVGElements.parse(try figure.svg())
        let gradients = elements.filter { $0.name == "linearGradient" }.compactMap { $0.attributes["id"] }
        XCTAssertEqual(gradients.count, 2)
        XCTAssertEqual(Set(gradients).count, 2, "ids must be unique in the document: \(gradients)")
        // Each colorbar's rect points at a gradient that exists.
        let fills = elements.compactMap { $0.attributes["fill"] }.filter { $0.hasPrefix("url(#") && $0.contains("-cbar") }
        XCTAssertEqual(Set(fills), Set(gradients.map { "url(#" + $0 + ")" }))
    }

    func testImshowWithoutColorbarGivesTheImageTheWidth() throws {
        func imageWidth(colorbar: Bool) throws -> (width: Double, colorbars: Int) {
            let figure = try Figure()
            try figure.axes[0].imshow([0, 1, 2, 3], rows: 2, columns: 2, colorbar: colorbar)
            let elements = SVGElements.parse(try figure.svg())
            let width = elements.first { $0.name == "image" }?.attributes["width"].flatMap(Double.init) ?? 0
            return (width, elements.filter { $0.attributes["class"] == "colorbar" }.count)
        }
        let with = try imageWidth(colorbar: true)
        let without = try imageWidth(colorbar: false)
        XCTAssertEqual(with.colorbars, 1)
        XCTAssertEqual(without.colorbars, 0)
        // The image takes back at least the bar and its gap, less the 4 px margin it keeps.
        let style = Style()
        XCTAssertGreaterThan(without.width - with.width, style.colorbarGap + style.colorbarWidth - 4)
    }

    func testAColorbarGoesToTheFirstMarkThatWantsOne() throws {
        let figure = try Figure()
        try figure.axes[0].imshow([0, 0.5, 0.75, 1], rows: 2, columns: 2, colorbar: false)
        try figure.axes[0].scatter(x: [0, 1], y: [0, 1], values: [100, 200])
        let colorbar = SVGElements.parse(try figure.svg()).filter { $0.within.contains("colorbar") }
        XCTAssertFalse(colorbar.isEmpty, "the scatter's values still get a colorbar")
        XCTAssertNotNil(figure.axes[0].colorScale)
        XCTAssertEqual(figure.axes[0].colorScale?.lower, 100)
        XCTAssertEqual(figure.axes[0].colorScale?.upper, 200)
    }

    func testHistogramBinsMatchHandCounts() throws {
        let histogram = try Histogram(values: [0, 0.5, 1, 1.5, 2, 2, .nan], bins: 4)
        XCTAssertEqual(histogram.edges, [0, 0.5, 1, 1.5, 2])
        XCTAssertEqual(histogram.heights, [1, 1, 1, 3])
        let density = try Histogram(values: [0, 0.5, 1, 1.5, 2, 2], bins: 4, density: true)
        let area = density.heights.reduce(0, +) * 0.5
        XCTAssertEqual(area, 1, accuracy: 1e-12)
    }

    func testMarchingSquaresFindsACircle() throws {
        let axis = (0..<41).map { -2 + Double($0) / 10 }
        let values = axis.flatMap { y in axis.map { x in x * x + y * y } }
        let grid = try ScalarGrid(values: values, rows: 41, columns: 41, x: axis, y: axis, mark: "contour")
        let segments = grid.isolineSegments(at: 1)
        XCTAssertGreaterThan(segments.count, 20)
        for (start, end) in segments {
            for point in [start, end] {
                XCTAssertEqual((point.x * point.x + point.y * point.y).squareRoot(), 1, accuracy: 0.01)
            }
        }
    }
}
