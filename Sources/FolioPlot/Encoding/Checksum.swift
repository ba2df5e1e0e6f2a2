import Foundation

/// The two checksums a PNG needs: CRC-32 per chunk (ISO 3309, as in PNG spec §5.5) and
/// Adler-32 around the zlib stream (RFC 1950 §8). Foundation offers neither on Linux.
enum Checksum {
    private static let crcTable: [UInt32] = (0..<256).map { entry in
        var value = UInt32(entry)
        for _ in 0..<8 {
            value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1
        }
        return value
    }

    /// CRC-32 of `bytes`, continuing from `initial` (a previous result) if given.
    static func crc32<Bytes: Sequence>(_ bytes: Bytes, continuing initial: UInt32 = 0) -> UInt32 where Bytes.Element == UInt8 {
        var crc = ~initial
        for byte in bytes {
            let index = Int((crc ^ UInt32(byte)) & 0xFF)
            crc = crcTable[index] ^ (crc >> 8)
        }
        return ~crc
    }

    /// Adler-32 of `bytes`.
    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        let modulus: UInt32 = 65_521
        var low: UInt32 = 1
        var high: UInt32 = 0
        // 5552 is the longest run whose sums cannot overflow 32 bits (zlib's NMAX).
        var start = 0
        while start < bytes.count {
            let end = min(start + 5_552, bytes.count)
            for index in start..<end {
                low += UInt32(bytes[index])
                high += low
            }
            low %= modulus
            high %= modulus
            start = end
        }
        return (high << 16) | low
    }
}
