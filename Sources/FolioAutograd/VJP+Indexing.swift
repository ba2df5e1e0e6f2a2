import FolioTensor

/// VJP rules of joining, integer-array indexing and functional assignment. Index inputs are
/// integer constants and get no cotangent.
extension VJP {
    /// `cat(inputs, axis)`: each input gets its own stretch of `g` along `axis`.
    static func concat(axis: Int, node: GraphNode, g: Variable, needs: [Bool]) throws -> [Variable?] {
        let normalized = axis < 0 ? axis + g.rank : axis
        var start = 0
        var pieces: [Variable?] = []
        for (position, input) in node.inputs.enumerated() {
            let length = input.shape[normalized]
            defer { start += length }
            guard needs[position] else { pieces.append(nil); continue }
            let leading = Array(repeating: TensorIndex.all, count: normalized)
            pieces.append(try g.slice(leading + [.range(start: start, stop: start + length)]))
        }
        return pieces
    }

    /// `take(x, indices, axis)`: `g` scatter-added back along `axis` (repeats accumulate).
    static func take(axis: Int, node: GraphNode, g: Variable) throws -> Variable {
        let x = node.input(0), indices = node.input(1)
        let normalized = axis < 0 ? axis + x.rank : axis
        let leading = Array(x.shape[..<normalized]), trailing = Array(x.shape[(normalized + 1)...])
        let flatShape = leading + [indices.count] + trailing
        let flatG = try g.reshape(flatShape)
        let ones = Array(repeating: 1, count: leading.count)
        let column = try indices.value.reshape(ones + [indices.count] + trailing.map { _ in 1 })
        let spread = Variable.constant(try column.expand(flatShape).contiguous())
        return try scatterInto(x, axis: normalized, indices: spread, g: flatG)
    }

    /// Zeros shaped like `x` with `g` scatter-added at `indices` along `axis`: the transpose of
    /// `gather`, as the differentiable primitive `scatterAdd` (whose rule gathers again).
    static func scatterInto(_ x: Variable, axis: Int, indices: Variable, g: Variable) throws -> Variable {
        let zeros = Variable.constant(try Tensor.zeros(x.shape, dtype: g.dtype))
        return try zeros.scatterAdd(axis: axis, indices: indices, source: g)
    }

    /// `x` with `x[indices] = value`: `x` gets `g` with the region zeroed, `value` gets the region.
    static func assignSlice(_ indices: [TensorIndex], node: GraphNode, g: Variable, needs: [Bool]) throws -> [Variable?] {
        let gx = needs[0] ? try g.assigning(g.scalar(0), at: indices) : nil
        let gValue = needs[1] ? try g.slice(indices) : nil
        return [gx, gValue]
    }
}
