/// An n-dimensional array: a value-like handle on shared storage.
///
/// A tensor is a dtype, a shape, strides (in elements, possibly zero or negative) and an offset
/// into a `TensorStorage`. Views (slices, transposes, broadcasts, reshapes of contiguous data)
/// share storage with their base; every other op writes a fresh contiguous tensor. Ops never
/// mutate their inputs.
///
/// Writing (`assign(_:at:)` and friends, see `Tensor+Assignment.swift`) follows two rules:
/// - views alias as in NumPy: writing through a view changes its base and every other view of
///   the same storage, and writing through the base changes its views;
/// - copies of a handle do not: `var y = x; y.assign(...)` first detaches `y` onto fresh storage
///   (copy-on-write), so `x` never changes. An op that returns its input unchanged (e.g. `cast`
///   to the same dtype) returns such a copy, not a view.
public struct Tensor: @unchecked Sendable {
    public let dtype: DType
    public internal(set) var shape: [Int]
    /// Distance, in elements, between neighbours along each axis.
    public internal(set) var strides: [Int]
    /// Index of element `[0, 0, ...]` in storage, in elements.
    public internal(set) var offset: Int
    var storage: TensorStorage
    /// Identity of this handle: struct copies share it, every view op makes a new one. A write
    /// through a handle whose identity is shared detaches it first (see the type's documentation).
    var identity: HandleIdentity

    /// A view of `storage`; callers guarantee every reachable element lies inside it.
    init(storage: TensorStorage, dtype: DType, shape: [Int], strides: [Int], offset: Int) {
        self.storage = storage
        self.dtype = dtype
        self.shape = shape
        self.strides = strides
        self.offset = offset
        self.identity = HandleIdentity()
    }

    /// A fresh contiguous tensor whose elements the caller must all write; `shape` must already
    /// be validated.
    init(uninitializedShape shape: [Int], dtype: DType) {
        self.init(shape: shape, dtype: dtype, zeroed: false)
    }

    /// A fresh contiguous tensor, zero-filled if `zeroed`; `shape` must already be validated.
    init(shape: [Int], dtype: DType, zeroed: Bool) {
        let count = shape.reduce(1, *)
        self.init(storage: TensorStorage(byteCount: count * dtype.byteSize, zeroed: zeroed), dtype: dtype,
                  shape: shape, strides: ShapeMath.contiguousStrides(shape), offset: 0)
    }

    /// A fresh zero-filled tensor, validating `shape`.
    static func allocate(shape: [Int], dtype: DType, op: String) throws -> Tensor {
        _ = try ShapeMath.elementCount(shape, op: op)
        return Tensor(shape: shape, dtype: dtype, zeroed: true)
    }

    /// The number of elements of `shape`, or a `TensorError` naming `op` when a size is negative
    /// or the tensor would not fit in memory: for ops that build index lists before the tensor.
    public static func elementCount(of shape: [Int], op: String) throws -> Int {
        try ShapeMath.elementCount(shape, op: op)
    }

    /// The number of axes.
    public var rank: Int { shape.count }

    /// The number of elements.
    public var count: Int { shape.reduce(1, *) }

    /// True when elements are laid out densely in row-major order (size-1 axes may have any stride).
    public var isContiguous: Bool {
        var expected = 1
        for axis in stride(from: rank - 1, through: 0, by: -1) where shape[axis] != 1 {
            if shape[axis] == 0 { return true }
            if strides[axis] != expected { return false }
            expected *= shape[axis]
        }
        return true
    }

    /// True when `self` and `other` are views of the same storage.
    public func sharesStorage(with other: Tensor) -> Bool {
        storage === other.storage
    }

    /// A typed pointer to element `[0, 0, ...]`; `T.dtype` must equal `dtype`.
    @inline(__always)
    func pointer<T: TensorScalar>(_ type: T.Type) -> UnsafeMutablePointer<T> {
        storage.pointer.assumingMemoryBound(to: T.self) + offset
    }

    /// Runs `body` with a pointer to element `[0, 0, ...]`, after checking the dtype.
    ///
    /// Writing through the pointer is visible in every view of this storage; use it only on
    /// tensors you just created or explicitly mean to alias.
    public func withUnsafeMutablePointer<T: TensorScalar, R>(
        as type: T.Type, _ body: (UnsafeMutablePointer<T>) throws -> R
    ) throws -> R {
        guard T.dtype == dtype else {
            throw TensorError.unsupportedDType(op: "withUnsafeMutablePointer", dtype: dtype,
                                               reason: "the tensor does not hold \(T.dtype)")
        }
        return try body(pointer(T.self))
    }
}

/// The token whose reference count tells whether a tensor handle has been copied.
final class HandleIdentity: @unchecked Sendable {}
