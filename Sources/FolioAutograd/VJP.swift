import FolioTensor

/// The op table's gradient side: exactly one vector-Jacobian product rule per primitive.
///
/// A rule receives the node (its recorded inputs and outputs, as variables connected to the
/// graph) and the cotangents of its outputs, and returns one cotangent per input, in the shape
/// of the op's output side: un-broadcasting, casting and accumulation happen once, in
/// `BackwardPass`. Rules are written with `Variable` ops, so when backward records (nested
/// `grad`, `hvp`, PDE residuals) the gradients are themselves differentiable.
enum VJP {
    /// Cotangents for the inputs of `op` (`nil` entries carry no gradient): the rule table, one
    /// case per differentiable primitive.
    ///
    /// The `default` branch is deliberate: primitives added to `PrimitiveOp` before their rule
    /// exists compile, and fail with "no gradient rule for <op>" when a gradient reaches them
    /// (the gradcheck test that walks every primitive fails too).
    static func pullBack(_ op: PrimitiveOp, node: GraphNode, cotangents: [Variable?], needs: [Bool]) throws -> [Variable?] {
        switch op {
        case .qr: return try qr(node: node, cotangents: cotangents)
        case .svd: return try svd(node: node, cotangents: cotangents)
        case .eigh: return try eigh(node: node, cotangents: cotangents)
        case .slogdet: return [try slogdet(node: node, cotangents: cotangents)]
        default: break
        }
        guard let g = cotangents[0] else { return filledArray(nil, count: node.inputs.count) }
        let x = node.input(0)
        switch op {
        case let .unary(unary): return [try self.unary(unary, x: x, y: node.output(), g: g)]
        case let .binary(binary): return try self.binary(binary, node: node, g: g, needs: needs)
        case .select: return try select(node: node, g: g)
        case let .reduce(reduction, axes, keepDims):
            return [try reduce(reduction, axes: axes, keepDims: keepDims, node: node, g: g)]
        case let .cumsum(axis): return [try reverseCumsum(g, axis: axis)]
        case let .cumprod(axis): return [try cumprod(axis: axis, node: node, g: g)]
        case let .softmax(axis): return [try softmax(axis: axis, y: node.output(), g: g)]
        case let .logSoftmax(axis): return [try logSoftmax(axis: axis, y: node.output(), g: g)]
        case .cast, .expand: return [g]  // BackwardPass.fit casts back and sums over expanded axes
        case .reshape: return [try g.reshape(x.shape)]
        case let .permute(axes): return [try g.permute(inversePermutation(axes))]
        case let .slice(indices): return [try embedSlice(g, indices: indices, like: x)]
        case let .concat(axis, _): return try concat(axis: axis, node: node, g: g, needs: needs)
        case let .take(axis): return [try take(axis: axis, node: node, g: g), nil]
        case let .gather(axis): return [try scatterInto(x, axis: axis, indices: node.input(1), g: g), nil]
        case let .scatterAdd(axis): return [g, nil, needs[2] ? try g.gather(axis: axis, indices: node.input(1)) : nil]
        case let .assignSlice(indices): return try assignSlice(indices, node: node, g: g, needs: needs)
        case .matmul: return try matmul(node: node, g: g, needs: needs)
        case let .im2col(geometry): return [try g.col2im(geometry, size: Array(x.shape.dropFirst(2)))]
        case let .col2im(geometry, _): return [try g.im2col(geometry)]
        // The orthonormal DCT is an orthogonal matrix: its transpose is its inverse.
        case let .dct(axis, inverse): return [try Variable.apply(.dct(axis: axis, inverse: !inverse), [g])]
        case let .fft(axis, inverse, norm): return [try fft(axis: axis, inverse: inverse, norm: norm, g: g)]
        case let .rfft(axis, norm): return [try rfft(axis: axis, norm: norm, node: node, g: g)]
        case let .irfft(axis, length, norm): return [try irfft(axis: axis, length: length, norm: norm, g: g)]
        case .solve: return try solve(node: node, g: g, needs: needs)
        case .inverse: return [try inverse(node: node, g: g)]
        case .determinant: return [try determinant(node: node, g: g)]
        case .cholesky: return [try cholesky(node: node, g: g)]
        case .compare, .argReduce, .argsort, .eig: throw AutogradError.notDifferentiable(op: name(of: op))
        default: throw AutogradError.noGradientRule(op: name(of: op))
        }
    }

    /// The name users know an op by (`exp`, `mul`, `sum`, `matmul`, ...).
    static func name(of op: PrimitiveOp) -> String {
        switch op {
        case let .unary(unary): return unary.rawValue
        case let .binary(binary): return binary.rawValue
        case let .compare(comparison): return comparison.rawValue
        case let .reduce(reduction, _, _): return reduction.rawValue
        case let .argReduce(reduction, _, _): return reduction.rawValue
        case .select: return "where"
        default: return op.kind.rawValue
        }
    }

    /// The permutation that undoes `axes`.
    static func inversePermutation(_ axes: [Int]) -> [Int] {
        let rank = axes.count
        var inverse = Array(repeating: 0, count: rank)
        for (position, axis) in axes.enumerated() { inverse[(axis + rank) % rank] = position }
        return inverse
    }
}
