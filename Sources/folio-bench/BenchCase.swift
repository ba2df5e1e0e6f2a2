import Foundation

/// One benchmark: a name the Python driver (`bench/numeric_bench.py`) matches against the NumPy and
/// JAX versions of the same case, the work one run does, and how to prepare a run.
///
/// `prepare` builds the inputs and returns the closure that is timed, so that listing or filtering
/// cases allocates nothing (the peak-memory case alone holds 10^8 floats).
struct BenchCase {
    /// Shared with `bench/numeric_numpy.py` and `bench/numeric_jax.py`; the driver joins on it.
    let name: String
    /// Bytes one run must move, counted as STREAM does (each input read once, the output written
    /// once, no write-allocate traffic); 0 when the case is not memory-bound.
    var bytes: Int = 0
    /// Floating-point operations of one run (2mnk for a matmul); 0 when not meaningful.
    var flops: Int = 0
    /// Primitive ops one run executes, for cases reported per op (the overhead case).
    var ops: Int = 0
    var policy: RepetitionPolicy = .standard
    let prepare: () throws -> () throws -> Void
}

/// How many times a case runs. The Python workers use the same numbers (see `numeric_common.py`),
/// so both sides get the same number of samples for the same run time.
struct RepetitionPolicy {
    /// Untimed runs first: page faults on fresh buffers, OpenBLAS thread start-up, lazy caches.
    var warmups = 2
    /// Timed runs continue until both minimums are met ...
    var minimumRuns = 7
    var minimumSeconds = 1.0
    /// ... or either maximum is hit (slow cases on a loaded machine must not eat the time budget).
    var maximumRuns = 200
    var maximumSeconds = 6.0

    static let standard = RepetitionPolicy()
    /// For runs of a second or more: fewer samples, still a median of several.
    static let slow = RepetitionPolicy(warmups: 1, minimumRuns: 3, minimumSeconds: 1.0, maximumRuns: 10,
                                       maximumSeconds: 8.0)
    /// `--quick`: a smoke test of every case, not a measurement.
    static let quick = RepetitionPolicy(warmups: 0, minimumRuns: 1, minimumSeconds: 0, maximumRuns: 1,
                                        maximumSeconds: 0)
}

/// What one case printed as a JSON line; the field names are the driver's contract.
struct CaseResult: Encodable {
    let tool = "folio"
    let name: String
    let medianSeconds: Double
    let minimumSeconds: Double
    let runs: Int
    let bytes: Int
    let flops: Int
    let ops: Int

    enum CodingKeys: String, CodingKey {
        case tool, name = "case", medianSeconds = "median_s", minimumSeconds = "min_s", runs, bytes, flops, ops
    }
}

/// A monotonic clock read in seconds; `CLOCK_MONOTONIC` is what Python's `time.perf_counter` reads
/// on Linux, so both sides time with the same clock.
func monotonicSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9
}

/// Runs `run` under `policy` and returns the per-run times, in run order.
func sampleTimes(_ run: () throws -> Void, policy: RepetitionPolicy) throws -> [Double] {
    for _ in 0..<policy.warmups { try run() }
    var samples: [Double] = []
    let start = monotonicSeconds()
    while true {
        let before = monotonicSeconds()
        try run()
        samples.append(monotonicSeconds() - before)
        let elapsed = monotonicSeconds() - start
        let enough = samples.count >= policy.minimumRuns && elapsed >= policy.minimumSeconds
        let tooMuch = samples.count >= policy.maximumRuns || elapsed >= policy.maximumSeconds
        if enough || tooMuch { return samples }
    }
}

/// The median (mean of the middle two for an even count): robust to the stalls a loaded, shared
/// machine adds to a few runs.
func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/// Prepares and times `benchCase`, then prints its JSON line (flushed, so the driver can stream).
func runCase(_ benchCase: BenchCase, quick: Bool) throws {
    let run = try benchCase.prepare()
    let samples = try sampleTimes(run, policy: quick ? .quick : benchCase.policy)
    let result = CaseResult(name: benchCase.name, medianSeconds: median(samples),
                            minimumSeconds: samples.min() ?? 0, runs: samples.count,
                            bytes: benchCase.bytes, flops: benchCase.flops, ops: benchCase.ops)
    printJSONLine(result)
}

/// Prints `value` as one line of JSON with sorted keys.
func printJSONLine<Value: Encodable>(_ value: Value) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    guard let data = try? encoder.encode(value), let line = String(data: data, encoding: .utf8) else {
        FileHandle.standardError.write(Data("folio-bench: could not encode a result\n".utf8))
        return
    }
    print(line)
    fflush(stdout)
}
