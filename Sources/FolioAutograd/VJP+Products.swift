import FolioTensor

/// VJP rules of `prod` and `cumprod` that stay exact at zeros.
///
/// The textbook `prod / x` divides by zero as soon as one input is zero, although the gradient
/// there is the (finite) product of the others. `prod` uses exclusive products instead: for each
/// element, the running product of the elements before it times that of the elements after it,
/// with no division at all, built from `cumprod`, `slice` and `concat`, so its own derivative
/// goes through the zero-safe `cumprod` rule below.
extension VJP {
    /// `prod_{j ≠ i} x[j]` over each group that a product over `axes` combines, shaped like `x`:
    /// the reduced axes are moved last and flattened, so each group is one row.
    static func exclusiveProducts(_ x: Variable, axes: [Int]?) throws -> Variable {
        let rank = x.rank
        guard rank > 0 else { return Variable.constant(x.value.onesLike()) }
        let listed = axes.map { Set($0.map { $0 < 0 ? $0 + rank : $0 }) } ?? Set(0..<rank)
        let reduced = (0..<rank).filter { listed.contains($0) }
        let kept = (0..<rank).filter { !listed.contains($0) }
        let order = kept + reduced
        let isIdentity = order == Array(0..<rank)
        let moved = isIdentity ? x : try x.permute(order)
        let groupSize = reduced.reduce(1) { $0 * x.shape[$1] }
        let rows = try moved.reshape(kept.map { x.shape[$0] } + [groupSize])
        let before = try exclusiveCumprod(rows)
        let after = try reversedLastAxis(exclusiveCumprod(reversedLastAxis(rows)))
        let products = try (before * after).reshape(moved.shape)
        return isIdentity ? products : try products.permute(inversePermutation(order))
    }

    /// `prod_{j < i} x[j]` along the last axis: `cumprod` shifted right by one, starting at 1.
    static func exclusiveCumprod(_ rows: Variable) throws -> Variable {
        let axis = rows.rank - 1, size = rows.shape[axis]
        var onesShape = rows.shape
        onesShape[axis] = Swift.min(size, 1)
        let ones = Variable.constant(try Tensor.zeros(onesShape, dtype: rows.dtype).onesLike())
        guard size > 1 else { return ones }
        let leading = Array(repeating: TensorIndex.all, count: axis)
        let shifted = try rows.cumprod(axis: axis).slice(leading + [.range(start: 0, stop: size - 1)])
        return try Variable.cat([ones, shifted], axis: axis)
    }

    /// The elements in reverse order along the last axis (a negative-step `slice`).
    static func reversedLastAxis(_ rows: Variable) throws -> Variable {
        try rows.slice([.ellipsis, .range(start: nil, stop: nil, step: -1)])
    }

    /// `y = cumprod(x)`: `dL/dx[k] = Σ_{i ≥ k} g[i] conj(prod_{j ≤ i, j ≠ k} x[j])` (PyTorch's
    /// `cumprod_backward`). Without zeros that is `reverseCumsum(g conj(y)) / conj(x)`.
    static func cumprod(axis: Int, node: GraphNode, g: Variable) throws -> Variable {
        try cumprodGradient(x: node.input(0), y: node.output(), g: g, axis: axis)
    }

    /// The `cumprod` rule for any `x`. Where a line holds zeros: before its first zero `k0` the
    /// division formula holds and divides by non-zero entries only (terms past the zero vanish
    /// with `y`). At `k0` the gradient is `reverseCumsum(g conj(cumprod(x')))`, `x'` being `x`
    /// with that zero replaced by 1 — an exclusive product, no division. After `k0` it is
    /// `conj(x[k0])` times the rule applied to `x'`: zero in value, but its derivative with
    /// respect to `x[k0]` is not, so the term is kept when backward records (second order).
    /// Each level removes one zero per line, so the recursion is as deep as a line has zeros.
    static func cumprodGradient(x: Variable, y: Variable, g: Variable, axis: Int) throws -> Variable {
        let weighted = try g * y.conj()
        let zeros = try x.value.compare(.eq, x.value.zerosLike())
        guard try zeros.reduce(.sum).item().doubleValue > 0 else {
            return try reverseCumsum(weighted, axis: axis) / x.conj()
        }
        let zerosSoFar = try zeros.cumsum(axis: axis)
        let beforeFirst = try zerosSoFar.compare(.eq, zerosSoFar.zerosLike())
        let zeroIndicator = zeros.cast(to: zerosSoFar.dtype)
        let isFirstZero = try (zerosSoFar * zeroIndicator).compare(.eq, zerosSoFar.onesLike())
        let one = x.scalar(1)
        let divisor = try Variable.select(Variable.constant(beforeFirst), x, one).conj()
        let leading = try reverseCumsum(weighted, axis: axis) / divisor * mask(beforeFirst, like: x)
        let skippedX = try Variable.select(Variable.constant(isFirstZero), one, x)
        let skippedY = try skippedX.cumprod(axis: axis)
        let firstMask = mask(isFirstZero, like: x)
        let atZero = try reverseCumsum(g * skippedY.conj(), axis: axis) * firstMask
        guard GradMode.isEnabled else { return try leading + atZero }
        let zeroValue = try (x * firstMask).sum(axes: [axis], keepDims: true).conj()
        let afterMask = try 1.0 - mask(beforeFirst, like: x) - firstMask
        let rest = try cumprodGradient(x: skippedX, y: skippedY, g: g, axis: axis)
        return try leading + atZero + zeroValue * rest * afterMask
    }
}
