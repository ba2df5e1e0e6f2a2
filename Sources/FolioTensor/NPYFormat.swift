import Foundation

/// NumPy's `.npy` format (versions 1.0, 2.0 and 3.0 read; 1.0 written, 2.0 when the header is
/// too long): magic `\x93NUMPY`, version, little-endian header length (2 bytes in 1.0, 4 after),
/// a Python dict literal `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }` padded
/// with spaces and a newline to a multiple of 64 bytes, then the raw elements.
///
/// Element types: `<f4`, `<f8`, `<i8`, `|b1`, `<c8`, `<c16` (also `<`/`|`/`=` byte-order marks
/// where unambiguous). Fortran-order files are read correctly (transposed into C order);
/// big-endian and other dtypes are rejected with a message naming the `descr`.
enum NPYFormat {
    static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)

    static func descriptor(of dtype: DType) -> String {
        switch dtype {
        case .bool: return "|b1"
        case .i64: return "<i8"
        case .f32: return "<f4"
        case .f64: return "<f8"
        case .c64: return "<c8"
        case .c128: return "<c16"
        }
    }

    static func dtype(ofDescriptor descriptor: String) throws -> DType {
        let code = descriptor.first.map { "<|=>".contains($0) } == true ? String(descriptor.dropFirst()) : descriptor
        if descriptor.hasPrefix(">") && descriptor != ">b1" && descriptor != ">u1" {
            throw TensorError.invalidArgument(op: "load_npy", message: "big-endian data ('\(descriptor)') is not supported; save it little-endian")
        }
        switch code {
        case "b1", "?": return .bool
        case "i8": return .i64
        case "f4": return .f32
        case "f8": return .f64
        case "c8": return .c64
        case "c16": return .c128
        default:
            throw TensorError.invalidArgument(op: "load_npy", message: "unsupported dtype '\(descriptor)' (expected <f4, <f8, <i8, |b1, <c8 or <c16)")
        }
    }

    /// The full header (magic through padding) for a C-order tensor.
    static func header(dtype: DType, shape: [Int]) -> [UInt8] {
        let dimensions = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        let dictionary = "{'descr': '\(descriptor(of: dtype))', 'fortran_order': False, 'shape': \(dimensions), }"
        let longForm = dictionary.utf8.count + 11 > 65535
        let prefixLength = longForm ? 12 : 10
        let unpadded = prefixLength + dictionary.utf8.count + 1
        let padding = (64 - unpadded % 64) % 64
        let text = Array(dictionary.utf8) + Array(repeating: UInt8(ascii: " "), count: padding) + [UInt8(ascii: "\n")]
        var bytes = magic + (longForm ? [2, 0] : [1, 0])
        let length = text.count
        bytes += longForm ? (0..<4).map { UInt8(truncatingIfNeeded: length >> (8 * $0)) } : [UInt8(length & 0xFF), UInt8(length >> 8)]
        return bytes + text
    }

    /// The parsed header and the offset of the first data byte.
    struct Header {
        let dtype: DType
        let fortranOrder: Bool
        let shape: [Int]
        let dataOffset: Int
    }

    static func parseHeader(_ bytes: [UInt8]) throws -> Header {
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else {
            throw TensorError.invalidArgument(op: "load_npy", message: "not a .npy file (bad magic string)")
        }
        let major = bytes[6]
        guard (1...3).contains(major) else {
            throw TensorError.invalidArgument(op: "load_npy", message: "unsupported .npy version \(major).\(bytes[7])")
        }
        let prefixLength = major == 1 ? 10 : 12
        guard bytes.count >= prefixLength else { throw truncated() }
        let lengthBytes = bytes[8..<prefixLength]
        let length = lengthBytes.enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        guard bytes.count >= prefixLength + length,
              let text = String(bytes: bytes[prefixLength..<(prefixLength + length)], encoding: major == 3 ? .utf8 : .isoLatin1) else {
            throw truncated()
        }
        let descriptor = try quotedValue(of: "descr", in: text)
        let fortran = try rawValue(of: "fortran_order", in: text)
        let shapeText = try rawValue(of: "shape", in: text)
        let shape = try shapeText.trimmingCharacters(in: CharacterSet(charactersIn: "() "))
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .map { piece -> Int in
                guard let size = Int(piece.hasSuffix("L") ? String(piece.dropLast()) : piece), size >= 0 else {
                    throw TensorError.invalidArgument(op: "load_npy", message: "bad shape \(shapeText) in the header")
                }
                return size
            }
        return Header(dtype: try dtype(ofDescriptor: descriptor), fortranOrder: fortran.hasPrefix("True"), shape: shape,
                      dataOffset: prefixLength + length)
    }

    private static func truncated() -> TensorError {
        TensorError.invalidArgument(op: "load_npy", message: "the file ends inside its header")
    }

    /// The text after `'key':` up to the next top-level comma (parentheses kept together).
    private static func rawValue(of key: String, in text: String) throws -> String {
        guard let range = text.range(of: "'\(key)':") else {
            throw TensorError.invalidArgument(op: "load_npy", message: "the header has no '\(key)' entry: \(text)")
        }
        var depth = 0
        var value = ""
        for character in text[range.upperBound...] {
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1 }
            if (character == "," && depth == 0) || character == "}" { break }
            value.append(character)
        }
        return value.trimmingCharacters(in: .whitespaces)
    }

    private static func quotedValue(of key: String, in text: String) throws -> String {
        let raw = try rawValue(of: key, in: text)
        guard raw.count >= 2, let quote = raw.first, quote == "'" || quote == "\"", raw.last == quote else {
            throw TensorError.invalidArgument(op: "load_npy", message: "'\(key)' must be a string, got \(raw) (structured dtypes are not supported)")
        }
        return String(raw.dropFirst().dropLast())
    }
}

/// Saving and loading `.npy` files (see `NPYFormat`).
extension Tensor {
    /// The tensor encoded as a `.npy` file (C order, little-endian).
    public func npyData() -> Data {
        let dense = contiguous()
        var data = Data(NPYFormat.header(dtype: dtype, shape: shape))
        data.append(Data(bytes: dense.storage.pointer + dense.offset * dtype.byteSize, count: count * dtype.byteSize))
        return data
    }

    /// A tensor decoded from the bytes of a `.npy` file.
    public init(npyData data: Data) throws {
        let bytes = [UInt8](data)
        let header = try NPYFormat.parseHeader(bytes)
        let count = try ShapeMath.elementCount(header.shape, op: "load_npy")
        let byteCount = count * header.dtype.byteSize
        guard bytes.count - header.dataOffset >= byteCount else {
            throw TensorError.invalidArgument(op: "load_npy", message: "the file holds \(bytes.count - header.dataOffset) data bytes; shape \(formatShape(header.shape)) of \(header.dtype) needs \(byteCount)")
        }
        // Fortran order is C order of the reversed shape; reversing the axes gives the tensor.
        let storedShape = header.fortranOrder ? Array(header.shape.reversed()) : header.shape
        let stored = Tensor(uninitializedShape: storedShape, dtype: header.dtype)
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            stored.storage.pointer.copyMemory(from: base + header.dataOffset, byteCount: byteCount)
        }
        if header.dtype == .bool {
            // NumPy writes 0/1, but any non-zero byte is true; normalise so Swift's Bool stays valid.
            let flags = stored.storage.pointer.assumingMemoryBound(to: UInt8.self)
            for index in 0..<count where flags[index] > 1 { flags[index] = 1 }
        }
        self = header.fortranOrder ? try stored.permute(Array((0..<storedShape.count).reversed())).contiguous() : stored
    }

    /// Writes the tensor to a `.npy` file at `path` (NumPy `save`).
    public func saveNPY(path: String) throws {
        do {
            try npyData().write(to: URL(fileURLWithPath: path))
        } catch {
            throw TensorError.invalidArgument(op: "save_npy", message: "cannot write \(path): \(error.localizedDescription)")
        }
    }

    /// Reads a tensor from the `.npy` file at `path` (NumPy `load`).
    public static func loadNPY(path: String) throws -> Tensor {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw TensorError.invalidArgument(op: "load_npy", message: "cannot read \(path): \(error.localizedDescription)")
        }
        return try Tensor(npyData: data)
    }
}
