import Foundation

/// Deterministic test data: the same numbers on every machine.
enum Samples {
    /// Standard normal samples by Box–Muller over a 64-bit LCG (Knuth's MMIX constants).
    static func normal(count: Int, seed: UInt64) -> [Double] {
        var state = seed &* 0x9E37_79B9_7F4A_7C15 &+ 1
        func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (Double(state >> 11) + 0.5) / 9_007_199_254_740_992
        }
        return (0..<count).map { _ in
            let radius = (-2 * log(uniform())).squareRoot()
            return radius * cos(2 * Double.pi * uniform())
        }
    }

    /// Two Gaussian bumps on a `size × size` grid over [-3, 3]², row-major.
    static func twoBumps(size: Int) -> (values: [Double], axis: [Double]) {
        let axis = (0..<size).map { -3 + 6 * Double($0) / Double(size - 1) }
        var values: [Double] = []
        for y in axis {
            for x in axis {
                let first = exp(-((x - 1) * (x - 1) + (y - 0.5) * (y - 0.5)))
                let second = 0.7 * exp(-((x + 1.2) * (x + 1.2) + (y + 1) * (y + 1)) / 1.5)
                values.append(first + second)
            }
        }
        return (values, axis)
    }
}
