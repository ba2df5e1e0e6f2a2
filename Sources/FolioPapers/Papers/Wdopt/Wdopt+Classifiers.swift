import FolioAutograd
import FolioNN
import FolioRuntime
import FolioTensor
import Foundation

extension Wdopt {
    /// Labels as f64 (n) or (n, C) with n rows.
    static func labels(_ arguments: BoundArguments, _ index: Int, rows n: Int) throws -> Tensor {
        let y = try arguments.variable(index).value.cast(to: .f64)
        guard (y.rank == 1 || y.rank == 2), y.shape[0] == n else {
            throw FolioError(.ShapeError, "\(arguments.functionName): y must be (n) or (n, C) with n = \(n), got shape \(formatShape(y.shape))")
        }
        return y
    }

    static let hilbertScores = PaperPrimitive.tensorFunction(
        "wdopt.hilbert_scores",
        [Argument("X_train"), Argument("y"), Argument("X_test"), Argument("alpha", .labelled, defaultText: "nil")],
        DocEntry("Scores of the singular-kernel (Hilbert / Devroye) classifier Σᵢ yᵢ / (2 − 2⟨xᵢ, z⟩)^alpha.",
                 details: """
                    Unit-norm rows; alpha defaults to (d − 1)/2, i.e. weights ‖x − z‖^−(d−1) (models.py devroye_classifier). \
                    A test point within 1e-6 of training points scores the sum of their labels (their label), not ±∞.
                    """,
                 example: "let X = wdopt.to_sphere(randn(6, 3, seed: 0))\nwdopt.hilbert_scores(X, tensor([1, -1, 1, -1, 1, -1]), wdopt.to_sphere(randn(2, 3, seed: 1)))",
                 formula: #"s(z) = \sum_i \frac{y_i}{\|x_i - z\|^{2\alpha}}"#, formulaText: "s(z) = Σᵢ yᵢ / ‖xᵢ − z‖^(2α)")
    ) { arguments, _ in
        let train = try sphereRows(arguments, 0).value
        let test = try sphereRows(arguments, 2).value
        let y = try labels(arguments, 1, rows: train.shape[0])
        guard train.shape[1] == test.shape[1] else {
            throw FolioError(.ShapeError, "wdopt.hilbert_scores: X_train has \(train.shape[1]) features but X_test has \(test.shape[1])")
        }
        let alpha = try arguments.optionalDouble(3) ?? Double(train.shape[1] - 1) / 2
        let (n, m) = (train.shape[0], test.shape[0])
        let squared = try train.matmul(test.transpose(0, 1)).toArray().map { Swift.max(0, 2 - 2 * $0) }
        var weights = [Double](repeating: 0, count: n * m)
        var coincident = [Bool](repeating: false, count: m)
        for j in 0..<m { for i in 0..<n where squared[i * m + j] < 1e-12 { coincident[j] = true } }
        for i in 0..<n {
            for j in 0..<m {
                let distance = squared[i * m + j]
                weights[i * m + j] = coincident[j] ? (distance < 1e-12 ? 1 : 0) : Foundation.pow(distance, -alpha)
            }
        }
        let scores = try Tensor(weights, shape: [n, m], dtype: .f64).transpose(0, 1)
            .matmul(y.rank == 1 ? y.reshape([n, 1]) : y)
        return Variable(y.rank == 1 ? try scores.reshape([m]) : scores)
    }

    static let majorityVote = PaperPrimitive.tensorFunction(
        "wdopt.majority_vote", [Argument("y_train"), Argument("m")],
        DocEntry("The majority-vote classifier: m predictions of the more frequent training label (+1 or −1; a tie gives −1).",
                 example: "wdopt.majority_vote(tensor([1, 1, -1]), 4)",
                 formula: #"\hat y = \mathrm{sign}\big(\#\{y_i > 0\} - \#\{y_i \le 0\}\big)"#, formulaText: "ŷ = +1 if #{yᵢ > 0} > #{yᵢ ≤ 0} else −1")
    ) { arguments, _ in
        let y = try arguments.variable(0).value.toArray()
        let m = try PaperPrimitive.int(arguments, 1, default: 1, atLeast: 0)
        guard m <= 100_000_000 else { throw FolioError(.ValueError, "wdopt.majority_vote: m must be at most 1e8, got \(m)") }
        let positive = y.filter { $0 > 0 }.count
        let label: Double = positive > y.count - positive ? 1 : -1
        return Variable(try Tensor.full(shape: [m], value: label, dtype: .f64))
    }

    static let nn1 = PaperPrimitive.tensorFunction(
        "wdopt.nn1", [Argument("X_train"), Argument("y_train"), Argument("X_test")],
        DocEntry("The 1-nearest-neighbour classifier: each test row takes the label (row of y_train) of its closest training row.",
                 example: "wdopt.nn1(eye(3), tensor([1, -1, 1]), tensor([[0.9, 0.1, 0.0]]))",
                 formula: #"\hat y(z) = y_{\arg\min_i \|x_i - z\|}"#, formulaText: "ŷ(z) = y of argminᵢ ‖xᵢ − z‖")
    ) { arguments, _ in
        let train = try arguments.variable(0).value.cast(to: .f64)
        let test = try arguments.variable(2).value.cast(to: .f64)
        guard train.rank == 2, test.rank == 2, train.shape[1] == test.shape[1], train.shape[0] >= 1 else {
            throw FolioError(.ShapeError, "wdopt.nn1: X_train (n, d) and X_test (m, d) must share d, got \(formatShape(train.shape)) and \(formatShape(test.shape))")
        }
        let y = try labels(arguments, 1, rows: train.shape[0])
        let (n, m) = (train.shape[0], test.shape[0])
        let products = try train.matmul(test.transpose(0, 1)).toArray()
        let trainNorms = try (train * train).sum(axes: [1]).toArray()
        let nearest = (0..<m).map { j in
            (0..<n).min { trainNorms[$0] - 2 * products[$0 * m + j] < trainNorms[$1] - 2 * products[$1 * m + j] } ?? 0
        }
        return Variable(try y.take(Tensor(nearest.map(Double.init), dtype: .i64), axis: 0))
    }

    static let limitExponent = PaperPrimitive.function(
        "wdopt.limit_exponent", [Argument("act"), Argument("a", .labelled, defaultText: "1.0"), Argument("k", .labelled, defaultText: "3")],
        DocEntry("The exponent α of the infinite-depth singular kernel ‖x − z‖^(−α): 2·log(1/ǩ′(0)) / log ǩ′(1).",
                 details: """
                    Derived, not quoted from the paper: 1, 2, 4, 8 for 2d/3d/5d/9d_opt, ≈ 2, 4, 8 for sine with a = 2.676, \
                    6.13539, 13.8258 (α = the data sphere's intrinsic dimension gives a consistent classifier). +inf when \
                    ǩ′(0) = 0 (1-NN regime); nan with a warning when ǩ(0) ≠ 0 or ǩ′(1) ≤ 1 (e.g. relu, majority-vote regime).
                    """,
                 example: "wdopt.limit_exponent(\"3d_opt\")",
                 formula: #"\alpha_{\text{eff}} = \frac{2\log(1/\check k'(0))}{\log \check k'(1)}"#, formulaText: "α = 2 log(1/ǩ′(0)) / log ǩ′(1)")
    ) { arguments, context in
        let act = try arguments.string(0, default: "sine")
        let function = try WdoptDual.named(act, a: try arguments.double(1, default: 1), k: try arguments.int(2, default: 3),
                                           function: "wdopt.limit_exponent")
        let origin = try function.at(0)
        let slope = try function.at(1).derivative
        guard abs(origin.value) < 1e-12, slope > 1 else {
            context.host.write("warning: wdopt.limit_exponent: \(act) has ǩ(0) ≠ 0 or ǩ′(1) ≤ 1; no singular-kernel limit\n", to: .stderr)
            return .double(.nan)
        }
        guard origin.derivative > 0 else { return .double(.infinity) }
        return .double(2 * Foundation.log(1 / origin.derivative) / Foundation.log(slope))
    }

    static let activation = PaperPrimitive.tensorFunction(
        "wdopt.activation", [Argument("x")] + actArguments,
        DocEntry("An activation φ whose dual is act: E[φ(u)φ(v)] = ǩ(ξ) for standard normal u, v with correlation ξ.",
                 details: """
                    Polynomial duals Σ c_k ξ^k: φ = Σ √c_k He_k/√k!; sine: √(2/(1 − e^(−2a)))·sin(√a x); erf: \
                    erf(x)/√((2/π) arcsin(2/3)); relu: √2·max(x, 0). Use with N(0, 1) weights on unit-norm inputs. Differentiable.
                    """,
                 example: "wdopt.activation(linspace(-2.0, 2.0, 5), act: \"3d_opt\")",
                 formula: #"\phi = \sum_k \sqrt{c_k}\,\frac{He_k}{\sqrt{k!}}\ \text{ for }\ \check k(\xi) = \sum_k c_k \xi^k"#,
                 formulaText: "φ = Σ √c_k He_k/√k! for ǩ(ξ) = Σ c_k ξ^k")
    ) { arguments, _ in
        try dualFunction(arguments, first: 1).activation(arguments.variable(0))
    }

    static let toSphere = PaperPrimitive.tensorFunction(
        "wdopt.to_sphere", [Argument("X")],
        DocEntry("Rows of X divided by their L2 norms (zero rows are rejected).",
                 example: "wdopt.to_sphere(tensor([[3.0, 4.0], [1.0, 0.0]]))",
                 formula: #"x \mapsto x / \|x\|"#, formulaText: "x ↦ x/‖x‖")
    ) { arguments, _ in
        let x = try arguments.variable(0)
        guard x.shape.count == 2 else { throw FolioError(.ShapeError, "wdopt.to_sphere: X must be (n, d), got shape \(formatShape(x.shape))") }
        let norms = try (x * x).sum(axes: [1], keepDims: true).sqrt()
        guard norms.value.toArray().allSatisfy({ $0 > 0 }) else { throw FolioError(.ValueError, "wdopt.to_sphere: X has a zero row") }
        return try x / norms
    }
}
