import CSIMDKernels

/// The only file that imports `CSIMDKernels`: the CPU's vector features (cpuid) and the AVX2 /
/// AVX-512 kernels that the baseline-x86-64 Swift code cannot generate.
public enum NativeKernels {
    /// Vector extensions this CPU has and the OS has enabled.
    public struct CPUFeatures: OptionSet, Sendable, CustomStringConvertible {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }

        public static let avx2 = CPUFeatures(rawValue: UInt32(FOLIO_CPU_AVX2))
        public static let fma = CPUFeatures(rawValue: UInt32(FOLIO_CPU_FMA))
        public static let avx512f = CPUFeatures(rawValue: UInt32(FOLIO_CPU_AVX512F))
        public static let avx512bw = CPUFeatures(rawValue: UInt32(FOLIO_CPU_AVX512BW))
        public static let avx512vl = CPUFeatures(rawValue: UInt32(FOLIO_CPU_AVX512VL))
        public static let avx512dq = CPUFeatures(rawValue: UInt32(FOLIO_CPU_AVX512DQ))
        public static let avx512bf16 = CPUFeatures(rawValue: UInt32(FOLIO_CPU_AVX512BF16))

        public var description: String {
            let names: [(CPUFeatures, String)] = [(.avx2, "avx2"), (.fma, "fma"), (.avx512f, "avx512f"), (.avx512bw, "avx512bw"),
                                                  (.avx512vl, "avx512vl"), (.avx512dq, "avx512dq"), (.avx512bf16, "avx512_bf16")]
            return names.filter { contains($0.0) }.map { $0.1 }.joined(separator: " ")
        }
    }

    public static var cpuFeatures: CPUFeatures { CPUFeatures(rawValue: folio_cpu_features()) }

    /// The vector width the kernels use: 0 none (portable Swift loops), 2 AVX2+FMA, 3 AVX-512F.
    public static var simdLevel: Int { Int(folio_simd_level()) }

    /// The elementwise maps with SIMD kernels (`folio_map_f32` / `folio_map_f64`).
    public enum Map: Int32, CaseIterable, Sendable {
        case exp, log, tanh, sigmoid

        fileprivate var code: Int32 {
            switch self {
            case .exp: return FOLIO_MAP_EXP
            case .log: return FOLIO_MAP_LOG
            case .tanh: return FOLIO_MAP_TANH
            case .sigmoid: return FOLIO_MAP_SIGMOID
            }
        }
    }

    /// `op` on dense data at this CPU's best level; false (nothing written) where there is no kernel.
    static func map(_ op: Map, _ source: UnsafePointer<Float>, _ destination: UnsafeMutablePointer<Float>, count: Int) -> Bool {
        folio_map_f32(op.code, -1, source, destination, count) != 0
    }

    static func map(_ op: Map, _ source: UnsafePointer<Double>, _ destination: UnsafeMutablePointer<Double>, count: Int) -> Bool {
        folio_map_f64(op.code, -1, source, destination, count) != 0
    }

    /// `op` at a given level (2 AVX2, 3 AVX-512), for tests that check each level this CPU has;
    /// nil where this CPU or the library has no such kernel.
    public static func map(_ op: Map, level: Int, _ values: [Float]) -> [Float]? {
        var result = [Float](repeating: 0, count: values.count)
        let done = result.withUnsafeMutableBufferPointer { out in
            values.withUnsafeBufferPointer { folio_map_f32(op.code, Int32(level), $0.baseAddress, out.baseAddress, values.count) }
        }
        return done != 0 ? result : nil
    }

    public static func map(_ op: Map, level: Int, _ values: [Double]) -> [Double]? {
        var result = [Double](repeating: 0, count: values.count)
        let done = result.withUnsafeMutableBufferPointer { out in
            values.withUnsafeBufferPointer { folio_map_f64(op.code, Int32(level), $0.baseAddress, out.baseAddress, values.count) }
        }
        return done != 0 ? result : nil
    }

    /// Softmax of `rows` dense rows of `length` elements each (max-shifted, fused in one kernel);
    /// false (nothing written) when there is no SIMD level.
    static func softmaxRows(_ source: UnsafePointer<Float>, _ destination: UnsafeMutablePointer<Float>,
                            rows: Int, length: Int) -> Bool {
        folio_softmax_rows_f32(-1, source, destination, rows, length) != 0
    }

    static func softmaxRows(_ source: UnsafePointer<Double>, _ destination: UnsafeMutablePointer<Double>,
                            rows: Int, length: Int) -> Bool {
        folio_softmax_rows_f64(-1, source, destination, rows, length) != 0
    }

    /// Log-softmax of `rows` dense rows of `length` elements each (max, log-sum-exp and the
    /// subtraction in one kernel); false (nothing written) when there is no SIMD level.
    static func logSoftmaxRows(_ source: UnsafePointer<Float>, _ destination: UnsafeMutablePointer<Float>,
                               rows: Int, length: Int) -> Bool {
        folio_log_softmax_rows_f32(-1, source, destination, rows, length) != 0
    }

    static func logSoftmaxRows(_ source: UnsafePointer<Double>, _ destination: UnsafeMutablePointer<Double>,
                               rows: Int, length: Int) -> Bool {
        folio_log_softmax_rows_f64(-1, source, destination, rows, length) != 0
    }

    /// Softmax of rows of `length` at a given level (2 AVX2, 3 AVX-512), for tests that check
    /// each level this CPU has; nil where it has no such level.
    public static func softmaxRows(level: Int, _ values: [Float], length: Int) -> [Float]? {
        rows(of: values, length: length) { folio_softmax_rows_f32(Int32(level), $0, $1, $2, $3) }
    }

    public static func softmaxRows(level: Int, _ values: [Double], length: Int) -> [Double]? {
        rows(of: values, length: length) { folio_softmax_rows_f64(Int32(level), $0, $1, $2, $3) }
    }

    /// Log-softmax of rows of `length` at a given level, as `softmaxRows(level:_:length:)`.
    public static func logSoftmaxRows(level: Int, _ values: [Float], length: Int) -> [Float]? {
        rows(of: values, length: length) { folio_log_softmax_rows_f32(Int32(level), $0, $1, $2, $3) }
    }

    public static func logSoftmaxRows(level: Int, _ values: [Double], length: Int) -> [Double]? {
        rows(of: values, length: length) { folio_log_softmax_rows_f64(Int32(level), $0, $1, $2, $3) }
    }

    /// `kernel(source, destination, rows, length)` over `values` as rows of `length` into a new
    /// array; nil when the kernel declines or `values` is not a whole number of rows.
    private static func rows<T: Numeric>(
        of values: [T], length: Int, _ kernel: (UnsafePointer<T>?, UnsafeMutablePointer<T>?, Int, Int) -> Int32
    ) -> [T]? {
        guard length > 0, values.count % length == 0 else { return nil }
        var result = [T](repeating: 0, count: values.count)
        let done = result.withUnsafeMutableBufferPointer { out in
            values.withUnsafeBufferPointer { kernel($0.baseAddress, out.baseAddress, values.count / length, length) }
        }
        return done != 0 ? result : nil
    }
}
