import FolioRuntime

/// One position of a subscript, evaluated to a `SubscriptIndex`.
enum SubscriptIndexNode {
    case index(Evaluable)
    case slice(start: Evaluable?, stop: Evaluable?, step: Evaluable?, span: SourceSpan)
    case ellipsis

    func evaluate(_ interpreter: Interpreter) throws -> SubscriptIndex {
        switch self {
        case .index(let node):
            return .index(try node.evaluate(interpreter))
        case let .slice(start, stop, step, span):
            return .slice(start: try bound(start, interpreter, span), stop: try bound(stop, interpreter, span),
                          step: try bound(step, interpreter, span))
        case .ellipsis:
            return .ellipsis
        }
    }

    private func bound(_ node: Evaluable?, _ interpreter: Interpreter, _ span: SourceSpan) throws -> Int? {
        guard let node else { return nil }
        let value = try node.evaluate(interpreter)
        switch value {
        case .int(let integer): return integer
        case .none: return nil
        default: throw FolioError(.TypeError, "slice bounds must be Int, got \(value.typeName)", span: span)
        }
    }
}
