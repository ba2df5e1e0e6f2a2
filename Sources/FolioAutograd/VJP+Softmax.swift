import FolioTensor

/// The rules of the fused `softmax` and `logSoftmax` primitives.
extension VJP {
    /// `y = softmax(x)` along `axis` pulls `g` back to `y · (g - Σ g·y)`, the sum along `axis`
    /// (the Jacobian `diag(y) - y yᵀ` of each row applied to `g`). Written with `Variable` ops
    /// through `y`, which is connected to the graph, so a recording backward differentiates it
    /// again; a first-order backward takes the one-pass form of `FusedRule.softmax`.
    static func softmax(axis: Int, y: Variable, g: Variable) throws -> Variable {
        if let fused = try FusedRule.softmax(g: g, y: y, axis: axis) { return fused }
        let weighted = try g * y
        let projection = try weighted.sum(axes: [axis], keepDims: true)
        return try y * (g - projection)
    }

    /// `y = x - logsumexp(x)` along `axis` pulls `g` back to `g - softmax(x) · Σ g`, with
    /// `softmax(x) = exp(y)` and the sum along `axis`. Written with `Variable` ops (through `y`,
    /// which is connected to the graph), so a recording backward differentiates it again; a
    /// first-order backward takes the one-pass form of `FusedRule.logSoftmax`.
    static func logSoftmax(axis: Int, y: Variable, g: Variable) throws -> Variable {
        if let fused = try FusedRule.logSoftmax(g: g, y: y, axis: axis) { return fused }
        let total = try g.sum(axes: [axis], keepDims: true)
        let spread = try y.exp() * total
        return try g - spread
    }
}
