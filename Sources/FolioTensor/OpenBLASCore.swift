import Foundation

/// Makes OpenBLAS use the GEMM kernels of this CPU.
///
/// Debian's OpenBLAS 0.3.21 is built with DYNAMIC_ARCH and picks its kernel from cpuid when it is
/// loaded; on CPUs newer than it knows (and some virtual machines) it falls back to Prescott, which
/// runs SGEMM at a fifth of the speed of its SkylakeX kernel. `OPENBLAS_CORETYPE` forces a kernel,
/// but the library reads it in its load-time constructor, before `main`. Instead of setting the
/// variable and re-executing the process, `configure()` asks the already loaded library to choose
/// again: `gotoblas_dynamic_quit` / `gotoblas_dynamic_init` are the exported functions its own
/// constructor uses, and `init` reads `OPENBLAS_CORETYPE`. This must run before the first BLAS
/// call (both executables call it first thing in `main`); without those symbols (a build without
/// DYNAMIC_ARCH, another BLAS) it does nothing, and a kernel OpenBLAS chose that is at least as
/// good is kept. A user-set `OPENBLAS_CORETYPE` always wins.
public enum OpenBLASCore {
    /// The kernel to force for a CPU with `features`; nil leaves OpenBLAS's own choice.
    public static func preferredCoreType(for features: NativeKernels.CPUFeatures) -> String? {
        let skylakeX: NativeKernels.CPUFeatures = [.avx512f, .avx512bw, .avx512vl, .avx512dq]
        if features.isSuperset(of: skylakeX) { return features.contains(.avx512bf16) ? "Cooperlake" : "SkylakeX" }
        if features.isSuperset(of: [.avx2, .fma]) { return "Haswell" }
        return nil
    }

    /// Whether `preferred` is a better kernel than the `current` one OpenBLAS chose. Only kernels
    /// known to be weaker are replaced: a newer OpenBLAS may know this CPU better (e.g. pick
    /// SapphireRapids), and an unknown name is left as it is.
    public static func shouldReplace(_ current: String, with preferred: String) -> Bool {
        guard let have = rank[current.lowercased()], let want = rank[preferred.lowercased()] else { return false }
        return have < want
    }

    /// x86-64 kernels of OpenBLAS by the vector extensions they use: SSE only, AVX, AVX2+FMA, AVX-512, AVX-512 with BF16.
    private static let rank: [String: Int] = [
        "prescott": 0, "core2": 0, "penryn": 0, "dunnington": 0, "nehalem": 0, "atom": 0, "nano": 0, "opteron": 0,
        "opteron_sse3": 0, "barcelona": 0, "bobcat": 0, "katmai": 0, "coppermine": 0, "northwood": 0, "banias": 0,
        "athlon": 0, "sandybridge": 1, "bulldozer": 1, "piledriver": 1, "steamroller": 1, "haswell": 2, "excavator": 2,
        "zen": 2, "skylakex": 3, "cooperlake": 4,
    ]

    /// What `configure()` did, for benchmark headers and diagnostics.
    public enum Outcome: Equatable, Sendable {
        case userSetting(String)
        case selected(String)
        /// OpenBLAS's own choice (the associated name) is at least as good as Folio's.
        case libraryChoiceKept(String)
        case leftAlone
        case unsupported
    }

    /// Runs once per process (later calls return the first outcome).
    @discardableResult
    public static func configure() -> Outcome { outcome }

    private static let outcome: Outcome = {
        if let user = ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"], !user.isEmpty { return .userSetting(user) }
        guard let coreType = preferredCoreType(for: NativeKernels.cpuFeatures) else { return .leftAlone }
        guard let quit = symbol("gotoblas_dynamic_quit"), let initialise = symbol("gotoblas_dynamic_init") else {
            return .unsupported
        }
        if let current = coreName, !shouldReplace(current, with: coreType) {
            return current.caseInsensitiveCompare(coreType) == .orderedSame ? .selected(coreType) : .libraryChoiceKept(current)
        }
        // The variable is only the argument of `init`; it is removed again so child processes
        // (another OpenBLAS, NumPy's) see the environment they were given.
        setenv("OPENBLAS_CORETYPE", coreType, 1)
        quit()
        initialise()
        unsetenv("OPENBLAS_CORETYPE")
        return .selected(coreType)
    }()

    /// The kernel OpenBLAS is using now (`openblas_get_corename`), nil without OpenBLAS.
    public static var coreName: String? { openBLASCoreName() }

    private typealias VoidFunction = @convention(c) () -> Void

    /// Ends OpenBLAS's server threads (`blas_thread_shutdown_`, what its fork handler calls); its
    /// next multi-threaded call starts them again. An idle server thread spins with `sched_yield`
    /// for about 0.1 s after start-up and after each job, taking a core from Folio's own pool (a
    /// 256×256 product ran at half speed beside it), so Folio stops them whenever it hands
    /// OpenBLAS back a single thread. Does nothing without the symbol.
    static func stopServerThreads() {
        shutdownServerThreads?()
    }

    private static let shutdownServerThreads: VoidFunction? = symbol("blas_thread_shutdown_")

    private static func symbol(_ name: String) -> VoidFunction? {
        guard let address = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(address, to: VoidFunction.self)
    }
}
