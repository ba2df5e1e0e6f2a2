/// One entry of a basic (view-producing) index, as in NumPy's `x[1, 2:5, ::-1, None, ...]`.
public enum TensorIndex: Equatable, Sendable {
    /// A single position; removes the axis. Negative counts from the end.
    case at(Int)
    /// A Python slice `start:stop:step`; `nil` bounds mean "from the edge in the step's direction".
    case range(start: Int? = nil, stop: Int? = nil, step: Int = 1)
    /// A new axis of size 1 (`None` / `newaxis`).
    case newAxis
    /// As many full slices as needed to index every remaining axis (`...`).
    case ellipsis

    /// The full slice `:`.
    public static let all = TensorIndex.range()
}

extension Tensor {
    /// A view with `indices` applied, as NumPy's basic indexing; never copies.
    public func slice(_ indices: [TensorIndex]) throws -> Tensor {
        let consumed = indices.filter { $0 != .newAxis && $0 != .ellipsis }.count
        let ellipses = indices.filter { $0 == .ellipsis }.count
        guard ellipses <= 1 else { throw TensorError.invalidArgument(op: "index", message: "an index can only have a single ellipsis") }
        guard consumed <= rank else {
            throw TensorError.invalidArgument(op: "index", message: "too many indices for a tensor of rank \(rank): \(consumed) given")
        }
        var expanded: [TensorIndex] = []
        for index in indices {
            if index == .ellipsis {
                expanded += Array(repeating: .all, count: rank - consumed)
            } else {
                expanded.append(index)
            }
        }
        if ellipses == 0 { expanded += Array(repeating: .all, count: rank - consumed) }
        return try applyBasicIndex(expanded)
    }

    private func applyBasicIndex(_ indices: [TensorIndex]) throws -> Tensor {
        var newShape: [Int] = []
        var newStrides: [Int] = []
        var newOffset = offset
        var axis = 0
        for index in indices {
            switch index {
            case .newAxis:
                newShape.append(1)
                newStrides.append(0)
            case .ellipsis:
                break
            case let .at(position):
                let size = shape[axis]
                let resolved = position < 0 ? position + size : position
                guard resolved >= 0, resolved < size else {
                    throw TensorError.indexOutOfRange(op: "index", index: position, axis: axis, size: size)
                }
                newOffset += resolved * strides[axis]
                axis += 1
            case let .range(start, stop, step):
                let bounds = try Tensor.sliceBounds(start: start, stop: stop, step: step, size: shape[axis])
                newOffset += bounds.start * strides[axis]
                newShape.append(bounds.count)
                // With at most one element the stride is never used, and `step` may be huge.
                newStrides.append(bounds.count <= 1 ? strides[axis] : strides[axis] * step)
                axis += 1
            }
        }
        return Tensor(storage: storage, dtype: dtype, shape: newShape, strides: newStrides, offset: newOffset)
    }

    /// Python's slice clamping (`PySlice_AdjustIndices`): the first index and the element count.
    static func sliceBounds(start: Int?, stop: Int?, step: Int, size: Int) throws -> (start: Int, count: Int) {
        guard step != 0 else { throw TensorError.invalidArgument(op: "slice", message: "slice step cannot be zero") }
        func clamp(_ value: Int?, default fallback: Int) -> Int {
            guard let value else { return fallback }
            if value < 0 {
                let shifted = value + size
                return shifted < 0 ? (step < 0 ? -1 : 0) : shifted
            }
            return value >= size ? (step < 0 ? size - 1 : size) : value
        }
        let first = clamp(start, default: step < 0 ? size - 1 : 0)
        let last = clamp(stop, default: step < 0 ? -1 : size)
        let span = step < 0 ? first - last : last - first
        let magnitude = step.magnitude > Int.max.magnitude ? Int.max : Swift.abs(step)
        let count = span <= 0 ? 0 : (span - 1) / magnitude + 1
        return (first, count)
    }

    /// The view with axes reordered: result axis `i` is input axis `axes[i]`.
    public func permute(_ axes: [Int]) throws -> Tensor {
        guard axes.count == rank else {
            throw TensorError.invalidArgument(op: "permute", message: "expected \(rank) axes, got \(axes.count)")
        }
        var newShape = shape, newStrides = strides
        for (position, axis) in axes.enumerated() {
            let source = try ShapeMath.normalizeAxis(axis, rank: rank, op: "permute")
            // A permutation of n axes has no repeats: n^2 comparisons for n <= a handful beat a Set.
            for earlier in 0..<position where (axes[earlier] + rank) % rank == source {
                throw TensorError.invalidArgument(op: "permute", message: "axes \(axes) are not a permutation")
            }
            newShape[position] = shape[source]
            newStrides[position] = strides[source]
        }
        return Tensor(storage: storage, dtype: dtype, shape: newShape, strides: newStrides, offset: offset)
    }

    /// The view with two axes swapped (defaults: the last two, as in `x.mT`).
    public func transpose(_ first: Int = -2, _ second: Int = -1) throws -> Tensor {
        // NumPy's `.T` of a 0-d or 1-d array is the array itself.
        if rank < 2 { return self }
        let a = try ShapeMath.normalizeAxis(first, rank: rank, op: "transpose")
        let b = try ShapeMath.normalizeAxis(second, rank: rank, op: "transpose")
        var newShape = shape, newStrides = strides
        newShape.swapAt(a, b)
        newStrides.swapAt(a, b)
        return Tensor(storage: storage, dtype: dtype, shape: newShape, strides: newStrides, offset: offset)
    }

    /// The view broadcast to `newShape` (NumPy `broadcast_to`; `-1` keeps a size, as in PyTorch
    /// `expand`). Broadcast axes get stride 0, so the result must not be written to.
    public func expand(_ newShape: [Int]) throws -> Tensor {
        guard newShape.count >= rank else {
            throw TensorError.shapeMismatch(op: "expand", shapes: [shape, newShape], reason: "target has fewer axes than the tensor")
        }
        let lead = newShape.count - rank
        var resolved = newShape
        var newStrides = [Int](repeating: 0, count: newShape.count)
        for axis in 0..<newShape.count {
            let source = axis - lead
            if source >= 0 && newShape[axis] == -1 { resolved[axis] = shape[source] }
            if source >= 0 && shape[source] == resolved[axis] {
                newStrides[axis] = strides[source]
            } else if source >= 0 && shape[source] != 1 {
                throw TensorError.shapeMismatch(op: "expand", shapes: [shape, newShape], reason: "cannot broadcast")
            }
        }
        _ = try ShapeMath.elementCount(resolved, op: "expand")
        return Tensor(storage: storage, dtype: dtype, shape: resolved, strides: newStrides, offset: offset)
    }

    /// A dense row-major tensor with the same elements: `self` if already dense, else a copy.
    public func contiguous() -> Tensor {
        isContiguous ? self : cast(to: dtype, forceCopy: true)
    }

    /// The same elements in `newShape` (one size may be `-1`). A view when the data is contiguous;
    /// otherwise the data is first copied by `contiguous()`.
    public func reshape(_ newShape: [Int]) throws -> Tensor {
        let resolved = try resolveReshape(newShape)
        let source = contiguous()
        return Tensor(storage: source.storage, dtype: dtype, shape: resolved,
                      strides: ShapeMath.contiguousStrides(resolved), offset: source.offset)
    }

    private func resolveReshape(_ newShape: [Int]) throws -> [Int] {
        let inferred = newShape.indices.filter { newShape[$0] == -1 }
        guard inferred.count <= 1 else {
            throw TensorError.invalidShape(op: "reshape", shape: newShape, reason: "only one size can be -1")
        }
        var resolved = newShape
        if let axis = inferred.first {
            resolved[axis] = 1
            let known = try ShapeMath.elementCount(resolved, op: "reshape")
            guard known > 0, count % known == 0 else {
                throw TensorError.shapeMismatch(op: "reshape", shapes: [shape, newShape], reason: "cannot reshape")
            }
            resolved[axis] = count / known
        }
        guard try ShapeMath.elementCount(resolved, op: "reshape") == count else {
            throw TensorError.shapeMismatch(op: "reshape", shapes: [shape, newShape], reason: "element counts differ")
        }
        return resolved
    }

    /// All elements as one axis.
    public func flatten() throws -> Tensor { try reshape([count]) }

    /// The view without size-1 axes (all of them, or the given ones, which must have size 1).
    public func squeeze(_ axes: [Int]? = nil) throws -> Tensor {
        let chosen = try ShapeMath.normalizeAxes(axes, rank: rank, op: "squeeze")
        for axis in chosen where axes != nil && shape[axis] != 1 {
            throw TensorError.invalidArgument(op: "squeeze", message: "axis \(axis) has size \(shape[axis]), not 1")
        }
        let keep = (0..<rank).filter { !(chosen.contains($0) && shape[$0] == 1) }
        return Tensor(storage: storage, dtype: dtype, shape: keep.map { shape[$0] },
                      strides: keep.map { strides[$0] }, offset: offset)
    }

    /// The view with a size-1 axis inserted at `axis` (in `-(rank+1)...rank`).
    public func unsqueeze(_ axis: Int) throws -> Tensor {
        let position = try ShapeMath.normalizeAxis(axis, rank: rank + 1, op: "unsqueeze")
        var newShape = shape
        var newStrides = strides
        newShape.insert(1, at: position)
        newStrides.insert(0, at: position)
        return Tensor(storage: storage, dtype: dtype, shape: newShape, strides: newStrides, offset: offset)
    }
}
