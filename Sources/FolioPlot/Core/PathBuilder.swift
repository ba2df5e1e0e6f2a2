import Foundation

/// Builds compact SVG path data: absolute commands, implicit repeated line-tos, fixed decimals.
struct PathBuilder {
    private(set) var data = ""
    private var lastCommand: Character = " "
    /// Decimal places for coordinates; 0.01 px is below any screen's resolution.
    let decimals: Int

    init(decimals: Int = 2) {
        self.decimals = decimals
    }

    var isEmpty: Bool { data.isEmpty }

    mutating func move(to point: Point) {
        data += "M" + pair(point)
        lastCommand = "M"
    }

    mutating func line(to point: Point) {
        // After an `L`, further pairs are implicit line-tos; after `M` they are too.
        if lastCommand == "L" || lastCommand == "M" {
            data += " " + pair(point)
        } else {
            data += "L" + pair(point)
        }
        lastCommand = "L"
    }

    /// A zero-length subpath: with a round line cap it renders as a dot of the stroke width.
    mutating func dot(at point: Point) {
        data += "M" + pair(point) + "h0"
        lastCommand = "h"
    }

    /// A marker's outline around `point`: a move to its first vertex, then its relative commands.
    mutating func stamp(_ outline: MarkerOutline, at point: Point) {
        data += "M" + pair(Point(x: point.x + outline.start.x, y: point.y + outline.start.y)) + outline.tail
        lastCommand = "z"
    }

    mutating func closePath() {
        data += "Z"
        lastCommand = "Z"
    }

    /// A closed polygon through `points`.
    mutating func polygon(_ points: [Point]) {
        guard let first = points.first else { return }
        move(to: first)
        for point in points.dropFirst() { line(to: point) }
        closePath()
    }

    private func pair(_ point: Point) -> String {
        NumberText.format(point.x, decimals: decimals) + " " + NumberText.format(point.y, decimals: decimals)
    }
}
