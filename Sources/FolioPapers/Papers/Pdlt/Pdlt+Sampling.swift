import FolioAutograd
import FolioNN
import FolioRuntime
import FolioTensor
import Foundation

extension Pdlt {
    static let sampleMLP = PaperPrimitive.tensorFunction(
        "pdlt.sample_mlp",
        [Argument("x"), Argument("widths"), Argument("act"), Argument("cb"), Argument("cw"),
         Argument("n_nets", .labelled, defaultText: "1000"), Argument("seed", .labelled, defaultText: "0")],
        DocEntry("Preactivations of n_nets random MLPs on inputs x (m, n0): a (n_nets, layers, m, width) f64 tensor.",
                 details: """
                    widths lists the (equal) width of each layer; W ~ N(0, C_W/fan-in), b ~ N(0, C_b). Vectorised \
                    over networks; compare its empirical covariance with pdlt.kernel and its excess kurtosis with pdlt.four_point.
                    """,
                 example: "pdlt.sample_mlp(randn(2, 4, seed: 0), [16, 16], \"tanh\", 0, 1, n_nets: 10).shape",
                 formula: #"z^{(1)} = b + W x,\; z^{(\ell+1)} = b + W\sigma(z^{(\ell)}),\; b\sim\mathcal N(0,C_b),\; W\sim\mathcal N(0,C_W/n_\ell)"#,
                 formulaText: "z¹ = b + Wx, z^(ℓ+1) = b + Wσ(z^(ℓ)), b ~ N(0, C_b), W ~ N(0, C_W/n_ℓ)")
    ) { arguments, context in
        let x = try inputs(arguments, 0)
        let widths = try arguments.ints(1, default: [])
        let act = try activation(arguments, 2, context)
        let (cb, cw) = try variances(arguments, cb: 3, cw: 4)
        let nets = try PaperPrimitive.int(arguments, 5, default: 1000, atLeast: 1)
        let seed = try arguments.int(6, default: 0)
        guard let width = widths.first, width >= 1, widths.allSatisfy({ $0 == width }) else {
            throw FolioError(.ValueError, "pdlt.sample_mlp: widths must be a non-empty list of equal positive widths, got \(widths)")
        }
        let (m, n0) = (x.shape[0], x.shape[1])
        let sizes = [nets, widths.count, m, Swift.max(width, n0)]
        let total = sizes.reduce((1, false)) { partial, size in
            let (product, overflow) = partial.0.multipliedReportingOverflow(by: size)
            return (product, partial.1 || overflow)
        }
        guard !total.1, total.0 <= 50_000_000 else {
            throw FolioError(.ValueError, "pdlt.sample_mlp: n_nets × layers × m × width is too large (limit 5e7 values)")
        }
        var generator = PhiloxGenerator(seed: UInt64(bitPattern: Int64(seed)))
        return try noGrad {
            var signal = try Variable(x).expand([nets, m, n0])
            var fanIn = n0
            var layers: [Variable] = []
            for _ in widths {
                if context.interruptFlag.isRequested { throw FolioError(.Interrupted, "pdlt.sample_mlp was interrupted") }
                let weights = try Tensor.randn([nets, fanIn, width], dtype: .f64, generator: &generator) * (cw / Double(fanIn)).squareRoot()
                let biases = try Tensor.randn([nets, 1, width], dtype: .f64, generator: &generator) * cb.squareRoot()
                let z = try signal.matmul(Variable(weights)) + Variable(biases)
                layers.append(z)
                signal = try act.tensor(z)
                fanIn = width
            }
            return try Variable.stack(layers, axis: 1)
        }
    }
}
