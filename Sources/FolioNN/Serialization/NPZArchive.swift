import Foundation
import FolioTensor

/// NumPy `.npz` archives: a ZIP of `.npy` members, one per named tensor (`np.savez`).
///
/// Members are written *stored* (uncompressed), as `np.savez` does, because Foundation on Linux
/// has no zlib; reading accepts stored members only and names `np.savez_compressed` files as
/// such. Sizes and offsets come from the central directory, so NumPy's ZIP64 local headers
/// (it forces them) are read correctly.
public enum NPZArchive {
    /// The archive holding `tensors` as `name.npy`.
    public static func encode(_ tensors: [(name: String, tensor: Tensor)]) -> Data {
        var archive = Data(), directory = Data()
        for (name, tensor) in tensors {
            let member = tensor.npyData()
            let fileName = Array((name + ".npy").utf8)
            let checksum = CRC32.checksum(member)
            let offset = archive.count
            archive.append(le32(0x0403_4B50) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0x21))
            archive.append(le32(checksum) + le32(member.count) + le32(member.count) + le16(fileName.count) + le16(0))
            archive.append(contentsOf: fileName)
            archive.append(member)
            directory.append(le32(0x0201_4B50) + le16(20) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0x21))
            directory.append(le32(checksum) + le32(member.count) + le32(member.count) + le16(fileName.count))
            directory.append(le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(offset))
            directory.append(contentsOf: fileName)
        }
        let directoryOffset = archive.count
        archive.append(directory)
        archive.append(le32(0x0605_4B50) + le16(0) + le16(0) + le16(tensors.count) + le16(tensors.count))
        archive.append(le32(directory.count) + le32(directoryOffset) + le16(0))
        return archive
    }

    /// The named tensors of an archive, in directory order, names without `.npy`.
    public static func decode(_ data: Data) throws -> [(name: String, tensor: Tensor)] {
        let bytes = [UInt8](data)
        guard let end = (0...Swift.max(bytes.count - 22, -1)).reversed().first(where: { read32(bytes, $0) == 0x0605_4B50 }) else {
            throw NNError.badFile("not a .npz (ZIP) archive: no end-of-directory record")
        }
        let entries = Int(read16(bytes, end + 10))
        var position = Int(read32(bytes, end + 16))
        var result: [(name: String, tensor: Tensor)] = []
        for _ in 0..<entries {
            guard position + 46 <= bytes.count, read32(bytes, position) == 0x0201_4B50 else {
                throw NNError.badFile("the .npz central directory is damaged")
            }
            let method = read16(bytes, position + 10)
            let size = Int(read32(bytes, position + 20))
            let (nameLength, extraLength, commentLength) = (Int(read16(bytes, position + 28)), Int(read16(bytes, position + 30)),
                                                            Int(read16(bytes, position + 32)))
            let localOffset = Int(read32(bytes, position + 42))
            guard position + 46 + nameLength <= bytes.count else { throw NNError.badFile("the .npz central directory is truncated") }
            let name = String(decoding: bytes[(position + 46)..<(position + 46 + nameLength)], as: UTF8.self)
            guard method == 0 else {
                throw NNError.badFile("member \(name) is compressed (np.savez_compressed); Folio reads np.savez archives (stored members)")
            }
            let member = try memberData(bytes, localOffset: localOffset, size: size, name: name)
            let tensor = try Tensor(npyData: member)
            result.append((name.hasSuffix(".npy") ? String(name.dropLast(4)) : name, tensor))
            position += 46 + nameLength + extraLength + commentLength
        }
        return result
    }

    /// The bytes of a stored member whose local header starts at `localOffset`.
    private static func memberData(_ bytes: [UInt8], localOffset: Int, size: Int, name: String) throws -> Data {
        guard localOffset + 30 <= bytes.count, read32(bytes, localOffset) == 0x0403_4B50 else {
            throw NNError.badFile("the .npz local header of \(name) is damaged")
        }
        let start = localOffset + 30 + Int(read16(bytes, localOffset + 26)) + Int(read16(bytes, localOffset + 28))
        guard start + size <= bytes.count else { throw NNError.badFile("member \(name) runs past the end of the .npz file") }
        return Data(bytes[start..<(start + size)])
    }

    private static func le16(_ value: Int) -> Data { Data([UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF)]) }
    private static func le32(_ value: Int) -> Data { Data((0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) }) }
    private static func le32(_ value: UInt32) -> Data { le32(Int(value)) }

    private static func read16(_ bytes: [UInt8], _ offset: Int) -> UInt16 {
        guard offset + 2 <= bytes.count, offset >= 0 else { return 0 }
        return UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    private static func read32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        guard offset + 4 <= bytes.count, offset >= 0 else { return 0 }
        return (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << (8 * UInt32($1)) }
    }
}

/// The CRC-32 of ZIP (polynomial 0xEDB88320).
enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { index in
        (0..<8).reduce(UInt32(index)) { value, _ in value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
    }

    static func checksum(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}
