/// Elementwise unary primitives. Each has one forward kernel (`Tensor.apply(_: UnaryOp)`), and
/// the autodiff layer gives each one VJP rule.
public enum UnaryOp: String, CaseIterable, Sendable {
    case neg, abs, sign, exp, log, log1p, expm1, sqrt, rsqrt
    case sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, asinh, acosh, atanh
    case sigmoid, erf, relu, floor, ceil, round, isnan, isfinite

    /// Ops whose result is piecewise constant or boolean: their gradient is zero / undefined.
    public var isDifferentiable: Bool {
        switch self {
        case .sign, .floor, .ceil, .round, .isnan, .isfinite: return false
        default: return true
        }
    }

    /// Ops that compute in floating point (integer and bool inputs become `f32` first).
    var isFloatOnly: Bool {
        switch self {
        case .neg, .abs, .sign, .relu, .floor, .ceil, .round, .isnan, .isfinite: return false
        default: return true
        }
    }
}

/// Elementwise binary primitives with NumPy broadcasting and dtype promotion.
public enum BinaryOp: String, CaseIterable, Sendable {
    case add, sub, mul, div, pow, maximum, minimum
}

/// Elementwise comparisons, giving `bool` tensors.
public enum ComparisonOp: String, CaseIterable, Sendable {
    case eq, ne, lt, le, gt, ge
}

/// Reductions over a set of axes.
public enum ReductionOp: String, CaseIterable, Sendable {
    case sum, prod, max, min
}

/// Index-of-extremum reductions along one axis (not differentiable).
public enum ArgReductionOp: String, CaseIterable, Sendable {
    case argmax, argmin
}

/// Every primitive of the tensor engine: the op table autodiff keys its VJP rules on.
///
/// Composite ops (`mean`, `var`, `logsumexp`, `gelu`, `clamp`, ...) are written with these, so they
/// need no gradient code of their own. `Tensor.apply(_:to:)` is the single forward entry point.
public enum PrimitiveOp: Equatable, Sendable {
    case unary(UnaryOp)
    case binary(BinaryOp)
    case compare(ComparisonOp)
    /// `where(condition, a, b)`.
    case select
    case reduce(ReductionOp, axes: [Int]?, keepDims: Bool)
    case argReduce(ArgReductionOp, axis: Int?, keepDims: Bool)
    case cumsum(axis: Int)
    case cumprod(axis: Int)
    /// `exp(x) / sum(exp(x))` along `axis`, max-shifted and fused (attention and every
    /// probability head run it).
    case softmax(axis: Int)
    /// `x - logsumexp(x)` along `axis`, fused (the cross-entropy of every classifier runs it).
    case logSoftmax(axis: Int)
    /// Stable sort order along an axis (`i64`; not differentiable).
    case argsort(axis: Int, descending: Bool)
    case cast(DType)
    case reshape([Int])
    case permute([Int])
    case expand([Int])
    case slice([TensorIndex])
    /// `cat` of `count` inputs along `axis`.
    case concat(axis: Int, count: Int)
    /// `take(indices, axis:)`: inputs `[x, indices]`; the indices get no gradient.
    case take(axis: Int)
    /// `gather(axis:indices:)`: inputs `[x, indices]`; the indices get no gradient.
    case gather(axis: Int)
    /// `scatterAdd(axis:indices:source:)`: inputs `[x, indices, source]`.
    case scatterAdd(axis: Int)
    /// `assigning(value, at: indices)`, a copy with a region replaced: inputs `[x, value]`.
    case assignSlice([TensorIndex])
    case matmul
    /// Sliding blocks as columns (PyTorch `unfold`); its VJP is `col2im` and vice versa.
    case im2col(ConvolutionGeometry)
    /// Columns summed back into an image of spatial `size` (PyTorch `fold`).
    case col2im(ConvolutionGeometry, size: [Int])
    case solve, inverse, determinant, cholesky, qr, svd, eigh
    /// `complexFFT(axis:inverse:norm:)`: complex to complex over the full axis.
    case fft(axis: Int, inverse: Bool, norm: FFTNorm)
    /// `realFFT(axis:norm:)`: real to `n/2 + 1` complex frequencies.
    case rfft(axis: Int, norm: FFTNorm)
    /// `inverseRealFFT(axis:length:norm:)`: `length/2 + 1` frequencies to `length` real samples.
    case irfft(axis: Int, length: Int, norm: FFTNorm)
    /// `orthonormalDCT(axis:inverse:)`: orthonormal DCT-II, or DCT-III (its inverse and transpose).
    case dct(axis: Int, inverse: Bool)
    /// Outputs `[sign, logAbsDet]`.
    case slogdet
    /// Outputs `[values, vectors]`, complex; not differentiable.
    case eig

    /// Whether a VJP exists (comparisons, arg-reductions and rounding have none).
    public var isDifferentiable: Bool {
        if case let .unary(op) = self { return op.isDifferentiable }
        return kind.isDifferentiable
    }

    /// The number of tensor inputs the op takes.
    public var arity: Int {
        switch self {
        case .binary, .compare, .matmul, .solve, .take, .gather, .assignSlice: return 2
        case .select, .scatterAdd: return 3
        case let .concat(_, count): return count
        default: return 1
        }
    }
}

extension PrimitiveOp {
    /// A primitive's case with its payload dropped. `kind` switches over every case without a
    /// `default`, so a new primitive does not compile until it has a kind, and tests that iterate
    /// `Kind.allCases` (the gradcheck coverage test) see it at once.
    public enum Kind: String, CaseIterable, Sendable {
        case unary, binary, compare, select, reduce, argReduce, cumsum, cumprod, softmax, logSoftmax, argsort, cast, reshape, permute, expand
        case slice, concat, take, gather, scatterAdd, assignSlice, matmul, im2col, col2im
        case solve, inverse, determinant, cholesky, qr, svd, eigh, fft, rfft, irfft, dct, slogdet, eig
    }

    public var kind: Kind {
        switch self {
        case .unary: return .unary
        case .binary: return .binary
        case .compare: return .compare
        case .select: return .select
        case .reduce: return .reduce
        case .argReduce: return .argReduce
        case .cumsum: return .cumsum
        case .cumprod: return .cumprod
        case .softmax: return .softmax
        case .logSoftmax: return .logSoftmax
        case .argsort: return .argsort
        case .cast: return .cast
        case .reshape: return .reshape
        case .permute: return .permute
        case .expand: return .expand
        case .slice: return .slice
        case .concat: return .concat
        case .take: return .take
        case .gather: return .gather
        case .scatterAdd: return .scatterAdd
        case .assignSlice: return .assignSlice
        case .matmul: return .matmul
        case .im2col: return .im2col
        case .col2im: return .col2im
        case .solve: return .solve
        case .inverse: return .inverse
        case .determinant: return .determinant
        case .cholesky: return .cholesky
        case .qr: return .qr
        case .svd: return .svd
        case .eigh: return .eigh
        case .fft: return .fft
        case .rfft: return .rfft
        case .irfft: return .irfft
        case .dct: return .dct
        case .slogdet: return .slogdet
        case .eig: return .eig
        }
    }
}

extension PrimitiveOp.Kind {
    /// Whether primitives of this kind have gradient rules (for `unary`, only some of its ops:
    /// see `UnaryOp.isDifferentiable`).
    public var isDifferentiable: Bool {
        switch self {
        case .compare, .argReduce, .argsort, .eig: return false
        default: return true
        }
    }
}
