import FolioTensor

/// In-place accumulation into gradient buffers that the autodiff layer owns.
///
/// Optimisers accumulate gradients over micro-batches; adding into the existing buffer saves an
/// allocation and a pass over memory per step. Only dense `f32`/`f64` buffers of equal shape and
/// dtype qualify; anything else falls back to an out-of-place add.
enum InPlace {
    /// Adds `source` into `destination` and returns true, or returns false when not applicable.
    static func add(_ source: Tensor, into destination: Tensor) -> Bool {
        guard source.shape == destination.shape, source.dtype == destination.dtype,
              destination.isContiguous, destination.count > 0 else { return false }
        let dense = source.contiguous()
        switch destination.dtype {
        case .f32: return add(dense, into: destination, Float.self)
        case .f64: return add(dense, into: destination, Double.self)
        default: return false
        }
    }

    private static func add<T: TensorScalar & FloatingPoint>(_ source: Tensor, into destination: Tensor, _ type: T.Type) -> Bool {
        let count = destination.count
        let done: Bool? = try? destination.withUnsafeMutablePointer(as: T.self) { target in
            try source.withUnsafeMutablePointer(as: T.self) { values in
                for index in 0..<count { target[index] += values[index] }
                return true
            }
        }
        return done ?? false
    }
}
