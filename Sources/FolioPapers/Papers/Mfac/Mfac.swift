// M-FAC: Efficient Matrix-Free Approximations of Second-Order Information.
// Elias Frantar, Eldar Kurtic, Dan Alistarh. NeurIPS 2021. arXiv:2107.03356.
//
// Implemented, following the official code (IST-DASLab/M-FAC: prun.py `HInvFastBatch`/`HInvFastBlock`,
// optim.py `HInvFastUpMulti`, `MFAC`) for F = λI + (1/m) Σ gᵢgᵢᵀ:
// - `mfac.Static` (static algorithm, optionally blocked) with ihvp / diag / element, and `mfac.ihvp`
//   (differentiable in x, not in G);
// - `mfac.obs_prune`: OBS saliencies w²/(2[F⁻¹]_qq) and the summed single-weight updates −w_q F⁻¹e_q/[F⁻¹]_qq
//   of the k least salient weights (one shot; no multi-weight correction, as the paper's one-shot pruning);
// - `mfac.Dynamic`: the sliding window with zero-initialised rows (so denominators use m from the first
//   step), the unpivoted LU of λ⁻¹GGᵀ + mI and the triangular recursion for B, recomputed per update;
// - the optimizer: `mfac.scale_by_mfac` is an optax-style transformation (the window lives in the
//   transformation state), `mfac.MFAC(params, ...)` = chain(add_decayed_weights, scale_by_mfac,
//   averaged momentum, −lr), step for step `optim.MFAC.step`.
// Decisions and deviations:
// - Everything is computed in float64 (the official optimizer uses float32 buffers); updates are cast back
//   to the parameters' dtype.
// - `setup` recomputes every row of B, where the official code starts at the ring index (the rows before it
//   are unchanged, so the result is identical).
// - `obs_prune` takes `block:` (as `Static`) so the demo can use the blocked inverse; `delta` is the summed
//   update (apply `(w + delta) * mask`).
// - No CUDA kernel; `ngrads` must be in 1...1024 (the official CUDA path allows ≤ 1024 too): each update costs
//   O(m³) for the coefficients (Swift loops) and O(dm) for the products.
import FolioAutograd
import FolioNN
import FolioRuntime
import FolioTensor
import Foundation

public enum Mfac {
    typealias Argument = PaperPrimitive.Argument

    public static let paper = Paper(
        number: 35, key: "mfac",
        citation: Citation(title: "M-FAC: Efficient Matrix-Free Approximations of Second-Order Information",
                           authors: ["Elias Frantar", "Eldar Kurtic", "Dan Alistarh"],
                           year: 2021, arXiv: "2107.03356", venue: "NeurIPS 2021"),
        summary: """
            The inverse of a damped empirical Fisher built from m gradients can be applied to a vector in O(dm) \
            without ever forming a d×d matrix, by unrolling the Woodbury recursion. A static version gives \
            Optimal-Brain-Surgeon pruning statistics for millions of weights; a dynamic sliding-window version \
            yields a second-order optimizer (M-FAC) at a few times SGD's cost.
            """,
        status: "complete (float64 CPU implementation; no CUDA kernel)",
        functions: [ihvp, obsPrune, scaleByMFACTransform],
        objects: [staticInverse, dynamic, mfacOptimizer])

    // MARK: Arguments

    /// G as f64 (m, d) values, checked.
    static func gradients(_ arguments: BoundArguments, _ index: Int) throws -> (values: [Double], m: Int, d: Int) {
        let name = arguments.functionName
        let g = try arguments.variable(index).value
        guard g.rank == 2 else { throw FolioError(.ShapeError, "\(name): G must be (m, d) gradients, got shape \(formatShape(g.shape))") }
        guard g.shape[0] >= 1, g.shape[1] >= 1 else { throw FolioError(.ValueError, "\(name): G needs m >= 1 gradients of d >= 1 entries, got shape \(formatShape(g.shape))") }
        let values = g.toArray()
        guard values.allSatisfy(\.isFinite) else { throw FolioError(.ValueError, "\(name): gradients must be finite") }
        return (values, g.shape[0], g.shape[1])
    }

    static func damp(_ arguments: BoundArguments, _ index: Int) throws -> Double {
        let value = try arguments.double(index, default: 1e-5)
        guard value > 0, value.isFinite else { throw FolioError(.ValueError, "\(arguments.functionName): damp must be > 0, got \(value)") }
        return value
    }

    static func block(_ arguments: BoundArguments, _ index: Int) throws -> Int? {
        guard let size = try arguments.optionalInt(index) else { return nil }
        guard size >= 1 else { throw FolioError(.ValueError, "\(arguments.functionName): block must be at least 1, got \(size)") }
        return size
    }

    /// A length-`length` vector (any shape with that many entries is flattened).
    static func vector(_ arguments: BoundArguments, _ index: Int, length: Int) throws -> Variable {
        let x = try arguments.variable(index)
        guard x.count == length else {
            throw FolioError(.ShapeError, "\(arguments.functionName): \(arguments.parameters[index].name) must have d = \(length) entries, got shape \(formatShape(x.shape))")
        }
        return try x.reshape([length])
    }

    static func values(_ arguments: BoundArguments, _ index: Int, length: Int) throws -> [Double] {
        let values = try vector(arguments, index, length: length).value.toArray()
        guard values.allSatisfy(\.isFinite) else { throw FolioError(.ValueError, "\(arguments.functionName): values must be finite") }
        return values
    }

    static func coordinate(_ arguments: BoundArguments, _ index: Int, dimension: Int) throws -> Int {
        let value = try arguments.int(index, default: 0)
        guard (0..<dimension).contains(value) else {
            throw FolioError(.IndexError, "\(arguments.functionName): index \(value) is out of range for d = \(dimension)")
        }
        return value
    }

    static func wrap(_ values: [Double]) -> Value { TensorConversion.wrap(Variable(Tensor(values, dtype: .f64))) }

    static func windowSize(_ arguments: BoundArguments, _ index: Int) throws -> Int {
        let value = try arguments.int(index, default: 1024)
        guard (1...1024).contains(value) else {
            throw FolioError(.ValueError, "\(arguments.functionName): \(arguments.parameters[index].name) must be between 1 and 1024, got \(value)")
        }
        return value
    }
}
