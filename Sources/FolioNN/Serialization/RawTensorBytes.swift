import Foundation
import FolioTensor

/// Raw little-endian element bytes of tensors, shared by the safetensors and `.npz` codecs.
///
/// Both directions go through FolioTensor's `.npy` codec (its writer for the bytes, its reader
/// for validation and the copy), so there is one place that knows the memory layout of a dtype.
enum RawTensorBytes {
    /// The C-order element bytes of `tensor`.
    static func bytes(of tensor: Tensor) -> Data {
        let npy = tensor.npyData()
        return npy.suffix(tensor.count * tensor.dtype.byteSize)
    }

    /// A tensor of `shape` and `dtype` from exactly `count · byteSize` raw bytes.
    static func tensor(_ bytes: Data, dtype: DType, shape: [Int]) throws -> Tensor {
        let count = shape.reduce(1, *)
        guard bytes.count == count * dtype.byteSize else {
            throw NNError.badFile("shape \(formatShape(shape)) of \(dtype) needs \(count * dtype.byteSize) bytes, found \(bytes.count)")
        }
        var npy = Data(npyHeader(dtype: dtype, shape: shape).utf8)
        npy.append(bytes)
        return try Tensor(npyData: Data([0x93] + Array("NUMPY".utf8) + [1, 0]) + npyLengthPrefixed(npy))
    }

    /// The `.npy` 1.0 header dictionary, padded so data starts at a multiple of 64.
    private static func npyHeader(dtype: DType, shape: [Int]) -> String {
        let descriptor: String
        switch dtype {
        case .bool: descriptor = "|b1"
        case .i64: descriptor = "<i8"
        case .f32: descriptor = "<f4"
        case .f64: descriptor = "<f8"
        case .c64: descriptor = "<c8"
        case .c128: descriptor = "<c16"
        }
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var header = "{'descr': '\(descriptor)', 'fortran_order': False, 'shape': \(shapeText), }"
        // 10 bytes of preamble (magic, version, 2-byte length) plus the header and its newline.
        while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
        return header + "\n"
    }

    /// `npy` split as header and data, with the header's 2-byte little-endian length in front.
    private static func npyLengthPrefixed(_ npy: Data) -> Data {
        guard let newline = npy.firstIndex(of: 0x0A) else { return npy }
        let headerLength = npy.distance(from: npy.startIndex, to: newline) + 1
        var result = Data([UInt8(headerLength & 0xFF), UInt8(headerLength >> 8)])
        result.append(npy)
        return result
    }
}
