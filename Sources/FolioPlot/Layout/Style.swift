import Foundation

/// Sizes and colours of the figure furniture (not of the data), in px.
///
/// Chosen for print: 10 px tick labels and 10.5 px axis labels sit between 7.5 and 8 pt at
/// 96 px per inch, the size journals ask for in a one-column figure; hairline-ish 0.8 px spines.
public struct Style: Equatable {
    public var fontSize: Double = 10
    public var labelFontSize: Double = 10.5
    public var titleFontSize: Double = 11.5
    public var tickLength: Double = 3.5
    public var minorTickLength: Double = 2
    public var tickPadding: Double = 3
    public var spineWidth: Double = 0.8
    public var textColor: Color = .ink
    public var spineColor: Color = Color(hex: 0x4D4D4D)
    public var gridColor: Color = Color(hex: 0xE5E5E5)
    /// Outer whitespace around each subplot cell.
    public var padding: Double = 8
    /// Width of a colorbar and its gap to the plot.
    public var colorbarWidth: Double = 11
    public var colorbarGap: Double = 10

    public init() {}

    /// Ascent of a digit as a fraction of the font size; DejaVu Sans digits are 0.73 em tall.
    var capHeight: Double { 0.73 * fontSize }
}
