import Foundation

/// Where layers get their initialisation seeds when none is given: a counter that advances per
/// draw, so two layers built in a row differ, and a notebook that calls `manualSeed(_:)` first
/// gets the same weights on every run (as `torch.manual_seed`).
///
/// It is process-wide on purpose: layer constructors are called from the language without a
/// context argument. The lock keeps concurrent construction safe.
public enum SeedSource {
    private static let lock = NSLock()
    private static var counter: UInt64 = 0x5EED

    /// Restarts the sequence at `seed`.
    public static func manualSeed(_ seed: UInt64) {
        lock.lock()
        counter = seed
        lock.unlock()
    }

    /// The next seed: `seed` itself when given, otherwise the next value of the counter.
    public static func next(_ seed: UInt64? = nil) -> UInt64 {
        if let seed = seed { return seed }
        lock.lock()
        defer { lock.unlock() }
        // The golden-ratio increment spreads successive seeds over the Philox key space.
        counter = counter &+ 0x9E37_79B9_7F4A_7C15
        return counter
    }
}
