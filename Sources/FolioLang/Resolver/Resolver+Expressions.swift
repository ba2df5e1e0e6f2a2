import FolioRuntime

extension Resolver {
    func resolve(_ expression: Expr) -> Evaluable {
        let span = expression.span
        switch expression.kind {
        case .literal(let value): return ConstantNode(value)
        case .interpolation(let parts): return InterpolationNode(parts: parts.map(resolvePart))
        case .name(let name): return read(name, span: span)
        case let .unary(operation, operand): return UnaryNode(operation, resolve(operand), span: span)
        case let .binary(operation, left, right): return resolveBinary(operation, left, right, span: span)
        case let .logical(isAnd, left, right):
            return LogicalNode(isAnd: isAnd, resolve(left), resolve(right), leftSpan: left.span, rightSpan: right.span)
        case let .ternary(condition, then, otherwise):
            return TernaryNode(condition: resolve(condition), then: resolve(then), otherwise: resolve(otherwise),
                               conditionSpan: condition.span)
        case let .range(lower, upper, isClosed):
            return RangeNode(lower: resolve(lower), upper: resolve(upper), isClosed: isClosed, span: span)
        case let .call(callee, arguments): return resolveCall(callee, arguments, span: span)
        case let .member(object, name, _): return MemberNode(object: resolve(object), name: name, span: span)
        case let .subscripted(object, items):
            return SubscriptNode(object: resolve(object), indices: items.map(resolveSubscriptItem), span: span)
        case .array(let elements): return ArrayNode(elements: elements.map(resolve))
        case .dictionary(let pairs):
            return DictionaryNode(keys: pairs.map { resolve($0.key) }, values: pairs.map { resolve($0.value) },
                                  keySpans: pairs.map(\.key.span))
        case .record(let fields): return RecordNode(fields: fields.map(\.field), values: fields.map { resolve($0.value) })
        case .closure(let declaration): return ClosureNode(code: resolveFunction(declaration))
        case .invalid: return ConstantNode(.none)
        }
    }

    private func resolveBinary(_ operation: BinaryOperator, _ left: Expr, _ right: Expr, span: SourceSpan) -> Evaluable {
        let leftNode = resolve(left)
        if let local = leftNode as? LocalGetNode, case .literal(let constant) = right.kind {
            switch constant {
            case .int, .double: return LocalConstantBinaryNode(operation, slot: local.slot, constant: constant, span: span)
            default: break
            }
        }
        return BinaryNode(operation, leftNode, resolve(right), span: span)
    }

    private func resolvePart(_ part: InterpolationPart) -> InterpolationNode.Part {
        switch part {
        case .text(let text): return .text(text)
        case .expression(let expression): return .value(resolve(expression))
        }
    }

    private func resolveCall(_ callee: Expr, _ arguments: [CallArgument], span: SourceSpan) -> Evaluable {
        let positional = arguments.filter { $0.label == nil }.map { resolve($0.value) }
        let labelledArguments = arguments.filter { $0.label != nil }
        let labels = labelledArguments.compactMap(\.label)
        for (index, label) in labels.enumerated() where labels[..<index].contains(label) {
            report(.SyntaxError, "argument '\(label):' is given twice", span: labelledArguments[index].value.span)
        }
        let labelled = labelledArguments.map { resolve($0.value) }
        if labels.isEmpty, case let .member(object, name, _) = callee.kind, let mutating = resolveMutatingCall(object, name, positional, span) {
            return mutating
        }
        let general = CallNode(callee: resolve(callee), positional: positional, labels: labels, labelled: labelled, span: span)
        if labels.isEmpty, case .name(let name) = callee.kind, case .global(let global) = lookup(name).target {
            return GlobalCallNode(global: global, positional: positional, general: general, span: span)
        }
        return general
    }

    func resolveSubscriptItem(_ item: SubscriptItem) -> SubscriptIndexNode {
        switch item {
        case .index(let expression): return .index(resolve(expression))
        case let .slice(start, stop, step):
            let span = [start, stop, step].compactMap { $0?.span }.first ?? SourceSpan(sourceID: 0, start: 0, end: 0)
            return .slice(start: start.map(resolve), stop: stop.map(resolve), step: step.map(resolve), span: span)
        case .ellipsis: return .ellipsis
        }
    }

    /// `xs.append(v)` on a variable mutates the variable in place (arrays and dictionaries are values).
    private func resolveMutatingCall(_ object: Expr, _ name: String, _ arguments: [Evaluable], _ span: SourceSpan) -> Evaluable? {
        guard MutatingMethods.names.contains(name), let (root, accessors) = resolvePath(object) else { return nil }
        let general = MutatingCallNode(root: root, accessors: accessors, method: name, arguments: arguments, span: span)
        if name == "append", arguments.count == 1, accessors.isEmpty, !root.isConstant {
            switch root.target {
            case .local(let slot)?: return LocalAppendNode(slot: slot, argument: arguments[0], general: general)
            case .global(let global)?: return GlobalAppendNode(global: global, argument: arguments[0], general: general)
            default: break
            }
        }
        return general
    }

    /// `a.b[i]` as its root variable and the steps below it; nil when the chain does not start at a name.
    func resolvePath(_ expression: Expr) -> (PathRoot, [PathAccessor])? {
        let (base, accessors) = splitPath(expression)
        guard case .name(let name) = base.kind else { return nil }
        let (variable, isConstant) = lookup(name)
        return (PathRoot(target: variable, name: name, isConstant: isConstant, span: base.span), accessors)
    }

    /// Splits `x.b[i].c` into the innermost expression that is neither a member nor a subscript (`x`)
    /// and the resolved steps from it outwards.
    func splitPath(_ expression: Expr) -> (base: Expr, accessors: [PathAccessor]) {
        var accessors: [PathAccessor] = []
        var current = expression
        while true {
            switch current.kind {
            case let .member(object, name, _):
                accessors.insert(.member(name), at: 0)
                current = object
            case let .subscripted(object, items):
                accessors.insert(.subscript(items.map(resolveSubscriptItem)), at: 0)
                current = object
            default:
                return (current, accessors)
            }
        }
    }
}
