import Foundation

/// A learning-rate (or any scalar) schedule: the value at step `t` (0 for the first update).
public struct Schedule {
    /// The value at a step.
    public let value: (Int) -> Double

    public init(_ value: @escaping (Int) -> Double) { self.value = value }

    /// The same value at every step.
    public static func constant(_ value: Double) -> Schedule { Schedule { _ in value } }

    /// `initial · γ^⌊t / stepSize⌋` (PyTorch `StepLR`, counted in updates).
    public static func step(_ initial: Double, stepSize: Int, gamma: Double = 0.1) -> Schedule {
        Schedule { step in initial * pow(gamma, Double(step / Swift.max(stepSize, 1))) }
    }

    /// Cosine decay from `initial` to `alpha · initial` over `steps`, constant after (optax
    /// `cosine_decay_schedule`; Loshchilov & Hutter 2016 without restarts).
    public static func cosine(_ initial: Double, steps: Int, alpha: Double = 0) -> Schedule {
        Schedule { step in
            let progress = Double(Swift.min(step, steps)) / Double(Swift.max(steps, 1))
            let cosine = 0.5 * (1 + cos(Double.pi * progress))
            return initial * ((1 - alpha) * cosine + alpha)
        }
    }

    /// A straight line from `start` to `end` over `steps`, constant after.
    public static func linear(from start: Double, to end: Double, steps: Int) -> Schedule {
        Schedule { step in
            let progress = Double(Swift.min(step, steps)) / Double(Swift.max(steps, 1))
            return start + (end - start) * progress
        }
    }

    /// A linear warm-up from 0 to `then`'s first value over `warmupSteps`, then `then` (shifted
    /// so it starts where the warm-up ends).
    public static func linearWarmup(_ warmupSteps: Int, then after: Schedule) -> Schedule {
        Schedule { step in
            guard step < warmupSteps else { return after.value(step - warmupSteps) }
            return after.value(0) * Double(step + 1) / Double(warmupSteps + 1)
        }
    }
}
