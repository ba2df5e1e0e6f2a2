import FolioTensor

/// The forward kernel of `embedSlice`: zeros with a tensor written into a sliced view.
///
/// It writes through `Tensor.withUnsafeMutablePointer` into the view of a tensor it has just
/// allocated, so no other tensor can observe the write.
enum SliceEmbedding {
    /// A tensor of `shape` that is zero except `result.slice(indices) == values`.
    static func embed(_ values: Tensor, indices: [TensorIndex], shape: [Int]) throws -> Tensor {
        let result = try Tensor.zeros(shape, dtype: values.dtype)
        let window = try result.slice(indices)
        guard window.shape == values.shape else {
            throw TensorError.shapeMismatch(op: "slice (backward)", shapes: [window.shape, values.shape],
                                            reason: "the cotangent does not fit the slice")
        }
        let dense = values.contiguous()
        switch values.dtype {
        case .f32: try copy(dense, into: window, Float.self)
        case .f64: try copy(dense, into: window, Double.self)
        case .c64: try copy(dense, into: window, Complex<Float>.self)
        case .c128: try copy(dense, into: window, Complex<Double>.self)
        case .i64: try copy(dense, into: window, Int64.self)
        case .bool: try copy(dense, into: window, Bool.self)
        }
        return result
    }

    /// Copies dense `source` into the strided `window`, odometer style over the window's shape.
    private static func copy<T: TensorScalar>(_ source: Tensor, into window: Tensor, _ type: T.Type) throws {
        let count = window.count
        guard count > 0 else { return }
        let shape = window.shape, strides = window.strides
        try window.withUnsafeMutablePointer(as: T.self) { target in
            try source.withUnsafeMutablePointer(as: T.self) { values in
                var position = Array(repeating: 0, count: shape.count)
                var offset = 0
                for index in 0..<count {
                    target[offset] = values[index]
                    var axis = shape.count - 1
                    while axis >= 0 {
                        position[axis] += 1
                        offset += strides[axis]
                        if position[axis] < shape[axis] { break }
                        offset -= strides[axis] * shape[axis]
                        position[axis] = 0
                        axis -= 1
                    }
                }
            }
        }
    }
}
