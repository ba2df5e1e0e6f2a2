import FolioTensor

/// VJP rules of matrix products and linear solves.
extension VJP {
    /// `a @ b`: `g @ b^T` and `a^T @ g`, with the axes NumPy adds for 1-d operands put back and
    /// removed again; batch axes are summed by `BackwardPass`.
    static func matmul(node: GraphNode, g: Variable, needs: [Bool]) throws -> [Variable?] {
        if !GradMode.isEnabled, let gradients = try matrixGradients(node: node, g: g.value, needs: needs) {
            return gradients
        }
        let a = node.input(0), b = node.input(1)
        let aIsVector = a.rank == 1, bIsVector = b.rank == 1
        let a2 = aIsVector ? try a.reshape([1, a.shape[0]]) : a
        let b2 = bIsVector ? try b.reshape([b.shape[0], 1]) : b
        var g2 = g
        if aIsVector || bIsVector {
            let dropped = (aIsVector ? 0 : 1) + (bIsVector ? 0 : 1)
            let rows = a2.shape[a2.rank - 2], columns = b2.shape[b2.rank - 1]
            g2 = try g.reshape(Array(g.shape.dropLast(dropped)) + [rows, columns])
        }
        var ga: Variable?, gb: Variable?
        // Each gradient comes out in its operand's memory layout: for a transposed view (the
        // `W.T` of `x @ W.T`) the product is formed transposed, `(g^T a)^T` instead of `a^T g`,
        // so the transpose's own rule hands `W` a contiguous gradient (no strided copies or
        // strided optimiser loops later). Both forms are matmuls, so they differentiate alike.
        if needs[0] {
            let product = isTransposedLayout(a2.value) ? try b2.matmul(g2.transpose()).transpose()
                : try g2.matmul(b2.transpose())
            ga = aIsVector ? try product.squeeze([-2]) : product
        }
        if needs[1] {
            let product = isTransposedLayout(b2.value) ? try g2.transpose().matmul(a2).transpose()
                : try a2.transpose().matmul(g2)
            gb = bIsVector ? try product.squeeze([-1]) : product
        }
        return [ga, gb]
    }

    /// The rule above for two matrices when backward is not recording, on tensors directly: the
    /// same products without a `Variable` (and its op dispatch and arrays) per intermediate.
    /// `nil` for other ranks.
    private static func matrixGradients(node: GraphNode, g: Tensor, needs: [Bool]) throws -> [Variable?]? {
        let a = node.inputs[0].value, b = node.inputs[1].value
        guard a.rank == 2, b.rank == 2, g.rank == 2 else { return nil }
        let left = { () throws -> Tensor in
            isTransposedLayout(a) ? try b.matmul(g.transpose()).transpose() : try g.matmul(b.transpose())
        }
        let right = { () throws -> Tensor in
            isTransposedLayout(b) ? try g.transpose().matmul(a).transpose() : try a.transpose().matmul(g)
        }
        if needs[0], needs[1], Parallel.threadCount > 1, concurrentWork(a, b, g) {
            // Two independent products: one per thread, each whole, instead of each split across
            // the threads in turn (a split repacks the shared operand per block). A product run
            // inside a pool chunk runs on its own thread.
            var leftResult: Result<Tensor, Error>?, rightResult: Result<Tensor, Error>?
            Parallel.run(chunks: 2) { side in
                if side == 0 { leftResult = Result { try left() } } else { rightResult = Result { try right() } }
            }
            guard let leftResult, let rightResult else { return nil }
            return [Variable.constant(try leftResult.get()), Variable.constant(try rightResult.get())]
        }
        return [try needs[0] ? Variable.constant(left()) : nil, try needs[1] ? Variable.constant(right()) : nil]
    }

    /// Whether both gradient products of `a @ b` are big enough to be worth a thread each.
    private static func concurrentWork(_ a: Tensor, _ b: Tensor, _ g: Tensor) -> Bool {
        // Each product has the forward product's work m·k·n.
        let work = Double(a.shape[0]) * Double(a.shape[1]) * Double(b.shape[1])
        return work >= Double(BLASThreading.productSplitWork)
    }

    /// True when the last two axes of `matrix` are stored column-major (a transposed view of
    /// dense data), so that a gradient laid out like it is a transposed dense product.
    static func isTransposedLayout(_ matrix: Tensor) -> Bool {
        let rank = matrix.rank
        guard rank >= 2 else { return false }
        let rows = matrix.shape[rank - 2], columns = matrix.shape[rank - 1]
        return rows > 1 && columns > 1 && matrix.strides[rank - 2] == 1 && matrix.strides[rank - 1] == rows
    }

    /// `x = solve(a, b)`: `gb = solve(a^T, g)` and `ga = -gb @ x^T`.
    static func solve(node: GraphNode, g: Variable, needs: [Bool]) throws -> [Variable?] {
        let a = node.input(0), b = node.input(1)
        let isVector = b.rank == 1
        let x = isVector ? try node.output().unsqueeze(-1) : node.output()
        let gMatrix = isVector ? try g.unsqueeze(-1) : g
        let gb = try a.transpose().solve(gMatrix)
        let ga = needs[0] ? try -(gb.matmul(x.transpose())) : nil
        let gbShaped = isVector ? try gb.squeeze([-1]) : gb
        return [ga, needs[1] ? gbShaped : nil]
    }

    /// `y = a^-1`: `-y^T @ g @ y^T`.
    static func inverse(node: GraphNode, g: Variable) throws -> Variable {
        let yT = try node.output().transpose()
        return try -(yT.matmul(g).matmul(yT))
    }

    /// `d = det(a)`: `g * d * a^-T` (undefined for singular `a`, where LAPACK reports it).
    static func determinant(node: GraphNode, g: Variable) throws -> Variable {
        let scale = try (g * node.output()).unsqueeze(-1).unsqueeze(-1)
        return try scale * node.input(0).inverse().transpose()
    }

    /// `(sign, log|det a|)`: the log-determinant's cotangent times `a^-T`; the sign is piecewise
    /// constant, so its cotangent contributes nothing.
    static func slogdet(node: GraphNode, cotangents: [Variable?]) throws -> Variable? {
        guard let g = cotangents[1] else { return nil }
        return try g.unsqueeze(-1).unsqueeze(-1) * node.input(0).inverse().transpose()
    }

    /// `L = cholesky(a)`: `L^-T Φ(L^T gL) L^-1` where Φ keeps the lower triangle, halves the
    /// diagonal and mirrors it (Murray 2016; PyTorch's `cholesky_backward`).
    static func cholesky(node: GraphNode, g: Variable) throws -> Variable {
        let lower = node.output()
        let n = lower.shape[lower.rank - 1]
        let product = try lower.transpose().matmul(g)
        let lowerPart = try product * Variable.constant(triangleMask(n, lower: true, diagonal: 0.5, like: g.value))
        let symmetric = try lowerPart + lowerPart.transpose()
        let inverse = try lower.inverse()
        return try inverse.transpose().matmul(symmetric).matmul(inverse) * 0.5
    }

    /// An `n × n` 0/1 mask of the lower (or upper) triangle with `diagonal` on the diagonal.
    static func triangleMask(_ n: Int, lower: Bool, diagonal: Double, like: Tensor) throws -> Tensor {
        var values = Array(repeating: 0.0, count: n * n)
        for row in 0..<n {
            for column in 0..<n where lower ? column < row : column > row { values[row * n + column] = 1 }
            values[row * n + row] = diagonal
        }
        return try Tensor(values, shape: [n, n], dtype: like.dtype)
    }

    /// The `n × n` identity as a constant of `like`'s dtype.
    static func identity(_ n: Int, like: Tensor) throws -> Variable {
        Variable.constant(try Tensor.eye(n, dtype: like.dtype))
    }
}
