import FolioAutograd
import FolioTensor

/// NumPy subscripts on tensors: `x[0, 1:3, ::2, ...]` (views), `x[nil]` (a new axis), advanced
/// indices (`x[mask]`, `x[idx]`, `x[:, idx]`, and several arrays together, `x[rows, cols]`, in
/// TensorSubscript+Combined), and assignment through basic indices, one index array or a mask.
public enum TensorSubscript {
    /// The basic indices, and the advanced index (a bool mask or integer tensor) with its position.
    struct Parsed {
        var basic: [TensorIndex] = []
        var advanced: (position: Int, index: Variable)?
        /// Every array index with its position in `basic`, when there are several (NumPy's
        /// combined advanced indexing; `get` handles it, assignment refuses it).
        var arrays: [(position: Int, index: Variable)] = []

        /// Several array indices, or one beside integers: NumPy broadcasts them together.
        var isCombined: Bool {
            arrays.count > 1 || (arrays.count == 1 && basic.contains { if case .at = $0 { return true } else { return false } })
        }
    }

    static func parse(_ indices: [SubscriptIndex]) throws -> Parsed {
        var parsed = Parsed()
        for index in indices {
            switch index {
            case .ellipsis: parsed.basic.append(.ellipsis)
            case let .slice(start, stop, step):
                guard step != 0 else { throw FolioError(.ValueError, "slice step cannot be zero") }
                parsed.basic.append(.range(start: start, stop: stop, step: step ?? 1))
            case .index(.int(let position)): parsed.basic.append(.at(position))
            case .index(.none): parsed.basic.append(.newAxis)
            case .index(let value):
                let index = try TensorConversion.variable(value, name: "index")
                guard index.dtype == .bool || index.dtype == .i64 else {
                    throw FolioError(.IndexError, "tensor indices must be integer or bool, got dtype \(index.dtype)")
                }
                if parsed.advanced == nil { parsed.advanced = (parsed.basic.count, index) }
                parsed.arrays.append((parsed.basic.count, index))
                parsed.basic.append(.all)
            }
        }
        return parsed
    }

    /// The axis of the basic-indexed result that the advanced index applies to.
    static func resultAxis(_ parsed: Parsed, rank: Int) -> Int {
        guard let position = parsed.advanced?.position else { return 0 }
        func keepsAxis(_ index: TensorIndex) -> Bool {
            if case .at = index { return false }
            return index != .ellipsis
        }
        guard parsed.basic[..<position].contains(.ellipsis) else {
            return parsed.basic[..<position].filter(keepsAxis).count
        }
        // After an ellipsis, count from the end of the result instead.
        let removed = parsed.basic.filter { if case .at = $0 { return true } else { return false } }.count
        let added = parsed.basic.filter { $0 == .newAxis }.count
        let resultRank = rank - removed + added
        return resultRank - parsed.basic[(position + 1)...].filter(keepsAxis).count - 1
    }

    public static func get(_ tensor: Variable, _ indices: [SubscriptIndex]) throws -> Variable {
        let parsed = try parse(indices)
        if parsed.isCombined { return try NativeCall.mapping { try combined(tensor, parsed) } }
        return try NativeCall.mapping {
            let base = try tensor.slice(parsed.basic)
            guard let advanced = parsed.advanced else { return base }
            let axis = resultAxis(parsed, rank: tensor.rank)
            return try select(base, advanced.index, axis: axis)
        }
    }

    /// `base[index]` along `axis`: a bool mask over the axes from `axis` on, or integer positions.
    static func select(_ base: Variable, _ index: Variable, axis: Int) throws -> Variable {
        guard index.dtype == .bool else { return try base.take(normalized(index, size: base.shape[axis]), axis: axis) }
        let maskShape = index.shape
        let end = axis + maskShape.count
        guard end <= base.rank, Array(base.shape[axis..<end]) == maskShape else {
            throw TensorError.shapeMismatch(op: "index", shapes: [base.shape, maskShape],
                                            reason: "a boolean mask must match the axes it indexes")
        }
        let flatSize = maskShape.reduce(1, *)
        let merged = Array(base.shape[..<axis]) + [flatSize] + Array(base.shape[end...])
        let positions = index.value.toArray().enumerated().filter { $0.element != 0 }.map { Int64($0.offset) }
        let picks = Variable(try Tensor(integers: positions, shape: [positions.count]))
        return try base.reshape(merged).take(picks, axis: axis)
    }

    /// Negative positions count from the end, as NumPy's.
    private static func normalized(_ index: Variable, size: Int) throws -> Variable {
        let positions = index.value.toArray(of: Int64.self)
        guard positions.contains(where: { $0 < 0 }) else { return index }
        let shifted = positions.map { $0 < 0 ? $0 + Int64(size) : $0 }
        return Variable(try Tensor(integers: shifted, shape: index.shape))
    }
}
