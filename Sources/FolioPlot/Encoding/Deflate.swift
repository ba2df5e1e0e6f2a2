import Foundation

/// A small DEFLATE compressor (RFC 1951) wrapped as a zlib stream (RFC 1950).
///
/// Choice: one fixed-Huffman block (BTYPE 01) with greedy LZ77 matching over a 32 KiB window,
/// using a hash of the next three bytes and a short chain. It needs no code-length tables yet
/// compresses colormapped images (long runs, repeated rows) well; stored blocks would have made
/// a 512×512 image 768 KB. Dynamic Huffman would gain perhaps another 20 %, not worth the code.
enum Deflate {
    private static let windowSize = 32_768
    private static let minimumMatch = 3
    private static let maximumMatch = 258
    /// How many earlier positions with the same hash are tried; more is slower, barely smaller.
    private static let chainLimit = 24
    private static let hashBits = 15

    /// `data` as a zlib stream: header, one fixed-Huffman deflate block, Adler-32.
    static func zlib(_ data: [UInt8]) -> [UInt8] {
        var writer = BitWriter()
        // CMF 0x78 (deflate, 32K window), FLG 0x01 so that CMF·256 + FLG is a multiple of 31.
        writer.bytes = [0x78, 0x01]
        writer.write(bits: 1, count: 1) // BFINAL
        writer.write(bits: 1, count: 2) // BTYPE = 01, fixed Huffman
        compress(data, into: &writer)
        FixedHuffman.writeLiteral(256, to: &writer) // end of block
        writer.flush()
        let adler = Checksum.adler32(data)
        writer.bytes += [UInt8(adler >> 24), UInt8((adler >> 16) & 0xFF), UInt8((adler >> 8) & 0xFF), UInt8(adler & 0xFF)]
        return writer.bytes
    }

    private static func compress(_ data: [UInt8], into writer: inout BitWriter) {
        let hashSize = 1 << hashBits
        var head = [Int](repeating: -1, count: hashSize)
        var previous = [Int](repeating: -1, count: data.count)
        var position = 0
        while position < data.count {
            let match = longestMatch(in: data, at: position, head: head, previous: previous)
            let step = match.length >= minimumMatch ? match.length : 1
            if match.length >= minimumMatch {
                FixedHuffman.writeMatch(length: match.length, distance: match.distance, to: &writer)
            } else {
                FixedHuffman.writeLiteral(Int(data[position]), to: &writer)
            }
            for inserted in position..<(position + step) {
                guard inserted + 2 < data.count else { break }
                let hash = hashAt(data, inserted)
                previous[inserted] = head[hash]
                head[hash] = inserted
            }
            position += step
        }
    }

    private static func hashAt(_ data: [UInt8], _ index: Int) -> Int {
        let first = Int(data[index]) << 10
        let second = Int(data[index + 1]) << 5
        let third = Int(data[index + 2])
        return (first ^ second ^ third) & ((1 << hashBits) - 1)
    }

    private static func longestMatch(in data: [UInt8], at position: Int, head: [Int], previous: [Int]) -> (length: Int, distance: Int) {
        guard position + minimumMatch <= data.count else { return (0, 0) }
        var candidate = head[hashAt(data, position)]
        var best = (length: 0, distance: 0)
        var tries = 0
        let limit = min(maximumMatch, data.count - position)
        while candidate >= 0 && position - candidate <= windowSize && tries < chainLimit {
            var length = 0
            while length < limit && data[candidate + length] == data[position + length] {
                length += 1
            }
            if length > best.length {
                best = (length, position - candidate)
                if length == limit { break }
            }
            candidate = previous[candidate]
            tries += 1
        }
        return best
    }
}

/// Writes bits least-significant first, as DEFLATE packs them.
struct BitWriter {
    var bytes: [UInt8] = []
    private var buffer: UInt64 = 0
    private var used = 0

    mutating func write(bits: UInt32, count: Int) {
        buffer |= UInt64(bits) << UInt64(used)
        used += count
        while used >= 8 {
            bytes.append(UInt8(buffer & 0xFF))
            buffer >>= 8
            used -= 8
        }
    }

    /// Pads the last byte with zero bits.
    mutating func flush() {
        if used > 0 {
            bytes.append(UInt8(buffer & 0xFF))
        }
        buffer = 0
        used = 0
    }
}
