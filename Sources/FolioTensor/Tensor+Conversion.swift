/// One element taken out of a tensor, in the widest Swift type of its category.
public enum ScalarValue: Equatable, Sendable, CustomStringConvertible {
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case complex(Complex<Double>)

    /// The value as a Double (complex: the real part; bool: 0 or 1).
    public var doubleValue: Double {
        switch self {
        case let .bool(value): return value ? 1 : 0
        case let .int(value): return Double(value)
        case let .double(value): return value
        case let .complex(value): return value.real
        }
    }

    public var description: String {
        switch self {
        case let .bool(value): return value ? "true" : "false"
        case let .int(value): return String(value)
        case let .double(value): return ElementFormatter.shortest(value)
        case let .complex(value): return ElementFormatter.complex(value)
        }
    }
}

/// A tensor's elements as nested arrays, for `tolist()`.
public indirect enum NestedArray: Equatable, Sendable {
    case scalar(ScalarValue)
    case array([NestedArray])
}

struct CastFunctor<Source: TensorScalar, Destination: TensorScalar>: UnaryFunctor {
    @inline(__always)
    static func apply(_ value: Source) -> Destination { Destination.converted(from: value) }
}

extension Tensor {
    /// The elements converted to `newType` (a copy; `self` when the dtype already matches).
    ///
    /// Float → int truncates toward zero; NaN and out-of-range values become `Int64.min` as in
    /// NumPy on x86-64; complex → real keeps the real part.
    public func cast(to newType: DType) -> Tensor {
        cast(to: newType, forceCopy: false)
    }

    func cast(to newType: DType, forceCopy: Bool) -> Tensor {
        if newType == dtype && !forceCopy { return self }
        switch dtype {
        case .bool: return cast(from: Bool.self, to: newType)
        case .i64: return cast(from: Int64.self, to: newType)
        case .f32: return cast(from: Float.self, to: newType)
        case .f64: return cast(from: Double.self, to: newType)
        case .c64: return cast(from: Complex<Float>.self, to: newType)
        case .c128: return cast(from: Complex<Double>.self, to: newType)
        }
    }

    private func cast<S: TensorScalar>(from source: S.Type, to newType: DType) -> Tensor {
        switch newType {
        case .bool: return ElementwiseKernels.map(CastFunctor<S, Bool>.self, self)
        case .i64: return ElementwiseKernels.map(CastFunctor<S, Int64>.self, self)
        case .f32: return ElementwiseKernels.map(CastFunctor<S, Float>.self, self)
        case .f64: return ElementwiseKernels.map(CastFunctor<S, Double>.self, self)
        case .c64: return ElementwiseKernels.map(CastFunctor<S, Complex<Float>>.self, self)
        case .c128: return ElementwiseKernels.map(CastFunctor<S, Complex<Double>>.self, self)
        }
    }

    /// A tensor of `shape` holding `values` (row-major), converted to `dtype`.
    public init(_ values: [Double], shape: [Int], dtype: DType = .f32) throws {
        try self.init(typed: values, shape: shape, op: "tensor")
        self = cast(to: dtype)
    }

    /// A 1-d tensor of `values` converted to `dtype`.
    public init(_ values: [Double], dtype: DType = .f32) {
        self = (try? Tensor(values, shape: [values.count], dtype: dtype)) ?? Tensor(uninitializedShape: [0], dtype: dtype)
    }

    /// A matrix from equal-length rows.
    public init(rows: [[Double]], dtype: DType = .f32) throws {
        let width = rows.first?.count ?? 0
        guard rows.allSatisfy({ $0.count == width }) else {
            throw TensorError.invalidArgument(op: "tensor", message: "rows have different lengths")
        }
        try self.init(rows.flatMap { $0 }, shape: [rows.count, width], dtype: dtype)
    }

    /// An `i64` tensor of `shape` holding `values`.
    public init(integers values: [Int64], shape: [Int]) throws {
        try self.init(typed: values, shape: shape, op: "tensor")
    }

    /// A `bool` tensor of `shape` holding `values`.
    public init(bools values: [Bool], shape: [Int]) throws {
        try self.init(typed: values, shape: shape, op: "tensor")
    }

    /// A complex tensor (`c64` or `c128`) of `shape` holding `values`.
    public init(complex values: [Complex<Double>], shape: [Int], dtype: DType = .c64) throws {
        try self.init(typed: values, shape: shape, op: "tensor")
        guard dtype.isComplex else {
            throw TensorError.unsupportedDType(op: "tensor", dtype: dtype, reason: "complex values need a complex dtype")
        }
        self = cast(to: dtype)
    }

    /// A 0-d tensor holding `value`.
    public init(scalar value: Double, dtype: DType = .f32) {
        let holder = Tensor(uninitializedShape: [], dtype: .f64)
        holder.pointer(Double.self).pointee = value
        self = holder.cast(to: dtype)
    }

    /// A 0-d `i64` tensor holding `value`.
    public init(scalar value: Int64) {
        let holder = Tensor(uninitializedShape: [], dtype: .i64)
        holder.pointer(Int64.self).pointee = value
        self = holder
    }

    init<T: TensorScalar>(typed values: [T], shape: [Int], op: String) throws {
        let count = try ShapeMath.elementCount(shape, op: op)
        guard count == values.count else {
            throw TensorError.invalidShape(op: op, shape: shape, reason: "\(values.count) values do not fill the shape")
        }
        let holder = Tensor(uninitializedShape: shape, dtype: T.dtype)
        let destination = holder.pointer(T.self)
        values.withUnsafeBufferPointer { source in
            for index in 0..<count { destination[index] = source[index] }
        }
        self = holder
    }

    /// The elements in row-major order as `T`, converting from the tensor's dtype.
    public func toArray<T: TensorScalar>(of type: T.Type) -> [T] {
        let dense = cast(to: T.dtype).contiguous()
        return Array(UnsafeBufferPointer(start: dense.pointer(T.self), count: dense.count))
    }

    /// The elements in row-major order as `Double` (complex: real parts).
    public func toArray() -> [Double] { toArray(of: Double.self) }

    /// The single element of a one-element tensor, in its dtype's category.
    public func item() throws -> ScalarValue {
        guard count == 1 else {
            throw TensorError.invalidArgument(op: "item", message: "only one-element tensors can be converted to a scalar, not shape \(formatShape(shape))")
        }
        return scalar(atOffset: offset)
    }

    /// The element at storage offset `position`.
    func scalar(atOffset position: Int) -> ScalarValue {
        let base = storage.pointer
        switch dtype {
        case .bool: return .bool(base.assumingMemoryBound(to: Bool.self)[position])
        case .i64: return .int(base.assumingMemoryBound(to: Int64.self)[position])
        case .f32: return .double(Double(base.assumingMemoryBound(to: Float.self)[position]))
        case .f64: return .double(base.assumingMemoryBound(to: Double.self)[position])
        case .c64: return .complex(base.assumingMemoryBound(to: Complex<Float>.self)[position].asComplex)
        case .c128: return .complex(base.assumingMemoryBound(to: Complex<Double>.self)[position])
        }
    }

    /// The elements as nested arrays (a 0-d tensor gives `.scalar`).
    public func toNested() -> NestedArray {
        nested(axis: 0, position: offset)
    }

    private func nested(axis: Int, position: Int) -> NestedArray {
        if axis == rank { return .scalar(scalar(atOffset: position)) }
        let children = (0..<shape[axis]).map { nested(axis: axis + 1, position: position + $0 * strides[axis]) }
        return .array(children)
    }
}
