import Foundation

/// The shapes drawn at data points, by matplotlib's marker codes (`"o"`, `"s"`, `"^"`, ...).
///
/// Sizes follow matplotlib's geometry for a marker size `s`: a circle `s` across, a point half
/// that, a square of side `s`, triangles, cross and plus filling an `s` × `s` box, a diamond with
/// sides of `s` (so `s`·√2 from tip to tip) and a star whose points lie `s` / 2 from the centre.
public enum MarkerShape: String, CaseIterable {
    case circle = "o"
    case point = "."
    case square = "s"
    case triangleUp = "^"
    case triangleDown = "v"
    case triangleLeft = "<"
    case triangleRight = ">"
    case diamond = "D"
    case cross = "x"
    case plus = "+"
    case star = "*"

    /// Codes that mean "no marker", as matplotlib spells them.
    public static let noneCodes: Set<String> = ["", "none", "None"]

    /// What the shape is called in messages and help.
    public var name: String {
        switch self {
        case .circle: return "circle"
        case .point: return "point"
        case .square: return "square"
        case .triangleUp: return "triangle up"
        case .triangleDown: return "triangle down"
        case .triangleLeft: return "triangle left"
        case .triangleRight: return "triangle right"
        case .diamond: return "diamond"
        case .cross: return "cross"
        case .plus: return "plus"
        case .star: return "star"
        }
    }

    /// Every code with its name (`"o" circle, "." point, ...`), for error messages and help text.
    public static var catalog: String {
        allCases.map { "\"\($0.rawValue)\" \($0.name)" }.joined(separator: ", ")
    }

    /// The outline of a marker of `size` px around a data point.
    func outline(size: Double) -> MarkerOutline {
        let half = size / 2
        switch self {
        case .circle: return MarkerOutline(dotOf: size)
        case .point: return MarkerOutline(dotOf: half)
        case .square: return MarkerOutline(polygon: [(-half, -half), (half, -half), (half, half), (-half, half)])
        case .triangleUp: return MarkerOutline(polygon: [(0, -half), (half, half), (-half, half)])
        case .triangleDown: return MarkerOutline(polygon: [(0, half), (-half, -half), (half, -half)])
        case .triangleLeft: return MarkerOutline(polygon: [(-half, 0), (half, -half), (half, half)])
        case .triangleRight: return MarkerOutline(polygon: [(half, 0), (-half, half), (-half, -half)])
        case .diamond:
            let tip = size / 2.0.squareRoot()
            return MarkerOutline(polygon: [(0, -tip), (tip, 0), (0, tip), (-tip, 0)])
        case .cross: return MarkerOutline(strokes: [((-half, -half), (half, half)), ((-half, half), (half, -half))], size: size)
        case .plus: return MarkerOutline(strokes: [((-half, 0), (half, 0)), ((0, -half), (0, half))], size: size)
        case .star: return MarkerOutline(polygon: MarkerShape.starVertices(radius: half))
        }
    }

    /// A five-pointed star with its top point up; the inner radius is matplotlib's (0.381966 of
    /// the outer, which makes the edges of opposite points line up).
    private static func starVertices(radius: Double) -> [(Double, Double)] {
        (0..<10).map { index in
            let angle = Double.pi / 2 + Double(index) * Double.pi / 5
            let distance = index % 2 == 0 ? radius : radius * 0.381966
            // SVG y grows downwards.
            return (distance * cos(angle), -distance * sin(angle))
        }
    }
}

/// A marker shape at a size, as a line draws it at each of its points.
public struct Marker: Equatable {
    public var shape: MarkerShape
    /// The size in px (matplotlib's `markersize`); `MarkerShape` says what it measures per shape.
    public var size: Double

    /// 6 px: matplotlib's default of 6 pt on Folio's scale, which draws matplotlib's point sizes
    /// as px (lines 1.5, text 10), so markers keep matplotlib's proportions to lines and text.
    public static let defaultSize = 6.0

    public init(_ shape: MarkerShape, size: Double = Marker.defaultSize) {
        self.shape = shape
        self.size = size
    }
}
