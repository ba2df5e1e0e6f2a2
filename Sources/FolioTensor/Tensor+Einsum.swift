/// The operations `einsum`, `diagonal` and `kron` are composed of. `Tensor` conforms here and
/// the autodiff layer's `Variable` conforms too, so these composites are written once and the
/// variable versions differentiate through their parts.
public protocol TensorAlgebra {
    var shape: [Int] { get }
    func permute(_ axes: [Int]) throws -> Self
    func reshape(_ newShape: [Int]) throws -> Self
    func expand(_ newShape: [Int]) throws -> Self
    func sum(axes: [Int]?, keepDims: Bool) throws -> Self
    func matmul(_ other: Self) throws -> Self
    /// The entries at `positions` along `axis` (NumPy `take` with constant indices).
    func take(positions: [Int64], axis: Int) throws -> Self
    static func * (lhs: Self, rhs: Self) throws -> Self
}

extension Tensor: TensorAlgebra {
    public func take(positions: [Int64], axis: Int) throws -> Tensor {
        try take(Tensor(integers: positions, shape: [positions.count]), axis: axis)
    }
}

/// `einsum`, `diagonal` and `kron`: composites of `permute`, `reshape`, `take`, `sum` and `matmul`.
extension TensorAlgebra {
    /// Einstein summation over `operands` as NumPy's `einsum` (see `EinsumSubscripts` for the
    /// grammar). Operands are contracted left to right, each pair as one batched `matmul`;
    /// repeated labels within an operand take its diagonal; labels needed neither by the output nor
    /// by a later operand are summed as early as possible. Size-1 axes broadcast against their label.
    public static func einsum(_ subscripts: String, _ operands: [Self]) throws -> Self {
        let spec = try EinsumSubscripts(subscripts, ranks: operands.map(\.shape.count))
        let sizes = try labelSizes(spec, operands)
        var terms = try zip(operands, spec.inputs).map { tensor, labels in
            try LabeledTensor(tensor: tensor, labels: labels).diagonalized().expanded(to: sizes)
        }
        guard !terms.isEmpty else { throw EinsumSubscripts.error("expected at least one operand") }
        var result = terms.removeFirst()
        while !terms.isEmpty {
            try TensorCancellation.check("einsum")
            let next = terms.removeFirst()
            let needed = Set(spec.output).union(terms.flatMap(\.labels))
            result = try result.contracted(with: next, keeping: needed)
        }
        result = try result.summed(keeping: Set(spec.output))
        return try result.tensor.permute(spec.output.map { label in result.labels.firstIndex(of: label) ?? 0 })
    }

    private static func labelSizes(_ spec: EinsumSubscripts, _ operands: [Self]) throws -> [Character: Int] {
        var sizes: [Character: Int] = [:]
        for (tensor, labels) in zip(operands, spec.inputs) {
            for (axis, label) in labels.enumerated() {
                let size = tensor.shape[axis]
                if let known = sizes[label], known != size, known != 1, size != 1 {
                    throw TensorError.shapeMismatch(op: "einsum", shapes: operands.map(\.shape),
                                                    reason: "label '\(label)' has sizes \(known) and \(size)")
                }
                sizes[label] = Swift.max(sizes[label] ?? size, size == 1 ? (sizes[label] ?? 1) : size)
            }
        }
        return sizes
    }

    /// The entries `[i, i + offset]` of axes `axis1` and `axis2`, as a new last axis (NumPy
    /// `diagonal`). Composite: `permute`, `reshape`, `take`.
    public func diagonal(offset: Int = 0, axis1: Int = 0, axis2: Int = 1) throws -> Self {
        let rank = shape.count
        let first = try ShapeMath.normalizeAxis(axis1, rank: rank, op: "diagonal")
        let second = try ShapeMath.normalizeAxis(axis2, rank: rank, op: "diagonal")
        guard first != second else {
            throw TensorError.invalidArgument(op: "diagonal", message: "axis1 and axis2 must differ, both are \(axis1)")
        }
        let (rows, columns) = (shape[first], shape[second])
        guard offset.magnitude <= UInt(Swift.max(rows, columns)) else {
            throw TensorError.invalidArgument(op: "diagonal", message: "offset \(offset) is beyond a (\(rows), \(columns)) matrix")
        }
        var order = (0..<rank).filter { $0 != first && $0 != second }
        order += [first, second]
        let moved = try permute(order)
        let flat = try moved.reshape(Array(moved.shape.dropLast(2)) + [rows * columns])
        let length = Swift.max(0, offset >= 0 ? Swift.min(rows, columns - offset) : Swift.min(rows + offset, columns))
        let positions = (0..<length).map { i -> Int64 in
            let (row, column) = offset >= 0 ? (i, i + offset) : (i - offset, i)
            return Int64(row * columns + column)
        }
        return try flat.take(positions: positions, axis: flat.shape.count - 1)
    }

    /// The Kronecker product, as NumPy `kron` (the lower-rank operand gets leading size-1 axes).
    /// Composite: broadcast `*` and `reshape`.
    public func kron(_ other: Self) throws -> Self {
        let finalRank = Swift.max(shape.count, other.shape.count)
        let left = try reshape(Array(repeating: 1, count: finalRank - shape.count) + shape)
        let right = try other.reshape(Array(repeating: 1, count: finalRank - other.shape.count) + other.shape)
        var leftShape: [Int] = []
        var rightShape: [Int] = []
        for axis in 0..<finalRank {
            leftShape += [left.shape[axis], 1]
            rightShape += [1, right.shape[axis]]
        }
        let product = try left.reshape(leftShape) * right.reshape(rightShape)
        return try product.reshape((0..<finalRank).map { left.shape[$0] * right.shape[$0] })
    }
}

/// A tensor whose axes carry einsum labels.
private struct LabeledTensor<Operand: TensorAlgebra> {
    var tensor: Operand
    var labels: [Character]

    /// Repeated labels replaced by the diagonal (moved last, one label).
    func diagonalized() throws -> LabeledTensor {
        var current = self
        while let repeated = current.labels.firstIndex(where: { label in current.labels.filter { $0 == label }.count > 1 }) {
            let label = current.labels[repeated]
            let other = current.labels.lastIndex(of: label) ?? repeated
            guard current.tensor.shape[repeated] == current.tensor.shape[other] else {
                throw TensorError.shapeMismatch(op: "einsum", shapes: [current.tensor.shape],
                                                reason: "repeated label '\(label)' spans axes of sizes \(current.tensor.shape[repeated]) and \(current.tensor.shape[other])")
            }
            let diagonal = try current.tensor.diagonal(axis1: repeated, axis2: other)
            var labels = current.labels
            labels.remove(at: other)
            labels.remove(at: repeated)
            current = LabeledTensor(tensor: diagonal, labels: labels + [label])
        }
        return current
    }

    func expanded(to sizes: [Character: Int]) throws -> LabeledTensor {
        LabeledTensor(tensor: try tensor.expand(labels.map { sizes[$0] ?? 1 }), labels: labels)
    }

    /// Sums every axis whose label is not in `keep`.
    func summed(keeping keep: Set<Character>) throws -> LabeledTensor {
        let drop = labels.indices.filter { !keep.contains(labels[$0]) }
        guard !drop.isEmpty else { return self }
        return LabeledTensor(tensor: try tensor.sum(axes: drop, keepDims: false), labels: labels.enumerated().filter { !drop.contains($0.offset) }.map(\.element))
    }

    /// The pairwise contraction as one batched matmul: `(batch, left, shared) @ (batch, shared, right)`.
    func contracted(with other: LabeledTensor, keeping needed: Set<Character>) throws -> LabeledTensor {
        let left = try summed(keeping: needed.union(other.labels))
        let right = try other.summed(keeping: needed.union(labels))
        let common = left.labels.filter { right.labels.contains($0) }
        let batch = common.filter { needed.contains($0) }
        let shared = common.filter { !needed.contains($0) }
        let leftOnly = left.labels.filter { !common.contains($0) }
        let rightOnly = right.labels.filter { !common.contains($0) }
        let a = try left.arranged(batch + leftOnly + shared, groups: [batch.count, leftOnly.count, shared.count])
        let b = try right.arranged(batch + shared + rightOnly, groups: [batch.count, shared.count, rightOnly.count])
        let product = try a.matmul(b)
        let sizes = left.sizes(of: batch + leftOnly) + right.sizes(of: rightOnly)
        return LabeledTensor(tensor: try product.reshape(sizes), labels: batch + leftOnly + rightOnly)
    }

    private func sizes(of chosen: [Character]) -> [Int] {
        chosen.map { label in labels.firstIndex(of: label).map { tensor.shape[$0] } ?? 1 }
    }

    /// Axes permuted to `order` and merged into three groups of the given label counts.
    private func arranged(_ order: [Character], groups: [Int]) throws -> Operand {
        let permuted = try tensor.permute(order.map { label in labels.firstIndex(of: label) ?? 0 })
        var merged: [Int] = []
        var start = 0
        for count in groups {
            merged.append(permuted.shape[start..<(start + count)].reduce(1, *))
            start += count
        }
        return try permuted.reshape(merged)
    }
}
