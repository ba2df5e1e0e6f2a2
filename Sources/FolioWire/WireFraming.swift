import FolioKernel
import Foundation

/// Turns a `Message` into the multipart frames of the Jupyter wire protocol and back:
/// `[identities..., "<IDS|MSG>", signature, header, parent_header, metadata, content, buffers...]`.
struct WireFraming: Sendable {
    static let delimiter = Data("<IDS|MSG>".utf8)
    /// Signature, header, parent_header, metadata, content.
    static let requiredFramesAfterDelimiter = 5

    let signer: HMACSigner

    /// Frames for `message`, signed. Empty JSON parts are sent as `{}`, which is what the spec requires.
    func frames(for message: Message) -> [Data] {
        let parts = [
            JSONCoding.encode(message.header),
            Self.jsonObject(message.parentHeader),
            Self.jsonObject(message.metadata),
            Self.jsonObject(message.content),
        ]
        let signature = Data(signer.sign(parts).utf8)
        return message.identities + [Self.delimiter, signature] + parts + message.buffers
    }

    /// The message these frames carry, after checking the signature over the exact bytes received.
    func message(from frames: [Data]) throws(FrameError) -> Message {
        guard let delimiterIndex = frames.firstIndex(of: Self.delimiter) else {
            throw .missingDelimiter
        }
        let rest = frames[(delimiterIndex + 1)...]
        guard rest.count >= Self.requiredFramesAfterDelimiter else {
            throw .tooFewFrames(afterDelimiter: rest.count)
        }
        // `rest` keeps the indices of `frames`; name each part by its offset from the delimiter.
        let start = rest.startIndex
        let signature = rest[start]
        let parts = Array(rest[(start + 1)..<(start + 5)])
        guard signer.verify(signature: signature, parts: parts) else { throw .badSignature }
        let header: Header
        do {
            header = try JSONCoding.decode(Header.self, from: parts[0])
        } catch {
            throw .invalidHeader(Self.describe(error))
        }
        return Message(identities: Array(frames[..<delimiterIndex]), header: header,
                       parentHeader: parts[1], metadata: parts[2], content: parts[3],
                       buffers: Array(rest[(start + 5)...]))
    }

    private static func jsonObject(_ data: Data) -> Data {
        data.isEmpty ? Data("{}".utf8) : data
    }

    private static func describe(_ error: Error) -> String {
        switch error as? DecodingError {
        case .keyNotFound(let key, _)?:
            return "missing \(key.stringValue)"
        case .typeMismatch(_, let context)?, .valueNotFound(_, let context)?:
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            return field.isEmpty ? "not a JSON object" : "\(field) is not a string"
        case .dataCorrupted?:
            return "not JSON"
        default:
            return "\(error)"
        }
    }
}
