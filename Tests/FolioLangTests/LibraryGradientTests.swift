@testable import FolioLang
import FolioRuntime
import XCTest

/// Every tensor builtin of the language either passes a float64 central-difference gradcheck run
/// in the language itself (`grad` against differences of the same function), or is listed as not
/// differentiable with its reason. A new builtin fails `testEveryTensorBuiltinIsCheckedOrExcused`
/// until it is one or the other, so no differentiable op can silently cut the graph.
final class LibraryGradientTests: XCTestCase {
    /// The builtins that take or make tensors (plots and autodiff transforms aside).
    static let tensorBuiltins: [BuiltinFunction] = CreationBuiltins.all + RandomBuiltins.all + TensorBuiltins.all + LinalgBuiltins.all
        + ConvolutionBuiltins.all + SpectralBuiltins.all + NNLossBuiltins.all

    /// Builtins without a gradient, each with its reason.
    static let notDifferentiable: [String: String] = {
        var excused: [String: String] = [:]
        for name in ["tensor", "zeros", "ones", "full", "eye", "arange", "linspace", "zeros_like", "ones_like", "full_like"] {
            excused[name] = "creates a tensor from numbers"
        }
        for name in ["seed", "rand", "randn", "randint", "bernoulli", "permutation", "choice", "categorical"] {
            excused[name] = "draws random numbers"
        }
        for name in ["sign", "floor", "ceil", "round", "isnan", "isfinite"] { excused[name] = "piecewise constant or boolean" }
        for name in ["argmax", "argmin", "argsort", "nonzero", "all", "any", "long", "bool"] { excused[name] = "integer or boolean result" }
        for name in ["requires_grad", "backward", "zero_grad", "detach"] { excused[name] = "controls autodiff itself" }
        excused["tolist"] = "leaves tensors for numbers"
        excused["save_npy"] = "writes a file"
        excused["load_npy"] = "reads a file"
        excused["eig"] = "general eigenvectors are complex and have no gradient rule yet"
        return excused
    }()

    /// `sample(shape, k)`, the `det(shape, k)` of CONVENTIONS.md in float64 (`det` is a builtin),
    /// and the gradcheck itself: the scalar `sum(f(x) * w)` with fixed weights, `grad` against
    /// central differences per element; then the values with and without gradients compared.
    static let prelude = """
    func sample(shape, k) {
        var n = 1
        for size in shape { n = n * size }
        sin(arange(n, dtype: "f64") * 0.37 + k).reshape(shape)
    }
    func weights(y) { sample(y.shape, 0.5) + 1.5 }
    func gradcheck(name, f, x0, step, rtol, atol) {
        let scalar = { t in let y = f(t); sum(y * weights(y)) }
        let analytic = grad(scalar)(x0).flatten()
        let basis = eye(x0.size, dtype: "f64")
        var failures = []
        for i in 0..<x0.size {
            let e = basis[i].reshape(x0.shape) * step
            let numeric = (scalar(x0 + e) - scalar(x0 - e)).item / (2 * step)
            let exact = analytic[i].item
            if abs(exact - numeric) > atol + rtol * abs(numeric) { failures.append("[\\(i)] grad \\(exact), differences \\(numeric)") }
        }
        assert(len(failures) == 0, "\\(name): \\(failures)")
        // Kernels without gradients, composites with: both must give the same values.
        let plain = f(x0)
        let traced = f(param(x0 * 1)).detach()
        assert(plain.shape == traced.shape && max(abs(plain - traced)).item <= 1e-10, "\\(name): values differ with gradients on")
    }
    let c3 = sample([3], 1.0)
    let c23 = sample([2, 3], 1.1)
    let c32 = sample([3, 2], 1.2)
    let c33 = sample([3, 3], 1.3)
    let c4 = sample([4], 1.4)
    let c42 = sample([4, 2], 1.5)
    let spd = { x in x @ x.T + eye(3, dtype: "f64") * 3 }
    """

    /// `(name, f, x0)`: the case checks `f` at `x0`. A name's first word is the builtin it
    /// covers ("interpolate bicubic" covers `interpolate`).
    static let cases: [(name: String, function: String, input: String)] = elementwise + reductions + shapes + selection
        + linearAlgebra + convolution + spectral + losses

    static let positive = "sample([2, 3], 0.2) ** 2 + 0.5"
    /// Entries of both signs, away from 0 and from the other constants (no kinks or ties hit).
    static let matrix = "sample([2, 3], 2.5)"

    static let elementwise: [(name: String, function: String, input: String)] = {
        var cases: [(name: String, function: String, input: String)] = []
        for name in ["abs", "exp", "sin", "cos", "tan", "atan", "sinh", "cosh", "tanh", "asinh", "sigmoid", "erf", "relu", "softplus", "silu", "gelu",
                     "expm1"] {
            cases.append((name, "{ x in \(name)(x) }", matrix))
        }
        for name in ["log", "log2", "log10", "log1p", "sqrt", "rsqrt"] { cases.append((name, "{ x in \(name)(x) }", positive)) }
        for name in ["asin", "acos", "atanh"] { cases.append((name, "{ x in \(name)(x * 0.9) }", matrix)) }
        cases.append(("acosh", "{ x in acosh(x + 1.5) }", positive))
        cases.append(("clamp", "{ x in clamp(x, min: -0.5, max: 0.5) }", matrix))
        cases.append(("maximum", "{ x in maximum(x, c23 - 1) }", matrix))
        cases.append(("minimum", "{ x in minimum(c23 - 1, x) }", matrix))
        cases.append(("where", "{ x in where(x > 0, x * 2, c23) }", matrix))
        cases.append(("masked_fill", "{ x in masked_fill(x, c23 > 0, 0.5) }", matrix))
        cases.append(("to", "{ x in x.to(\"f64\") * 2 }", matrix))
        cases.append(("double", "{ x in x.double() * 2 }", matrix))
        cases.append(("clone", "{ x in clone(x) * x }", matrix))
        cases.append(("contiguous", "{ x in contiguous(x.T) * c32 }", matrix))
        return cases
    }()

    static let reductions: [(name: String, function: String, input: String)] = [
        ("sum", "{ x in sum(x, axis: 0) }", matrix), ("mean", "{ x in mean(x, axis: 1) }", matrix),
        ("prod", "{ x in prod(x, axis: 1) }", matrix), ("var", "{ x in x.var(axis: 1, ddof: 1) }", matrix),
        ("std", "{ x in std(x) }", matrix), ("logsumexp", "{ x in logsumexp(x, axis: 0) }", matrix),
        ("norm", "{ x in norm(x, axis: 1) }", matrix), ("min", "{ x in min(x, axis: 1) }", matrix),
        ("max", "{ x in max(x) }", matrix), ("max elementwise", "{ x in max(x, c23 - 1) }", matrix),
        ("cumsum", "{ x in cumsum(x, axis: 1) }", matrix), ("cumprod", "{ x in cumprod(x, axis: 1) }", positive),
        ("softmax", "{ x in softmax(x) }", matrix), ("log_softmax", "{ x in log_softmax(x, axis: 0) }", matrix),
        ("trace", "{ x in trace(x) }", "c33"),
    ]

    static let shapes: [(name: String, function: String, input: String)] = [
        ("reshape", "{ x in reshape(x, 3, 2) * c32 }", matrix), ("flatten", "{ x in flatten(x) }", matrix),
        ("squeeze", "{ x in squeeze(x.reshape(1, 6)) }", matrix), ("unsqueeze", "{ x in unsqueeze(x, 1) * c23.reshape(2, 1, 3) }", matrix),
        ("transpose", "{ x in transpose(x) * c32 }", matrix), ("permute", "{ x in permute(x, 1, 0) * c32 }", matrix),
        ("expand", "{ x in expand(x, 2, 3) }", "c3"), ("split", "{ x in split(x, 2, axis: 1)[1] }", matrix),
        ("chunk", "{ x in chunk(x, 2)[0] }", "c4"), ("flip", "{ x in flip(x, axis: 1) * c23 }", matrix),
        ("roll", "{ x in roll(x, 1, axis: 1) * c23 }", matrix), ("tile", "{ x in tile(x, [2, 1]) }", matrix),
        ("repeat", "{ x in repeat(x, 2, axis: 0) }", matrix), ("tril", "{ x in tril(x) }", "c33"), ("triu", "{ x in triu(x, diagonal: 1) }", "c33"),
        ("cat", "{ x in cat([x, x * x], axis: 1) }", matrix), ("stack", "{ x in stack([x, x * x]) }", matrix),
        ("pad", "{ x in pad(x, [[1, 2]]) }", matrix),
        ("pad reflect", "{ x in pad(x, [[1, 1], [2, 1]], mode: \"reflect\") }", matrix),
        ("pad circular", "{ x in pad(x, [[2, 3]], mode: \"circular\") }", matrix),
        ("pad replicate", "{ x in pad(x, 2, mode: \"replicate\") }", matrix),
    ]

    static let selection: [(name: String, function: String, input: String)] = [
        ("sort", "{ x in sort(x, descending: true) * c23 }", matrix), ("topk", "{ x in topk(x, 2).values }", matrix),
        ("take", "{ x in take(x, [2, 0, 2], axis: 1) }", matrix), ("gather", "{ x in gather(x, [[1, 1], [0, 2]], axis: 1) }", matrix),
        ("scatter_add", "{ x in scatter_add(x, [[0, 0], [2, 1]], x[:, 0:2] * 2, axis: 1) }", matrix),
        ("index_add", "{ x in index_add(x, [0, 2, 0], c33 * x[0, 0], axis: 0) }", "c33"),
    ]

    static let linearAlgebra: [(name: String, function: String, input: String)] = [
        ("matmul", "{ x in matmul(x, c32) }", matrix), ("dot", "{ x in dot(x, c3) }", "c3"), ("outer", "{ x in outer(x, c4) }", "c3"),
        ("einsum", "{ x in einsum(\"ij,jk->ik\", x, x.T) }", matrix), ("einsum trace", "{ x in einsum(\"ii\", x) }", "c33"),
        ("kron", "{ x in kron(x, c32) }", matrix), ("diagonal", "{ x in diagonal(x, offset: 1) }", "c33"),
        ("solve", "{ x in solve(x + eye(3, dtype: \"f64\") * 3, c3) }", "c33"), ("inv", "{ x in inv(x + eye(3, dtype: \"f64\") * 3) }", "c33"),
        ("det", "{ x in det(x + eye(3, dtype: \"f64\")) }", "c33"),
        ("slogdet", "{ x in slogdet(x - eye(3, dtype: \"f64\") * 0.3).logabsdet }", "c33"),
        ("cholesky", "{ x in cholesky(spd(x)) }", "c33"),
        ("qr", "{ x in let f = qr(x); cat([f.q.flatten(), f.r.flatten()]) }", "sample([4, 3], 0.3) + sample([4, 3], 0.3) ** 3 * 0.8"),
        ("svd", "{ x in let f = svd(x); cat([(f.u * f.u).flatten(), f.s, (f.vt * f.vt).flatten()]) }", "sample([4, 3], 0.3) + sample([4, 3], 0.3) ** 3 * 0.8"),
        ("eigh", "{ x in let f = eigh(spd(x)); cat([f.values, (f.vectors * f.vectors).flatten()]) }", "c33"),
        ("pinv", "{ x in pinv(x) }", "sample([4, 3], 0.3) + sample([4, 3], 0.3) ** 3 * 0.8"),
        ("lstsq", "{ x in let r = lstsq(x, c42); cat([r.solution.flatten(), r.residuals, r.singular_values]) }",
         "sample([4, 3], 0.3) + sample([4, 3], 0.3) ** 3 * 0.8"),
    ]

    static let convolution: [(name: String, function: String, input: String)] = [
        ("conv1d", "{ x in conv1d(x, sample([3, 2, 3], 0.4), padding: 1) }", "sample([1, 2, 5], 0.1)"),
        ("conv2d weight and bias", "{ w in conv2d(sample([1, 2, 5, 4], 0.1), w, bias: w[:, 0, 0, 0], stride: 2, padding: 1) }", "sample([3, 2, 3, 3], 0.4)"),
        ("conv3d", "{ x in conv3d(x, sample([2, 1, 2, 2, 2], 0.4), dilation: 1) }", "sample([1, 1, 3, 3, 3], 0.1)"),
        ("conv_transpose2d", "{ x in conv_transpose2d(x, sample([2, 3, 2, 2], 0.4), stride: 2) }", "sample([1, 2, 3, 3], 0.1)"),
        ("conv_transpose3d weight", "{ w in conv_transpose3d(sample([1, 2, 2, 2, 2], 0.1), w, padding: 1) }", "sample([2, 1, 3, 3, 3], 0.4)"),
        ("max_pool1d", "{ x in max_pool1d(x, 2) }", "sample([1, 2, 6], 0.1)"),
        ("max_pool2d", "{ x in max_pool2d(x, 2, stride: 1, padding: 1) }", "sample([1, 1, 4, 4], 0.1)"),
        ("max_pool3d", "{ x in max_pool3d(x, 2) }", "sample([1, 1, 4, 2, 2], 0.1)"),
        ("avg_pool1d", "{ x in avg_pool1d(x, 3, stride: 2) }", "sample([1, 2, 7], 0.1)"),
        ("avg_pool2d", "{ x in avg_pool2d(x, 2, padding: 1) }", "sample([1, 1, 4, 3], 0.1)"),
        ("avg_pool3d", "{ x in avg_pool3d(x, 2) }", "sample([1, 1, 2, 4, 2], 0.1)"),
        ("adaptive_avg_pool2d", "{ x in adaptive_avg_pool2d(x, [2, 3]) }", "sample([1, 2, 5, 4], 0.1)"),
        ("interpolate nearest", "{ x in interpolate(x, size: [5, 4]) }", "sample([1, 1, 3, 3], 0.1)"),
        ("interpolate bilinear", "{ x in interpolate(x, scale: 1.5, mode: \"bilinear\") }", "sample([1, 2, 3, 4], 0.1)"),
        ("interpolate bicubic", "{ x in interpolate(x, size: [4, 5], mode: \"bicubic\") }", "sample([1, 1, 3, 3], 0.1)"),
        ("interpolate linear", "{ x in interpolate(x, size: [7], mode: \"linear\") }", "sample([1, 2, 4], 0.1)"),
        ("grid_sample input", "{ x in grid_sample(x, sample([1, 2, 3, 2], 0.7) * 1.1) }", "sample([1, 2, 3, 4], 0.1)"),
        ("grid_sample grid", "{ g in grid_sample(sample([1, 2, 3, 4], 0.1), g * 1.1) }", "sample([1, 2, 3, 2], 0.7)"),
    ]

    static let spectral: [(name: String, function: String, input: String)] = [
        ("fft", "{ x in let z = fft(x, n: 5); cat([z.real, z.imag]) }", matrix),
        ("ifft", "{ x in let z = ifft(x, norm: \"ortho\"); cat([z.real, z.imag]) }", matrix),
        ("rfft", "{ x in let z = rfft(x, axis: 0); cat([z.real, z.imag]) }", "sample([4, 2], 0.2)"),
        ("irfft", "{ x in irfft(rfft(x) * (1 + x[0, 0]), n: 6) }", "sample([2, 6], 0.2)"),
        ("fft2", "{ x in let z = fft2(x); cat([z.real, z.imag]) }", matrix),
        ("ifft2", "{ x in let z = ifft2(x, norm: \"forward\"); cat([z.real, z.imag]) }", matrix),
        ("rfft2", "{ x in let z = rfft2(x); cat([z.real, z.imag]) }", "sample([3, 4], 0.2)"),
        ("irfft2", "{ x in irfft2(rfft2(x) * (1 + x[0, 0])) }", "sample([3, 4], 0.2)"),
        ("dct", "{ x in dct(x) }", matrix), ("idct", "{ x in idct(x, axis: 0) }", matrix),
    ]

    static let losses: [(name: String, function: String, input: String)] = [
        ("mse", "{ x in mse(x, c23) }", matrix), ("l1", "{ x in l1(x, c23) }", matrix),
        ("huber", "{ x in huber(x, c23 * 3, delta: 2.5) }", matrix),
        ("bce", "{ x in bce(sigmoid(x), (c23 + 1) / 2) }", matrix), ("bce_with_logits", "{ x in bce_with_logits(x, (c23 + 1) / 2) }", matrix),
        ("cross_entropy", "{ x in cross_entropy(x, tensor([2, 0]), label_smoothing: 0.1) }", matrix),
        ("nll", "{ x in nll(log_softmax(x), tensor([1, 2])) }", matrix),
        ("kl_div", "{ x in kl_div(log_softmax(x), softmax(c23)) }", matrix),
    ]

    /// Binary operators on tensors, keyed by their spelling; each checked in both operands.
    static let operators: [(name: String, function: String, input: String)] = [
        ("+", "{ x in x + c23 * x }", matrix), ("-", "{ x in c23 - x * x }", matrix), ("*", "{ x in x * c23 * x }", matrix),
        ("/ numerator", "{ x in x / (c23 + 2) }", matrix), ("/ denominator", "{ x in c23 / (x + 2) }", matrix),
        ("% dividend", "{ x in x % 0.3 }", matrix), ("% divisor", "{ x in c23 % (x + 2) }", matrix),
        ("** base", "{ x in (x + 2) ** c23 }", matrix), ("** exponent", "{ x in 1.7 ** x }", matrix),
        ("@ left", "{ x in x @ c32 }", matrix), ("@ right", "{ x in c23 @ x }", "c32"),
    ]

    /// Reading and writing through subscripts, and prefix minus.
    static let subscripts: [(name: String, function: String, input: String)] = [
        ("[] slices", "{ x in x[:, 1:] * x[-1, ::2].reshape(2, 1) }", matrix), ("[] integer tensor", "{ x in x[tensor([1, 1, 0])] }", "c3"),
        ("[] integer tensor on axis 1", "{ x in x[:, tensor([2, 0, 2])] }", matrix), ("[] mask", "{ x in x[x > 0] * 2 }", matrix),
        ("[]= slice", "{ x in let y = x * 1; y[:, 0] = x[:, 1] * 3; y }", matrix),
        ("[]= mask", "{ x in let y = x * 1; y[x > 0] = 0.5; y * x }", matrix), ("prefix -", "{ x in -x * c23 }", matrix),
    ]

    /// Comparisons give boolean tensors.
    static let comparisons: Set<String> = ["==", "!=", "<", "<=", ">", ">="]

    /// Casts through single precision: a larger step and tolerance.
    static let singlePrecision: [(name: String, function: String, input: String)] = [("float", "{ x in x.float() * 2 }", matrix)]

    func testEveryTensorBuiltinIsCheckedOrExcused() {
        let checked = Set((Self.cases + Self.singlePrecision).map { String($0.name.split(separator: " ")[0]) })
        let names = Set(Self.tensorBuiltins.map(\.name))
        let missing = names.subtracting(checked).subtracting(Self.notDifferentiable.keys)
        XCTAssertEqual(missing.sorted(), [], "tensor builtins with neither a gradcheck case nor a reason they have no gradient")
        XCTAssertEqual(checked.subtracting(names).sorted(), [], "gradcheck cases for names that are not tensor builtins")
        XCTAssertEqual(Set(Self.notDifferentiable.keys).subtracting(names).sorted(), [], "excused names that are not builtins")
        let operators = Set(BinaryOperator.allCases.map(\.rawValue)).subtracting(Self.comparisons)
        let checkedOperators = Set(Self.operators.map { String($0.name.split(separator: " ")[0]) })
        XCTAssertEqual(operators.subtracting(checkedOperators).sorted(), [], "binary operators without a gradcheck case")
    }

    func testEveryDifferentiableBuiltinMatchesCentralDifferences() {
        let failures = onLargeStack { () -> [String] in
            let session = Session()
            let host = RecordingHost()
            if let report = session.execute(Self.prelude, cellNumber: 1, host: host).errorReport { return ["prelude: \(report.message)"] }
            let precise = (Self.cases + Self.operators + Self.subscripts).map { ($0, "1e-6, 1e-5, 1e-6") }
            let single = Self.singlePrecision.map { ($0, "1e-2, 1e-2, 1e-3") }
            return (precise + single).compactMap { testCase, tolerances in
                let (name, function, input) = testCase
                let code = "gradcheck(\"\(name)\", \(function), \(input), \(tolerances))"
                return session.execute(code, cellNumber: 2, host: host).errorReport.map { "\(name): \($0.kind): \($0.message)" }
            }
        }
        XCTAssertEqual(failures, [], failures.joined(separator: "\n"))
    }
}
