import Foundation

/// An 8-bit RGB raster embedded in SVG as a base64 PNG `<image>`.
struct RasterImage {
    let width: Int
    let height: Int
    /// 3 bytes per pixel, rows from the top.
    var rgb: [UInt8]

    /// Grey for cells with no value (NaN), distinct from every colormap's ends.
    static let missing = Color(hex: 0xD9D9D9)

    init(width: Int, height: Int, fill: Color = .white) {
        self.width = width
        self.height = height
        let (red, green, blue) = fill.bytes
        rgb = [UInt8](repeating: 0, count: width * height * 3)
        for pixel in 0..<(width * height) {
            rgb[3 * pixel] = red
            rgb[3 * pixel + 1] = green
            rgb[3 * pixel + 2] = blue
        }
    }

    mutating func set(column: Int, row: Int, to color: Color) {
        guard column >= 0, column < width, row >= 0, row < height else { return }
        let offset = 3 * (row * width + column)
        let (red, green, blue) = color.bytes
        rgb[offset] = red
        rgb[offset + 1] = green
        rgb[offset + 2] = blue
    }

    /// Nearest-neighbour enlargement by `factor` in both directions. Small images are enlarged
    /// before embedding because many viewers smooth an upscaled `<image>` and ignore
    /// `image-rendering`; the repeated pixels cost almost nothing after deflate.
    func enlarged(by factor: Int) -> RasterImage {
        guard factor > 1 else { return self }
        var result = RasterImage(width: width * factor, height: height * factor)
        for row in 0..<result.height {
            let sourceRow = row / factor
            for column in 0..<result.width {
                let source = 3 * (sourceRow * width + column / factor)
                let target = 3 * (row * result.width + column)
                result.rgb[target] = rgb[source]
                result.rgb[target + 1] = rgb[source + 1]
                result.rgb[target + 2] = rgb[source + 2]
            }
        }
        return result
    }

    /// The integer enlargement that makes the image about as wide as `target` px (at most 2048 px).
    func enlargement(toCover target: Rect) -> Int {
        let across = target.width / Double(max(width, 1))
        let down = target.height / Double(max(height, 1))
        let cap = 2_048 / max(width, height, 1)
        // Clamped as a Double: a zoomed-in axis (xlim 1e-300 wide) makes the image 1e300 px
        // across, which would trap converting to Int.
        let factor = min(across, down).rounded(.down)
        guard factor >= 1 else { return 1 }
        return Int(min(factor, Double(max(cap, 1))))
    }

    /// Writes `<image>` stretched over `rect`.
    func write(over rect: Rect, to svg: inout SVGWriter) {
        // The encoder only fails on inconsistent sizes, which this type rules out.
        guard let png = try? PNGEncoder.encode(width: width, height: height, rgb: rgb) else { return }
        svg.element("image", [
            ("x", NumberText.format(rect.x)), ("y", NumberText.format(rect.y)),
            ("width", NumberText.format(rect.width)), ("height", NumberText.format(rect.height)),
            ("preserveAspectRatio", "none"), ("image-rendering", "optimizeSpeed"),
            ("xlink:href", PNGEncoder.dataURI(png)),
        ])
    }
}
