import Foundation
import FolioTensor

/// What the process itself can tell about its memory and its BLAS, for the peak-memory case and
/// for the driver's report of which OpenBLAS kernel Folio runs.
enum ProcessProbe {
    /// A field of `/proc/self/status` in bytes (`VmRSS`, `VmHWM`); nil where there is no procfs.
    static func statusBytes(_ field: String) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix(field + ":") {
            let digits = line.dropFirst(field.count + 1).filter { $0.isNumber }
            return Int(digits).map { $0 * 1024 }
        }
        return nil
    }

    /// Resets the peak-RSS mark (`VmHWM`, and so the `ru_maxrss` the parent reads) to the current
    /// RSS, so that transient buffers of input creation do not count as the op chain's peak.
    /// Plain `open`/`write`: Foundation's file writers create, truncate or rename, which procfs refuses.
    static func resetPeakResidentSize() -> Bool {
        let descriptor = open("/proc/self/clear_refs", O_WRONLY)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return write(descriptor, "5", 1) == 1
    }

    /// OpenBLAS's own report of the kernel it chose (`openblas_get_corename`), its build options
    /// and thread count, looked up at run time so that this target imports no C module (FolioTensor
    /// owns the one import of CBLAS) and still reports the library actually loaded.
    static func blasInfo() -> BLASInfo {
        typealias StringGetter = @convention(c) () -> UnsafeMutablePointer<CChar>?
        let process = dlopen(nil, RTLD_NOW)
        func text(_ symbol: String) -> String? {
            guard let address = dlsym(process, symbol) else { return nil }
            return unsafeBitCast(address, to: StringGetter.self)().map { String(cString: $0) }
        }
        // Products run as single-threaded OpenBLAS calls split over Folio's pool (FolioTensor/BLAS.swift).
        let threads: Int? = BLASThreading.productThreads
        let environment = ProcessInfo.processInfo.environment
        let selection: String
        switch OpenBLASCore.configure() {
        case let .userSetting(name): selection = "OPENBLAS_CORETYPE=\(name) (user)"
        case let .selected(name): selection = "\(name) chosen by Folio from cpuid"
        case let .libraryChoiceKept(name): selection = "\(name), OpenBLAS's own choice (as good as Folio's)"
        case .leftAlone: selection = "OpenBLAS's own choice (no AVX2+FMA)"
        case .unsupported: selection = "OpenBLAS's own choice (no gotoblas_dynamic_init)"
        }
        return BLASInfo(coreName: text("openblas_get_corename"), config: text("openblas_get_config"),
                        threads: threads, coreTypeVariable: environment["OPENBLAS_CORETYPE"],
                        l2SizeVariable: environment["OPENBLAS_L2_SIZE"], selection: selection,
                        cpuFeatures: NativeKernels.cpuFeatures.description, simdLevel: NativeKernels.simdLevel)
    }
}

/// The `--info` line.
struct BLASInfo: Encodable {
    let tool = "folio"
    let kind = "info"
    let coreName: String?
    let config: String?
    let threads: Int?
    let coreTypeVariable: String?
    let l2SizeVariable: String?
    let selection: String
    let cpuFeatures: String
    let simdLevel: Int

    enum CodingKeys: String, CodingKey {
        case tool, kind, coreName = "blas_core", config = "blas_config", threads = "blas_threads"
        case coreTypeVariable = "OPENBLAS_CORETYPE", l2SizeVariable = "OPENBLAS_L2_SIZE"
        case selection = "blas_selection", cpuFeatures = "cpu_features", simdLevel = "simd_level"
    }
}

/// The peak-memory case: five elementwise ops chained on 10^8 f32, in a process of its own, so
/// the driver reads this process's peak RSS (`ru_maxrss` from `wait4`) and compares it with the
/// same chain in NumPy.
enum PeakMemoryCase {
    struct Report: Encodable {
        let tool = "folio"
        let kind = "peak"
        let name: String
        let elements: Int
        let rssBeforeInput: Int?
        let rssAfterInput: Int?
        let peakReset: Bool
        let peakRSS: Int?
        let seconds: Double
        let checksum: Double

        enum CodingKeys: String, CodingKey {
            case tool, kind, name = "case", elements, rssBeforeInput = "rss_before_input", rssAfterInput = "rss_after_input"
            case peakReset = "peak_reset", peakRSS = "vm_hwm", seconds, checksum
        }
    }

    /// `sqrt(exp(x * 0.5 + 1) * x)`: mul, add, exp, mul, sqrt, written as one expression the way a
    /// user writes it; each op returns a fresh tensor and the temporaries die as the expression
    /// moves on (NumPy's temporary elision reuses some of them in place: that is the comparison).
    static func run(elements: Int) throws {
        let half: Double = 0.5
        let one: Double = 1
        let before = ProcessProbe.statusBytes("VmRSS")
        let x = try Tensor.rand([elements], seed: 1)
        let afterInput = ProcessProbe.statusBytes("VmRSS")
        let reset = ProcessProbe.resetPeakResidentSize()
        let start = monotonicSeconds()
        let result = try ((x * half + one).exp() * x).sqrt()
        let seconds = monotonicSeconds() - start
        let peak = ProcessProbe.statusBytes("VmHWM")
        let checksum = try result.sum().item().doubleValue
        printJSONLine(Report(name: "chain_peak", elements: elements, rssBeforeInput: before, rssAfterInput: afterInput,
                             peakReset: reset, peakRSS: peak, seconds: seconds, checksum: checksum))
    }
}
