import Foundation

/// A tiny, independent decoder for zlib streams made of fixed-Huffman and stored deflate blocks,
/// written from RFC 1951 for the tests (it shares no code with the encoder).
enum FixedInflater {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func inflateZlib(_ stream: [UInt8]) throws -> [UInt8] {
        guard stream.count >= 6, stream[0] & 0x0F == 8, (Int(stream[0]) * 256 + Int(stream[1])) % 31 == 0 else {
            throw Failure(description: "bad zlib header")
        }
        var reader = BitReader(bytes: Array(stream.dropFirst(2)))
        var output: [UInt8] = []
        var final = false
        while !final {
            final = try reader.bits(1) == 1
            switch try reader.bits(2) {
            case 1: try inflateFixed(&reader, into: &output)
            case 0:
                reader.alignToByte()
                let length = try reader.bits(16)
                _ = try reader.bits(16)
                for _ in 0..<length { output.append(UInt8(try reader.bits(8))) }
            default: throw Failure(description: "unsupported block type")
            }
        }
        return output
    }

    private static func inflateFixed(_ reader: inout BitReader, into output: inout [UInt8]) throws {
        let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
        let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
        let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
        let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
        while true {
            let symbol = try literalSymbol(&reader)
            if symbol < 256 {
                output.append(UInt8(symbol))
            } else if symbol == 256 {
                return
            } else {
                let index = symbol - 257
                guard index < lengthBase.count else { throw Failure(description: "bad length symbol") }
                let length = lengthBase[index] + (try reader.bits(lengthExtra[index]))
                let distanceCode = try reader.huffman(5)
                guard distanceCode < distanceBase.count else { throw Failure(description: "bad distance symbol") }
                let distance = distanceBase[distanceCode] + (try reader.bits(distanceExtra[distanceCode]))
                guard distance <= output.count else { throw Failure(description: "distance too far back") }
                for _ in 0..<length { output.append(output[output.count - distance]) }
            }
        }
    }

    /// Reads one fixed-code literal/length symbol by its code length ranges (RFC 1951 §3.2.6).
    private static func literalSymbol(_ reader: inout BitReader) throws -> Int {
        var code = try reader.huffman(7)
        if code <= 0b0010111 { return 256 + code }
        code = code << 1 | (try reader.bits(1))
        if code >= 0b00110000 && code <= 0b10111111 { return code - 0b00110000 }
        if code >= 0b11000000 && code <= 0b11000111 { return 280 + code - 0b11000000 }
        code = code << 1 | (try reader.bits(1))
        return 144 + code - 0b110010000
    }

    /// Reverses the PNG row filters None, Sub and Up.
    static func unfilter(_ data: [UInt8], width: Int, height: Int) throws -> [UInt8] {
        let stride = width * 3
        var output: [UInt8] = []
        for row in 0..<height {
            let start = row * (stride + 1)
            let filter = data[start]
            for index in 0..<stride {
                let raw = data[start + 1 + index]
                let left = index >= 3 ? output[row * stride + index - 3] : 0
                let up = row > 0 ? output[(row - 1) * stride + index] : 0
                switch filter {
                case 0: output.append(raw)
                case 1: output.append(raw &+ left)
                case 2: output.append(raw &+ up)
                default: throw Failure(description: "unexpected filter \(filter)")
                }
            }
        }
        return output
    }
}

/// Reads DEFLATE's least-significant-first bit stream.
struct BitReader {
    let bytes: [UInt8]
    var position = 0

    mutating func bits(_ count: Int) throws -> Int {
        var value = 0
        for bit in 0..<count {
            guard position / 8 < bytes.count else { throw FixedInflater.Failure(description: "ran out of data") }
            let current = Int(bytes[position / 8] >> UInt8(position % 8)) & 1
            value |= current << bit
            position += 1
        }
        return value
    }

    /// A Huffman code of `count` bits, which is stored most significant bit first.
    mutating func huffman(_ count: Int) throws -> Int {
        var value = 0
        for _ in 0..<count { value = value << 1 | (try bits(1)) }
        return value
    }

    mutating func alignToByte() {
        position = (position + 7) / 8 * 8
    }
}
