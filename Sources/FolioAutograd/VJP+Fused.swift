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

    /// `y * (g - sum(g * y))` along the last axis, the rule of `y = softmax(x)`: per row, one
    /// pass for the sum and one writing the result into a fresh buffer. The row sums are
    /// interleaved (`dot`), so they may differ from the composite's `sum` in the last bits.
    static func softmax(g: Variable, y: Variable, axis: Int) throws -> Variable? {
        guard !GradMode.isEnabled, g.shape == y.shape, g.dtype == y.dtype, y.rank >= 1, y.count > 0,
              axis == -1 || axis == y.rank - 1 else { return nil }
        let length = y.shape[y.rank - 1]
        let result: Tensor?
        switch g.dtype {
        case .f32: result = try projectedRows(g.value, y.value, length: length, Float.self)
        case .f64: result = try projectedRows(g.value, y.value, length: length, Double.self)
        default: result = nil
        }
        return result.map(Variable.constant)
    }

    /// `y * (g - sum(g * y))` per row of `length` into a new tensor; nil when `g` or `y` is not
    /// dense.
    private static func projectedRows<T: TensorScalar & BinaryFloatingPoint>(
        _ g: Tensor, _ y: Tensor, length: Int, _ type: T.Type
    ) throws -> Tensor? {
        let fused: Tensor?? = try g.withDenseElements(as: T.self) { cotangent in
            try y.withDenseElements(as: T.self) { probabilities in
                try Tensor.dense(y.shape, of: T.self) { out in
                    // Equal shapes (checked by the caller), so the three buffers have one count.
                    guard let gradient = cotangent.baseAddress, let p = probabilities.baseAddress, let result = out.baseAddress else { return }
                    for start in stride(from: 0, to: out.count, by: length) {
                        let total = dot(gradient, p, start..<start + length)
                        for index in start..<start + length { result[index] = p[index] * (gradient[index] - total) }
                    }
                }
            }
        }
        return fused ?? nil
    }

    /// `Σ a[i] b[i]` over `range` in four interleaved partial sums: one running sum is a chain of
    /// dependent adds (the rule's loops on 128 rows of 1000 f32 took 120 us with it, 60 without).
    private static func dot<T: BinaryFloatingPoint>(_ a: UnsafePointer<T>, _ b: UnsafePointer<T>, _ range: Range<Int>) -> T {
        var (first, second, third, fourth): (T, T, T, T) = (0, 0, 0, 0)
        var index = range.lowerBound
        while index + 4 <= range.upperBound {
            first += a[index] * b[index]
            second += a[index + 1] * b[index + 1]
            third += a[index + 2] * b[index + 2]
            fourth += a[index + 3] * b[index + 3]
            index += 4
        }
        while index < range.upperBound {
            first += a[index] * b[index]
            index += 1
        }
        return (first + second) + (third + fourth)
    }

    /// `g - exp(y) * sum(g)` along the last axis, the rule of `y = logSoftmax(x)`: `exp(y)` by
    /// the SIMD kernel into a fresh buffer, then one pass per row writing the result over it.
    /// Row sums run in order, so for long rows they may differ from the composite's `sum` in the
    /// last bits (the elementwise rules above agree exactly).
    static func logSoftmax(g: Variable, y: Variable, axis: Int) throws -> Variable? {
        guard !GradMode.isEnabled, g.shape == y.shape, g.dtype == y.dtype, y.rank >= 1, y.count > 0,
              axis == -1 || axis == y.rank - 1 else { return nil }
        let length = y.shape[y.rank - 1]
        var result = try y.value.exp()
        let done: Bool?
        switch g.dtype {
        case .f32: done = subtractScaledRows(&result, g.value, length: length, Float.self)
        case .f64: done = subtractScaledRows(&result, g.value, length: length, Double.self)
        default: done = nil
        }
        return done == true ? Variable.constant(result) : nil
    }

    /// `g - e * sum(g)` per row of `length`, written into `e` (which the caller owns); nil when
    /// `e` is not uniquely owned or `g` is not dense.
    private static func subtractScaledRows<T: TensorScalar & BinaryFloatingPoint>(
        _ exponentials: inout Tensor, _ g: Tensor, length: Int, _ type: T.Type
    ) -> Bool? {
        let written: Bool?? = exponentials.withUniquelyOwnedElements(as: T.self) { e in
            g.withDenseElements(as: T.self) { cotangent in
                guard let out = e.baseAddress, let gradient = cotangent.baseAddress, cotangent.count == e.count else { return false }
                for start in stride(from: 0, to: e.count, by: length) {
                    var total: T = 0
                    for index in start..<start + length { total += gradient[index] }
                    for index in start..<start + length { out[index] = gradient[index] - out[index] * total }
                }
                return true
            }
        }
        return written ?? nil
    }

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
