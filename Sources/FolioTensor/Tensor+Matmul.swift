/// Matrix products: `matmul` (NumPy semantics, batched with broadcasting) on OpenBLAS for
/// `f32`/`f64`, a plain triple loop for `i64`; `dot` and `outer` as composites.
extension Tensor {
    /// How a matrix view can be handed to BLAS without a copy: as is or transposed, with its
    /// leading dimension; `nil` when its strides fit neither (then it is copied).
    static func blasLayout(rows: Int, columns: Int, rowStride: Int, columnStride: Int) -> (transposed: Bool, leading: Int)? {
        let width = Swift.max(columns, 1)
        let height = Swift.max(rows, 1)
        if columnStride == 1 || columns == 1 {
            if rows == 1 { return (false, width) }
            if rowStride >= width { return (false, rowStride) }
        }
        if rowStride == 1 || rows == 1 {
            if columns == 1 { return (true, height) }
            if columnStride >= height { return (true, columnStride) }
        }
        return nil
    }

    /// The matrix product with NumPy's rules: 1-d operands are promoted to a row (left) or a
    /// column (right) and the added axis removed; leading axes are batch axes and broadcast.
    public func matmul(_ other: Tensor) throws -> Tensor {
        if rank == 2, other.rank == 2, dtype == other.dtype, dtype == .f32 || dtype == .f64, shape[1] == other.shape[0] {
            return try matrixProduct(other)
        }
        guard rank >= 1, other.rank >= 1 else {
            throw TensorError.invalidArgument(op: "matmul", message: "operands must have at least one axis, got shapes \(formatShape(shape)) and \(formatShape(other.shape))")
        }
        let left = rank == 1 ? try unsqueeze(0) : self
        let right = other.rank == 1 ? try other.unsqueeze(-1) : other
        let (m, k) = (left.shape[left.rank - 2], left.shape[left.rank - 1])
        let (k2, n) = (right.shape[right.rank - 2], right.shape[right.rank - 1])
        guard k == k2 else {
            throw TensorError.shapeMismatch(op: "matmul", shapes: [shape, other.shape], reason: "inner dimensions differ")
        }
        let batch = try ShapeMath.broadcast(Array(left.shape.dropLast(2)), Array(right.shape.dropLast(2)), op: "matmul")
        var common = DType.promote(dtype, other.dtype)
        if common == .bool { common = .i64 }
        let a = try left.cast(to: common).expand(batch + [m, k])
        let b = try right.cast(to: common).expand(batch + [k, n])
        // GEMM with beta = 0 overwrites every element, so only the integer loop (which adds
        // into its output) and empty inner dimensions need zeros.
        let needsZeros = k == 0 || !(common == .f32 || common == .f64)
        let outputShape = batch + [m, n]
        _ = try ShapeMath.elementCount(outputShape, op: "matmul")
        let output = Tensor(shape: outputShape, dtype: common, zeroed: needsZeros)
        guard [m, n, k].allSatisfy({ $0 <= Int(Int32.max) }) else {
            throw TensorError.invalidArgument(op: "matmul", message: "matrix dimensions exceed the BLAS limit of 2^31 - 1")
        }
        switch common {
        case .f32: try Tensor.batchedGemm(a, b, into: output, Float.self)
        case .f64: try Tensor.batchedGemm(a, b, into: output, Double.self)
        case .i64: Tensor.batchedIntegerProduct(a, b, into: output)
        default: throw TensorError.unsupportedDType(op: "matmul", dtype: common, reason: "complex matmul is not supported yet")
        }
        var resultShape = batch
        if rank > 1 { resultShape.append(m) }
        if other.rank > 1 { resultShape.append(n) }
        return try output.reshape(resultShape)
    }

    /// The product of two floating-point matrices of one dtype: the common case (every layer,
    /// every matmul rule) without the batch machinery's views and offset arrays.
    private func matrixProduct(_ other: Tensor) throws -> Tensor {
        let m = shape[0], k = shape[1], n = other.shape[1]
        let limit = Int(Int32.max)
        guard m <= limit, n <= limit, k <= limit else {
            throw TensorError.invalidArgument(op: "matmul", message: "matrix dimensions exceed the BLAS limit of 2^31 - 1")
        }
        // ShapeMath.elementCount's check, without building a shape array for it.
        let (count, overflow) = m.multipliedReportingOverflow(by: n)
        guard !overflow, count <= ShapeMath.maximumElementCount else {
            throw TensorError.invalidShape(op: "matmul", shape: [m, n], reason: "too many elements")
        }
        // GEMM with beta = 0 writes every element; only an empty inner dimension leaves zeros.
        let output = Tensor(shape: [m, n], dtype: dtype, zeroed: k == 0)
        guard m > 0, n > 0, k > 0 else { return output }
        try TensorCancellation.check("matmul")
        if dtype == .f32 {
            Tensor.gemm(self, other, into: output, Float.self)
        } else {
            Tensor.gemm(self, other, into: output, Double.self)
        }
        return output
    }

    /// One GEMM of two matrices into the dense `output`; operands whose strides BLAS cannot take
    /// are copied first.
    private static func gemm<T: LinearAlgebraScalar>(_ lhs: Tensor, _ rhs: Tensor, into output: Tensor, _ type: T.Type) {
        let m = lhs.shape[0], k = lhs.shape[1], n = rhs.shape[1]
        var a = lhs, b = rhs
        var layoutA = blasLayout(rows: m, columns: k, rowStride: a.strides[0], columnStride: a.strides[1])
        var layoutB = blasLayout(rows: k, columns: n, rowStride: b.strides[0], columnStride: b.strides[1])
        if layoutA == nil { a = a.contiguous(); layoutA = (false, Swift.max(k, 1)) }
        if layoutB == nil { b = b.contiguous(); layoutB = (false, Swift.max(n, 1)) }
        guard let layoutA, let layoutB else { return }
        T.gemm(transposeA: layoutA.transposed, transposeB: layoutB.transposed, m: m, n: n, k: k,
               a: a.pointer(T.self), lda: layoutA.leading, b: b.pointer(T.self), ldb: layoutB.leading,
               c: output.pointer(T.self), ldc: n)
    }

    /// Storage offsets of each batch matrix of an expanded operand, in row-major batch order.
    static func batchOffsets(_ tensor: Tensor, batchShape: [Int]) -> [Int] {
        let count = batchShape.reduce(1, *)
        var offsets = [Int](repeating: tensor.offset, count: count)
        for index in 0..<count {
            var remainder = index
            for axis in stride(from: batchShape.count - 1, through: 0, by: -1) {
                offsets[index] += (remainder % batchShape[axis]) * tensor.strides[axis]
                remainder /= batchShape[axis]
            }
        }
        return offsets
    }

    /// One GEMM per batch matrix; transposed views go to BLAS with a transpose flag, not copied.
    private static func batchedGemm<T: LinearAlgebraScalar>(_ lhs: Tensor, _ rhs: Tensor, into output: Tensor, _ type: T.Type) throws {
        let r = lhs.rank
        let (m, k, n) = (lhs.shape[r - 2], lhs.shape[r - 1], rhs.shape[r - 1])
        guard m > 0, n > 0 else { return }
        var a = lhs
        var b = rhs
        var layoutA = blasLayout(rows: m, columns: k, rowStride: a.strides[r - 2], columnStride: a.strides[r - 1])
        var layoutB = blasLayout(rows: k, columns: n, rowStride: b.strides[r - 2], columnStride: b.strides[r - 1])
        if layoutA == nil { a = a.contiguous(); layoutA = (false, Swift.max(k, 1)) }
        if layoutB == nil { b = b.contiguous(); layoutB = (false, Swift.max(n, 1)) }
        guard let layoutA, let layoutB else { return }
        let batchShape = Array(output.shape.dropLast(2))
        let offsetsA = batchOffsets(a, batchShape: batchShape)
        let offsetsB = batchOffsets(b, batchShape: batchShape)
        let baseA = a.storage.pointer.assumingMemoryBound(to: T.self)
        let baseB = b.storage.pointer.assumingMemoryBound(to: T.self)
        let destination = output.pointer(T.self)
        for index in offsetsA.indices {
            // One GEMM is the unit of interruption: a large batch stops between matrices.
            try TensorCancellation.check("matmul")
            T.gemm(transposeA: layoutA.transposed, transposeB: layoutB.transposed, m: m, n: n, k: k,
                   a: baseA + offsetsA[index], lda: layoutA.leading, b: baseB + offsetsB[index], ldb: layoutB.leading,
                   c: destination + index * m * n, ldc: n)
        }
    }

    /// Integer products have no BLAS routine; a cache-friendly i-k-j loop with wrapping arithmetic.
    private static func batchedIntegerProduct(_ lhs: Tensor, _ rhs: Tensor, into output: Tensor) {
        let r = lhs.rank
        let (m, k, n) = (lhs.shape[r - 2], lhs.shape[r - 1], rhs.shape[r - 1])
        let batchShape = Array(output.shape.dropLast(2))
        let offsetsA = batchOffsets(lhs, batchShape: batchShape)
        let offsetsB = batchOffsets(rhs, batchShape: batchShape)
        let baseA = lhs.storage.pointer.assumingMemoryBound(to: Int64.self)
        let baseB = rhs.storage.pointer.assumingMemoryBound(to: Int64.self)
        let destination = output.pointer(Int64.self)
        let (rowA, columnA) = (lhs.strides[r - 2], lhs.strides[r - 1])
        let (rowB, columnB) = (rhs.strides[r - 2], rhs.strides[r - 1])
        for index in offsetsA.indices {
            let a = baseA + offsetsA[index]
            let b = baseB + offsetsB[index]
            let c = destination + index * m * n
            for i in 0..<m {
                for p in 0..<k {
                    let factor = a[i * rowA + p * columnA]
                    for j in 0..<n { c[i * n + j] = c[i * n + j] &+ factor &* b[p * rowB + j * columnB] }
                }
            }
        }
    }

    /// The inner product of two 1-d tensors (a 0-d tensor); other ranks follow `matmul`.
    public func dot(_ other: Tensor) throws -> Tensor {
        try matmul(other)
    }

    /// The outer product of two tensors, flattened: `result[i, j] = self[i] * other[j]`.
    public func outer(_ other: Tensor) throws -> Tensor {
        let column = try flatten().unsqueeze(1)
        let row = try other.flatten().unsqueeze(0)
        return try column * row
    }
}
