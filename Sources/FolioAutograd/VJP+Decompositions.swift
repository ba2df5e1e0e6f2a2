import FolioTensor

/// VJP rules of the multi-output decompositions. Any subset of their outputs may carry a
/// cotangent; the rules add only the terms that are present.
extension VJP {
    /// `a = q r` with `m >= n`: `(gq + q copyltu(M)) r^-T`, `M = gr r^T - q^T gq`, where
    /// `copyltu` mirrors the upper triangle into the lower one.
    static func qr(node: GraphNode, cotangents: [Variable?]) throws -> [Variable?] {
        let a = node.input(0)
        let rows = a.shape[a.rank - 2], columns = a.shape[a.rank - 1]
        guard rows >= columns else { throw AutogradError.noGradientRule(op: "qr with more columns than rows") }
        let q = node.output(0), r = node.output(1)
        var m: Variable?
        if let gr = cotangents[1] { m = try gr.matmul(r.transpose()) }
        if let gq = cotangents[0] {
            let term = try q.transpose().matmul(gq)
            m = try m.map { try $0 - term } ?? -term
        }
        guard let mixed = m else { return [nil] }
        let upper = try mixed * Variable.constant(triangleMask(columns, lower: false, diagonal: 1, like: a.value))
        let strictUpper = try mixed * Variable.constant(triangleMask(columns, lower: false, diagonal: 0, like: a.value))
        let copied = try upper + strictUpper.transpose()
        var inner = try q.matmul(copied)
        if let gq = cotangents[0] { inner = try inner + gq }
        return [try inner.matmul(r.inverse().transpose())]
    }

    /// Symmetric `a = V diag(w) V^T`: `V (diag(gw) + F ∘ (V^T gV)) V^T`, `F[i, j] = 1/(w_j - w_i)`
    /// off the diagonal. `F` is built from `w` with differentiable ops, so second derivatives hold.
    static func eigh(node: GraphNode, cotangents: [Variable?]) throws -> [Variable?] {
        let values = node.output(0), vectors = node.output(1)
        let n = values.shape[values.rank - 1]
        let eye = try identity(n, like: values.value)
        var inner: Variable?
        if let gw = cotangents[0] { inner = try gw.unsqueeze(-1) * eye }
        if let gv = cotangents[1] {
            let gaps = try values.unsqueeze(-2) - values.unsqueeze(-1)
            let reciprocal = try (1 - eye) / (gaps + eye)
            let term = try vectors.transpose().matmul(gv) * reciprocal
            inner = try inner.map { try $0 + term } ?? term
        }
        guard let middle = inner else { return [nil] }
        return [try vectors.matmul(middle).matmul(vectors.transpose())]
    }

    /// Thin `a = u diag(s) vt` (PyTorch's `svd_backward`): the rotation terms
    /// `(skew(u^T gu) s + s skew(v^T gv)) / (s_j^2 - s_i^2)`, `diag(gs)`, and the terms from the
    /// part of `gu` (tall) or `gv` (wide) outside the span of `u` or `v`.
    static func svd(node: GraphNode, cotangents: [Variable?]) throws -> [Variable?] {
        let u = node.output(0), s = node.output(1), vt = node.output(2)
        let gu = cotangents[0], gs = cotangents[1], gvt = cotangents[2]
        let a = node.input(0)
        let m = a.shape[a.rank - 2], n = a.shape[a.rank - 1], k = s.shape[s.rank - 1]
        let eye = try identity(k, like: s.value)
        var inner = try svdRotation(u: u, s: s, vt: vt, gu: gu, gvt: gvt, eye: eye)
        if let gs = gs {
            let diagonal = try gs.unsqueeze(-1) * eye
            inner = try inner.map { try $0 + diagonal } ?? diagonal
        }
        guard var middle = inner else { return [nil] }
        if m > k, let gu = gu {
            let scaled = try gu / s.unsqueeze(-2)
            let projected = try u.matmul(u.transpose().matmul(scaled))
            middle = try u.matmul(middle) + scaled - projected
            return [try middle.matmul(vt)]
        }
        if n > k, let gvt = gvt {
            let scaled = try gvt / s.unsqueeze(-1)
            let projected = try scaled.matmul(vt.transpose()).matmul(vt)
            middle = try middle.matmul(vt) + scaled - projected
            return [try u.matmul(middle)]
        }
        return [try u.matmul(middle).matmul(vt)]
    }

    /// The `k × k` core of the SVD rule from `gu` and `gvt`, or `nil` when neither is present.
    private static func svdRotation(u: Variable, s: Variable, vt: Variable, gu: Variable?, gvt: Variable?,
                                    eye: Variable) throws -> Variable? {
        var core: Variable?
        if let gu = gu {
            let product = try u.transpose().matmul(gu)
            core = try (product - product.transpose()) * s.unsqueeze(-2)
        }
        if let gvt = gvt {
            let product = try vt.matmul(gvt.transpose())
            let term = try s.unsqueeze(-1) * (product - product.transpose())
            core = try core.map { try $0 + term } ?? term
        }
        guard let rotation = core else { return nil }
        let squares = try s * s
        let gaps = try squares.unsqueeze(-2) - squares.unsqueeze(-1) + eye
        return try rotation / gaps
    }
}
