import Foundation

/// A categorical colour cycle for series that have no colour of their own.
public struct Palette: Equatable {
    public var colors: [Color]

    public init(colors: [Color]) {
        self.colors = colors.isEmpty ? Palette.okabeIto.colors : colors
    }

    /// The colour of the `index`-th series, cycling when the palette runs out.
    public func color(at index: Int) -> Color {
        let count = colors.count
        let wrapped = ((index % count) + count) % count
        return colors[wrapped]
    }

    /// Okabe & Ito (2008), "Color Universal Design": distinguishable under the common forms
    /// of colour-vision deficiency. Reordered so the first series get the strongest contrast
    /// on white; the pale yellow comes last because thin lines in it are hard to see.
    public static let okabeIto = Palette(colors: [
        Color(hex: 0x0072B2), // blue
        Color(hex: 0xD55E00), // vermillion
        Color(hex: 0x009E73), // bluish green
        Color(hex: 0xE69F00), // orange
        Color(hex: 0x56B4E9), // sky blue
        Color(hex: 0xCC79A7), // reddish purple
        Color(hex: 0x000000), // black
        Color(hex: 0xF0E442), // yellow
    ])
}
