import FolioAutograd
import FolioNN
import FolioRuntime
import FolioTensor
import Foundation

/// Uniform and normal draws from a Philox generator, in batches.
struct WdoptRandomStream {
    var generator: PhiloxGenerator
    private var normals: [Double] = []
    private var uniforms: [Double] = []

    init(seed: UInt64) { generator = PhiloxGenerator(seed: seed) }

    mutating func normal() throws -> Double {
        if normals.isEmpty { normals = try Tensor.randn([1024], dtype: .f64, generator: &generator).toArray() }
        return normals.removeLast()
    }

    mutating func uniform() throws -> Double {
        if uniforms.isEmpty { uniforms = try Tensor.rand([1024], dtype: .f64, generator: &generator).toArray() }
        return uniforms.removeLast()
    }

    /// Gamma(shape, 1) by Marsaglia and Tsang (2000); shape < 1 through Gamma(shape + 1)·U^(1/shape).
    mutating func gamma(_ shape: Double) throws -> Double {
        if shape < 1 {
            let boosted = try gamma(shape + 1)
            return boosted * Foundation.pow(Swift.max(try uniform(), .leastNormalMagnitude), 1 / shape)
        }
        let d = shape - 1.0 / 3
        let c = 1 / (9 * d).squareRoot()
        while true {
            let x = try normal()
            let base = 1 + c * x
            guard base > 0 else { continue }
            let v = base * base * base
            let u = try uniform()
            if Foundation.log(Swift.max(u, .leastNormalMagnitude)) < 0.5 * x * x + d - d * v + d * Foundation.log(v) { return d * v }
        }
    }

    /// A Dirichlet(α) point: normalised gamma variates.
    mutating func dirichlet(_ alpha: [Double]) throws -> [Double] {
        let draws = try alpha.map { try gamma($0) }
        let total = draws.reduce(0, +)
        return draws.map { $0 / total }
    }
}

extension Wdopt {
    static func concentrations(_ arguments: BoundArguments, _ index: Int) throws -> [Double] {
        let values = try arguments.variable(index).value.toArray()
        // Below 1e-3 every gamma variate can underflow to 0 and the point would be 0/0.
        guard values.count >= 2, values.allSatisfy({ $0 >= 1e-3 && $0 <= 1e6 }) else {
            throw FolioError(.ValueError, "\(arguments.functionName): \(arguments.parameters[index].name) must be at least 2 concentrations in [1e-3, 1e6]")
        }
        return values
    }

    static func prior(_ arguments: BoundArguments, _ index: Int) throws -> Double {
        let value = try arguments.double(index, default: 0.5)
        guard value > 0, value < 1 else { throw FolioError(.ValueError, "\(arguments.functionName): prior1 must be in (0, 1), got \(value)") }
        return value
    }

    static let dirichletSphereData = PaperPrimitive.function(
        "wdopt.dirichlet_sphere_data",
        [Argument("n"), Argument("alpha1"), Argument("alpha2"), Argument("prior1", .labelled, defaultText: "0.5"), Argument("seed", .labelled)],
        DocEntry("The paper's Dirichlet classification data: {X (rows on the sphere), y (±1), S (the simplex points)}.",
                 details: """
                    floor(n·prior1) points of class +1 from Dirichlet(alpha1) first, then class −1 from Dirichlet(alpha2) \
                    (dataset.py get_dirichlet_data; unshuffled). Draw train and test sets with different seeds.
                    """,
                 example: "let data = wdopt.dirichlet_sphere_data(10, [0.5, 0.5, 2.5], [2.5, 0.1, 0.5], prior1: 0.4, seed: 0)\ndata.X.shape",
                 formula: #"s \sim \mathrm{Dir}(\alpha_1)\ (y = 1)\ \text{or}\ \mathrm{Dir}(\alpha_2)\ (y = -1),\quad x = s/\|s\|"#,
                 formulaText: "s ~ Dir(α1) (y = +1) or Dir(α2) (y = −1); x = s/‖s‖")
    ) { arguments, _ in
        let n = try PaperPrimitive.int(arguments, 0, default: 1, atLeast: 1)
        guard n <= 1_000_000 else { throw FolioError(.ValueError, "wdopt.dirichlet_sphere_data: n must be at most 1000000, got \(n)") }
        let alpha1 = try concentrations(arguments, 1)
        let alpha2 = try concentrations(arguments, 2)
        guard alpha1.count == alpha2.count else {
            throw FolioError(.ShapeError, "wdopt.dirichlet_sphere_data: alpha1 and alpha2 must have the same length, got \(alpha1.count) and \(alpha2.count)")
        }
        let prior1 = try prior(arguments, 3)
        let seed = try arguments.int(4, default: 0)
        var stream = WdoptRandomStream(seed: UInt64(bitPattern: Int64(seed)))
        let positives = Int((Double(n) * prior1).rounded(.down))
        var simplex: [Double] = []
        var labels: [Double] = []
        for index in 0..<n {
            let positive = index < positives
            simplex += try stream.dirichlet(positive ? alpha1 : alpha2)
            labels.append(positive ? 1 : -1)
        }
        let s = Variable(try Tensor(simplex, shape: [n, alpha1.count], dtype: .f64))
        let x = try s / (s * s).sum(axes: [1], keepDims: true).sqrt()
        return TensorMethods.record([("X", x), ("y", Variable(Tensor(labels, dtype: .f64))), ("S", s)])
    }

    static let dirichletBayes = PaperPrimitive.tensorFunction(
        "wdopt.dirichlet_bayes",
        [Argument("S"), Argument("alpha1"), Argument("alpha2"), Argument("prior1", .labelled, defaultText: "0.5")],
        DocEntry("The Bayes classifier of the Dirichlet data: +1 where prior1·Dir(s; alpha1) > (1 − prior1)·Dir(s; alpha2), else −1.",
                 details: "S holds simplex points (the S field of dirichlet_sphere_data), one per row.",
                 example: "let data = wdopt.dirichlet_sphere_data(10, [0.5, 0.5, 2.5], [2.5, 0.1, 0.5], prior1: 0.4, seed: 0)\nwdopt.dirichlet_bayes(data.S, [0.5, 0.5, 2.5], [2.5, 0.1, 0.5], prior1: 0.4)",
                 formula: #"\hat y = \mathrm{sign}\big(\pi_1 \mathrm{Dir}(s;\alpha_1) - (1-\pi_1)\mathrm{Dir}(s;\alpha_2)\big)"#,
                 formulaText: "ŷ = sign(π₁ Dir(s; α1) − (1 − π₁) Dir(s; α2))")
    ) { arguments, _ in
        let s = try arguments.variable(0).value.cast(to: .f64)
        let alpha1 = try concentrations(arguments, 1)
        let alpha2 = try concentrations(arguments, 2)
        guard s.rank == 2, s.shape[1] == alpha1.count, alpha2.count == alpha1.count else {
            throw FolioError(.ShapeError, "wdopt.dirichlet_bayes: S must be (n, \(alpha1.count)) with alpha1 and alpha2 of that length, got \(formatShape(s.shape))")
        }
        let prior1 = try prior(arguments, 3)
        let points = s.toArray()
        let width = alpha1.count
        func logDensity(_ row: ArraySlice<Double>, _ alpha: [Double]) -> Double {
            let normaliser = lgamma(alpha.reduce(0, +)) - alpha.reduce(0) { $0 + lgamma($1) }
            return zip(row, alpha).reduce(normaliser) { $0 + ($1.1 - 1) * Foundation.log($1.0) }
        }
        let predictions = stride(from: 0, to: points.count, by: width).map { start -> Double in
            let row = points[start..<(start + width)]
            let first = Foundation.log(prior1) + logDensity(row, alpha1)
            let second = Foundation.log(1 - prior1) + logDensity(row, alpha2)
            return first > second ? 1 : -1
        }
        return Variable(Tensor(predictions, dtype: .f64))
    }
}
