import FolioTensor

/// One-pass forms of the elementwise rules that chain several ops (`tanh`: `g * (1 - y * y)` is
/// three ops, three allocations, three passes over memory).
///
/// They apply only when backward is not recording (the usual first-order `backward()`): then a
/// rule's result is a constant, and nothing needs the composite's graph. A recording backward
/// (nested `grad`, `createGraph: true`) takes the composite, which differentiates again. Each
/// fused loop evaluates the composite's formula in the same order and precision, so the two agree
/// to the last bit; operands that are not dense tensors of one real dtype and shape also take the
/// composite.
enum FusedRule {
    /// `g * (1 - y * y)`, the rule of `y = tanh(x)`.
    static func tanh(g: Variable, y: Variable) throws -> Variable? { try map(TanhRule.self, g, y) }

    /// `g * y * (1 - y)`, the rule of `y = sigmoid(x)`.
    static func sigmoid(g: Variable, y: Variable) throws -> Variable? { try map(SigmoidRule.self, g, y) }

    /// `g * sign(y)`, the rule of `y = relu(x)`.
    static func relu(g: Variable, y: Variable) throws -> Variable? { try map(ReluRule.self, g, y) }

    /// `Rule` applied to `g[i], y[i]` into a new constant, or `nil` when the composite must run.
    private static func map<Rule: FusedElementRule>(_ rule: Rule.Type, _ g: Variable, _ y: Variable) throws -> Variable? {
        guard !GradMode.isEnabled, g.shape == y.shape, g.dtype == y.dtype else { return nil }
        let result: Tensor?
        switch g.dtype {
        case .f32: result = try zip(Rule.self, g.value, y.value, Float.self)
        case .f64: result = try zip(Rule.self, g.value, y.value, Double.self)
        default: result = nil
        }
        return result.map(Variable.constant)
    }

    private static func zip<Rule: FusedElementRule, T: TensorScalar & BinaryFloatingPoint>(
        _ rule: Rule.Type, _ first: Tensor, _ second: Tensor, _ type: T.Type
    ) throws -> Tensor? {
        let fused: Tensor?? = try first.withDenseElements(as: T.self) { left in
            try second.withDenseElements(as: T.self) { right in
                try Tensor.dense(first.shape, of: T.self) { out in
                    guard let a = left.baseAddress, let b = right.baseAddress, let c = out.baseAddress else { return }
                    for index in 0..<out.count { c[index] = Rule.apply(a[index], b[index]) }
                }
            }
        }
        return fused ?? nil
    }
}

/// One fused rule's per-element formula, a type so that the loop is specialised for it (a
/// closure would be called per element).
protocol FusedElementRule {
    static func apply<T: BinaryFloatingPoint>(_ g: T, _ y: T) -> T
}

enum TanhRule: FusedElementRule {
    @inline(__always) static func apply<T: BinaryFloatingPoint>(_ g: T, _ y: T) -> T { g * (1 - y * y) }
}

enum SigmoidRule: FusedElementRule {
    @inline(__always) static func apply<T: BinaryFloatingPoint>(_ g: T, _ y: T) -> T { g * y * (1 - y) }
}

/// `y` is positive, zero or NaN, so `sign(y)` is 1 where `y > 0` and `y` itself elsewhere (0, or
/// a NaN that then reaches the gradient, as with `sign`).
enum ReluRule: FusedElementRule {
    @inline(__always) static func apply<T: BinaryFloatingPoint>(_ g: T, _ y: T) -> T { g * (y > 0 ? 1 : y) }
}
