import FolioAutograd
import FolioRuntime
import FolioTensor

/// FFTs (FFTW) with NumPy's `n`, `axis` and `norm`, and the orthonormal DCT-II/III; `.npy` files.
enum SpectralBuiltins {
    static let all: [BuiltinFunction] = [fft, ifft, rfft, irfft, fft2, ifft2, rfft2, irfft2, dct, idct, saveNPY, loadNPY]

    private static let oneAxis = [Parameter("x"), Parameter("n", .labelled, defaultText: "nil"), Parameter("axis", .labelled, defaultText: "-1"),
                                  Parameter("norm", .labelled, defaultText: "\"backward\"")]
    private static let twoAxes = [Parameter("x"), Parameter("axes", .labelled, defaultText: "[-2, -1]"),
                                  Parameter("norm", .labelled, defaultText: "\"backward\"")]

    static func norm(_ arguments: BoundArguments, _ index: Int) throws -> FFTNorm {
        let name = try arguments.string(index, default: "backward")
        guard let norm = FFTNorm(rawValue: name) else {
            throw FolioError(.ValueError, "\(arguments.functionName)(): norm must be \"backward\", \"ortho\" or \"forward\", got \"\(name)\"")
        }
        return norm
    }

    private static func transform(_ name: String, _ summary: String,
                                  _ body: @escaping (Variable, Int?, Int, FFTNorm) throws -> Variable) -> BuiltinFunction {
        TensorMethods.op(name, oneAxis, DocEntry(summary, details: "`n:` crops or zero-pads the axis first; norm as NumPy's.",
                                                 example: "\(name)(tensor([1.0, 2.0, 3.0, 4.0]))")) { arguments in
            try body(try arguments.variable(0), try arguments.optionalInt(1), try arguments.int(2, default: -1), try norm(arguments, 3))
        }
    }

    static let fft = transform("fft", "The discrete Fourier transform X_k = Σ_n x_n e^{-2πi kn/N} (complex result).") {
        try $0.fft(n: $1, axis: $2, norm: $3)
    }
    static let ifft = transform("ifft", "The inverse discrete Fourier transform.") { try $0.ifft(n: $1, axis: $2, norm: $3) }
    static let rfft = transform("rfft", "The DFT of a real signal: the n/2 + 1 non-negative frequencies.") { try $0.rfft(n: $1, axis: $2, norm: $3) }
    static let irfft = transform("irfft", "The inverse of rfft: n real samples (n = 2·(m − 1) by default).") { try $0.irfft(n: $1, axis: $2, norm: $3) }

    private static func transform2(_ name: String, _ summary: String,
                                   _ body: @escaping (Variable, [Int], FFTNorm) throws -> Variable) -> BuiltinFunction {
        TensorMethods.op(name, twoAxes, DocEntry(summary, example: "\(name)(ones(4, 4)).shape")) { arguments in
            try body(try arguments.variable(0), try arguments.ints(1, default: [-2, -1]), try norm(arguments, 2))
        }
    }

    static let fft2 = transform2("fft2", "The 2-d DFT over `axes:`.") { try $0.fft2(axes: $1, norm: $2) }
    static let ifft2 = transform2("ifft2", "The inverse 2-d DFT over `axes:`.") { try $0.ifft2(axes: $1, norm: $2) }
    static let rfft2 = transform2("rfft2", "The 2-d DFT of a real array (last axis halved).") { try $0.rfft2(axes: $1, norm: $2) }
    static let irfft2 = transform2("irfft2", "The inverse of rfft2.") { try $0.irfft2(axes: $1, norm: $2) }

    private static func cosine(_ name: String, inverse: Bool) -> BuiltinFunction {
        TensorMethods.op(name, [Parameter("x"), Parameter("axis", .labelled, defaultText: "-1")],
                         DocEntry(inverse ? "The orthonormal DCT-III, the inverse of dct." : "The orthonormal DCT-II (SciPy's dct(x, norm=\"ortho\")).",
                                  details: "X_k = s_k Σ_n x_n cos(π k (2n + 1) / 2N), s_0 = √(1/N), s_k = √(2/N).",
                                  example: "\(name)(tensor([1.0, 2.0, 3.0]))")) { arguments in
            let tensor = try arguments.variable(0)
            let axis = try TensorMethods.normalize(try arguments.int(1, default: -1), rank: tensor.rank, op: name)
            return try Variable.forward(.dct(axis: axis, inverse: inverse), [tensor])[0]
        }
    }

    static let dct = cosine("dct", inverse: false)
    static let idct = cosine("idct", inverse: true)

    static let saveNPY = TensorMethods.function("save_npy", [Parameter("x"), Parameter("path")],
                                                DocEntry("Writes x to a NumPy .npy file (readable by numpy.load).",
                                                         example: "save_npy(arange(3), \"/tmp/folio-example.npy\")")) { arguments, _ in
        try arguments.variable(0).value.saveNPY(path: try arguments.string(1, default: ""))
        return .none
    }

    static let loadNPY = TensorMethods.op("load_npy", [Parameter("path")],
                                          DocEntry("Reads a NumPy .npy file (f4, f8, i8, b1, c8, c16).",
                                                   example: "save_npy(eye(2), \"/tmp/folio-load.npy\")\nload_npy(\"/tmp/folio-load.npy\")")) { arguments in
        Variable(try Tensor.loadNPY(path: try arguments.string(0, default: "")))
    }
}
