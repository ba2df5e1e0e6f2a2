import FolioAutograd
import FolioTensor

/// Elementwise functions: one primitive each, or a composite of primitives (so all differentiate).
extension TensorMethods {
    static let elementwise: [BuiltinFunction] = unaryFunctions + [clamp, maximum, minimum]

    private static let unaryTable: [(String, String, (Variable) throws -> Variable)] = [
        ("abs", "|x|, elementwise.", { try $0.abs() }),
        ("sign", "-1, 0 or 1 by the sign of x.", { try $0.sign() }),
        ("exp", "e^x, elementwise.", { try $0.exp() }),
        ("log", "The natural logarithm ln x.", { try $0.log() }),
        ("log2", "The base-2 logarithm ln x / ln 2.", { try $0.log() / naturalLogOfTwo }),
        ("log10", "The base-10 logarithm ln x / ln 10.", { try $0.log() / naturalLogOfTen }),
        ("log1p", "ln(1 + x), accurate for small x.", { try $0.log1p() }),
        ("expm1", "e^x - 1, accurate for small x.", { try $0.expm1() }),
        ("sqrt", "The square root.", { try $0.sqrt() }),
        ("rsqrt", "1 / sqrt(x).", { try $0.rsqrt() }),
        ("sin", "The sine (radians).", { try $0.sin() }),
        ("cos", "The cosine (radians).", { try $0.cos() }),
        ("tan", "The tangent (radians).", { try $0.tan() }),
        ("asin", "The arc sine.", { try $0.asin() }),
        ("acos", "The arc cosine.", { try $0.acos() }),
        ("atan", "The arc tangent.", { try $0.atan() }),
        ("sinh", "The hyperbolic sine.", { try $0.sinh() }),
        ("cosh", "The hyperbolic cosine.", { try $0.cosh() }),
        ("tanh", "The hyperbolic tangent.", { try $0.tanh() }),
        ("asinh", "The inverse hyperbolic sine.", { try $0.asinh() }),
        ("acosh", "The inverse hyperbolic cosine.", { try $0.acosh() }),
        ("atanh", "The inverse hyperbolic tangent.", { try $0.atanh() }),
        ("sigmoid", "The logistic function σ(x) = 1 / (1 + e^-x).", { try $0.sigmoid() }),
        ("erf", "The error function.", { try $0.erf() }),
        ("relu", "max(x, 0).", { try $0.relu() }),
        ("softplus", "ln(1 + e^x), computed stably.", { try $0.softplus() }),
        ("silu", "x σ(x) (also called swish).", { try $0.silu() }),
        ("gelu", "x Φ(x), the Gaussian error linear unit (exact erf form).", { try $0.gelu() }),
        ("floor", "The largest integer not above x (same dtype).", { try $0.floor() }),
        ("ceil", "The smallest integer not below x (same dtype).", { try $0.ceil() }),
        ("isnan", "True where x is NaN.", { try $0.apply(.isnan) }),
        ("isfinite", "True where x is neither infinite nor NaN.", { try $0.apply(.isfinite) }),
    ]

    private static let naturalLogOfTwo = 0.6931471805599453
    private static let naturalLogOfTen = 2.302585092994046

    static let unaryFunctions: [BuiltinFunction] = unaryTable.map { name, summary, function in
        op(name, [x], DocEntry(summary, details: "Elementwise on a tensor; also accepts numbers and nested arrays.",
                               example: "\(name)(tensor([0.25, 0.5]))")) { arguments in
            try function(try arguments.variable(0))
        }
    } + [round]

    /// Round half to even; `digits:` rounds to that many decimals, as NumPy's `round`.
    static let round = op("round", [x, Parameter("digits", .labelled, defaultText: "nil")],
                          DocEntry("Rounds half to even, elementwise.", details: "With `digits: d`: round(x · 10^d) / 10^d.",
                                   example: "round(tensor([0.5, 1.5, 2.25]), digits: 1)")) { arguments in
        let tensor = try arguments.variable(0)
        guard let digits = try arguments.optionalInt(1) else { return try tensor.round() }
        let factor = pow10(digits)
        return try ((tensor * factor).round()) / factor
    }

    private static func pow10(_ digits: Int) -> Double {
        var factor = 1.0
        for _ in 0..<Swift.abs(digits) { factor *= 10 }
        return digits < 0 ? 1 / factor : factor
    }

    static let clamp = op("clamp", [x, Parameter("min", .labelled, defaultText: "nil"), Parameter("max", .labelled, defaultText: "nil")],
                          DocEntry("Limits x to [min, max]; either bound may be omitted.",
                                   details: "clamp(x) = min(max(x, lower), upper); the gradient is 1 inside the range and 0 outside.",
                                   example: "clamp(tensor([-2.0, 0.5, 3.0]), min: 0, max: 1)")) { arguments in
        try arguments.variable(0).clamp(min: try arguments.optionalDouble(1), max: try arguments.optionalDouble(2))
    }

    static let maximum = op("maximum", [Parameter("a"), Parameter("b")],
                            DocEntry("The elementwise larger of a and b, with broadcasting.",
                                     example: "maximum(tensor([1, 5]), tensor([3, 2]))")) { arguments in
        try arguments.variable(0).maximum(try arguments.variable(1))
    }

    static let minimum = op("minimum", [Parameter("a"), Parameter("b")],
                            DocEntry("The elementwise smaller of a and b, with broadcasting.",
                                     example: "minimum(tensor([1, 5]), 3)")) { arguments in
        try arguments.variable(0).minimum(try arguments.variable(1))
    }
}
