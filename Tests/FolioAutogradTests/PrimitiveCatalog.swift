import FolioAutograd
import FolioTensor

/// One gradcheck case: a primitive, its inputs (inside the op's domain) and how to call it.
struct PrimitiveCase {
    let name: String
    let op: PrimitiveOp
    let inputs: [Tensor]
    var rtol = 1e-5
    var atol = 1e-6
    var step = 1e-6
    /// Builds the op's outputs from the inputs; by default `Variable.forward(op, inputs)`.
    var function: (([Variable]) throws -> [Variable])?

    func run(_ arguments: [Variable]) throws -> [Variable] {
        if let function = function { return try function(arguments) }
        return try Variable.forward(op, arguments)
    }
}

/// Gradcheck cases for every differentiable primitive. Unary, binary and reduction ops are
/// enumerated from their `CaseIterable` tables, so a new one is checked without editing this file.
enum PrimitiveCatalog {
    static func t(_ shape: [Int], _ offset: Double, _ transform: @escaping (Double) -> Double = { $0 }) -> Tensor {
        deterministicTensor(shape, offset: offset, transform: transform)
    }

    /// Inputs inside each unary op's domain, away from kinks (relu, abs at 0).
    static func unaryInput(_ op: UnaryOp) -> Tensor {
        switch op {
        case .log, .sqrt, .rsqrt, .log1p: return t([2, 3], 0.2) { 1.5 + $0 }
        case .asin, .acos, .atanh: return t([2, 3], 0.2) { 0.9 * $0 }
        case .acosh: return t([2, 3], 0.2) { 2 + $0 }
        case .tan: return t([2, 3], 0.2) { 1.2 * $0 }
        default: return t([2, 3], 0.2) { $0 + ($0 >= 0 ? 0.1 : -0.1) }
        }
    }

    static var elementwise: [PrimitiveCase] {
        var cases = UnaryOp.allCases.filter(\.isDifferentiable).map { op in
            PrimitiveCase(name: "unary \(op.rawValue)", op: .unary(op), inputs: [unaryInput(op)])
        }
        for op in BinaryOp.allCases {
            let lhs = op == .pow ? t([2, 3], 0.4) { 1.5 + $0 } : t([2, 3], 0.4)
            let rhs = op == .div ? t([3], 1.1) { 1.5 + $0 } : t([3], 1.1) { $0 * 0.8 + 0.05 }
            // The right operand broadcasts, so un-broadcasting is checked for every binary op.
            cases.append(PrimitiveCase(name: "binary \(op.rawValue)", op: .binary(op), inputs: [lhs, rhs]))
        }
        let condition = (try? Tensor(bools: [true, false, true, false, false, true], shape: [2, 3])) ?? Tensor([])
        cases.append(PrimitiveCase(name: "where", op: .select, inputs: [t([2, 3], 0.1), t([3], 0.7)]) { args in
            [try Variable.select(Variable.constant(condition), args[0], args[1])]
        })
        return cases
    }

    static var reductions: [PrimitiveCase] {
        var cases: [PrimitiveCase] = []
        let layouts: [([Int]?, Bool)] = [(nil, false), ([1], false), ([0, 2], true), ([-1], true)]
        for op in ReductionOp.allCases {
            for (axes, keepDims) in layouts {
                let input = op == .prod ? t([2, 3, 4], 0.3) { 1.2 + $0 } : t([2, 3, 4], 0.3)
                cases.append(PrimitiveCase(name: "reduce \(op.rawValue) axes \(String(describing: axes)) keepDims \(keepDims)",
                                           op: .reduce(op, axes: axes, keepDims: keepDims), inputs: [input]))
            }
        }
        cases += productsThroughZeros
        cases.append(PrimitiveCase(name: "cumsum axis 1", op: .cumsum(axis: 1), inputs: [t([2, 4], 0.5)]))
        cases.append(PrimitiveCase(name: "cumsum axis -1", op: .cumsum(axis: -1), inputs: [t([3, 2, 3], 0.5)]))
        // The last axis takes the fused row kernel; a middle axis the moved-axis path.
        cases.append(PrimitiveCase(name: "softmax axis -1", op: .softmax(axis: -1), inputs: [t([3, 5], 0.4) { 3 * $0 }]))
        cases.append(PrimitiveCase(name: "softmax axis 1", op: .softmax(axis: 1), inputs: [t([2, 3, 4], 0.3) { 2 * $0 }]))
        cases.append(PrimitiveCase(name: "logSoftmax axis -1", op: .logSoftmax(axis: -1), inputs: [t([3, 5], 0.4) { 3 * $0 }]))
        cases.append(PrimitiveCase(name: "logSoftmax axis 1", op: .logSoftmax(axis: 1), inputs: [t([2, 3, 4], 0.3) { 2 * $0 }]))
        return cases
    }

    /// `x` with the elements at flat `positions` set to zero.
    static func zeroing(_ x: Tensor, at positions: [Int]) -> Tensor {
        var values = x.toArray()
        for position in positions { values[position] = 0 }
        return (try? Tensor(values, shape: x.shape, dtype: x.dtype)) ?? x
    }

    /// Products over groups holding one zero and two zeros: their gradients are finite (the
    /// product of the other elements, or 0), and products are multilinear, so central
    /// differences are exact there too.
    static var productsThroughZeros: [PrimitiveCase] {
        // Last-axis rows of [2, 3, 4]: row 0 holds one zero, row 1 two, row 4 one at its start.
        let grouped = zeroing(t([2, 3, 4], 0.3) { 1.2 + $0 }, at: [1, 4, 6, 16])
        // Rows of [3, 5]: a zero in the middle, two zeros, and a zero first.
        let lines = zeroing(t([3, 5], 0.5) { 1.1 + $0 * 0.5 }, at: [2, 6, 8, 10])
        return [
            PrimitiveCase(name: "reduce prod with zeros axes [-1]", op: .reduce(.prod, axes: [-1], keepDims: false), inputs: [grouped]),
            PrimitiveCase(name: "reduce prod with zeros axes [0, 2] keepDims", op: .reduce(.prod, axes: [0, 2], keepDims: true),
                          inputs: [grouped]),
            PrimitiveCase(name: "reduce prod with one zero, all axes", op: .reduce(.prod, axes: nil, keepDims: false),
                          inputs: [zeroing(t([2, 3], 0.2) { 1.1 + $0 * 0.5 }, at: [4])]),
            PrimitiveCase(name: "cumprod with zeros axis 1", op: .cumprod(axis: 1), inputs: [lines]),
            PrimitiveCase(name: "cumprod with zeros axis 0", op: .cumprod(axis: 0), inputs: [lines]),
        ]
    }

    static var views: [PrimitiveCase] {
        let slices: [[TensorIndex]] = [
            [.at(1)],
            [.all, .range(start: 1, stop: 4, step: 2)],
            [.ellipsis, .range(start: nil, stop: nil, step: -1), .newAxis],
            [.range(start: -1, stop: nil), .at(-2), .range(start: 0, stop: 3, step: 2)],
        ]
        var cases = slices.map { indices in
            PrimitiveCase(name: "slice \(indices)", op: .slice(indices), inputs: [t([2, 4, 3], 0.6)])
        }
        cases.append(PrimitiveCase(name: "reshape", op: .reshape([4, 6]), inputs: [t([2, 3, 4], 0.1)]))
        cases.append(PrimitiveCase(name: "permute", op: .permute([2, 0, 1]), inputs: [t([2, 3, 4], 0.1)]))
        cases.append(PrimitiveCase(name: "expand", op: .expand([2, 3, 4]), inputs: [t([3, 1], 0.1)]))
        // Through f32 and back: single precision limits the check, so the step and tolerance grow.
        cases.append(PrimitiveCase(name: "cast f32", op: .cast(.f32), inputs: [t([2, 3], 0.1)], rtol: 1e-2, atol: 1e-3, step: 1e-2))
        return cases
    }

    static func integers(_ values: [Int64], _ shape: [Int]) -> Variable {
        Variable.constant((try? Tensor(integers: values, shape: shape)) ?? Tensor([]))
    }

    /// Sliding windows. The 2-d geometry (kernel 2 × 2, stride (2, 1), padding 1) overlaps windows
    /// along one axis only: 3 × 6 positions on a 4 × 5 image. If a geometry cannot be built the
    /// cases are missing and the coverage test reports it.
    static var convolution: [PrimitiveCase] {
        guard let planar = try? ConvolutionGeometry(kernel: [2, 2], stride: [2, 1], padding: [1]),
              let dilated = try? ConvolutionGeometry(kernel: [3], stride: [1], padding: [1], dilation: [2]) else { return [] }
        return [
            PrimitiveCase(name: "im2col 2-d", op: .im2col(planar), inputs: [t([2, 2, 4, 5], 0.3)]),
            PrimitiveCase(name: "col2im 2-d", op: .col2im(planar, size: [4, 5]), inputs: [t([2, 8, 18], 0.3)]),
            PrimitiveCase(name: "im2col 1-d dilated", op: .im2col(dilated), inputs: [t([1, 3, 7], 0.6)]),
        ]
    }


    /// Joining, integer indexing and assignment; repeated and negative indices exercise
    /// accumulation in the scatter rules.
    static var indexing: [PrimitiveCase] {
        [
            PrimitiveCase(name: "concat axis 1", op: .concat(axis: 1, count: 3),
                          inputs: [t([2, 1], 0.1), t([2, 3], 0.2), t([2, 2], 0.3)]),
            PrimitiveCase(name: "take axis 1", op: .take(axis: 1), inputs: [t([2, 4, 2], 0.4)]) { args in
                [try args[0].take(integers([3, 0, 3, -1, 1, 1], [2, 3]), axis: 1)]
            },
            PrimitiveCase(name: "gather axis 0", op: .gather(axis: 0), inputs: [t([3, 2], 0.5)]) { args in
                [try args[0].gather(axis: 0, indices: integers([2, 0, 2, 2], [2, 2]))]
            },
            PrimitiveCase(name: "scatterAdd axis 1", op: .scatterAdd(axis: 1), inputs: [t([2, 3], 0.6), t([2, 2], 0.7)]) { args in
                [try args[0].scatterAdd(axis: 1, indices: integers([1, 1, 0, 2], [2, 2]), source: args[1])]
            },
            PrimitiveCase(name: "assignSlice broadcast value", op: .assignSlice([.all, .range(start: 1, stop: 3)]),
                          inputs: [t([3, 4], 0.8), t([2], 0.9)]),
            PrimitiveCase(name: "dct axis 1", op: .dct(axis: 1, inverse: false), inputs: [t([2, 5], 0.2)]),
            PrimitiveCase(name: "inverse dct axis 0", op: .dct(axis: 0, inverse: true), inputs: [t([4, 3], 0.2)]),
            PrimitiveCase(name: "cumprod axis 1", op: .cumprod(axis: 1), inputs: [t([2, 4], 0.5) { 1.1 + $0 * 0.5 }]),
        ]
    }

    static var linearAlgebra: [PrimitiveCase] {
        let square = t([3, 3], 0.9) { $0 * 0.5 }
        // Rows of det(·) are sines of an arithmetic progression, so a 4 × 3 block has rank 2;
        // the cubic term breaks that and gives distinct singular values.
        let fullRank = t([4, 3], 0.3) { $0 + 0.8 * $0 * $0 * $0 }
        let wellConditioned: ([Variable]) throws -> Variable = { try $0[0] + Variable.constant(Tensor.eye(3, dtype: .f64) * 2.0) }
        return [
            PrimitiveCase(name: "matmul 2-d", op: .matmul, inputs: [t([2, 3], 0.2), t([3, 4], 0.8)]),
            PrimitiveCase(name: "matmul vector-matrix", op: .matmul, inputs: [t([3], 0.2), t([3, 2], 0.8)]),
            PrimitiveCase(name: "matmul matrix-vector", op: .matmul, inputs: [t([2, 3], 0.2), t([3], 0.8)]),
            PrimitiveCase(name: "matmul vector-vector", op: .matmul, inputs: [t([3], 0.2), t([3], 0.8)]),
            PrimitiveCase(name: "matmul batched broadcast", op: .matmul, inputs: [t([2, 1, 2, 3], 0.2), t([3, 3, 2], 0.8)]),
            PrimitiveCase(name: "solve matrix", op: .solve, inputs: [square, t([3, 2], 0.4)]) { args in
                [try wellConditioned(args).solve(args[1])]
            },
            PrimitiveCase(name: "solve vector", op: .solve, inputs: [square, t([3], 0.4)]) { args in
                [try wellConditioned(args).solve(args[1])]
            },
            PrimitiveCase(name: "inverse", op: .inverse, inputs: [square]) { args in [try wellConditioned(args).inverse()] },
            PrimitiveCase(name: "determinant", op: .determinant, inputs: [t([2, 3, 3], 0.9)]) { args in
                [try (args[0] + Variable.constant(Tensor.eye(3, dtype: .f64))).determinant()]
            },
            PrimitiveCase(name: "slogdet", op: .slogdet, inputs: [t([2, 3, 3], 0.9)]) { args in
                let shifted = try args[0] - Variable.constant(Tensor.eye(3, dtype: .f64) * 0.3)
                let (sign, logAbsDet) = try shifted.slogdet()
                return [sign, logAbsDet]
            },
            PrimitiveCase(name: "cholesky", op: .cholesky, inputs: [square]) { args in
                [try symmetricPositive(args[0]).cholesky()]
            },
            PrimitiveCase(name: "qr", op: .qr, inputs: [fullRank]) { args in
                let (q, r) = try args[0].qr()
                return [q, r]
            },
            // Eigen- and singular vectors are defined up to sign: check sign-free functions of them.
            PrimitiveCase(name: "eigh", op: .eigh, inputs: [square]) { args in
                let (values, vectors) = try symmetricPositive(args[0]).eigh()
                return [values, try vectors * vectors]
            },
            PrimitiveCase(name: "svd tall", op: .svd, inputs: [fullRank]) { args in
                let (u, s, vt) = try args[0].svd()
                return [try u * u, s, try vt * vt]
            },
            PrimitiveCase(name: "svd wide", op: .svd, inputs: [t([2, 4], 0.7)]) { args in
                let (u, s, vt) = try args[0].svd()
                return [try u * u, s, try vt * vt]
            },
        ]
    }

    /// `(a + a^T)/2 + 3 I`: symmetric with well-separated, positive eigenvalues for these inputs.
    static func symmetricPositive(_ a: Variable) throws -> Variable {
        let symmetric = try (a + a.transpose()) * 0.5
        return try symmetric + Variable.constant(Tensor.eye(a.shape[0], dtype: .f64) * 3.0)
    }

    static var all: [PrimitiveCase] {
        elementwise + reductions + views + indexing + convolution + linearAlgebra + spectral + complexElementwise
    }
}
