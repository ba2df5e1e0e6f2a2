import Foundation

/// Deterministic test inputs, as CONVENTIONS.md defines them: `det(n, k)[i] = sin(0.37 * i + k)`.
public func deterministicValues(count: Int, offset k: Double) -> [Double] {
    (0..<max(count, 0)).map { index in
        let phase = 0.37 * Double(index)
        return sin(phase + k)
    }
}
