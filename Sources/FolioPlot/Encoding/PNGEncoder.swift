import Foundation

/// Encodes 8-bit RGB images as PNG (ISO/IEC 15948), for images embedded in SVG.
public enum PNGEncoder {
    private static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// PNG bytes for a `width`×`height` image; `rgb` holds 3 bytes per pixel, row by row from the top.
    public static func encode(width: Int, height: Int, rgb: [UInt8]) throws -> [UInt8] {
        guard width > 0, height > 0, rgb.count == width * height * 3 else {
            throw PlotError.invalidArgument(mark: "png", message: "expected \(width)×\(height)×3 bytes, got \(rgb.count)")
        }
        var header: [UInt8] = []
        header += bigEndian(UInt32(width))
        header += bigEndian(UInt32(height))
        header += [8, 2, 0, 0, 0] // bit depth 8, colour type 2 (RGB), deflate, adaptive filter, no interlace
        var png = signature
        png += chunk("IHDR", header)
        png += chunk("IDAT", Deflate.zlib(filtered(width: width, height: height, rgb: rgb)))
        png += chunk("IEND", [])
        return png
    }

    /// Rows prefixed with the filter (None, Sub or Up) whose output has the smallest sum of
    /// absolute signed bytes, the heuristic the PNG spec recommends (§12.8).
    private static func filtered(width: Int, height: Int, rgb: [UInt8]) -> [UInt8] {
        let stride = width * 3
        var output: [UInt8] = []
        output.reserveCapacity((stride + 1) * height)
        for row in 0..<height {
            let start = row * stride
            let current = Array(rgb[start..<(start + stride)])
            let above = row > 0 ? Array(rgb[(start - stride)..<start]) : [UInt8](repeating: 0, count: stride)
            let none = current
            let sub = (0..<stride).map { index in current[index] &- (index >= 3 ? current[index - 3] : 0) }
            let up = (0..<stride).map { index in current[index] &- above[index] }
            let candidates: [(UInt8, [UInt8])] = [(0, none), (1, sub), (2, up)]
            var best = candidates[0]
            var bestCost = Int.max
            for candidate in candidates {
                let cost = candidate.1.reduce(0) { $0 + min(Int($1), 256 - Int($1)) }
                if cost < bestCost {
                    bestCost = cost
                    best = candidate
                }
            }
            output.append(best.0)
            output += best.1
        }
        return output
    }

    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        var bytes = bigEndian(UInt32(data.count))
        bytes += typeBytes
        bytes += data
        bytes += bigEndian(Checksum.crc32(typeBytes + data))
        return bytes
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    /// `data:image/png;base64,...` text for an `<image>` element.
    static func dataURI(_ png: [UInt8]) -> String {
        "data:image/png;base64," + Data(png).base64EncodedString()
    }
}
