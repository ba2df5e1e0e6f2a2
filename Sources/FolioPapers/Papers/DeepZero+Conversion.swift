import FolioAutograd
import FolioRuntime
import FolioTensor

/// How DeepZero's builtins move between language values and blocks: θ is one tensor or an array
/// of tensors (one per layer), and every result has θ's structure.
extension DeepZero {
    /// θ as blocks, remembering shapes, dtypes and whether it was a single tensor.
    struct Point {
        var blocks: [[Double]]
        let shapes: [[Int]]
        let dtypes: [DType]
        let single: Bool

        var sizes: [Int] { blocks.map(\.count) }

        /// One tensor or an array of tensors (numbers and nested arrays of numbers become one f64
        /// tensor); `what` names the argument in errors.
        init(_ value: Value, function: String, what: String) throws {
            let name = "\(function)(\(what))"
            let tensors: [Tensor]
            if case .array(let items) = value, !items.isEmpty, items.allSatisfy(Point.isTensor) {
                tensors = try items.map { try TensorConversion.variable($0, name: name).value }
                single = false
            } else {
                tensors = [try TensorConversion.variable(value, dtype: Point.isTensor(value) ? nil : .f64, name: name).value]
                single = true
            }
            guard tensors.allSatisfy({ !$0.dtype.isComplex }) else {
                throw FolioError(.TypeError, "\(function): \(what) must hold real tensors")
            }
            blocks = tensors.map { $0.toArray() }
            shapes = tensors.map(\.shape)
            dtypes = tensors.map { $0.dtype.isFloatingPoint ? $0.dtype : .f64 }
        }

        static func isTensor(_ value: Value) -> Bool {
            if case .native(let object) = value { return object is TensorObject }
            return false
        }

        /// Blocks with this point's shapes as a language value: a tensor, or an array of tensors.
        func value(of blocks: [[Double]]) throws -> Value {
            let tensors = try blocks.indices.map { index in
                TensorConversion.wrap(Variable(try Tensor(blocks[index], shape: shapes[index], dtype: dtypes[index])))
            }
            return single ? tensors[0] : .array(tensors)
        }

        /// Another argument (`mask:`, `directions:`) with the same structure, as blocks of the given sizes.
        func matching(_ value: Value, rowsOf rows: Int? = nil, function: String, what: String) throws -> [[Double]] {
            let other = try Point(value, function: function, what: what)
            guard other.single == single, other.blocks.count == blocks.count else {
                throw FolioError(.ShapeError, "\(function): \(what) must have theta's structure (\(single ? "one tensor" : "an array of \(blocks.count) tensors"))")
            }
            for (index, block) in other.blocks.enumerated() {
                let expected = (rows ?? 1) * blocks[index].count
                guard block.count == expected, rows == nil || other.shapes[index].first == rows else {
                    let shape = rows.map { "(\($0), \(blocks[index].count))" } ?? formatShape(shapes[index])
                    throw FolioError(.ShapeError, "\(function): \(what) must have shape \(shape) to match theta, got \(formatShape(other.shapes[index]))")
                }
            }
            return other.blocks
        }
    }

    /// The Folio function `f` as an objective: called with θ's structure, it must return a number
    /// or a one-element tensor.
    static func objective(_ f: Value, _ point: Point, _ context: CallContext, function: String) -> Objective {
        { blocks in
            let argument = try point.value(of: blocks)
            let result = try noGrad { try context.call(f, [argument]) }
            return try number(result, function: function)
        }
    }

    /// A loss value as a finite Double, or a TypeError/ValueError naming the function.
    static func number(_ result: Value, function: String) throws -> Double {
        let value: Double
        switch result {
        case .native(let object as TensorObject) where object.variable.count == 1:
            value = try object.variable.item()
        case .int, .double:
            value = result.numericValue ?? .nan
        default:
            throw FolioError(.TypeError, "\(function): f must return a number or a one-element tensor, got \(result.typeName)")
        }
        guard value.isFinite else { throw FolioError(.ValueError, "\(function): f returned \(value)") }
        return value
    }

    /// `directions:` (q, d) per block, as the estimators want them: q rows per block.
    static func directionRows(_ value: Value, _ point: Point, function: String) throws -> [[[Double]]] {
        var first = value
        if !point.single, case .array(let items) = value, let item = items.first { first = item }
        guard case .native(let object as TensorObject) = first, object.variable.rank == 2 else {
            throw FolioError(.ShapeError, "\(function): directions must be a (q, d) tensor per block of theta (d = its number of entries)")
        }
        let q = object.variable.shape[0]
        guard q >= 1 else { throw FolioError(.ValueError, "\(function): directions must have q ≥ 1 rows") }
        let blocks = try point.matching(value, rowsOf: q, function: function, what: "directions")
        let rows = zip(blocks, point.sizes).map { block, size in (0..<q).map { Array(block[($0 * size)..<(($0 + 1) * size)]) } }
        for sample in 0..<q {
            let norm = rows.map { $0[sample].reduce(0) { $0 + $1 * $1 } }
            if norm.contains(where: { $0 == 0 }) {
                throw FolioError(.ValueError, "\(function): direction \(sample) is zero (it has no direction to normalise)")
            }
        }
        return rows
    }
}
