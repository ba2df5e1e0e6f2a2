import CFFTW
import Foundation

/// The only file that imports FFTW: batched 1-d transforms over dense rows, with a plan cache.
///
/// Plans are made with `FFTW_ESTIMATE` (no timing runs, inputs untouched) and cached per
/// (transform, length, batch, precision). FFTW's planner is not thread-safe, so planning holds
/// `planLock`; executing a finished plan on new arrays (`fftw_execute_dft` and friends) is
/// thread-safe. Plans are keyed by the alignment of their arrays too, so a cached plan only ever
/// runs on arrays aligned like the ones it was made for.
enum FFTW {
    /// One kind of batched 1-d transform.
    enum Transform: Hashable {
        /// Complex to complex; `forward` is `e^{-2πi jk/n}`, otherwise `e^{+2πi jk/n}`; unscaled.
        case complex(forward: Bool)
        /// Real `n` to complex `n/2 + 1`.
        case realToComplex
        /// Complex `n/2 + 1` to real `n` (FFTW overwrites the input).
        case complexToReal
        /// DCT-II (`REDFT10`), unscaled: `y_k = 2 Σ x_j cos(π k (2j + 1) / 2n)`.
        case cosineII
        /// DCT-III (`REDFT01`), unscaled: `y_k = x_0 + 2 Σ_{j≥1} x_j cos(π j (2k + 1) / 2n)`.
        case cosineIII
    }

    private struct PlanKey: Hashable {
        let transform: Transform
        let length: Int
        let batch: Int
        let double: Bool
        /// Input and output addresses modulo 16: a plan may only run on arrays aligned as the
        /// ones it was made for (FFTW's new-array execute rule).
        let alignment: Int
    }

    /// A cached plan; FFTW plans are immutable after creation and live as long as the process.
    private final class Plan: @unchecked Sendable {
        let pointer: OpaquePointer
        init(_ pointer: OpaquePointer) { self.pointer = pointer }
    }

    private static let planLock = NSLock()
    nonisolated(unsafe) private static var plans: [PlanKey: Plan] = [:]
    private static let estimate = UInt32(1 << 6)

    /// Runs `transform` over `batch` consecutive rows: input rows of `inputLength` elements,
    /// output rows of `outputLength`, for logical transform length `length`.
    static func execute(_ transform: Transform, length: Int, batch: Int, double: Bool,
                        input: UnsafeMutableRawPointer, output: UnsafeMutableRawPointer) throws {
        let alignment = (Int(bitPattern: input) & 15) << 4 | (Int(bitPattern: output) & 15)
        let key = PlanKey(transform: transform, length: length, batch: batch, double: double, alignment: alignment)
        let plan = try cachedPlan(key, input: input, output: output)
        if double {
            executeDouble(transform, plan.pointer, input, output)
        } else {
            executeFloat(transform, plan.pointer, input, output)
        }
    }

    private static func cachedPlan(_ key: PlanKey, input: UnsafeMutableRawPointer, output: UnsafeMutableRawPointer) throws -> Plan {
        planLock.lock()
        defer { planLock.unlock() }
        if let plan = plans[key] { return plan }
        guard key.length <= Int(Int32.max), key.batch <= Int(Int32.max) else {
            throw TensorError.invalidArgument(op: "fft", message: "length \(key.length) × batch \(key.batch) exceeds FFTW's 32-bit sizes")
        }
        let made = key.double ? planDouble(key, input, output) : planFloat(key, input, output)
        guard let made else {
            throw TensorError.invalidArgument(op: "fft", message: "FFTW could not plan a transform of length \(key.length)")
        }
        let plan = Plan(made)
        plans[key] = plan
        return plan
    }

    private static func planDouble(_ key: PlanKey, _ input: UnsafeMutableRawPointer, _ output: UnsafeMutableRawPointer) -> OpaquePointer? {
        var n = Int32(key.length)
        let (howMany, half) = (Int32(key.batch), Int32(key.length / 2 + 1))
        let complexIn = input.assumingMemoryBound(to: fftw_complex.self)
        let complexOut = output.assumingMemoryBound(to: fftw_complex.self)
        let realIn = input.assumingMemoryBound(to: Double.self)
        let realOut = output.assumingMemoryBound(to: Double.self)
        switch key.transform {
        case let .complex(forward):
            return fftw_plan_many_dft(1, &n, howMany, complexIn, nil, 1, n, complexOut, nil, 1, n,
                                      forward ? FFTW_FORWARD : FFTW_BACKWARD, estimate)
        case .realToComplex:
            return fftw_plan_many_dft_r2c(1, &n, howMany, realIn, nil, 1, n, complexOut, nil, 1, half, estimate)
        case .complexToReal:
            return fftw_plan_many_dft_c2r(1, &n, howMany, complexIn, nil, 1, half, realOut, nil, 1, n, estimate)
        case .cosineII, .cosineIII:
            var kind = key.transform == .cosineII ? FFTW_REDFT10 : FFTW_REDFT01
            return fftw_plan_many_r2r(1, &n, howMany, realIn, nil, 1, n, realOut, nil, 1, n, &kind, estimate)
        }
    }

    private static func planFloat(_ key: PlanKey, _ input: UnsafeMutableRawPointer, _ output: UnsafeMutableRawPointer) -> OpaquePointer? {
        var n = Int32(key.length)
        let (howMany, half) = (Int32(key.batch), Int32(key.length / 2 + 1))
        let complexIn = input.assumingMemoryBound(to: fftwf_complex.self)
        let complexOut = output.assumingMemoryBound(to: fftwf_complex.self)
        let realIn = input.assumingMemoryBound(to: Float.self)
        let realOut = output.assumingMemoryBound(to: Float.self)
        switch key.transform {
        case let .complex(forward):
            return fftwf_plan_many_dft(1, &n, howMany, complexIn, nil, 1, n, complexOut, nil, 1, n,
                                       forward ? FFTW_FORWARD : FFTW_BACKWARD, estimate)
        case .realToComplex:
            return fftwf_plan_many_dft_r2c(1, &n, howMany, realIn, nil, 1, n, complexOut, nil, 1, half, estimate)
        case .complexToReal:
            return fftwf_plan_many_dft_c2r(1, &n, howMany, complexIn, nil, 1, half, realOut, nil, 1, n, estimate)
        case .cosineII, .cosineIII:
            var kind = key.transform == .cosineII ? FFTW_REDFT10 : FFTW_REDFT01
            return fftwf_plan_many_r2r(1, &n, howMany, realIn, nil, 1, n, realOut, nil, 1, n, &kind, estimate)
        }
    }

    private static func executeDouble(_ transform: Transform, _ plan: OpaquePointer, _ input: UnsafeMutableRawPointer,
                                      _ output: UnsafeMutableRawPointer) {
        switch transform {
        case .complex:
            fftw_execute_dft(plan, input.assumingMemoryBound(to: fftw_complex.self), output.assumingMemoryBound(to: fftw_complex.self))
        case .realToComplex:
            fftw_execute_dft_r2c(plan, input.assumingMemoryBound(to: Double.self), output.assumingMemoryBound(to: fftw_complex.self))
        case .complexToReal:
            fftw_execute_dft_c2r(plan, input.assumingMemoryBound(to: fftw_complex.self), output.assumingMemoryBound(to: Double.self))
        case .cosineII, .cosineIII:
            fftw_execute_r2r(plan, input.assumingMemoryBound(to: Double.self), output.assumingMemoryBound(to: Double.self))
        }
    }

    private static func executeFloat(_ transform: Transform, _ plan: OpaquePointer, _ input: UnsafeMutableRawPointer,
                                     _ output: UnsafeMutableRawPointer) {
        switch transform {
        case .complex:
            fftwf_execute_dft(plan, input.assumingMemoryBound(to: fftwf_complex.self), output.assumingMemoryBound(to: fftwf_complex.self))
        case .realToComplex:
            fftwf_execute_dft_r2c(plan, input.assumingMemoryBound(to: Float.self), output.assumingMemoryBound(to: fftwf_complex.self))
        case .complexToReal:
            fftwf_execute_dft_c2r(plan, input.assumingMemoryBound(to: fftwf_complex.self), output.assumingMemoryBound(to: Float.self))
        case .cosineII, .cosineIII:
            fftwf_execute_r2r(plan, input.assumingMemoryBound(to: Float.self), output.assumingMemoryBound(to: Float.self))
        }
    }
}
