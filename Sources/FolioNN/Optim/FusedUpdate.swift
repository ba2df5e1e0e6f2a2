import FolioTensor

/// One-pass parameter updates: the `fusedStep` of the transformations `sgd`, `adam` and `adamw`
/// build (see `GradientTransformation.fusedStep`).
///
/// Composed, one SGD step allocates a tensor per transform per parameter (`g * -lr`, then
/// `p + u`); Adam allocates about ten. Fused, a step reads each parameter and gradient once and
/// writes the new parameter once; moment and momentum buffers are rewritten in place when the
/// optimiser state is their only holder (a user's handle on `state` keeps them unchanged). Each
/// loop evaluates the composed formula in the same order and precision (scalars rounded to the
/// parameter's dtype as weak scalars are), so both paths give the same numbers.
enum FusedUpdate {
    /// The settings of one SGD step (after the schedule has been read).
    struct SGDSettings {
        var weightDecay: Double
        var momentum: Double
        var nesterov: Bool
        var factor: Double
    }

    /// The settings of one Adam step.
    struct AdamSettings {
        var weightDecay: Double
        /// AdamW: decay added after the preconditioning instead of to the gradient.
        var decoupled: Bool
        var beta1: Double
        var beta2: Double
        var epsilon: Double
        var firstCorrection: Double
        var secondCorrection: Double
        var factor: Double
    }

    /// True when every parameter, gradient and state buffer is an `f32` or `f64` tensor of its
    /// parameter's shape and dtype, and parameters and buffers are dense: the case the loops
    /// handle (a strided gradient is made dense first, see `withOperands`).
    static func applies(_ params: [Tensor], _ gradients: [Tensor], buffers: [[Tensor]]) -> Bool {
        guard !params.isEmpty, gradients.count == params.count else { return false }
        for (index, param) in params.enumerated() {
            guard param.dtype == .f32 || param.dtype == .f64, gradients[index].dtype == param.dtype,
                  gradients[index].shape == param.shape else { return false }
            var operands = [param]
            for buffer in buffers {
                guard buffer.count == params.count else { return false }
                operands.append(buffer[index])
            }
            guard operands.allSatisfy({ $0.dtype == param.dtype && $0.shape == param.shape && $0.isContiguous }) else {
                return false
            }
        }
        return true
    }

    /// The value of `param` after an SGD step without momentum, into `result` (see `withOperands`).
    static func sgd(param: Tensor, gradient: Tensor, into result: inout Tensor?, _ settings: SGDSettings) throws {
        switch param.dtype {
        case .f64: try sgd(param, gradient, nil, &result, settings, Double.self)
        default: try sgd(param, gradient, nil, &result, settings, Float.self)
        }
    }

    /// The value of `param` after an SGD step with momentum, updating its `trace`.
    static func sgd(param: Tensor, gradient: Tensor, trace: inout Tensor, into result: inout Tensor?,
                    _ settings: SGDSettings) throws {
        try withUnsafeMutablePointer(to: &trace) { trace in
            switch param.dtype {
            case .f64: try sgd(param, gradient, trace, &result, settings, Double.self)
            default: try sgd(param, gradient, trace, &result, settings, Float.self)
            }
        }
    }

    private static func sgd<T: TensorScalar & BinaryFloatingPoint>(_ param: Tensor, _ gradient: Tensor,
                                                                   _ trace: UnsafeMutablePointer<Tensor>?,
                                                                   _ result: inout Tensor?,
                                                                   _ settings: SGDSettings, _ type: T.Type) throws {
        let decay = T(settings.weightDecay), momentum = T(settings.momentum), factor = T(settings.factor)
        let hasDecay = settings.weightDecay != 0, nesterov = settings.nesterov
        try withOperands(param, gradient, &result, T.self) { p, g, out, count in
            guard let trace else {
                Parallel.forEachChunk(count: count, costPerItem: 1) { range in
                    for index in range {
                        let update = hasDecay ? g[index] + p[index] * decay : g[index]
                        out[index] = p[index] + update * factor
                    }
                }
                return
            }
            try rewrite(&trace.pointee, T.self) { old, new in
                Parallel.forEachChunk(count: count, costPerItem: 1) { range in
                    for index in range {
                        let update = hasDecay ? g[index] + p[index] * decay : g[index]
                        let traced = old[index] * momentum + update
                        new[index] = traced
                        let step = nesterov ? update + traced * momentum : traced
                        out[index] = p[index] + step * factor
                    }
                }
            }
        }
    }

    /// The value of `param` after an Adam step, into `result`, updating its moments `mu` and `nu`.
    static func adam(param: Tensor, gradient: Tensor, mu: inout Tensor, nu: inout Tensor, into result: inout Tensor?,
                     _ settings: AdamSettings) throws {
        switch param.dtype {
        case .f64: try adam(param, gradient, &mu, &nu, &result, settings, Double.self)
        default: try adam(param, gradient, &mu, &nu, &result, settings, Float.self)
        }
    }

    private static func adam<T: TensorScalar & BinaryFloatingPoint>(_ param: Tensor, _ gradient: Tensor, _ mu: inout Tensor,
                                                                    _ nu: inout Tensor, _ result: inout Tensor?,
                                                                    _ settings: AdamSettings, _ type: T.Type) throws {
        let decay = T(settings.weightDecay), factor = T(settings.factor), epsilon = T(settings.epsilon)
        let beta1 = T(settings.beta1), keep1 = T(1 - settings.beta1)
        let beta2 = T(settings.beta2), keep2 = T(1 - settings.beta2)
        let correction1 = T(settings.firstCorrection), correction2 = T(settings.secondCorrection)
        let coupled = settings.weightDecay != 0 && !settings.decoupled
        let decoupled = settings.weightDecay != 0 && settings.decoupled
        try withOperands(param, gradient, &result, T.self) { p, g, out, count in
            try rewrite(&mu, T.self) { oldFirst, first in
                try rewrite(&nu, T.self) { oldSecond, second in
                    Parallel.forEachChunk(count: count, costPerItem: 4) { range in
                        for index in range {
                            let update = coupled ? g[index] + p[index] * decay : g[index]
                            let m = oldFirst[index] * beta1 + update * keep1
                            let v = oldSecond[index] * beta2 + (update * update) * keep2
                            first[index] = m
                            second[index] = v
                            let denominator = (v / correction2).squareRoot() + epsilon
                            var step = (m / correction1) / denominator
                            if decoupled { step = step + p[index] * decay }
                            out[index] = p[index] + step * factor
                        }
                    }
                }
            }
        }
    }

    /// Runs `body(param, gradient, newParam, count)` on dense pointers and leaves the new
    /// parameter in `result`. A tensor passed in `result` (the optimiser's parameter buffer of
    /// two steps ago) is written over when it has the right shape and dtype and no other holder;
    /// otherwise a fresh buffer is allocated (a fresh multi-megabyte buffer costs a page fault per
    /// 4 KB on its first write).
    private static func withOperands<T: TensorScalar>(
        _ param: Tensor, _ gradient: Tensor, _ result: inout Tensor?, _ type: T.Type,
        _ body: (UnsafePointer<T>, UnsafePointer<T>, UnsafeMutablePointer<T>, Int) throws -> Void
    ) throws {
        let dense = gradient.contiguous()
        let write = { (out: UnsafeMutableBufferPointer<T>) throws -> Void in
            guard let destination = out.baseAddress else { return }
            let done: Void?? = try param.withDenseElements(as: T.self) { p in
                try dense.withDenseElements(as: T.self) { g in
                    guard let p = p.baseAddress, let g = g.baseAddress else { return }
                    try body(p, g, destination, out.count)
                }
            }
            guard case .some(.some) = done else {
                throw NNError.invalidArgument("fused optimiser step: parameter and gradient must be dense \(T.dtype) tensors")
            }
        }
        if var reused = result, reused.shape == param.shape {
            result = nil  // so that `reused` is the only handle
            if try reused.withUniquelyOwnedElements(as: T.self, write) != nil {
                result = reused
                return
            }
        }
        result = try Tensor.dense(param.shape, of: T.self, write)
    }

    /// Runs `body(old, new)` to rewrite `buffer`: in place (`old == new`) when the caller holds
    /// its only reference, else into a fresh buffer that replaces it.
    private static func rewrite<T: TensorScalar>(_ buffer: inout Tensor, _ type: T.Type,
                                                 _ body: (UnsafePointer<T>, UnsafeMutablePointer<T>) throws -> Void) throws {
        let inPlace: Void? = try buffer.withUniquelyOwnedElements(as: T.self) { elements in
            guard let pointer = elements.baseAddress else { return }
            try body(pointer, pointer)
        }
        if inPlace != nil { return }
        let old = buffer.contiguous()
        buffer = try Tensor.dense(old.shape, of: T.self) { new in
            _ = try old.withDenseElements(as: T.self) { source in
                guard let from = source.baseAddress, let to = new.baseAddress else { return }
                try body(from, to)
            }
        }
    }
}
