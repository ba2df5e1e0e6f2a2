import FolioTensor

/// The session's random stream, for builtins outside the language target (paper primitives):
/// the interpreter conforms, so a paper draws from the same generator `seed(n)` resets.
public protocol SessionRandomSource: AnyObject {
    /// Runs `draw` with the session's generator, or with a fresh one seeded by `seed` when given.
    func drawRandom<Result>(seed: UInt64?, _ draw: (inout PhiloxGenerator) throws -> Result) throws -> Result
}

extension CallContext {
    /// `draw` with the session's generator (or `seed:`), or a RuntimeError outside a session.
    public func random<Result>(seed: UInt64?, _ draw: (inout PhiloxGenerator) throws -> Result) throws -> Result {
        if let seed {
            var generator = PhiloxGenerator(seed: seed)
            return try draw(&generator)
        }
        guard let source = self as? SessionRandomSource else {
            throw FolioError(.RuntimeError, "random numbers need a running session")
        }
        return try source.drawRandom(seed: nil, draw)
    }

    /// A 64-bit seed drawn from the session's stream (for layers that initialise their weights).
    public func drawSeed() throws -> UInt64 {
        try random(seed: nil) { generator in
            let draw = try Tensor.rand([2], dtype: .f64, generator: &generator).toArray()
            let high = UInt64(draw[0] * 4_294_967_296)
            let low = UInt64(draw[1] * 4_294_967_296)
            return (high << 32) | (low & 0xFFFF_FFFF)
        }
    }
}
