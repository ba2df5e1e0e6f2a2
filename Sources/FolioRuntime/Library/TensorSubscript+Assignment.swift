import FolioAutograd
import FolioTensor

/// `x[indices] = v`: in place on plain tensors (views of `x` see the write, as in NumPy); on
/// tensors in a graph, a recorded functional update, so gradients flow through the assignment.
extension TensorSubscript {
    /// A stand-in held while the real tensor is written, so the write does not force a copy.
    private static let placeholder = Tensor(scalar: 0)

    public static func set(_ object: TensorObject, _ indices: [SubscriptIndex], to value: Value) throws {
        let parsed = try parse(indices)
        guard !parsed.isCombined else {
            throw FolioError(.IndexError, "assignment through several array indices (x[rows, cols] = v) is not supported; assign through one index array or a boolean mask")
        }
        // Numbers and arrays take the target's dtype directly (0.1 into an f64 tensor stays 0.1,
        // not 0.1 rounded through the f32 default of literals); tensors keep theirs and are cast below.
        let literalDType: DType? = { if case .native = value { return nil } else { return object.variable.dtype } }()
        let source = try TensorConversion.variable(value, dtype: literalDType, name: "assigned value")
        // No copy of the target's handle may stay alive here: a second handle makes the write copy.
        let tracked = object.variable.requiresGrad && GradMode.isEnabled
        let dtype = object.variable.dtype
        try NativeCall.mapping {
            if tracked {
                object.variable = try recordedAssignment(object.variable, parsed, source)
            } else {
                try assignInPlace(object, parsed, source.value.cast(to: dtype))
            }
        }
    }

    private static func assignInPlace(_ object: TensorObject, _ parsed: Parsed, _ value: Tensor) throws {
        var tensor = object.variable.value
        let wasTracked = object.variable.requiresGrad
        object.variable = Variable(placeholder)
        defer { object.variable = Variable(tensor, requiresGrad: wasTracked) }
        guard let advanced = parsed.advanced else {
            try tensor.assign(value, at: parsed.basic)
            return
        }
        let onlyIndex = parsed.basic.count == 1
        if advanced.index.dtype == .bool, onlyIndex {
            try tensor.assign(value, where: advanced.index.value)
        } else if advanced.index.dtype == .i64, parsed.basic.allSatisfy({ $0 == .all }) {
            try tensor.assign(value, atIndices: advanced.index.value, axis: advanced.position)
        } else {
            throw FolioError(.IndexError, "assignment supports x[mask] = v, x[idx] = v and x[:, idx] = v with one tensor index")
        }
    }

    /// The graph-recording update: `assigning` for slices, `where` for a full mask.
    private static func recordedAssignment(_ target: Variable, _ parsed: Parsed, _ value: Variable) throws -> Variable {
        let cast = target.dtype == value.dtype ? value : try value.cast(to: target.dtype)
        guard let advanced = parsed.advanced else { return try target.assigning(cast, at: parsed.basic) }
        guard advanced.index.dtype == .bool, parsed.basic.count == 1, advanced.index.shape == target.shape else {
            throw FolioError(.IndexError, "a tensor that requires grad can be assigned through slices or a full boolean mask only")
        }
        return try Variable.select(advanced.index, cast, target)
    }
}
