/// Creation: constant tensors, identity, ranges. Shapes are validated (non-negative sizes, no
/// element-count overflow); every function throws instead of trapping.
extension Tensor {
    /// A tensor of `shape` filled with `value`; `shape` is trusted (callers validated it).
    static func full(_ shape: [Int], value: Double, dtype: DType) -> Tensor {
        let filled = Tensor(uninitializedShape: shape, dtype: .f64)
        let destination = filled.pointer(Double.self)
        let count = filled.count
        Parallel.forEachChunk(count: count) { range in
            for index in range { destination[index] = value }
        }
        return filled.cast(to: dtype)
    }

    /// A tensor of `shape` with every element `value`.
    public static func full(shape: [Int], value: Double, dtype: DType = .f32) throws -> Tensor {
        _ = try ShapeMath.elementCount(shape, op: "full")
        return full(shape, value: value, dtype: dtype)
    }

    /// A tensor of zeros.
    public static func zeros(_ shape: [Int], dtype: DType = .f32) throws -> Tensor {
        try allocate(shape: shape, dtype: dtype, op: "zeros")
    }

    /// A tensor of ones.
    public static func ones(_ shape: [Int], dtype: DType = .f32) throws -> Tensor {
        try full(shape: shape, value: 1, dtype: dtype)
    }

    /// Zeros with this tensor's shape and (unless given) dtype.
    public func zerosLike(dtype newType: DType? = nil) -> Tensor {
        Tensor(shape: shape, dtype: newType ?? dtype, zeroed: true)
    }

    /// Ones with this tensor's shape and (unless given) dtype.
    public func onesLike(dtype newType: DType? = nil) -> Tensor {
        Tensor.full(shape, value: 1, dtype: newType ?? dtype)
    }

    /// `value` everywhere, with this tensor's shape and (unless given) dtype.
    public func fullLike(_ value: Double, dtype newType: DType? = nil) -> Tensor {
        Tensor.full(shape, value: value, dtype: newType ?? dtype)
    }

    /// The `rows × columns` matrix with ones on the main diagonal.
    public static func eye(_ rows: Int, _ columns: Int? = nil, dtype: DType = .f32) throws -> Tensor {
        let width = columns ?? rows
        let result = try allocate(shape: [rows, width], dtype: .f64, op: "eye")
        let destination = result.pointer(Double.self)
        for index in 0..<Swift.min(rows, width) { destination[index * width + index] = 1 }
        return result.cast(to: dtype)
    }

    /// `start, start + step, ...` up to but excluding `stop`, as NumPy's `arange`
    /// (count `ceil((stop - start) / step)`, element `i` computed as `start + i * step`).
    public static func arange(_ start: Double, _ stop: Double, step: Double = 1, dtype: DType = .f32) throws -> Tensor {
        guard step != 0, step.isFinite, start.isFinite, stop.isFinite else {
            throw TensorError.invalidArgument(op: "arange", message: "start, stop and step must be finite and step non-zero")
        }
        let span = ((stop - start) / step).rounded(.up)
        guard span < Double(ShapeMath.maximumElementCount) else {
            throw TensorError.invalidArgument(op: "arange", message: "too many elements")
        }
        let count = Swift.max(Int(span), 0)
        let result = Tensor(uninitializedShape: [count], dtype: .f64)
        let destination = result.pointer(Double.self)
        for index in 0..<count {
            let scaled = Double(index) * step
            destination[index] = start + scaled
        }
        return result.cast(to: dtype)
    }

    /// `0, 1, ..., stop - 1` as `i64` (NumPy gives integers for integer arguments).
    public static func arange(_ stop: Int) throws -> Tensor {
        try arange(0, stop, step: 1)
    }

    /// Integer `arange`, exact for all `Int64` values.
    public static func arange(_ start: Int, _ stop: Int, step: Int = 1) throws -> Tensor {
        guard step != 0 else { throw TensorError.invalidArgument(op: "arange", message: "step must be non-zero") }
        let (span, overflow) = stop.subtractingReportingOverflow(start)
        guard !overflow else { throw TensorError.invalidArgument(op: "arange", message: "range is too large") }
        let count = span == 0 || (span > 0) != (step > 0) ? 0 : (span.magnitude - 1) / step.magnitude + 1
        guard count <= UInt(ShapeMath.maximumElementCount) else {
            throw TensorError.invalidArgument(op: "arange", message: "too many elements")
        }
        let result = Tensor(uninitializedShape: [Int(count)], dtype: .i64)
        let destination = result.pointer(Int64.self)
        var value = Int64(start)
        for index in 0..<Int(count) {
            destination[index] = value
            value = value &+ Int64(step)
        }
        return result
    }

    /// `count` evenly spaced values from `start` to `stop` inclusive, as NumPy's `linspace`.
    public static func linspace(_ start: Double, _ stop: Double, count: Int, dtype: DType = .f32) throws -> Tensor {
        guard count >= 0 else { throw TensorError.invalidArgument(op: "linspace", message: "count must be non-negative, got \(count)") }
        let result = try allocate(shape: [count], dtype: .f64, op: "linspace")
        let destination = result.pointer(Double.self)
        let divisions = Double(Swift.max(count - 1, 1))
        let step = (stop - start) / divisions
        for index in 0..<count {
            let scaled = Double(index) * step
            destination[index] = start + scaled
        }
        // NumPy pins the last value to `stop` exactly.
        if count > 1 { destination[count - 1] = stop }
        return result.cast(to: dtype)
    }
}
