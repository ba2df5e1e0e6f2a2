import XCTest
@testable import FolioPlot

/// Checksums against published check values; deflate and PNG against an independent decoder.
final class EncodingTests: XCTestCase {
    func testCRC32CheckValue() {
        // The standard check value of CRC-32/ISO-HDLC for "123456789".
        XCTAssertEqual(Checksum.crc32(Array("123456789".utf8)), 0xCBF4_3926)
        // PNG spec: the CRC of the IEND chunk type with no data.
        XCTAssertEqual(Checksum.crc32(Array("IEND".utf8)), 0xAE42_6082)
    }

    func testAdler32CheckValue() {
        XCTAssertEqual(Checksum.adler32(Array("Wikipedia".utf8)), 0x11E6_0398)
        XCTAssertEqual(Checksum.adler32([]), 1)
    }

    func testDeflateRoundTripsThroughAnIndependentInflater() throws {
        let text = Array(String(repeating: "the quick brown fox jumps over the lazy dog. ", count: 300).utf8)
        var noise: [UInt8] = []
        var state: UInt32 = 12_345
        for _ in 0..<5_000 {
            state = state &* 1_103_515_245 &+ 12_345
            noise.append(UInt8(truncatingIfNeeded: state >> 16))
        }
        let runs = [UInt8](repeating: 7, count: 70_000)
        for input in [[], [42], text, noise, runs, text + noise + runs] {
            let stream = Deflate.zlib(input)
            XCTAssertEqual(Array(stream.prefix(2)), [0x78, 0x01])
            XCTAssertEqual(try FixedInflater.inflateZlib(stream), input)
        }
        XCTAssertLessThan(Deflate.zlib(text).count, text.count / 10, "repetitive text should compress")
        XCTAssertLessThan(Deflate.zlib(runs).count, 1_000, "runs should compress")
    }

    func testPNGChunksAreWellFormed() throws {
        let width = 5
        let height = 3
        let rgb = (0..<(width * height * 3)).map { UInt8($0 * 7 % 256) }
        let png = try PNGEncoder.encode(width: width, height: height, rgb: rgb)
        XCTAssertEqual(Array(png.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var offset = 8
        var types: [String] = []
        var idat: [UInt8] = []
        while offset < png.count {
            let length = png[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
            let type = Array(png[(offset + 4)..<(offset + 8)])
            let data = Array(png[(offset + 8)..<(offset + 8 + length)])
            let stored = png[(offset + 8 + length)..<(offset + 12 + length)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            XCTAssertEqual(Checksum.crc32(type + data), stored)
            types.append(String(decoding: type, as: UTF8.self))
            if types.last == "IHDR" { XCTAssertEqual(data, [0, 0, 0, 5, 0, 0, 0, 3, 8, 2, 0, 0, 0]) }
            if types.last == "IDAT" { idat += data }
            offset += 12 + length
        }
        XCTAssertEqual(types, ["IHDR", "IDAT", "IEND"])
        let scanlines = try FixedInflater.inflateZlib(idat)
        XCTAssertEqual(scanlines.count, height * (1 + width * 3))
        XCTAssertEqual(try FixedInflater.unfilter(scanlines, width: width, height: height), rgb)
    }

    func testPNGRejectsInconsistentSizes() {
        XCTAssertThrowsError(try PNGEncoder.encode(width: 2, height: 2, rgb: [1, 2, 3]))
        XCTAssertThrowsError(try PNGEncoder.encode(width: 0, height: 2, rgb: []))
    }
}
