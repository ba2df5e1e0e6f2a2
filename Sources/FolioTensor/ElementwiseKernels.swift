/// A pure per-element function `Input → Output`, named by a type so that the kernels below are
/// specialised for it (no closure or existential per element).
protocol UnaryFunctor {
    associatedtype Input: TensorScalar
    associatedtype Output: TensorScalar
    static func apply(_ value: Input) -> Output
    /// The dense loop; functors with a vectorised implementation (e.g. `f32` exp) override it.
    static func applyContiguous(_ source: UnsafePointer<Input>, _ destination: UnsafeMutablePointer<Output>, count: Int)
}

extension UnaryFunctor {
    @inline(__always)
    static func applyContiguous(_ source: UnsafePointer<Input>, _ destination: UnsafeMutablePointer<Output>, count: Int) {
        for index in 0..<count { destination[index] = apply(source[index]) }
    }
}

/// A pure function of two elements.
protocol BinaryFunctor {
    associatedtype Left: TensorScalar
    associatedtype Right: TensorScalar
    associatedtype Output: TensorScalar
    static func apply(_ lhs: Left, _ rhs: Right) -> Output
}

/// A pure function of three elements (used by `where`).
protocol TernaryFunctor {
    associatedtype First: TensorScalar
    associatedtype Second: TensorScalar
    associatedtype Third: TensorScalar
    associatedtype Output: TensorScalar
    static func apply(_ first: First, _ second: Second, _ third: Third) -> Output
}

/// Kernel drivers: a dense fast path, a strided row path, both split across cores when large.
enum ElementwiseKernels {
    /// `F` applied to every element of `input` (dtype `F.Input`), into a new contiguous tensor.
    static func map<F: UnaryFunctor>(_ functor: F.Type, _ input: Tensor) -> Tensor {
        let output = Tensor(uninitializedShape: input.shape, dtype: F.Output.dtype)
        let destination = output.pointer(F.Output.self)
        let source = input.pointer(F.Input.self)
        if input.isContiguous {
            Parallel.forEachChunk(count: input.count) { range in
                F.applyContiguous(source + range.lowerBound, destination + range.lowerBound, count: range.count)
            }
            return output
        }
        let rows = StridedRows(shape: input.shape, strides: [input.strides, output.strides])
        let length = rows.rowLength
        let sourceStride = rows.rowStrides[0]
        let destinationStride = rows.rowStrides[1]
        rows.forEachRowInParallel { offsets in
            let from = source + offsets[0]
            let to = destination + offsets[1]
            for index in 0..<length { to[index * destinationStride] = F.apply(from[index * sourceStride]) }
        }
        return output
    }

    /// `F` applied pairwise; `lhs` and `rhs` must already have `shape` (broadcast views).
    static func map<F: BinaryFunctor>(_ functor: F.Type, _ lhs: Tensor, _ rhs: Tensor, shape: [Int]) -> Tensor {
        let output = Tensor(uninitializedShape: shape, dtype: F.Output.dtype)
        let destination = output.pointer(F.Output.self)
        let left = lhs.pointer(F.Left.self)
        let right = rhs.pointer(F.Right.self)
        if lhs.isContiguous && rhs.isContiguous {
            Parallel.forEachChunk(count: output.count) { range in
                for index in range { destination[index] = F.apply(left[index], right[index]) }
            }
            return output
        }
        let rows = StridedRows(shape: shape, strides: [lhs.strides, rhs.strides, output.strides])
        let length = rows.rowLength
        let (leftStride, rightStride, outStride) = (rows.rowStrides[0], rows.rowStrides[1], rows.rowStrides[2])
        rows.forEachRowInParallel { offsets in
            let a = left + offsets[0]
            let b = right + offsets[1]
            let out = destination + offsets[2]
            if leftStride == 1 && rightStride == 1 && outStride == 1 {
                // Dense rows against a broadcast row (a bias added to every row of a batch).
                for index in 0..<length { out[index] = F.apply(a[index], b[index]) }
            } else if leftStride == 1 && rightStride == 0 && outStride == 1 {
                // Tensor-with-scalar rows are the common broadcast; a unit-stride loop vectorises.
                let constant = b[0]
                for index in 0..<length { out[index] = F.apply(a[index], constant) }
            } else if leftStride == 0 && rightStride == 1 && outStride == 1 {
                let constant = a[0]
                for index in 0..<length { out[index] = F.apply(constant, b[index]) }
            } else {
                for index in 0..<length {
                    out[index * outStride] = F.apply(a[index * leftStride], b[index * rightStride])
                }
            }
        }
        return output
    }

    /// `F` applied to three operands that already have `shape`.
    static func map<F: TernaryFunctor>(_ functor: F.Type, _ first: Tensor, _ second: Tensor, _ third: Tensor,
                                       shape: [Int]) -> Tensor {
        let output = Tensor(uninitializedShape: shape, dtype: F.Output.dtype)
        let destination = output.pointer(F.Output.self)
        let a = first.pointer(F.First.self)
        let b = second.pointer(F.Second.self)
        let c = third.pointer(F.Third.self)
        let rows = StridedRows(shape: shape, strides: [first.strides, second.strides, third.strides])
        let length = rows.rowLength
        let strides = rows.rowStrides
        // Rows come in row-major order and the output is dense, so row r starts at r * length.
        Parallel.forEachChunk(count: rows.rowCount, costPerItem: length) { range in
            var row = range.lowerBound
            rows.forEachRow(range) { offsets in
                let out = destination + row * length
                for index in 0..<length {
                    out[index] = F.apply(a[offsets[0] + index * strides[0]], b[offsets[1] + index * strides[1]],
                                         c[offsets[2] + index * strides[2]])
                }
                row += 1
            }
        }
        return output
    }
}
