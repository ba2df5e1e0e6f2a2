import Foundation

/// A figure's size, in inches or pixels.
///
/// Inches convert at 96 px per inch, the CSS reference pixel that SVG user units are defined
/// in, so a 6 × 4 in figure is 576 × 384 px on screen and 6 × 4 in when printed from a browser.
public enum FigureSize: Equatable {
    case pixels(width: Double, height: Double)
    case inches(width: Double, height: Double)

    /// Pixels per inch: the CSS reference pixel.
    public static let pixelsPerInch = 96.0

    /// 6 × 4 in per single plot, grown with the grid so each subplot keeps a readable size.
    public static func standard(rows: Int, columns: Int) -> FigureSize {
        let width = max(6, 3.4 * Double(columns))
        let height = max(4, 2.8 * Double(rows))
        return .inches(width: width, height: height)
    }

    /// Width and height in px.
    public var pixels: (width: Double, height: Double) {
        switch self {
        case .pixels(let width, let height):
            return (width, height)
        case .inches(let width, let height):
            return (width * FigureSize.pixelsPerInch, height * FigureSize.pixelsPerInch)
        }
    }

    /// Throws unless both sides are finite, positive and at most 10,000 px.
    func validated() throws -> FigureSize {
        let (width, height) = pixels
        for (name, value) in [("width", width), ("height", height)] where !(value.isFinite && value >= 50 && value <= 10_000) {
            throw PlotError.invalidArgument(mark: "figure", message: "\(name) must be between 50 and 10000 px, got \(value)")
        }
        return self
    }
}
