import FolioAutograd
import FolioNN
import FolioRuntime
import FolioTensor
import Foundation

extension Wdopt {
    static let dual = PaperPrimitive.tensorFunction(
        "wdopt.dual", [Argument("xi")] + actArguments,
        DocEntry("The dual activation ǩ(ξ) = E[φ(u)φ(v)] for corr(u, v) = ξ, normalised so ǩ(1) = 1.",
                 details: """
                    act: "sine" (sinh(aξ)/sinh(a)), "erf", "relu", "2d_opt", "3d_opt", "5d_opt", "9d_opt", "hermite" (ξ^k); \
                    "sine_2.676" and "hermite_3" are aliases. ξ of any shape in [−1, 1]. Differentiable in ξ.
                    """,
                 example: "wdopt.dual(linspace(-1.0, 1.0, 5), act: \"3d_opt\")",
                 formula: #"\check k(\xi) = \mathbb E[\phi(u)\phi(v)],\ \mathrm{corr}(u,v) = \xi;\quad \text{3d\_opt: } \check k(\xi) = \tfrac{\xi^3 + \xi}{2}"#,
                 formulaText: "ǩ(ξ) = E[φ(u)φ(v)], corr(u, v) = ξ; 3d_opt: (ξ³ + ξ)/2")
    ) { arguments, _ in
        let function = try dualFunction(arguments, first: 1)
        return try function.value(correlations(arguments.variable(0), function: "wdopt.dual"))
    }

    static let dualGrad = PaperPrimitive.tensorFunction(
        "wdopt.dual_grad", [Argument("xi")] + actArguments,
        DocEntry("The derivative ǩ′(ξ) of the dual activation (closed form), as used by the NTK recursion.",
                 details: "sine: a·cosh(aξ)/sinh(a) (the official code has only a = 1); erf: (2/3)/√(1 − 4ξ²/9)/arcsin(2/3); relu: (π − arccos ξ)/π.",
                 example: "wdopt.dual_grad(linspace(-1.0, 1.0, 5), act: \"erf\")",
                 formula: #"\check k'(\xi)"#, formulaText: "ǩ′(ξ)")
    ) { arguments, _ in
        let function = try dualFunction(arguments, first: 1)
        return try function.derivative(correlations(arguments.variable(0), function: "wdopt.dual_grad"))
    }

    static let nngp = PaperPrimitive.tensorFunction(
        "wdopt.nngp", [Argument("X1"), Argument("X2"), Argument("depth", .labelled, defaultText: "100")] + actArguments,
        DocEntry("The depth-L NNGP Gram matrix (n1, n2) of unit-norm rows: the dual activation iterated L times on the cosines.",
                 details: "Clipped to [−1, 1] after every step (models.py nngp_kernel); depth 0 is the cosine matrix.",
                 example: "let X = wdopt.to_sphere(randn(5, 3, seed: 0))\nwdopt.nngp(X, X, depth: 10, act: \"3d_opt\")",
                 formula: formulaNNGP, formulaText: "S₀ = clip(X1 X2ᵀ), S_{l+1} = clip(ǩ(S_l))")
    ) { arguments, context in
        let function = try dualFunction(arguments, first: 3)
        let layers = try depth(arguments, 2)
        var s = try cosines(arguments)
        for _ in 0..<layers {
            if context.interruptFlag.isRequested { throw FolioError(.Interrupted, "wdopt.nngp was interrupted") }
            s = try function.value(s).clamp(min: -1, max: 1)
        }
        return s
    }

    static let ntk = PaperPrimitive.tensorFunction(
        "wdopt.ntk", [Argument("X1"), Argument("X2"), Argument("depth", .labelled, defaultText: "100")] + actArguments,
        DocEntry("The depth-L NTK Gram matrix (n1, n2) of unit-norm rows: K ← ǩ(S) + K·ǩ′(S), S ← ǩ(S), from K = S = cosines.",
                 details: "No clipping inside the loop (models.py ntk_kernel). Entries can grow like ǩ′(1)^depth; a warning is printed above 1e30.",
                 example: "let X = wdopt.to_sphere(randn(5, 3, seed: 0))\nwdopt.ntk(X, X, depth: 3, act: \"relu\")",
                 formula: #"K_{l+1} = \check k(S_l) + K_l\,\check k'(S_l),\quad S_{l+1} = \check k(S_l)"#,
                 formulaText: "K_{l+1} = ǩ(S_l) + K_l·ǩ′(S_l), S_{l+1} = ǩ(S_l)")
    ) { arguments, context in
        let function = try dualFunction(arguments, first: 3)
        let layers = try depth(arguments, 2)
        var s = try cosines(arguments)
        var k = s
        for _ in 0..<layers {
            if context.interruptFlag.isRequested { throw FolioError(.Interrupted, "wdopt.ntk was interrupted") }
            let next = try function.value(s)
            k = try next + k * function.derivative(s)
            s = next
        }
        if k.value.toArray().contains(where: { abs($0) > 1e30 }) {
            context.host.write("warning: wdopt.ntk: entries exceed 1e30 (ǩ′(1)^depth grows); use f64 or a smaller depth\n", to: .stderr)
        }
        return k
    }

    static let kernelClassify = PaperPrimitive.tensorFunction(
        "wdopt.kernel_classify",
        [Argument("K_train"), Argument("y"), Argument("K_test"), Argument("nngp_diag", .labelled, defaultText: "true")],
        DocEntry("Scores of the interpolating kernel classifier: α = K_train⁻¹ y, score = αᵀ K_test.",
                 details: """
                    K_train (n, n), y (n) with labels ±1 or (n, C) one-hot, K_test (n, m); scores (m) or (m, C): predict \
                    sign(score) or argmax. nngp_diag: true sets diag(K_train) = 1 first (models.py solve_kr).
                    """,
                 example: "let X = wdopt.to_sphere(randn(6, 3, seed: 0))\nlet K = wdopt.nngp(X, X, depth: 5, act: \"3d_opt\")\nwdopt.kernel_classify(K, tensor([1, -1, 1, -1, 1, -1]), K)",
                 formula: #"\hat y(z) = y^\top K_{\text{train}}^{-1} K(X, z)"#, formulaText: "ŷ(z) = yᵀ K_train⁻¹ K(X, z)")
    ) { arguments, _ in
        let name = "wdopt.kernel_classify"
        var kTrain = try arguments.variable(0).cast(to: .f64)
        let y = try arguments.variable(1).cast(to: .f64)
        let kTest = try arguments.variable(2).cast(to: .f64)
        let n = kTrain.shape.first ?? 0
        guard kTrain.shape.count == 2, kTrain.shape[1] == n, n >= 1 else {
            throw FolioError(.ShapeError, "\(name): K_train must be square (n, n), got shape \(formatShape(kTrain.shape))")
        }
        guard (y.shape.count == 1 || y.shape.count == 2), y.shape[0] == n, kTest.shape.count == 2, kTest.shape[0] == n else {
            throw FolioError(.ShapeError, "\(name): y must be (n) or (n, C) and K_test (n, m) for n = \(n), got \(formatShape(y.shape)) and \(formatShape(kTest.shape))")
        }
        if try arguments.bool(3, default: true) {
            let eye = Variable(try Tensor.eye(n, dtype: .f64))
            kTrain = try kTrain * (1 - eye) + eye
        }
        let column = y.shape.count == 1 ? try y.reshape([n, 1]) : y
        let alpha: Variable
        do {
            alpha = try kTrain.solve(column)
        } catch {
            throw FolioError(.ValueError, "\(name): kernel matrix is singular (duplicate training points?)")
        }
        guard alpha.value.toArray().allSatisfy(\.isFinite) else {
            throw FolioError(.ValueError, "\(name): kernel matrix is singular (duplicate training points?)")
        }
        let scores = try alpha.transpose(0, 1).matmul(kTest).transpose(0, 1)
        return y.shape.count == 1 ? try scores.reshape([kTest.shape[1]]) : scores
    }
}
