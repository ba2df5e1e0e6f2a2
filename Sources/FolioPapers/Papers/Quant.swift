// A Survey of Quantization Methods for Efficient Neural Network Inference.
// Amir Gholami, Sehoon Kim, Zhen Dong, Zhewei Yao, Michael W. Mahoney, Kurt Keutzer. 2021. arXiv:2103.13630.
//
// Implemented (the survey's Sec. III formulas; no official code): quantization parameters for asymmetric and
// symmetric (full and restricted range) uniform quantization (`quant.qparams`), quantize/dequantize,
// fake quantization with the straight-through estimator (`quant.fake_quant`, layer `quant.FakeQuant` for
// quantization-aware training), range calibration by min/max or percentiles (`quant.calibrate`), stochastic
// rounding, and dyadic (integer-only) requantization (`quant.to_dyadic`, `quant.requantize`).
// Decisions:
// - Int(·) is round half to even (np.rint, torch.round), Q(r) = clamp(Int(r/S) − Z, qmin, qmax), r̃ = S·(Q + Z),
//   asymmetric Z = Int(α/S) so that Q(α) = 0 on the unsigned grid [0, 2^b − 1].
// - STE: d Int(x)/dx := 1, as the survey states; the clamp keeps its ordinary derivative (1 where
//   qmin ≤ Int(r/S) − Z ≤ qmax, boundaries included, else 0) — Folio's convention, as PyTorch's clamp.
//   The gradient flows to r only: S and Z are treated as constants (a calibrated range, not learned).
// - calibrate(axis:) returns α, β with the reduced axes kept (size 1), so they broadcast against r directly.
//   Percentiles interpolate linearly between order statistics, as np.percentile.
// - FakeQuant (a layer without parameters): in training it calibrates α, β on each batch (per tensor) and
//   stores them in its buffers `alpha`, `beta`; in evaluation it uses the buffers. The range is widened to
//   include 0 (as PyTorch's observers do), so zero is exactly representable; a constant zero input passes through.
// - requantize: (acc·b + 2^{c−1}) >> c in 64-bit integers with an arithmetic shift (round half up); an
//   overflow of acc·b (or of the rounding addition) is an error, not a wrap-around.
import FolioAutograd
import FolioNN
import FolioRuntime
import FolioTensor
import Foundation

public enum Quant {
    typealias Argument = PaperPrimitive.Argument

    public static let paper = Paper(
        number: 26, key: "quant",
        citation: Citation(title: "A Survey of Quantization Methods for Efficient Neural Network Inference",
                           authors: ["Amir Gholami", "Sehoon Kim", "Zhen Dong", "Zhewei Yao", "Michael W. Mahoney", "Kurt Keutzer"],
                           year: 2021, arXiv: "2103.13630", venue: "Low-Power Computer Vision (2022)"),
        summary: """
            A survey of quantizing neural networks to low-precision integers: uniform affine and symmetric \
            quantizers, range calibration, post-training quantization versus quantization-aware training with the \
            straight-through estimator, stochastic rounding, and integer-only inference with dyadic rescaling. Below \
            about 4 bits post-training quantization degrades sharply; calibration and fine-tuning recover much of it.
            """,
        functions: [qparamsBuiltin, quantizeBuiltin, dequantizeBuiltin, fakeQuantBuiltin, calibrateBuiltin,
                    stochasticRoundBuiltin, toDyadicBuiltin, requantizeBuiltin],
        objects: [fakeQuantLayerBuiltin])

    /// Scale, zero point and integer grid of a uniform quantizer.
    public struct Parameters {
        public let scale: Tensor
        public let zero: Tensor
        public let qmin: Int
        public let qmax: Int
    }

    // MARK: Math

    /// S, Z and the grid for the range [α, β] (tensors broadcast against each other; float64 for numbers).
    public static func parameters(alpha: Tensor, beta: Tensor, bits: Int, symmetric: Bool, restricted: Bool,
                                  function: String = "quant.qparams") throws -> Parameters {
        guard (2...32).contains(bits) else {
            throw FolioError(.ValueError, "\(function): bits must be between 2 and 32, got \(bits)")
        }
        let finite = try alpha.isfinite().all().item().doubleValue != 0 && beta.isfinite().all().item().doubleValue != 0
        guard finite else { throw FolioError(.ValueError, "\(function): the range [alpha, beta] must be finite") }
        let levels = Double(1 << bits)  // 2^b
        if symmetric {
            let m = try alpha.abs().maximum(beta.abs())
            guard try m.min().item().doubleValue > 0 else {
                throw FolioError(.ValueError, "\(function): the range is 0 (max(|alpha|, |beta|) = 0), so the scale would be 0")
            }
            let half = Int(levels / 2)
            let scale = restricted ? try m / Double(half - 1) : try m * 2 / (levels - 1)
            let low = restricted ? -(half - 1) : -half
            return Parameters(scale: scale, zero: try scale.zerosLike(), qmin: low, qmax: half - 1)
        }
        let width = try beta - alpha
        guard try width.min().item().doubleValue > 0 else {
            throw FolioError(.ValueError, "\(function): beta must be greater than alpha for asymmetric quantization")
        }
        let scale = try width / (levels - 1)
        let zero = try (alpha / scale).round()
        return Parameters(scale: scale, zero: zero, qmin: 0, qmax: Int(levels) - 1)
    }

    /// Q(r) = clamp(Int(r/S) − Z, qmin, qmax), as integers (i64).
    public static func quantize(_ r: Tensor, _ p: Parameters) throws -> Tensor {
        let scaled = try (r.cast(to: .f64) / p.scale.cast(to: .f64)).round() - p.zero.cast(to: .f64)
        let clamped = try scaled.maximum(scaled.fullLike(Double(p.qmin))).minimum(scaled.fullLike(Double(p.qmax)))
        return clamped.cast(to: .i64)
    }

    /// r̃ = S·(q + Z), in the scale's dtype.
    public static func dequantize(_ q: Tensor, scale: Tensor, zero: Tensor) throws -> Tensor {
        let dtype = scale.dtype.floatingType
        return try scale.cast(to: dtype) * (q.cast(to: dtype) + zero.cast(to: dtype))
    }

    /// dequantize(quantize(r)) with the straight-through estimator for Int and the clamp's own derivative.
    public static func fakeQuantize(_ r: Variable, _ p: Parameters) throws -> Variable {
        let dtype = r.dtype.floatingType
        let source = try r.cast(to: dtype)
        let scale = Variable.constant(p.scale.cast(to: dtype))
        let zero = Variable.constant(p.zero.cast(to: dtype))
        let x = try source / scale - zero
        let rounded = try x + Variable.constant(x.value.round() - x.value)  // value Int(x), derivative 1 (STE)
        let low = Variable.constant(try rounded.value.fullLike(Double(p.qmin)))
        let high = Variable.constant(try rounded.value.fullLike(Double(p.qmax)))
        let clamped = try Variable.select(rounded .< low, low, Variable.select(rounded .> high, high, rounded))
        return try (clamped + zero) * scale
    }

    /// floor(x) + [u < x − floor(x)]: rounds up with probability x − floor(x).
    public static func stochasticRound(_ x: Tensor, uniforms u: Tensor) throws -> Tensor {
        let source = try x.cast(to: x.dtype.floatingType)
        let low = try source.floor()
        let up = try u.cast(to: source.dtype).compare(.lt, source - low).cast(to: source.dtype)
        return try low + up
    }

    /// b = Int(m·2^c) with c = cBits, so b/2^c ≈ m.
    public static func toDyadic(_ m: Double, cBits: Int) throws -> (b: Int, c: Int) {
        guard m > 0, m.isFinite else { throw FolioError(.ValueError, "quant.to_dyadic: m must be positive and finite, got \(m)") }
        guard (0...62).contains(cBits) else { throw FolioError(.ValueError, "quant.to_dyadic: c_bits must be between 0 and 62, got \(cBits)") }
        let product = (m * Foundation.pow(2, Double(cBits))).rounded(.toNearestOrEven)
        guard product < 9.2e18 else {
            throw FolioError(.ValueError, "quant.to_dyadic: m·2^c_bits = \(product) does not fit in 64 bits; use fewer c_bits")
        }
        return (Int(product), cBits)
    }

    /// (acc·b + 2^{c−1}) >> c in 64-bit integers; overflow is an error.
    public static func requantize(_ accumulators: [Int], b: Int, c: Int) throws -> [Int] {
        guard (0...62).contains(c) else { throw FolioError(.ValueError, "quant.requantize: c must be between 0 and 62, got \(c)") }
        let half = c > 0 ? 1 << (c - 1) : 0
        return try accumulators.enumerated().map { index, acc in
            let (product, overflow) = acc.multipliedReportingOverflow(by: b)
            let (sum, overflowSum) = product.addingReportingOverflow(half)
            guard !overflow, !overflowSum else {
                throw FolioError(.ValueError, "quant.requantize: acc·b overflows 64 bits at index \(index) (acc = \(acc), b = \(b))")
            }
            return sum >> c
        }
    }

    /// The p-th percentile of sorted values with linear interpolation (np.percentile's default).
    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard let first = sorted.first else { return .nan }
        let position = p / 100 * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return lower >= sorted.count - 1 ? (sorted.last ?? first) : sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
    }

    /// (α, β) by min/max or percentiles p and 100 − p; per channel along `axis` (kept with size 1) or per tensor.
    public static func calibrate(_ r: Tensor, percentile p: Double?, axis: Int?) throws -> (alpha: Tensor, beta: Tensor) {
        let source = try r.cast(to: r.dtype.floatingType)
        guard source.count > 0 else { throw FolioError(.ValueError, "quant.calibrate: r is empty") }
        let shape = source.shape
        var channels = 1, axisIndex = 0, rows: [[Double]]
        if let axis {
            axisIndex = axis < 0 ? axis + shape.count : axis
            guard shape.indices.contains(axisIndex) else {
                throw FolioError(.IndexError, "quant.calibrate: axis \(axis) is out of range for shape \(formatShape(shape))")
            }
            channels = shape[axisIndex]
            let order = [axisIndex] + shape.indices.filter { $0 != axisIndex }
            let moved = try source.permute(order).contiguous().reshape([channels, -1])
            let values = moved.toArray()
            let width = channels > 0 ? values.count / channels : 0
            rows = (0..<channels).map { Array(values[($0 * width)..<(($0 + 1) * width)]) }
        } else {
            rows = [source.toArray()]
        }
        var lows: [Double] = [], highs: [Double] = []
        for row in rows {
            if let p {
                let sorted = row.sorted()
                lows.append(percentile(sorted, 100 - p))
                highs.append(percentile(sorted, p))
            } else {
                lows.append(row.min() ?? .nan)
                highs.append(row.max() ?? .nan)
            }
        }
        var outShape: [Int] = []
        if axis != nil { outShape = shape.indices.map { $0 == axisIndex ? channels : 1 } }
        let alpha = try Tensor(lows, shape: outShape, dtype: source.dtype)
        let beta = try Tensor(highs, shape: outShape, dtype: source.dtype)
        return (alpha, beta)
    }
}
