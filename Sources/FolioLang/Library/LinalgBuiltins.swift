import FolioAutograd
import FolioRuntime
import FolioTensor

/// Linear algebra on LAPACK; decompositions return records (`qr(a).q`, `svd(a).s`).
enum LinalgBuiltins {
    static let all: [BuiltinFunction] = [solve, inv, det, slogdet, cholesky, qr, svd, eigh, eig, lstsq, pinv, diagonal, trace]

    private static let a = Parameter("a")
    private static let spd = "let a = tensor([[4.0, 1.0], [1.0, 3.0]])\n"

    static let solve = TensorMethods.op("solve", [a, Parameter("b")],
                                        DocEntry("x with a x = b, for square a (batched).", example: spd + "solve(a, tensor([1.0, 2.0]))")) { arguments in
        try arguments.variable(0).solve(try arguments.variable(1))
    }

    static let inv = TensorMethods.op("inv", [a], DocEntry("The inverse matrix a⁻¹ (batched).", example: spd + "inv(a) @ a")) { arguments in
        try arguments.variable(0).inverse()
    }

    static let det = TensorMethods.op("det", [a], DocEntry("The determinant (batched).", example: spd + "det(a)")) { arguments in
        try arguments.variable(0).determinant()
    }

    static let slogdet = TensorMethods.function("slogdet", [a], DocEntry("The sign and ln|det a|, as (sign:, logabsdet:).",
                                                                         example: spd + "slogdet(a).logabsdet")) { arguments, _ in
        let result = try arguments.variable(0).slogdet()
        return TensorMethods.record([("sign", result.sign), ("logabsdet", result.logAbsDet)])
    }

    static let cholesky = TensorMethods.op("cholesky", [a], DocEntry("The lower-triangular L with a = L Lᵀ (a symmetric positive definite).",
                                                                     example: spd + "cholesky(a)")) { arguments in
        try arguments.variable(0).cholesky()
    }

    static let qr = TensorMethods.function("qr", [a], DocEntry("The reduced QR decomposition a = q r, as (q:, r:).",
                                                               example: spd + "let f = qr(a)\nf.q @ f.r")) { arguments, _ in
        let result = try arguments.variable(0).qr()
        return TensorMethods.record([("q", result.q), ("r", result.r)])
    }

    static let svd = TensorMethods.function("svd", [a], DocEntry("The reduced SVD a = u diag(s) vt, as (u:, s:, vt:).",
                                                                 example: spd + "svd(a).s")) { arguments, _ in
        let result = try arguments.variable(0).svd()
        return TensorMethods.record([("u", result.u), ("s", result.s), ("vt", result.vt)])
    }

    static let eigh = TensorMethods.function("eigh", [a], DocEntry("Eigenvalues (ascending) and eigenvectors of a symmetric matrix, as (values:, vectors:).",
                                                                   example: spd + "eigh(a).values")) { arguments, _ in
        let result = try arguments.variable(0).eigh()
        return TensorMethods.record([("values", result.values), ("vectors", result.vectors)])
    }

    static let eig = TensorMethods.function("eig", [a], DocEntry("Eigenvalues and eigenvectors of a general matrix (complex), as (values:, vectors:).",
                                                                 example: "eig(tensor([[0.0, -1.0], [1.0, 0.0]])).values")) { arguments, _ in
        let matrix = try arguments.variable(0)
        try TensorMethods.requireConstant("eig", [matrix])
        let result = try matrix.value.eig()
        return TensorMethods.record([("values", Variable(result.values)), ("vectors", Variable(result.vectors))])
    }

    static let lstsq = TensorMethods.function("lstsq", [a, Parameter("b"), Parameter("rcond", .labelled, defaultText: "nil")],
                                              DocEntry("The least-squares solution of a x ≈ b, as (solution:, residuals:, rank:, singular_values:).",
                                                       example: "lstsq(tensor([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]]), tensor([1.0, 2.0, 2.9])).solution")) { arguments, _ in
        let (matrix, b) = (try arguments.variable(0), try arguments.variable(1))
        let result = try matrix.lstsq(b, rcond: try arguments.optionalDouble(2))
        return .record(Record(fields: ["solution", "residuals", "rank", "singular_values"],
                              values: [TensorConversion.wrap(result.solution), TensorConversion.wrap(result.residuals),
                                       .int(result.rank), TensorConversion.wrap(result.singularValues)]))
    }

    static let pinv = TensorMethods.op("pinv", [a, Parameter("rcond", .labelled, defaultText: "1e-15")],
                                       DocEntry("The Moore-Penrose pseudo-inverse (from the SVD).", example: "pinv(tensor([[1.0, 2.0], [2.0, 4.0]]))")) { arguments in
        let rcond = try arguments.double(1, default: 1e-15)
        let matrix = try arguments.variable(0)
        return try TensorMethods.kernelOrComposite([matrix], kernel: { try $0[0].pinv(rcond: rcond) }) { try matrix.pinv(rcond: rcond) }
    }

    static let diagonal = TensorMethods.op("diagonal", [a, Parameter("offset", .labelled, defaultText: "0")],
                                           DocEntry("The diagonal of the first two axes (above it for offset > 0).", example: "diagonal(eye(3))")) { arguments in
        let offset = try arguments.int(1, default: 0)
        return try arguments.variable(0).diagonal(offset: offset)
    }

    /// The trace as a masked sum, so it differentiates.
    static let trace = TensorMethods.op("trace", [a], DocEntry("The sum of the diagonal of a matrix.", example: "trace(eye(3))")) { arguments in
        let matrix = try arguments.variable(0)
        guard matrix.rank == 2 else { throw TensorError.invalidShape(op: "trace", shape: matrix.shape, reason: "expected a matrix") }
        let identity = Variable(try Tensor.eye(matrix.shape[0], matrix.shape[1], dtype: matrix.dtype))
        return try (matrix * identity).sum()
    }
}
