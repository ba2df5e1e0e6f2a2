import Foundation
import FolioTensor

/// The safetensors format (Hugging Face): an 8-byte little-endian header length `n`, `n` bytes of
/// JSON mapping each name to `{"dtype", "shape", "data_offsets": [begin, end]}` (plus an optional
/// `"__metadata__"` string map), then the raw little-endian data.
///
/// The writer lays tensors out as the reference implementation does — by its `Dtype` enum, last
/// variant first (I64, F64, F32, BOOL), then by name — writes compact JSON with keys in data order and pads the
/// header with spaces to a multiple of 8, so its files match `safetensors.numpy.save` byte for byte.
public enum SafeTensors {
    /// The dtype names of the format that Folio reads and writes.
    static func code(for dtype: DType) throws -> String {
        switch dtype {
        case .bool: return "BOOL"
        case .i64: return "I64"
        case .f32: return "F32"
        case .f64: return "F64"
        case .c64, .c128: throw NNError.invalidArgument("safetensors has no complex dtype; save \(dtype) tensors as .npz")
        }
    }

    /// The position of a dtype in the reference implementation's `Dtype` enum (relative order
    /// only), which orders the data: `safetensors.numpy.save` writes I64 before F64 before F32.
    private static func layoutRank(_ dtype: DType) -> Int {
        switch dtype {
        case .bool: return 0
        case .f32: return 1
        case .f64: return 2
        case .i64: return 3
        case .c64, .c128: return 4
        }
    }

    static func dtype(for code: String) throws -> DType {
        switch code {
        case "BOOL": return .bool
        case "I64": return .i64
        case "F32": return .f32
        case "F64": return .f64
        default: throw NNError.badFile("safetensors dtype \(code) is not supported (Folio reads BOOL, I64, F32, F64)")
        }
    }

    /// Encodes named tensors (names must be unique) with optional string metadata.
    public static func encode(_ tensors: [(name: String, tensor: Tensor)], metadata: [String: String] = [:]) throws -> Data {
        guard Set(tensors.map { $0.name }).count == tensors.count else {
            throw NNError.invalidArgument("safetensors names must be unique")
        }
        let ordered = tensors.sorted { lhs, rhs in
            let (left, right) = (layoutRank(lhs.tensor.dtype), layoutRank(rhs.tensor.dtype))
            return left != right ? left > right : lhs.name < rhs.name
        }
        var entries: [String] = []
        if !metadata.isEmpty {
            let pairs = metadata.keys.sorted().map { "\(jsonString($0)):\(jsonString(metadata[$0] ?? ""))" }
            entries.append("\"__metadata__\":{\(pairs.joined(separator: ","))}")
        }
        var payload = Data()
        for (name, tensor) in ordered {
            let begin = payload.count
            payload.append(RawTensorBytes.bytes(of: tensor))
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            entries.append("\(jsonString(name)):{\"dtype\":\"\(try code(for: tensor.dtype))\",\"shape\":[\(shape)],\"data_offsets\":[\(begin),\(payload.count)]}")
        }
        var header = Data(("{" + entries.joined(separator: ",") + "}").utf8)
        header.append(contentsOf: Array(repeating: UInt8(ascii: " "), count: (8 - header.count % 8) % 8))
        var result = Data(littleEndian64: UInt64(header.count))
        result.append(header)
        result.append(payload)
        return result
    }

    /// Decodes a safetensors file into named tensors (in file order) and its metadata.
    public static func decode(_ data: Data) throws -> (tensors: [(name: String, tensor: Tensor)], metadata: [String: String]) {
        let bytes = [UInt8](data)
        guard bytes.count >= 8 else { throw NNError.badFile("a safetensors file needs at least 8 bytes, found \(bytes.count)") }
        let length = (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[$1]) << (8 * UInt64($1)) }
        guard length <= UInt64(bytes.count - 8) else {
            throw NNError.badFile("the safetensors header claims \(length) bytes but the file has \(bytes.count - 8) after the length")
        }
        let headerEnd = 8 + Int(length)
        let header = try JSONDecoder().decode([String: HeaderEntry].self, from: Data(bytes[8..<headerEnd]))
        var tensors: [(name: String, tensor: Tensor, begin: Int)] = []
        var metadata: [String: String] = [:]
        for (name, entry) in header {
            switch entry {
            case let .metadata(values): metadata = values
            case let .tensor(info):
                guard info.offsets.count == 2, 0 <= info.offsets[0], info.offsets[0] <= info.offsets[1],
                      info.offsets[1] <= bytes.count - headerEnd else {
                    throw NNError.badFile("safetensors entry \(name) has data offsets \(info.offsets) outside the file")
                }
                let (begin, end) = (headerEnd + info.offsets[0], headerEnd + info.offsets[1])
                let tensor = try RawTensorBytes.tensor(Data(bytes[begin..<end]), dtype: dtype(for: info.dtype), shape: info.shape)
                tensors.append((name, tensor, begin))
            }
        }
        return (tensors.sorted { $0.begin < $1.begin }.map { ($0.name, $0.tensor) }, metadata)
    }

    /// One value of the header: a tensor description or the metadata map.
    private enum HeaderEntry: Decodable {
        struct Info: Decodable {
            let dtype: String
            let shape: [Int]
            let offsets: [Int]
            enum CodingKeys: String, CodingKey { case dtype, shape, offsets = "data_offsets" }
        }
        case tensor(Info)
        case metadata([String: String])

        init(from decoder: Decoder) throws {
            if let info = try? Info(from: decoder) { self = .tensor(info); return }
            self = .metadata(try [String: String](from: decoder))
        }
    }

    /// A JSON string literal (the escapes JSON requires; names are usually plain ASCII).
    static func jsonString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case _ where scalar.value < 0x20: result += String(format: "\\u%04x", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

extension Data {
    /// Eight bytes of `value`, least significant first.
    init(littleEndian64 value: UInt64) {
        self.init((0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) })
    }
}
