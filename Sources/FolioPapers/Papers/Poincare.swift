// Poincaré ResNet. Max van Spengler, Erwin Berkhout, Pascal Mettes. ICCV 2023. arXiv:2303.14027.
//
// Implemented, following the official code (maxvanspengler/poincare-resnet at fbbbbf8,
// models/manifolds/math/{diffgeom,linreg,midpoint}.py, models/nn/modules/{convolution,batchnorm}.py):
// the ball geometry (Möbius addition, projection, exp/log maps at 0 and at x, gyration, parallel
// transport, distance) with the code's clamps (norms ≥ 1e-15, denominators ≥ 1e-15) and projection eps
// (4e-3 for Float32, 1e-5 for Float64); the HNN++ hyperplane distances and fully connected map; the
// Poincaré Linear and Conv2d layers with identity initialisation (Z = ½I); the Poincaré midpoint, the
// Fréchet variance, midpoint batch normalisation (function and BatchNorm2d layer); the Möbius residual; the
// `poincare.ResNet` of models/resnets/hyperbolic.py (Poincare+ResNet.swift).
// Everything is built from differentiable ops, so autodiff replaces the paper's manual backward passes.
// The Fréchet-mean batch normalisation (`midpoint: false`) runs Lou et al.'s iteration (frechet_mean.py) as
// differentiable ops, so its gradient is that of the unrolled iteration (which tends to the implicit-function
// gradient the official backward computes as the iteration converges), not the inverse-Hessian formula.
// Not implemented: learnable curvature.
// Decisions on the spec's doubts and deviations:
// - λ_x in the hyperplane distance is 2/(1 − c‖x‖²) (HNN++, hypll), not the `2 * (1 - c * x²)` of
//   poincare-resnet's linreg.py: only this form makes the identity initialisation exact.
// - fc ends with `project`, as the spec states (the ball's fully_connected), so outputs stay in the ball.
// - Conv2d's output size is the unfold's, (H + 2p − k)//s + 1; the code's (H − k + 1 + 2p)//s agrees with it
//   whenever the reshape there succeeds.
// - BatchNorm uses batch statistics in training and evaluation alike (the official running buffers are
//   never updated or read), so the layer keeps no running statistics.
// - ResNet: the official block applies expmap0 / mobius_add / logmap0 with dim=-1 to NCHW maps, so the Möbius
//   skip runs along the width axis, not the channels; we keep that (it is what was trained). Its AvgPool2d(8)
//   (8×8 maps for 32×32 CIFAR inputs) is a global average here, so smaller inputs work too.
// - Norms are sqrt(max(‖x‖², 1e-30)), equal to the code's max(‖x‖, 1e-15), so that a zero vector (after a ReLU)
//   gets gradient 0 as with PyTorch's norm instead of NaN.
// - logmap0, logmap and dist reject points with c‖x‖² ≥ 1 ("poincare: point outside the ball") instead of
//   returning NaN; frechet_variance returns a 0-d tensor (a reduction).
import FolioAutograd
import FolioNN
import FolioRuntime
import FolioTensor
import Foundation

public enum Poincare {
    typealias Argument = PaperPrimitive.Argument

    // MARK: Helpers

    static func last(_ x: Variable) -> Int { x.rank - 1 }

    static func squaredNorm(_ x: Variable) throws -> Variable { try (x * x).sum(axes: [last(x)], keepDims: true) }

    static func inner(_ x: Variable, _ y: Variable) throws -> Variable { try (x * y).sum(axes: [max(last(x), last(y))], keepDims: true) }

    /// max(‖x‖, 1e-15), written sqrt(max(‖x‖², 1e-30)) so a zero vector gets gradient 0 (as PyTorch's norm
    /// backward gives) instead of 0·∞ = NaN through sqrt at 0.
    static func clampedNorm(_ x: Variable) throws -> Variable { try squaredNorm(x).clamp(min: 1e-30).sqrt() }

    /// The conformal factor λ_x = 2/(1 − c‖x‖²), denominator clamped at 1e-15.
    static func lambda(_ x: Variable, c: Double) throws -> Variable {
        let denominator = try (1.0 - squaredNorm(x) * c).clamp(min: 1e-15)
        return try 2.0 / denominator
    }

    /// The code's projection eps: 4e-3 for Float32, 1e-5 for Float64.
    public static func defaultEps(_ dtype: DType) -> Double { dtype == .f64 ? 1e-5 : 4e-3 }

    /// Throws unless every vector has c‖x‖² < 1.
    static func requireInside(_ x: Variable, c: Double, function: String) throws {
        let worst = try noGrad { try (squaredNorm(x) * c).max().item() }
        guard worst < 1 else {
            throw FolioError(.ValueError, "\(function): poincare: point outside the ball (c‖x‖² = \(worst) ≥ 1)")
        }
    }

    // MARK: Ball geometry

    /// x ⊕_c y.
    public static func mobiusAdd(_ x: Variable, _ y: Variable, c: Double) throws -> Variable {
        let x2 = try squaredNorm(x), y2 = try squaredNorm(y), xy = try inner(x, y)
        let twoCxy = try xy * (2 * c)
        let xFactor = try 1.0 + twoCxy + y2 * c
        let yFactor = try 1.0 - x2 * c
        let numerator = try xFactor * x + yFactor * y
        let denominator = try 1.0 + twoCxy + x2 * y2 * (c * c)
        return try numerator / denominator.clamp(min: 1e-15)
    }

    /// Rescales vectors longer than (1 − eps)/√c to that norm.
    public static func project(_ x: Variable, c: Double, eps: Double? = nil) throws -> Variable {
        let maxNorm = (1 - (eps ?? defaultEps(x.dtype))) / c.squareRoot()
        let norm = try clampedNorm(x)
        let projected = try x / norm * maxNorm
        return try Variable.select(norm .> maxNorm, projected, x)
    }

    public static func expmap0(_ v: Variable, c: Double) throws -> Variable {
        let scaled = try clampedNorm(v) * c.squareRoot()
        return try project(scaled.tanh() * v / scaled, c: c)
    }

    public static func logmap0(_ y: Variable, c: Double) throws -> Variable {
        let scaled = try clampedNorm(y) * c.squareRoot()
        return try scaled.atanh() * y / scaled
    }

    public static func expmap(_ x: Variable, _ v: Variable, c: Double) throws -> Variable {
        let vNorm = try clampedNorm(v)
        let root = c.squareRoot()
        let angle = try lambda(x, c: c) * vNorm * (root / 2)
        let second = try angle.tanh() * v / (vNorm * root)
        return try project(mobiusAdd(x, second, c: c), c: c)
    }

    public static func logmap(_ x: Variable, _ y: Variable, c: Double) throws -> Variable {
        let difference = try mobiusAdd(-x, y, c: c)
        let norm = try clampedNorm(difference)
        let root = c.squareRoot()
        let scale = try 2.0 / (lambda(x, c: c) * root)
        return try scale * (norm * root).atanh() * difference / norm
    }

    /// gyr[u, v]w in closed form.
    public static func gyration(_ u: Variable, _ v: Variable, _ w: Variable, c: Double) throws -> Variable {
        let u2 = try squaredNorm(u), v2 = try squaredNorm(v)
        let uv = try inner(u, v), uw = try inner(u, w), vw = try inner(v, w)
        let c2 = c * c
        let a = try (uw * v2) * (-c2) + vw * c + (uv * vw) * (2 * c2)
        let b = try (vw * u2) * (-c2) - uw * c
        let d = try 1.0 + uv * (2 * c) + (u2 * v2) * c2
        let shift = try (a * u + b * v) * 2.0 / d.clamp(min: 1e-15)
        return try w + shift
    }

    /// Parallel transport of v from T_x to T_y: gyr[y, −x]v · λ_x/λ_y.
    public static func transp(_ x: Variable, _ y: Variable, _ v: Variable, c: Double) throws -> Variable {
        try gyration(y, -x, v, c: c) * lambda(x, c: c) / lambda(y, c: c)
    }

    /// d_c(x, y) = (2/√c)·artanh(√c‖−x ⊕ y‖), over the last axis.
    public static func dist(_ x: Variable, _ y: Variable, c: Double) throws -> Variable {
        let root = c.squareRoot()
        let difference = try mobiusAdd(-x, y, c: c)
        let norm = try (difference * difference).sum(axes: [difference.rank - 1]).clamp(min: 1e-30).sqrt()
        return try (norm * root).atanh() * (2 / root)
    }

    // MARK: HNN++ layer

    /// v_k(x) = (2‖z_k‖/√c)·asinh(√c λ_x⟨x, z_k/‖z_k‖⟩cosh(2√c r_k) − (λ_x − 1)sinh(2√c r_k)).
    public static func hyperplaneDists(_ x: Variable, z: Variable, r: Variable?, c: Double) throws -> Variable {
        let root = c.squareRoot()
        let lam = try lambda(x, c: c)
        let zNorm = try (z * z).sum(axes: [0]).clamp(min: 1e-30).sqrt()
        let projection = try lam * root / zNorm * x.matmul(z)
        var argument = projection
        if let r {
            let twice = try r * (2 * root)
            argument = try projection * twice.cosh() - (lam - 1.0) * twice.sinh()
        }
        return try zNorm * (2 / root) * argument.asinh()
    }

    /// The Poincaré FC map: w = sinh(√c v)/√c, y = project(w/(1 + √(1 + c‖w‖²))).
    public static func fullyConnected(_ x: Variable, z: Variable, bias: Variable?, c: Double) throws -> Variable {
        let root = c.squareRoot()
        let w = try (hyperplaneDists(x, z: z, r: bias, c: c) * root).sinh() / root
        let denominator = try 1.0 + (1.0 + squaredNorm(w) * c).sqrt()
        return try project(w / denominator, c: c)
    }

    // MARK: Statistics

    /// The Poincaré (gyro)midpoint over `axis`, kept as an axis of size 1.
    public static func midpoint(_ x: Variable, c: Double, axis: Int) throws -> Variable {
        let gammaSquared = try 1.0 / (1.0 - squaredNorm(x) * c).clamp(min: 1e-15)
        let numerator = try (gammaSquared * x).sum(axes: [axis], keepDims: true)
        let half = Double(x.shape[axis]) / 2
        let denominator = try gammaSquared.sum(axes: [axis], keepDims: true) - half
        let m = try numerator / denominator
        let gammaM = try 1.0 / (1.0 - squaredNorm(m) * c).sqrt().clamp(min: 1e-15)
        return try gammaM / (gammaM + 1.0) * m
    }

    /// The Fréchet mean argmin_μ Σ_i d_c(x_i, μ)² of points x (N, n), kept as (1, n): Lou et al.'s
    /// fixed-point iteration (the official frechet_mean.py), from μ = x_0 until the step is below
    /// 1e-12 (f64) / 1e-6 (f32), absolute or relative, at most `maxIterations` steps.
    public static func frechetMean(_ x: Variable, c: Double, maxIterations: Int = 1000) throws -> Variable {
        let tolerance = x.dtype == .f64 ? 1e-12 : 1e-6
        let pointSquares = try squaredNorm(x)
        let pointFactor = try 1.0 - pointSquares * c
        var mu = try x.slice([.range(start: 0, stop: 1, step: 1)])
        for _ in 0..<maxIterations {
            let previous = mu.value
            let ratio = try squaredNorm(x - mu) * c / (pointFactor * (1.0 - squaredNorm(mu) * c))
            let safe = try ratio.clamp(min: 1e-12)
            let derivative = try (safe * 2.0 + 1.0).acosh() * 2.0 / (safe * safe + safe).sqrt()
            let alphas = try Variable.select(ratio .< 1e-12, derivative * 0.0 + 4.0, derivative) / pointFactor
            let a = try alphas.sum(axes: [0], keepDims: true)
            let b = try (alphas * x).sum(axes: [0], keepDims: true)
            let weighted = try (alphas * pointSquares).sum(axes: [0], keepDims: true) * c
            let shifted = try a + weighted
            // η = (A − √(A² − 4c‖b‖²))/(2c‖b‖²) written as 2/(A + √(A² − 4c‖b‖²)): equal, and finite when b = 0.
            let root = try (shifted * shifted - squaredNorm(b) * (4 * c)).clamp(min: 0).sqrt()
            mu = try 2.0 / (shifted + root) * b
            let step = try noGrad { try (mu.value - previous).reshape([-1]) }
            let stepNorm = step.toArray().reduce(0) { $0 + $1 * $1 }.squareRoot()
            let previousNorm = previous.toArray().reduce(0) { $0 + $1 * $1 }.squareRoot()
            if stepNorm < tolerance || stepNorm < tolerance * previousNorm { break }
        }
        return mu
    }

    /// mean_i d_c(x_i, μ)² over the batch axis 0.
    public static func frechetVariance(_ x: Variable, mean mu: Variable, c: Double) throws -> Variable {
        let distance = try dist(x, mu, c: c)
        return try (distance * distance).mean()
    }

    /// Midpoint batch normalisation of tangent vectors (batch, C): re-centred at expmap0(mean),
    /// rescaled to Fréchet variance `variance`, returned as tangent vectors at 0.
    public static func batchNorm(vectors v: Variable, mean: Variable, variance: Variable, c: Double,
                                 useMidpoint: Bool = true) throws -> Variable {
        let x = try expmap0(v, c: c)
        let target = try expmap0(mean, c: c)
        let centre = try useMidpoint ? midpoint(x, c: c, axis: 0) : frechetMean(x, c: c)
        let spread = try frechetVariance(x, mean: centre, c: c)
        let moved = try transp(centre, target, logmap(centre, x, c: c), c: c)
        let scale = try (variance / (spread + 1e-6)).sqrt()
        return try logmap0(expmap(target, moved * scale, c: c), c: c)
    }

    /// `batchNorm` on NCHW tangent maps (channel axis 1), the batch being N·H·W.
    public static func batchNorm2d(_ v: Variable, mean: Variable, variance: Variable, c: Double, useMidpoint: Bool = true) throws -> Variable {
        let (n, channels, height, width) = (v.shape[0], v.shape[1], v.shape[2], v.shape[3])
        let flat = try v.permute([0, 2, 3, 1]).reshape([n * height * width, channels])
        let normalised = try batchNorm(vectors: flat, mean: mean, variance: variance, c: c, useMidpoint: useMidpoint)
        return try normalised.reshape([n, height, width, channels]).permute([0, 3, 1, 2])
    }

    /// logmap0(expmap0(fx) ⊕ expmap0(res)) along the last axis ("rf" swaps the operands).
    public static func residual(_ fx: Variable, _ res: Variable, c: Double, order: String) throws -> Variable {
        let (first, second) = order == "rf" ? (res, fx) : (fx, res)
        return try logmap0(mobiusAdd(expmap0(first, c: c), expmap0(second, c: c), c: c), c: c)
    }

    /// B(a, ½) via log-gamma.
    static func betaHalf(_ a: Double) -> Double { Foundation.exp(lgamma(a) + lgamma(0.5) - lgamma(a + 0.5)) }

    /// The β-concatenation scale B(cin·k²/2, ½)/B(cin/2, ½).
    public static func betaScale(inChannels: Int, kernelCount: Int) -> Double {
        betaHalf(Double(inChannels * kernelCount) / 2) / betaHalf(Double(inChannels) / 2)
    }

    /// The Poincaré convolution of NCHW tangent maps: β-scale, unfold, expmap0 per patch, fc, logmap0 over channels.
    public static func conv2d(_ x: Variable, weights: Variable, bias: Variable?, kernel: Int, stride: Int, padding: Int,
                              c: Double) throws -> Variable {
        let inChannels = x.shape[1]
        let geometry = try ConvolutionGeometry(kernel: [kernel, kernel], stride: [stride], padding: [padding], op: "poincare.conv2d")
        let output = try geometry.outputSize(for: [x.shape[2], x.shape[3]], op: "poincare.conv2d")
        let scaled = try x * betaScale(inChannels: inChannels, kernelCount: kernel * kernel)
        let patches = try scaled.im2col(geometry).transpose(1, 2)
        let mapped = try fullyConnected(expmap0(patches, c: c), z: weights, bias: bias, c: c)
        let outChannels = weights.shape[1]
        let maps = try mapped.transpose(1, 2).reshape([x.shape[0], outChannels, output[0], output[1]])
        return try logmap0(maps.permute([0, 2, 3, 1]), c: c).permute([0, 3, 1, 2])
    }
}
