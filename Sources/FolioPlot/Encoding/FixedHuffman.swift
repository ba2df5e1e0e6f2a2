import Foundation

/// The fixed Huffman code of DEFLATE (RFC 1951 §3.2.6) and its length/distance tables.
enum FixedHuffman {
    static let lengthBases: [Int] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
                                     35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtraBits: [Int] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
                                         3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBases: [Int] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
                                       257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
                                       8193, 12289, 16385, 24577]
    static let distanceExtraBits: [Int] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
                                           7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

    /// Writes literal/length symbol `symbol` (0...287).
    static func writeLiteral(_ symbol: Int, to writer: inout BitWriter) {
        let (code, length): (Int, Int)
        switch symbol {
        case 0...143: (code, length) = (0x30 + symbol, 8)
        case 144...255: (code, length) = (0x190 + symbol - 144, 9)
        case 256...279: (code, length) = (symbol - 256, 7)
        default: (code, length) = (0xC0 + symbol - 280, 8)
        }
        writeHuffman(code, length: length, to: &writer)
    }

    /// Writes a back-reference: `length` in 3...258, `distance` in 1...32768.
    static func writeMatch(length: Int, distance: Int, to writer: inout BitWriter) {
        let lengthIndex = lastIndex(in: lengthBases, notAbove: length)
        writeLiteral(257 + lengthIndex, to: &writer)
        let lengthExtra = lengthExtraBits[lengthIndex]
        if lengthExtra > 0 {
            writer.write(bits: UInt32(length - lengthBases[lengthIndex]), count: lengthExtra)
        }
        let distanceIndex = lastIndex(in: distanceBases, notAbove: distance)
        writeHuffman(distanceIndex, length: 5, to: &writer)
        let distanceExtra = distanceExtraBits[distanceIndex]
        if distanceExtra > 0 {
            writer.write(bits: UInt32(distance - distanceBases[distanceIndex]), count: distanceExtra)
        }
    }

    /// Huffman codes are defined most-significant bit first, but the stream is packed least
    /// significant first, so the code is bit-reversed before writing.
    private static func writeHuffman(_ code: Int, length: Int, to writer: inout BitWriter) {
        var reversed = 0
        for bit in 0..<length {
            reversed |= ((code >> bit) & 1) << (length - 1 - bit)
        }
        writer.write(bits: UInt32(reversed), count: length)
    }

    private static func lastIndex(in bases: [Int], notAbove value: Int) -> Int {
        var index = 0
        while index + 1 < bases.count && bases[index + 1] <= value {
            index += 1
        }
        return index
    }
}
