import FolioNN
import FolioTensor

extension Mfac {
    /// The M-FAC preconditioner as an optax-style transformation: the incoming updates of all parameters,
    /// flattened and concatenated (only the initially non-zero entries with `sparse`), enter the
    /// sliding window and leave as F_window⁻¹ g (`optim.MFAC.step` between weight decay and momentum).
    /// The window lives in the state's slots, so a failed step leaves it untouched.
    public static func scaleByMFAC(ngrads: Int, damp: Double, sparse: Bool) -> GradientTransformation {
        GradientTransformation(initialize: { params in
            let flat = params.flatMap { $0.toArray() }
            let mask = flat.map { sparse && $0 == 0 ? 0.0 : 1.0 }
            let dimension = Int(mask.reduce(0, +))
            return TransformState(slots: [
                "mfac_grads": [try Tensor.zeros([ngrads, dimension], dtype: .f64)],
                "mfac_dots": [try Tensor.zeros([ngrads, ngrads], dtype: .f64)],
                "mfac_mask": [Tensor(mask, dtype: .f64)],
            ])
        }) { updates, state, _ in
            let grads = try state.slot("mfac_grads")[0]
            let mask = try state.slot("mfac_mask")[0].toArray()
            let dimension = grads.shape[1]
            var window = DynamicInverse(dimension: dimension, count: ngrads, damp: damp, gradients: grads.toArray(),
                                        dots: try state.slot("mfac_dots")[0].toArray(), last: state.count % ngrads)
            let flat = updates.flatMap { $0.toArray() }
            let kept = zip(flat, mask).filter { $0.1 != 0 }.map(\.0)
            let direction = window.updateMul(kept)
            state.slots["mfac_grads"] = [try Tensor(window.gradients, shape: [ngrads, dimension], dtype: .f64)]
            state.slots["mfac_dots"] = [try Tensor(window.dots, shape: [ngrads, ngrads], dtype: .f64)]
            state.count += 1
            var expanded = [Double](repeating: 0, count: flat.count)
            var next = 0
            for index in expanded.indices where mask[index] != 0 {
                expanded[index] = direction[next]
                next += 1
            }
            var offset = 0
            return try updates.map { update in
                let part = Array(expanded[offset..<(offset + update.count)])
                offset += update.count
                return try Tensor(part, shape: update.shape, dtype: update.dtype)
            }
        }
    }

    /// M-FAC's momentum, an exponential average: v = μv + (1 − μ)u (not PyTorch SGD's v = μv + u).
    public static func averagedMomentum(_ momentum: Double) -> GradientTransformation {
        GradientTransformation(initialize: { params in
            TransformState(slots: ["velocity": params.map { $0.zerosLike() }])
        }) { updates, state, _ in
            let velocities = try zip(try state.slot("velocity"), updates).map { try $0 * momentum + $1 * (1 - momentum) }
            state.slots["velocity"] = velocities
            state.count += 1
            return velocities
        }
    }

    /// `optim.MFAC`: g + weight_decay·θ, then the window's F⁻¹g, then momentum, then θ ← θ − lr·u.
    public static func optimizer(lr: Double, momentum: Double, weightDecay: Double, ngrads: Int, damp: Double,
                                 sparse: Bool) -> GradientTransformation {
        var parts = [addDecayedWeights(weightDecay), scaleByMFAC(ngrads: ngrads, damp: damp, sparse: sparse)]
        if momentum > 0 { parts.append(averagedMomentum(momentum)) }
        parts.append(scaleByLearningRate(.constant(lr)))
        return chain(parts)
    }
}
