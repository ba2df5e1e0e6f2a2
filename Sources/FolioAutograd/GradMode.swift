#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether ops record a graph, per thread: the `no_grad { }` switch.
///
/// The flag lives in thread-local storage (a `pthread` key holding a nesting depth in the pointer
/// bits), so two sessions on two threads never see each other's `noGrad`, there is no global
/// mutable state, and reading it costs one `pthread_getspecific` — it is only read when some
/// input of an op requires grad.
public enum GradMode {
    /// The key is created once and never changes; the values behind it are per thread.
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// How many `noGrad` scopes enclose the current point on this thread (0: recording).
    private static var disabledDepth: Int {
        get { Int(bitPattern: pthread_getspecific(key)) }
        set { pthread_setspecific(key, UnsafeRawPointer(bitPattern: newValue)) }
    }

    /// True when ops on this thread record a graph for inputs that require grad.
    public static var isEnabled: Bool { pthread_getspecific(key) == nil }

    /// Runs `body` with recording switched off or on, restoring the previous mode afterwards.
    public static func withEnabled<Result>(_ enabled: Bool, _ body: () throws -> Result) rethrows -> Result {
        let saved = disabledDepth
        disabledDepth = enabled ? 0 : saved + 1
        defer { disabledDepth = saved }
        return try body()
    }
}

/// Runs `body` without recording a graph: results are constants (PyTorch's `torch.no_grad()`).
public func noGrad<Result>(_ body: () throws -> Result) rethrows -> Result {
    try GradMode.withEnabled(false, body)
}

/// Runs `body` with recording switched back on, even inside `noGrad` (`torch.enable_grad()`).
public func enableGrad<Result>(_ body: () throws -> Result) rethrows -> Result {
    try GradMode.withEnabled(true, body)
}
