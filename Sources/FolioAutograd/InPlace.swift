import FolioTensor

/// In-place accumulation into gradient buffers that nobody else can see.
///
/// Backward sums the contributions each node receives (a weight shared by 10^4 steps receives
/// 10^4 of them) and adds a leaf's new gradient to its `.grad`. Adding into the existing buffer
/// saves an allocation and a pass over memory each time, and is safe exactly when the buffer is
/// uniquely referenced: no user handle, view, graph node or other cotangent shares its storage.
/// Only dense `f32`/`f64` buffers of equal shape and dtype qualify; anything else falls back to
/// an out-of-place add.
enum InPlace {
    /// Adds `source` into `destination` and returns true, or returns false (nothing written) when
    /// `destination` is shared or the operands do not fit.
    static func add(_ source: Tensor, into destination: inout Tensor) -> Bool {
        guard source.shape == destination.shape, source.dtype == destination.dtype, destination.count > 0 else {
            return false
        }
        switch destination.dtype {
        case .f32: return add(source, into: &destination, Float.self)
        case .f64: return add(source, into: &destination, Double.self)
        default: return false
        }
    }

    private static func add<T: TensorScalar & FloatingPoint>(_ source: Tensor, into destination: inout Tensor,
                                                             _ type: T.Type) -> Bool {
        let dense = source.contiguous()
        let done: Bool?? = dense.withDenseElements(as: T.self) { values in
            destination.withUniquelyOwnedElements(as: T.self) { target in
                guard let from = values.baseAddress, let to = target.baseAddress else { return false }
                for index in 0..<target.count { to[index] += from[index] }
                return true
            }
        }
        return (done ?? nil) ?? false
    }

    /// `existing + contribution`, written into `existing`'s buffer when that is private.
    ///
    /// `existing` is consumed: the caller moves its only handle in (clearing wherever it was
    /// stored first), so that the caller's own copy does not count as a second reference.
    static func sum(_ existing: consuming Tensor, _ contribution: Tensor) throws -> Tensor {
        var total = consume existing
        if add(contribution, into: &total) { return total }
        return try total + contribution
    }
}
