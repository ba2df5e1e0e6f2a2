import COpenSSL
import Foundation

/// Signs and verifies Jupyter messages with HMAC-SHA256 (libcrypto's EVP_MAC API, OpenSSL 3).
///
/// The digest covers the exact bytes of header, parent_header, metadata and content, in that order,
/// and travels as lowercase hex. An empty key means the session is unsigned: `sign` returns an
/// empty signature and `verify` accepts anything, as jupyter_client does.
final class HMACSigner: @unchecked Sendable {
    // Immutable after init; EVP_MAC objects are reference-counted and safe to share across threads,
    // and each signature uses its own EVP_MAC_CTX.
    private let key: [UInt8]
    private let mac: OpaquePointer?

    var isSigning: Bool { !key.isEmpty }

    /// A signer for a connection file's key (its UTF-8 bytes, as jupyter_client encodes it).
    convenience init(key: String) {
        self.init(keyBytes: Array(key.utf8))
    }

    init(keyBytes: [UInt8]) {
        key = keyBytes
        mac = keyBytes.isEmpty ? nil : EVP_MAC_fetch(nil, "HMAC", nil)
    }

    deinit {
        if let mac { EVP_MAC_free(mac) }
    }

    /// Lowercase hex HMAC-SHA256 of `parts`; empty when unsigned (or if libcrypto fails, which
    /// the peer then rejects rather than this process dying).
    func sign(_ parts: [Data]) -> String {
        guard isSigning, let digest = digest(parts) else { return "" }
        // Every message is signed, so hex is written from a table rather than one String per byte.
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(digest.count * 2)
        for byte in digest {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// Whether `signature` is the signature of `parts`, compared in constant time.
    func verify(signature: Data, parts: [Data]) -> Bool {
        guard isSigning else { return true }
        let expected = Array(sign(parts).utf8)
        let received = Array(signature)
        // The length of a hex SHA-256 digest is public, so only the contents need constant time.
        guard !expected.isEmpty, expected.count == received.count else { return false }
        return CRYPTO_memcmp(expected, received, expected.count) == 0
    }

    private func digest(_ parts: [Data]) -> [UInt8]? {
        guard let mac, let context = EVP_MAC_CTX_new(mac) else { return nil }
        defer { EVP_MAC_CTX_free(context) }
        guard initialise(context) else { return nil }
        for part in parts {
            let updated = part.withUnsafeBytes { bytes -> Bool in
                guard let base = bytes.baseAddress else { return true }
                return EVP_MAC_update(context, base.assumingMemoryBound(to: UInt8.self), bytes.count) == 1
            }
            guard updated else { return nil }
        }
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length = 0
        guard EVP_MAC_final(context, &output, &length, output.count) == 1 else { return nil }
        return Array(output.prefix(length))
    }

    private func initialise(_ context: OpaquePointer) -> Bool {
        var digestName = Array("SHA256".utf8CString)
        var paramName = Array("digest".utf8CString)
        return digestName.withUnsafeMutableBufferPointer { digestBuffer in
            paramName.withUnsafeMutableBufferPointer { nameBuffer in
                var params = [
                    OSSL_PARAM_construct_utf8_string(nameBuffer.baseAddress, digestBuffer.baseAddress, 0),
                    OSSL_PARAM_construct_end(),
                ]
                return EVP_MAC_init(context, key, key.count, &params) == 1
            }
        }
    }
}
