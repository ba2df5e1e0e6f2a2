import FolioRuntime

/// One step below the root of an assignment target.
enum PathAccessor {
    case member(String)
    case `subscript`([SubscriptIndexNode])
}

/// `a.b[i] = v` (or `op=`): reads the root, rebuilds the path with the new value and stores the root
/// back, which gives arrays, dictionaries and records value semantics. Native objects are changed
/// in place through `setMember`/`subscriptSet`.
final class PathAssignmentNode: Executable {
    struct Root {
        var target: VariableTarget?
        var expression: Evaluable?
        var name = ""
        var isConstant = false
        var span: SourceSpan

        init(target: VariableTarget, name: String, isConstant: Bool, span: SourceSpan) {
            self.target = target
            self.name = name
            self.isConstant = isConstant
            self.span = span
        }

        init(expression: Evaluable, span: SourceSpan) {
            self.expression = expression
            self.span = span
        }
    }

    enum EvaluatedAccessor {
        case member(String)
        case `subscript`([SubscriptIndex])
    }

    let root: Root
    let accessors: [PathAccessor]
    let operation: BinaryOperator?
    let value: Evaluable
    let span: SourceSpan

    init(root: Root, accessors: [PathAccessor], operation: BinaryOperator?, value: Evaluable, span: SourceSpan) {
        self.root = root
        self.accessors = accessors
        self.operation = operation
        self.value = value
        self.span = span
    }

    func execute(_ interpreter: Interpreter) throws -> Flow {
        do {
            let rootValue: Value
            if let target = root.target {
                rootValue = try interpreter.read(target, span: root.span)
            } else {
                rootValue = try root.expression?.evaluate(interpreter) ?? .none
            }
            let evaluated = try accessors.map { accessor -> EvaluatedAccessor in
                switch accessor {
                case .member(let name): return .member(name)
                case .subscript(let items): return .subscript(try items.map { try $0.evaluate(interpreter) })
                }
            }
            let newValue = try value.evaluate(interpreter)
            let updated = try PathAssignmentNode.store(newValue, operation: operation, into: rootValue, path: evaluated[...])
            if let target = root.target {
                if root.isConstant, !isReferenceType(rootValue) {
                    throw FolioError(.TypeError, "cannot change '\(root.name)': it is a constant declared with 'let'", span: root.span)
                }
                if !isReferenceType(rootValue) { try interpreter.assign(updated, to: target, span: root.span) }
            }
        } catch let error as FolioError {
            throw error.located(at: span)
        }
        return .normal
    }

    private func isReferenceType(_ value: Value) -> Bool {
        if case .native = value { return true }
        return false
    }

    /// The container with `path` set to `newValue` (combined with the old value under `operation`).
    static func store(_ newValue: Value, operation: BinaryOperator?, into container: Value,
                      path: ArraySlice<EvaluatedAccessor>) throws -> Value {
        guard let first = path.first else {
            return newValue
        }
        let rest = path.dropFirst()
        let child: Value? = (rest.isEmpty && operation == nil) ? nil : try read(first, of: container)
        var replacement = newValue
        if rest.isEmpty, let operation, let child {
            replacement = try Value.apply(operation, child, newValue)
        } else if !rest.isEmpty, let child {
            replacement = try store(newValue, operation: operation, into: child, path: rest)
        }
        return try write(replacement, at: first, of: container)
    }

    private static func read(_ accessor: EvaluatedAccessor, of container: Value) throws -> Value {
        switch accessor {
        case .member(let name): return try MemberAccess.member(name, of: container)
        case .subscript(let indices): return try Subscripting.get(container, indices)
        }
    }

    private static func write(_ value: Value, at accessor: EvaluatedAccessor, of container: Value) throws -> Value {
        switch (accessor, container) {
        case (.subscript(let indices), _):
            return try Subscripting.set(container, indices, to: value)
        case (.member(let name), .record(var record)):
            guard let index = record.index(of: name) else {
                let hint = SpellingSuggestion.hint(for: name, among: record.fields)
                throw FolioError(.TypeError, "the record has no field '\(name)'\(hint)")
            }
            record.values[index] = value
            return .record(record)
        case (.member(let name), .native(let object)):
            try object.setMember(named: name, to: value)
            return container
        case (.member(let name), _):
            throw FolioError(.TypeError, "cannot assign to member '\(name)' of a \(container.typeName)")
        }
    }
}
