import FolioRuntime
import FolioTensor

/// The session's random generator, which `seed(n)` resets and random builtins without `seed:` draw from.
///
/// It lives in the session's global table under a name no program can spell, so each session
/// (notebook) has its own stream and there is no process-wide state. A fresh session starts at
/// seed 0, so a notebook is reproducible by default.
final class SessionRandom: NativeObject {
    var generator = PhiloxGenerator(seed: 0)

    override var typeName: String { "RandomState" }

    private static let slotName = "$random"

    /// The session's generator state (created on first use).
    static func state(_ context: CallContext) throws -> SessionRandom {
        guard let interpreter = context as? Interpreter else {
            throw FolioError(.RuntimeError, "random numbers need a running session")
        }
        let slot = interpreter.globals.variable(named: slotName)
        if case .native(let object) = slot.value, let state = object as? SessionRandom { return state }
        let state = SessionRandom()
        slot.value = .native(state)
        return state
    }

    /// Runs `draw` with the generator of `seed:` when given, else with the session's.
    static func draw(_ seed: Value?, _ context: CallContext,
                     _ draw: (inout PhiloxGenerator) throws -> Tensor) throws -> Tensor {
        if let seed, !seed.isNone {
            guard case .int(let value) = seed else {
                throw FolioError(.TypeError, "seed: expects an Int, got \(seed.typeName)")
            }
            var local = PhiloxGenerator(seed: UInt64(bitPattern: Int64(value)))
            return try draw(&local)
        }
        let state = try SessionRandom.state(context)
        return try draw(&state.generator)
    }
}

extension Interpreter: SessionRandomSource {
    func drawRandom<Result>(seed: UInt64?, _ draw: (inout PhiloxGenerator) throws -> Result) throws -> Result {
        if let seed {
            var generator = PhiloxGenerator(seed: seed)
            return try draw(&generator)
        }
        let state = try SessionRandom.state(self)
        return try draw(&state.generator)
    }
}
