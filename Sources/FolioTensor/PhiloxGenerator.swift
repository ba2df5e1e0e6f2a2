/// A counter-based random generator: Philox4x32-10 (Salmon et al., "Parallel random numbers: as
/// easy as 1, 2, 3", SC 2011).
///
/// Every block of four 32-bit words is a pure function of (counter, key), so the same seed gives
/// the same numbers on every machine and a large draw can be generated in parallel chunks. The
/// seed is the 64-bit key; the counter is `(block low, block high, 0, 0)`. Each draw starts at a
/// fresh block and advances `nextBlock` past the blocks it used.
public struct PhiloxGenerator: Sendable, Equatable {
    /// The key, from the seed: low and high 32 bits.
    public let key: (UInt32, UInt32)
    /// The index of the next unused block.
    public private(set) var nextBlock: UInt64

    public init(seed: UInt64) {
        key = (UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed >> 32))
        nextBlock = 0
    }

    public static func == (lhs: PhiloxGenerator, rhs: PhiloxGenerator) -> Bool {
        lhs.key == rhs.key && lhs.nextBlock == rhs.nextBlock
    }

    /// One Philox4x32-10 block: ten rounds of the multiply-xor network with the Weyl key schedule.
    public static func block(counter: (UInt32, UInt32, UInt32, UInt32), key: (UInt32, UInt32)) -> (UInt32, UInt32, UInt32, UInt32) {
        var c = counter
        var k = key
        for round in 0..<10 {
            if round > 0 {
                k.0 = k.0 &+ 0x9E37_79B9
                k.1 = k.1 &+ 0xBB67_AE85
            }
            let product0 = UInt64(0xD251_1F53) &* UInt64(c.0)
            let product1 = UInt64(0xCD9E_8D57) &* UInt64(c.2)
            let (high0, low0) = (UInt32(truncatingIfNeeded: product0 >> 32), UInt32(truncatingIfNeeded: product0))
            let (high1, low1) = (UInt32(truncatingIfNeeded: product1 >> 32), UInt32(truncatingIfNeeded: product1))
            c = (high1 ^ c.1 ^ k.0, low1, high0 ^ c.3 ^ k.1, low0)
        }
        return c
    }

    /// Fills `destination[0..<count]` with the words of the next blocks and advances the counter.
    mutating func fillWords(_ destination: UnsafeMutablePointer<UInt32>, count: Int) {
        let blocks = (count + 3) / 4
        let first = nextBlock
        let key = self.key
        Parallel.forEachChunk(count: blocks, costPerItem: 16) { range in
            for blockIndex in range {
                let position = first &+ UInt64(blockIndex)
                let counter = (UInt32(truncatingIfNeeded: position), UInt32(truncatingIfNeeded: position >> 32), UInt32(0), UInt32(0))
                let words = PhiloxGenerator.block(counter: counter, key: key)
                let base = blockIndex * 4
                let available = count - base
                destination[base] = words.0
                if available > 1 { destination[base + 1] = words.1 }
                if available > 2 { destination[base + 2] = words.2 }
                if available > 3 { destination[base + 3] = words.3 }
            }
        }
        nextBlock = first &+ UInt64(blocks)
    }

    /// The next `count` words as an array.
    mutating func words(_ count: Int) -> [UInt32] {
        var result = [UInt32](repeating: 0, count: count)
        result.withUnsafeMutableBufferPointer { buffer in
            if let base = buffer.baseAddress { fillWords(base, count: count) }
        }
        return result
    }
}

/// Word-to-number conversions shared by the distributions.
enum RandomBits {
    /// A uniform `Float` in `[0, 1)` from the top 24 bits of a word.
    @inline(__always)
    static func unitFloat(_ word: UInt32) -> Float {
        Float(word >> 8) * 0x1p-24
    }

    /// A uniform `Double` in `[0, 1)` from 53 bits of two words (NumPy's `random_standard_uniform`).
    @inline(__always)
    static func unitDouble(_ first: UInt32, _ second: UInt32) -> Double {
        let high = Double(first >> 5)
        let low = Double(second >> 6)
        return (high * 67_108_864 + low) * 0x1p-53
    }

    /// A value in `0..<bound` from 64 random bits by Lemire's multiply-shift; the bias is at most
    /// `bound / 2^64`, far below anything a test could see.
    @inline(__always)
    static func bounded(_ first: UInt32, _ second: UInt32, bound: UInt64) -> UInt64 {
        let bits = UInt64(first) << 32 | UInt64(second)
        return bits.multipliedFullWidth(by: bound).high
    }
}
