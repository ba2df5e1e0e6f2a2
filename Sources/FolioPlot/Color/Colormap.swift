import Foundation

/// A continuous map from 0...1 to colours, linearly interpolated between evenly spaced anchors.
public struct Colormap: Equatable {
    /// The name a language binding uses to look the map up (`"viridis"`).
    public let name: String
    /// Anchor colours, at increasing `positions` from 0 to 1.
    public let anchors: [Color]
    /// Where each anchor sits in 0...1; same count as `anchors`.
    public let positions: [Double]

    /// A map whose anchors are evenly spaced.
    public init(name: String, anchors: [Color]) {
        let colors = anchors.count >= 2 ? anchors : [Color.black, Color.white]
        let denominator = Double(colors.count - 1)
        self.init(name: name, anchors: colors, positions: (0..<colors.count).map { Double($0) / denominator })
    }

    /// A map with explicit anchor positions (sorted, from 0 to 1). Falls back to even spacing
    /// when the two lists do not match.
    public init(name: String, anchors: [Color], positions: [Double]) {
        self.name = name
        if anchors.count >= 2 && positions.count == anchors.count {
            self.anchors = anchors
            self.positions = positions
        } else {
            let fallback = Colormap(name: name, anchors: anchors)
            self.anchors = fallback.anchors
            self.positions = fallback.positions
        }
    }

    /// The colour at `fraction` (clamped to 0...1; NaN gives the lowest colour).
    public func color(at fraction: Double) -> Color {
        let t = fraction.isFinite ? min(max(fraction, 0), 1) : 0
        var upperIndex = 1
        while upperIndex < positions.count - 1 && positions[upperIndex] < t {
            upperIndex += 1
        }
        let lowerIndex = upperIndex - 1
        let width = positions[upperIndex] - positions[lowerIndex]
        let local = width > 0 ? (t - positions[lowerIndex]) / width : 0
        return anchors[lowerIndex].mixed(with: anchors[upperIndex], fraction: local)
    }

    /// A lookup table of `count` colours, for mapping many values quickly.
    func table(count: Int) -> [Color] {
        let size = max(count, 2)
        let denominator = Double(size - 1)
        return (0..<size).map { color(at: Double($0) / denominator) }
    }

    /// The map with its anchors in reverse order (`viridis_r`).
    public var reversed: Colormap {
        Colormap(name: name + "_r", anchors: anchors.reversed(), positions: positions.reversed().map { 1 - $0 })
    }

    /// Every named map, in the order `help` lists them.
    public static let all: [Colormap] = [viridis, magma, cividis, rdBu, grays]

    /// Looks up a map by name; a trailing `_r` reverses it. Nil for an unknown name.
    public static func named(_ name: String) -> Colormap? {
        let lowered = name.lowercased()
        if lowered.hasSuffix("_r") {
            return named(String(lowered.dropLast(2)))?.reversed
        }
        return all.first { $0.name.lowercased() == lowered }
    }
}
