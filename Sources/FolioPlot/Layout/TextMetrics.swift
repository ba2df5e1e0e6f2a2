import Foundation

/// Estimates rendered text width without a font engine, for layout decisions only.
///
/// Widths are DejaVu Sans advances (em fractions), the first font in the stack we ask for;
/// Helvetica and Arial are narrower, so estimates err on the side of more room.
enum TextMetrics {
    /// The font stack written into every figure.
    static let fontFamily = "DejaVu Sans, Helvetica, Arial, sans-serif"

    /// Approximate width in px of `text` at `fontSize`.
    static func width(of text: String, fontSize: Double) -> Double {
        var ems = 0.0
        for character in text {
            ems += advance(of: character)
        }
        return ems * fontSize
    }

    private static func advance(of character: Character) -> Double {
        if character.isNumber { return 0.636 }
        if character == " " || character == "." || character == "," { return 0.318 }
        if character == "i" || character == "l" || character == "j" || character == "I" { return 0.28 }
        if character == "m" || character == "w" || character == "M" || character == "W" { return 0.9 }
        if character.isUppercase { return 0.7 }
        if character.isLowercase { return 0.6 }
        if character == "\u{2212}" || character == "-" { return 0.55 }
        return 0.65
    }
}
