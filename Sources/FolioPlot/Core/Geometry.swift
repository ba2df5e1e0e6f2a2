import Foundation

/// A point in SVG user units (CSS pixels), y growing downwards.
public struct Point: Equatable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// An axis-aligned rectangle in SVG user units.
public struct Rect: Equatable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var maxX: Double { x + width }
    public var maxY: Double { y + height }

    /// Whether `point` lies inside (edges included).
    public func contains(_ point: Point) -> Bool {
        point.x >= x && point.x <= maxX && point.y >= y && point.y <= maxY
    }

    /// The rectangle shrunk by the given insets (never to a negative size).
    func inset(left: Double, top: Double, right: Double, bottom: Double) -> Rect {
        let width = max(1, self.width - left - right)
        let height = max(1, self.height - top - bottom)
        return Rect(x: x + left, y: y + top, width: width, height: height)
    }
}

/// A closed interval of data values, used for extents and axis limits.
public struct Interval: Equatable {
    public var lower: Double
    public var upper: Double

    public init(_ lower: Double, _ upper: Double) {
        self.lower = min(lower, upper)
        self.upper = max(lower, upper)
    }

    /// The smallest interval holding every finite value, or nil if there is none.
    static func enclosing(_ values: [Double]) -> Interval? {
        var lower = Double.infinity
        var upper = -Double.infinity
        for value in values where value.isFinite {
            lower = min(lower, value)
            upper = max(upper, value)
        }
        return lower <= upper ? Interval(lower, upper) : nil
    }

    /// The smallest interval holding both (nil counts as empty).
    static func union(_ first: Interval?, _ second: Interval?) -> Interval? {
        guard let first = first else { return second }
        guard let second = second else { return first }
        return Interval(min(first.lower, second.lower), max(first.upper, second.upper))
    }
}
