import Foundation
import FolioTensor

/// The shipped 8×8 handwritten digits (UCI Optical Recognition of Handwritten Digits, test set;
/// CC BY 4.0 — see `Data/README.md`).
public struct Digits {
    /// `(1797, 64)` `f32` pixels scaled to `[0, 1]` (raw values 0..16 divided by 16).
    public let images: Tensor
    /// `(1797)` `i64` labels 0..9.
    public let labels: Tensor

    /// The number of images.
    public static let count = 1797
    static let recordLength = 65

    /// A fixed split: a seeded permutation puts the last `testFraction` in the test set.
    public func split(testFraction: Double = 0.2, seed: UInt64 = 0) throws
        -> (train: (x: Tensor, y: Tensor), test: (x: Tensor, y: Tensor)) {
        let order = try Tensor.permutation(Digits.count, seed: seed)
        let testCount = Int((Double(Digits.count) * testFraction).rounded())
        let trainIndices = try order.slice([.range(stop: Digits.count - testCount)])
        let testIndices = try order.slice([.range(start: Digits.count - testCount)])
        return ((try images.take(trainIndices), try labels.take(trainIndices)),
                (try images.take(testIndices), try labels.take(testIndices)))
    }
}

/// Loads the digits from the module's bundled `Data/digits.u8`.
///
/// - Throws: `NNError.badFile` when the resource is missing or has the wrong size.
public func loadDigits() throws -> Digits {
    guard let url = Bundle.module.url(forResource: "digits", withExtension: "u8", subdirectory: "Data") else {
        throw NNError.badFile("the digits dataset (Data/digits.u8) is missing from FolioNN's resources")
    }
    return try parseDigits(Data(contentsOf: url))
}

/// Parses records of 64 pixels and a label.
func parseDigits(_ data: Data) throws -> Digits {
    let (count, length) = (Digits.count, Digits.recordLength)
    guard data.count == count * length else {
        throw NNError.badFile("digits.u8 should hold \(count * length) bytes, found \(data.count)")
    }
    var pixels = [Double](repeating: 0, count: count * 64)
    var labels = [Int64](repeating: 0, count: count)
    let bytes = [UInt8](data)
    for record in 0..<count {
        let base = record * length
        for pixel in 0..<64 { pixels[record * 64 + pixel] = Double(bytes[base + pixel]) / 16 }
        labels[record] = Int64(bytes[base + 64])
    }
    guard labels.allSatisfy({ (0...9).contains($0) }) else { throw NNError.badFile("digits.u8 has labels outside 0...9") }
    return Digits(images: try Tensor(pixels, shape: [count, 64]), labels: try Tensor(integers: labels, shape: [count]))
}
