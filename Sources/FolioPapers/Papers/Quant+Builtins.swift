import FolioAutograd
import FolioNN
import FolioRuntime
import FolioTensor
import Foundation

/// The builtins of `quant`.
extension Quant {
    static let quantizeFormula = #"Q(r) = \mathrm{clamp}\left(\mathrm{Int}(r/S) - Z,\ q_{min},\ q_{max}\right)"#
    static let quantizeFormulaText = "Q(r) = clamp(Int(r/S) − Z, qmin, qmax), Int = round half to even"

    /// A number (as float64) or a tensor.
    static func tensor(_ value: Value, _ function: String, _ name: String) throws -> Tensor {
        if case .int(let number) = value { return try Tensor([Double(number)], shape: [], dtype: .f64) }
        if case .double(let number) = value { return try Tensor([number], shape: [], dtype: .f64) }
        return try TensorConversion.tensor(from: value, dtype: nil, name: "\(function): \(name)")
    }

    /// bits, symmetric, restricted at `index`, `index + 1`, `index + 2`, and the parameters for [α, β].
    static func parameters(_ arguments: BoundArguments, alpha: Tensor, beta: Tensor, bitsIndex index: Int) throws -> Parameters {
        let bits = try arguments.int(index, default: 8)
        let symmetric = try arguments.bool(index + 1, default: false)
        let restricted = try arguments.bool(index + 2, default: false)
        if restricted && !symmetric {
            throw FolioError(.ValueError, "\(arguments.functionName): restricted: true needs symmetric: true")
        }
        return try parameters(alpha: alpha, beta: beta, bits: bits, symmetric: symmetric, restricted: restricted,
                              function: arguments.functionName)
    }

    static let qparamsBuiltin = PaperPrimitive.function(
        "quant.qparams",
        [Argument("alpha"), Argument("beta"), Argument("bits", .labelled, defaultText: "8"),
         Argument("symmetric", .labelled, defaultText: "false"), Argument("restricted", .labelled, defaultText: "false")],
        DocEntry("Scale, zero point and integer grid {scale, zero, qmin, qmax} of a uniform quantizer for the range [alpha, beta].",
                 details: """
                    Asymmetric: S = (β − α)/(2^b − 1), Z = Int(α/S) (so Q(α) = 0), grid [0, 2^b − 1]. Symmetric (Z = 0, \
                    m = max(|α|, |β|)): full range S = 2m/(2^b − 1) on [−2^{b−1}, 2^{b−1} − 1]; restricted range \
                    S = m/(2^{b−1} − 1) on [−(2^{b−1} − 1), 2^{b−1} − 1]. alpha and beta may be tensors (per channel, \
                    broadcastable against the data). Survey Sec. III (uniform quantization, symmetric quantization).
                    """,
                 example: "quant.qparams(-1.0, 3.0, bits: 4)",
                 formula: #"S = \frac{\beta - \alpha}{2^b - 1},\quad Z = \mathrm{Int}(\alpha / S)"#,
                 formulaText: "S = (β − α)/(2^b − 1), Z = Int(α/S)")
    ) { arguments, _ in
        let name = arguments.functionName
        let p = try parameters(arguments, alpha: tensor(arguments.value(0), name, "alpha"),
                               beta: tensor(arguments.value(1), name, "beta"), bitsIndex: 2)
        return .record(Record(fields: ["scale", "zero", "qmin", "qmax"],
                              values: [TensorConversion.wrap(Variable(p.scale)), TensorConversion.wrap(Variable(p.zero)),
                                       .int(p.qmin), .int(p.qmax)]))
    }

    static let quantizeBuiltin = PaperPrimitive.function(
        "quant.quantize",
        [Argument("r"), Argument("scale"), Argument("zero"), Argument("qmin"), Argument("qmax")],
        DocEntry("Uniform quantization to integers: clamp(Int(r/S) − Z, qmin, qmax), with Int rounding half to even.",
                 details: "Returns an i64 tensor. Not differentiable (integer output); `quant.fake_quant` is the differentiable form.",
                 example: "let p = quant.qparams(-1.0, 3.0, bits: 4)\nquant.quantize(tensor([-1.0, 0.0, 1.3, 5.0]), p.scale, p.zero, p.qmin, p.qmax)",
                 formula: quantizeFormula, formulaText: quantizeFormulaText)
    ) { arguments, _ in
        let name = arguments.functionName
        let qmin = try arguments.int(3, default: 0), qmax = try arguments.int(4, default: 0)
        guard qmin <= qmax else { throw FolioError(.ValueError, "\(name): qmin (\(qmin)) must not exceed qmax (\(qmax))") }
        let scale = try tensor(arguments.value(1), name, "scale")
        guard try scale.min().item().doubleValue > 0 else { throw FolioError(.ValueError, "\(name): scale must be positive") }
        let p = Parameters(scale: scale, zero: try tensor(arguments.value(2), name, "zero"), qmin: qmin, qmax: qmax)
        return TensorConversion.wrap(Variable(try quantize(tensor(arguments.value(0), name, "r"), p)))
    }

    static let dequantizeBuiltin = PaperPrimitive.function(
        "quant.dequantize",
        [Argument("q"), Argument("scale"), Argument("zero")],
        DocEntry("Dequantization r̃ = S·(q + Z).",
                 details: "q is an integer tensor from `quant.quantize` (or any numbers); the result has the scale's floating dtype.",
                 example: "let p = quant.qparams(-1.0, 3.0, bits: 4)\nlet q = quant.quantize(tensor([-1.0, 0.0, 1.3]), p.scale, p.zero, p.qmin, p.qmax)\nquant.dequantize(q, p.scale, p.zero)",
                 formula: #"\tilde r = S\,(Q(r) + Z)"#, formulaText: "r̃ = S·(Q(r) + Z)")
    ) { arguments, _ in
        let name = arguments.functionName
        return TensorConversion.wrap(Variable(try dequantize(tensor(arguments.value(0), name, "q"),
                                                              scale: tensor(arguments.value(1), name, "scale"),
                                                              zero: tensor(arguments.value(2), name, "zero"))))
    }

    /// α or β as given, or a 1-D vector put on `axis` of r.
    static func rangeTensor(_ value: Value, like r: Variable, axis: Int?, _ function: String, _ name: String) throws -> Tensor {
        let given = try tensor(value, function, name)
        guard let axis else { return given }
        let resolved = axis < 0 ? axis + r.rank : axis
        guard (0..<r.rank).contains(resolved) else {
            throw FolioError(.IndexError, "\(function): axis \(axis) is out of range for shape \(formatShape(r.shape))")
        }
        let channels = r.shape[resolved]
        if given.count == channels && (given.rank <= 1 || given.shape == r.shape.indices.map { $0 == resolved ? channels : 1 }) {
            return try given.reshape(r.shape.indices.map { $0 == resolved ? channels : 1 })
        }
        throw FolioError(.ShapeError, "\(function): with axis: \(axis), \(name) must have \(channels) values, got shape \(formatShape(given.shape))")
    }

    static let fakeQuantBuiltin = PaperPrimitive.tensorFunction(
        "quant.fake_quant",
        [Argument("r"), Argument("alpha", .labelled), Argument("beta", .labelled), Argument("bits", .labelled, defaultText: "8"),
         Argument("symmetric", .labelled, defaultText: "false"), Argument("restricted", .labelled, defaultText: "false"),
         Argument("axis", .labelled, defaultText: "nil")],
        DocEntry("Fake quantization dequantize(quantize(r)) for the range [alpha, beta], differentiable with the straight-through estimator.",
                 details: """
                    The gradient treats Int as the identity (STE, as the survey) and keeps the clamp's derivative: 1 where \
                    qmin ≤ Int(r/S) − Z ≤ qmax, else 0 (Folio's convention, as PyTorch's clamp). The range is a \
                    constant: no gradient reaches alpha or beta. With `axis:`, alpha and beta are per-channel vectors \
                    along that axis of r.
                    """,
                 example: "quant.fake_quant(tensor([-2.0, -0.3, 0.4, 2.5]), alpha: -1.0, beta: 2.0, bits: 3)",
                 formula: #"\tilde r = S\left(\mathrm{clamp}(\mathrm{Int}(r/S) - Z, q_{min}, q_{max}) + Z\right)"#,
                 formulaText: "r̃ = S·(clamp(Int(r/S) − Z, qmin, qmax) + Z), ∂Int/∂x := 1")
    ) { arguments, _ in
        let name = arguments.functionName
        let r = try arguments.variable(0)
        let axis = try arguments.optionalInt(6)
        let alpha = try rangeTensor(arguments.value(1), like: r, axis: axis, name, "alpha")
        let beta = try rangeTensor(arguments.value(2), like: r, axis: axis, name, "beta")
        return try fakeQuantize(r, parameters(arguments, alpha: alpha, beta: beta, bitsIndex: 3))
    }

    static let calibrateBuiltin = PaperPrimitive.function(
        "quant.calibrate",
        [Argument("r"), Argument("method", .labelled, defaultText: "\"minmax\""),
         Argument("percentile", .labelled, defaultText: "99.99"), Argument("axis", .labelled, defaultText: "nil")],
        DocEntry("A clipping range (alpha, beta) for r: its min and max, or its (100 − p)-th and p-th percentiles.",
                 details: """
                    method: "minmax" or "percentile" (linear interpolation as np.percentile). With `axis:` the range is \
                    per channel along that axis (a reduction over every other axis) and keeps the reduced axes with size \
                    1, so it broadcasts against r.
                    """,
                 example: "quant.calibrate(randn(1000, seed: 0), method: \"percentile\", percentile: 99.0)",
                 formula: #"\alpha = P_{100-p}(r),\ \beta = P_{p}(r)"#, formulaText: "α = P_{100−p}(r), β = P_p(r) (or min, max)")
    ) { arguments, _ in
        let name = arguments.functionName
        let method = try arguments.string(1, default: "minmax")
        guard method == "minmax" || method == "percentile" else {
            throw FolioError(.ValueError, "\(name): method must be \"minmax\" or \"percentile\", got \"\(method)\"")
        }
        let p = try arguments.double(2, default: 99.99)
        guard p >= 50, p <= 100 else { throw FolioError(.ValueError, "\(name): percentile must be in [50, 100], got \(p)") }
        let range = try calibrate(tensor(arguments.value(0), name, "r"), percentile: method == "percentile" ? p : nil,
                                  axis: arguments.optionalInt(3))
        return .record(Record(fields: ["alpha", "beta"],
                              values: [TensorConversion.wrap(Variable(range.alpha)), TensorConversion.wrap(Variable(range.beta))]))
    }

    static let stochasticRoundBuiltin = PaperPrimitive.function(
        "quant.stochastic_round",
        [Argument("x"), Argument("u", .labelled, defaultText: "nil"), PaperPrimitive.seedArgument],
        DocEntry("Stochastic rounding: floor(x) with probability ceil(x) − x, else ceil(x), so the mean is x.",
                 details: """
                    Computed as floor(x) + [u < x − floor(x)] with uniforms u in [0, 1): pass them as `u:` (x's shape), \
                    or they are drawn from the session's generator (or `seed:`).
                    """,
                 example: "quant.stochastic_round(tensor([0.3, 0.3, 0.3, 1.5]), seed: 0)",
                 formula: #"\mathrm{Int}(x) = \lfloor x \rfloor + [u < x - \lfloor x \rfloor]"#,
                 formulaText: "Int(x) = floor(x) + [u < x − floor(x)], u ~ U[0, 1)")
    ) { arguments, context in
        let name = arguments.functionName
        let x = try tensor(arguments.value(0), name, "x")
        let u: Tensor
        if let given = arguments[1], !given.isNone {
            u = try tensor(given, name, "u")
            guard u.shape == x.shape else {
                throw FolioError(.ShapeError, "\(name): u must have x's shape \(formatShape(x.shape)), got \(formatShape(u.shape))")
            }
        } else {
            let seed = try arguments.optionalInt(2).map { UInt64(bitPattern: Int64($0)) }
            u = try context.random(seed: seed) { try Tensor.rand(x.shape, dtype: .f64, generator: &$0) }
        }
        return TensorConversion.wrap(Variable(try stochasticRound(x, uniforms: u)))
    }

    static let toDyadicBuiltin = PaperPrimitive.function(
        "quant.to_dyadic",
        [Argument("m"), Argument("c_bits", .labelled, defaultText: "31")],
        DocEntry("A dyadic number b/2^c ≈ m for integer-only rescaling: {b, c} with b = Int(m·2^c), c = c_bits.",
                 details: "m must be positive; b must fit in 64 bits. Used with `quant.requantize`.",
                 example: "quant.to_dyadic(0.0123456)",
                 formula: #"m \approx \frac{b}{2^c},\quad b = \mathrm{Int}(m\,2^c)"#, formulaText: "m ≈ b / 2^c, b = Int(m·2^c)")
    ) { arguments, _ in
        let m = try arguments.double(0, default: 0)
        let (b, c) = try toDyadic(m, cBits: arguments.int(1, default: 31))
        return .record(Record(fields: ["b", "c"], values: [.int(b), .int(c)]))
    }

    static let requantizeBuiltin = PaperPrimitive.function(
        "quant.requantize",
        [Argument("acc"), Argument("b"), Argument("c")],
        DocEntry("Integer-only rescaling of accumulators by the dyadic b/2^c: (acc·b + 2^{c−1}) >> c in 64-bit integers.",
                 details: "The arithmetic shift rounds half up. acc holds whole numbers (an i64 tensor, an array or a number); an overflow of acc·b is an error.",
                 example: "let d = quant.to_dyadic(0.0123456)\nquant.requantize(tensor([141, -226, 1000]), d.b, d.c)",
                 formula: #"\left(\mathrm{acc}\cdot b + 2^{c-1}\right) \gg c"#, formulaText: "(acc·b + 2^{c−1}) >> c")
    ) { arguments, _ in
        let name = arguments.functionName
        let acc = try tensor(arguments.value(0), name, "acc")
        let integers: [Int]
        if acc.dtype == .i64 {
            integers = acc.toArray(of: Int64.self).map { Int($0) }  // exact, no detour through Double
        } else {
            let values = acc.toArray()
            guard values.allSatisfy({ $0.rounded() == $0 && Swift.abs($0) < 9.2e18 }) else {
                throw FolioError(.ValueError, "\(name): acc must hold whole numbers that fit in 64 bits")
            }
            integers = values.map { Int($0) }
        }
        let result = try requantize(integers, b: arguments.int(1, default: 0), c: arguments.int(2, default: 0))
        return TensorConversion.wrap(Variable(try Tensor(integers: result.map { Int64($0) }, shape: acc.shape)))
    }

    static let fakeQuantLayerBuiltin = PaperPrimitive.layer(
        "quant.FakeQuant",
        [Argument("bits", .labelled, defaultText: "8"), Argument("symmetric", .labelled, defaultText: "false"),
         Argument("calib", .labelled, defaultText: "\"minmax\""), Argument("percentile", .labelled, defaultText: "99.99")],
        DocEntry("A fake-quantization layer for quantization-aware training: calibrates its range on each training batch, fake-quantizes with the STE.",
                 details: """
                    In training mode it sets its buffers alpha, beta to the batch's range (calib: "minmax" or \
                    "percentile"), widened to include 0, then applies `quant.fake_quant` per tensor; after `net.eval()` \
                    it uses the stored range. No parameters. Before any training batch the range is [0, 0] and the layer \
                    passes its input through.
                    """,
                 example: "let net = Sequential([Linear(2, 8, seed: 0), quant.FakeQuant(bits: 4), ReLU(), Linear(8, 1, seed: 1)])\nnet(randn(5, 2, seed: 2)).shape",
                 formula: #"\tilde r = S\left(\mathrm{clamp}(\mathrm{Int}(r/S) - Z, q_{min}, q_{max}) + Z\right)"#,
                 formulaText: "r̃ = S·(clamp(Int(r/S) − Z, qmin, qmax) + Z)")
    ) { arguments, _ in
        let bits = try arguments.int(0, default: 8)
        guard (2...32).contains(bits) else { throw FolioError(.ValueError, "quant.FakeQuant: bits must be between 2 and 32, got \(bits)") }
        let calib = try arguments.string(2, default: "minmax")
        guard calib == "minmax" || calib == "percentile" else {
            throw FolioError(.ValueError, "quant.FakeQuant: calib must be \"minmax\" or \"percentile\", got \"\(calib)\"")
        }
        let p = try arguments.double(3, default: 99.99)
        guard p >= 50, p <= 100 else { throw FolioError(.ValueError, "quant.FakeQuant: percentile must be in [50, 100], got \(p)") }
        return try FakeQuantLayer(bits: bits, symmetric: arguments.bool(1, default: false), percentile: calib == "percentile" ? p : nil)
    }
}

/// Quantization-aware training's fake quantizer: per-tensor range from each training batch, kept for evaluation.
public final class FakeQuantLayer: Module {
    public let bits: Int
    public let symmetric: Bool
    /// nil: min/max calibration.
    public let percentile: Double?

    public init(bits: Int, symmetric: Bool, percentile: Double?) throws {
        self.bits = bits
        self.symmetric = symmetric
        self.percentile = percentile
        super.init()
        register(buffer: try Tensor([0], shape: [], dtype: .f32), named: "alpha")
        register(buffer: try Tensor([0], shape: [], dtype: .f32), named: "beta")
    }

    public override var layerDescription: String { "quant.FakeQuant(bits: \(bits)\(symmetric ? ", symmetric: true" : ""))" }

    public override func forward(_ input: Variable) throws -> Variable {
        if isTraining {
            let range = try Quant.calibrate(input.value, percentile: percentile, axis: nil)
            let low = Swift.min(try range.alpha.item().doubleValue, 0)
            let high = Swift.max(try range.beta.item().doubleValue, 0)
            register(buffer: try Tensor([low], shape: [], dtype: .f32), named: "alpha")
            register(buffer: try Tensor([high], shape: [], dtype: .f32), named: "beta")
        }
        guard let alpha = buffer(named: "alpha"), let beta = buffer(named: "beta") else { return input }
        let low = try alpha.item().doubleValue, high = try beta.item().doubleValue
        guard high > low, low.isFinite, high.isFinite else { return input }
        let p = try Quant.parameters(alpha: alpha.cast(to: .f64), beta: beta.cast(to: .f64), bits: bits, symmetric: symmetric,
                                     restricted: false, function: "quant.FakeQuant")
        return try Quant.fakeQuantize(input, p)
    }
}
