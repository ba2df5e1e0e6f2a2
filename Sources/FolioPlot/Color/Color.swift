import Foundation

/// An sRGB colour with channels in 0...1.
public struct Color: Equatable {
    public var red: Double
    public var green: Double
    public var blue: Double

    public init(red: Double, green: Double, blue: Double) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// A colour from a 24-bit `0xRRGGBB` literal.
    public init(hex: UInt32) {
        let red = Double((hex >> 16) & 0xFF)
        let green = Double((hex >> 8) & 0xFF)
        let blue = Double(hex & 0xFF)
        self.init(red: red / 255, green: green / 255, blue: blue / 255)
    }

    /// Parses `#rgb` or `#rrggbb` (the `#` is optional); nil for anything else.
    public init?(parsing text: String) {
        var digits = text.trimmingCharacters(in: .whitespaces)
        if digits.hasPrefix("#") { digits.removeFirst() }
        if digits.count == 3 {
            digits = digits.map { "\($0)\($0)" }.joined()
        }
        guard digits.count == 6, let value = UInt32(digits, radix: 16) else { return nil }
        self.init(hex: value)
    }

    public static let black = Color(hex: 0x000000)
    public static let white = Color(hex: 0xFFFFFF)
    /// The dark grey used for axes, ticks and text: softer than black in print.
    public static let ink = Color(hex: 0x262626)

    /// 8-bit channels, rounded.
    var bytes: (UInt8, UInt8, UInt8) {
        (Color.byte(red), Color.byte(green), Color.byte(blue))
    }

    /// `#rrggbb` text for SVG attributes.
    public var hexText: String {
        let (red, green, blue) = bytes
        return "#" + Color.hexPair(red) + Color.hexPair(green) + Color.hexPair(blue)
    }

    /// Linear interpolation in sRGB, `fraction` clamped to 0...1.
    func mixed(with other: Color, fraction: Double) -> Color {
        let t = min(max(fraction, 0), 1)
        let red = self.red + (other.red - self.red) * t
        let green = self.green + (other.green - self.green) * t
        let blue = self.blue + (other.blue - self.blue) * t
        return Color(red: red, green: green, blue: blue)
    }

    /// Relative luminance (WCAG), used to pick black or white text over a colour.
    var luminance: Double {
        let red = 0.2126 * Color.linearized(self.red)
        let green = 0.7152 * Color.linearized(self.green)
        let blue = 0.0722 * Color.linearized(self.blue)
        return red + green + blue
    }

    private static func linearized(_ channel: Double) -> Double {
        channel <= 0.04045 ? channel / 12.92 : pow((channel + 0.055) / 1.055, 2.4)
    }

    private static func byte(_ channel: Double) -> UInt8 {
        let clamped = channel.isFinite ? min(max(channel, 0), 1) : 0
        return UInt8((clamped * 255).rounded())
    }

    private static let hexDigits = Array("0123456789abcdef")

    private static func hexPair(_ value: UInt8) -> String {
        let high = hexDigits[Int(value >> 4)]
        let low = hexDigits[Int(value & 0x0F)]
        return String([high, low])
    }
}
