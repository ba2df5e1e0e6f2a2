import Foundation
import XCTest
@testable import FolioPlot
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Markers: matplotlib's geometry per shape, one outline per point in the mark's colour, and a
/// legend that shows them.
final class MarkerTests: XCTestCase {
    /// Bounding boxes for size 6 from matplotlib's marker paths (markers.py): unit shapes scaled
    /// by the size; the diamond is a unit square turned 45°, the star has outer radius ½.
    func testEachShapeHasMatplotlibsGeometry() {
        let starWidth = 6 * cos(18 * Double.pi / 180)
        let starHeight = 3 + 3 * cos(36 * Double.pi / 180)
        let expected: [MarkerShape: (width: Double, height: Double, vertices: Int)] = [
            .square: (6, 6, 4), .triangleUp: (6, 6, 3), .triangleDown: (6, 6, 3), .triangleLeft: (6, 6, 3),
            .triangleRight: (6, 6, 3), .diamond: (6 * 2.0.squareRoot(), 6 * 2.0.squareRoot(), 4),
            .cross: (6, 6, 4), .plus: (6, 6, 4), .star: (starWidth, starHeight, 10),
        ]
        for (shape, box) in expected {
            let points = vertices(of: shape, size: 6, at: Point(x: 50, y: 50))
            XCTAssertEqual(points.count, box.vertices, "\(shape)")
            let xs = points.map(\.x)
            let ys = points.map(\.y)
            XCTAssertEqual((xs.max() ?? 0) - (xs.min() ?? 0), box.width, accuracy: 0.03, "\(shape) width")
            XCTAssertEqual((ys.max() ?? 0) - (ys.min() ?? 0), box.height, accuracy: 0.03, "\(shape) height")
            // Every shape's top reaches half its height above the point, except the star's, whose
            // points lie 3 px from the centre.
            XCTAssertEqual(ys.min() ?? 0, 50 - (shape == .star ? 3 : box.height / 2), accuracy: 0.03, "\(shape) top")
        }
        XCTAssertEqual(MarkerShape.circle.outline(size: 6).paint, .dot(diameter: 6))
        XCTAssertEqual(MarkerShape.point.outline(size: 6).paint, .dot(diameter: 3))
    }

    func testTrianglesPointTheWayTheirCodesDo() {
        let centre = Point(x: 50, y: 50)
        // The apex is the one vertex on the centre line, on the side the code points to.
        let apex: [(MarkerShape, Point)] = [(.triangleUp, Point(x: 50, y: 47)), (.triangleDown, Point(x: 50, y: 53)),
                                            (.triangleLeft, Point(x: 47, y: 50)), (.triangleRight, Point(x: 53, y: 50))]
        for (shape, tip) in apex {
            let points = vertices(of: shape, size: 6, at: centre)
            XCTAssertTrue(points.contains { abs($0.x - tip.x) < 0.01 && abs($0.y - tip.y) < 0.01 }, "\(shape): \(points)")
        }
    }

    func testLineMarkersAreOneOutlinePerPointInTheLineColour() throws {
        let color = Color(hex: 0x123456)
        for shape in MarkerShape.allCases {
            let figure = try Figure()
            try figure.axes[0].line([3, 1, 4, 1, 5, 9, 2], color: color, marker: Marker(shape))
            let paths = SVGElements.parse(try figure.svg()).filter { $0.name == "path" && $0.within.contains("marks") }
            XCTAssertEqual(paths.count, 2, "\(shape): the line and its markers")
            guard let markers = paths.last else { continue }
            let data = markers.attributes["d"] ?? ""
            XCTAssertEqual(data.filter { $0 == "M" }.count, 7, "\(shape): one outline per point")
            switch shape {
            case .circle, .point, .cross, .plus:
                XCTAssertEqual(markers.attributes["stroke"], "#123456", "\(shape)")
                XCTAssertNotEqual(markers.attributes["fill"], "#123456", "\(shape)")
            default:
                XCTAssertEqual(markers.attributes["fill"], "#123456", "\(shape)")
                XCTAssertEqual(data.filter { $0 == "z" }.count, 7, "\(shape): closed outlines")
            }
        }
    }

    func testANumberMarkerStillDrawsDotsOfThatDiameter() throws {
        let figure = try Figure()
        try figure.axes[0].line([1, 2, 3], color: Color(hex: 0x0072B2), marker: Marker(.circle, size: 4))
        let markers = SVGElements.parse(try figure.svg()).filter { $0.name == "path" && $0.within.contains("marks") }.last
        XCTAssertEqual(markers?.attributes["stroke-width"], "4")
        XCTAssertEqual(markers?.attributes["stroke-linecap"], "round")
        XCTAssertEqual(markers?.attributes["d"]?.components(separatedBy: "h0").count, 4, "three zero-length subpaths")
    }

    func testLegendShowsTheMarkerOfALineAndTheShapeOfAScatter() throws {
        let figure = try Figure()
        let axes = figure.axes[0]
        try axes.line([1, 2, 3], color: Color(hex: 0x111111), marker: Marker(.triangleUp), label: "with")
        try axes.line([3, 2, 1], color: Color(hex: 0x222222), label: "without")
        try axes.scatter(x: [1, 2], y: [2, 1], color: Color(hex: 0x333333), marker: .diamond, label: "diamonds")
        try axes.scatter(x: [1, 2], y: [1, 1], color: Color(hex: 0x444444), label: "dots")
        let legend = SVGElements.parse(try figure.svg()).filter { $0.within.contains("legend") }
        let filled = legend.filter { $0.name == "path" && $0.attributes["d"]?.hasSuffix("z") == true }
        XCTAssertEqual(filled.map { $0.attributes["fill"] }, ["#111111", "#333333"], "the line's triangle and the scatter's diamond")
        XCTAssertEqual(legend.filter { $0.name == "path" && $0.attributes["stroke"] == "#222222" }.count, 1, "a plain line swatch only")
        let circles = legend.filter { $0.name == "circle" }
        XCTAssertEqual(circles.map { $0.attributes["fill"] }, ["#444444"])
        XCTAssertEqual(circles.first?.attributes["r"], "3")
    }

    func testScatterShapesTakeOpacityOnTheirPaint() throws {
        let figure = try Figure()
        try figure.axes[0].scatter(x: [1, 2, 3, 4, 5], y: [5, 3, 4, 1, 2], color: Color(hex: 0xABCDEF), marker: .cross, opacity: 0.5)
        try figure.axes[0].scatter(x: [1, 2, 3], y: [1, 2, 3], color: Color(hex: 0x123123), marker: .square, opacity: 0.5)
        let paths = SVGElements.parse(try figure.svg()).filter { $0.name == "path" && $0.within.contains("marks") }
        let crosses = paths.first { $0.attributes["stroke"] == "#abcdef" }
        XCTAssertEqual(crosses?.attributes["fill"], "none")
        XCTAssertEqual(crosses?.attributes["stroke-opacity"], "0.5")
        XCTAssertEqual(crosses?.attributes["d"]?.filter { $0 == "M" }.count, 5)
        let squares = paths.first { $0.attributes["fill"] == "#123123" }
        XCTAssertEqual(squares?.attributes["fill-opacity"], "0.5")
        XCTAssertEqual(squares?.attributes["d"]?.filter { $0 == "z" }.count, 3)
    }

    func testMarkerSizeMustBePositive() {
        let axes = Axes()
        XCTAssertThrowsError(try axes.line([1, 2], marker: Marker(.square, size: 0))) { error in
            XCTAssertEqual("\(error)", "line: markersize must be a positive number, got 0.0")
        }
        XCTAssertThrowsError(try axes.line([1, 2], marker: Marker(.star, size: .nan)))
        XCTAssertTrue(axes.marks.isEmpty)
    }

    /// The absolute vertices of one stamped outline (its `M`, then relative `l` and `m` pairs).
    private func vertices(of shape: MarkerShape, size: Double, at centre: Point) -> [Point] {
        var path = PathBuilder()
        path.stamp(shape.outline(size: size), at: centre)
        var points: [Point] = []
        var current = Point(x: 0, y: 0)
        var command: Character = "M"
        var numbers: [Double] = []
        func flush() {
            var index = 0
            while index + 1 < numbers.count {
                let (first, second) = (numbers[index], numbers[index + 1])
                current = command == "M" ? Point(x: first, y: second) : Point(x: current.x + first, y: current.y + second)
                points.append(current)
                index += 2
            }
            numbers = []
        }
        var token = ""
        for character in path.data + " " {
            if character.isLetter || character == " " || (character == "-" && !token.isEmpty) {
                if let number = Double(token) { numbers.append(number) }
                token = character == "-" ? "-" : ""
                if character.isLetter {
                    flush()
                    command = character
                }
            } else {
                token.append(character)
            }
        }
        flush()
        return points
    }
}

/// Every element of an SVG document with its attributes and the classes of the groups around it.
struct SVGElements {
    let name: String
    let attributes: [String: String]
    let within: [String]

    static func parse(_ svg: String) -> [SVGElements] {
        let collector = Collector()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = collector
        _ = parser.parse()
        return collector.elements
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var elements: [SVGElements] = []
        var classes: [String] = []

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            elements.append(SVGElements(name: elementName, attributes: attributes, within: classes))
            classes.append(attributes["class"] ?? "")
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            _ = classes.popLast()
        }
    }
}
