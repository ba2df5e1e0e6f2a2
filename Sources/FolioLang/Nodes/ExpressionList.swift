import FolioRuntime

/// The expressions of a call's positional arguments or of a record or array literal, with the
/// first two also kept as plain fields.
///
/// Calling through a `let` field of a node costs no reference counting, while taking an element
/// out of an array retains and releases it; most calls and records have one or two of them.
struct ExpressionList {
    let count: Int
    let first: Evaluable
    let second: Evaluable
    let all: [Evaluable]

    init(_ nodes: [Evaluable]) {
        count = nodes.count
        all = nodes
        first = nodes.count > 0 ? nodes[0] : ConstantNode(.none)
        second = nodes.count > 1 ? nodes[1] : ConstantNode(.none)
    }

    /// Evaluates the arguments in order into the freshly reserved stack slots from `base` up.
    @inline(__always)
    func evaluate(into base: Int, _ interpreter: Interpreter) throws {
        // Each value is stored after it is evaluated: a call inside an argument may grow the stack.
        // Reserved slots hold nil (nothing to destroy), so the values are moved in with `initialize`.
        switch count {
        case 0:
            return
        case 1:
            let value = try first.evaluate(interpreter)
            (interpreter.stack.slots + base).initialize(to: value)
        case 2:
            let value = try first.evaluate(interpreter)
            (interpreter.stack.slots + base).initialize(to: value)
            let secondValue = try second.evaluate(interpreter)
            (interpreter.stack.slots + (base &+ 1)).initialize(to: secondValue)
        default:
            var index = 0
            while index < count {
                let value = try all[index].evaluate(interpreter)
                (interpreter.stack.slots + (base &+ index)).initialize(to: value)
                index &+= 1
            }
        }
    }

    /// The values of all the expressions, in order.
    @inline(__always)
    func evaluateAll(_ interpreter: Interpreter) throws -> [Value] {
        var values: [Value] = []
        values.reserveCapacity(count)
        switch count {
        case 0:
            break
        case 1:
            values.append(try first.evaluate(interpreter))
        case 2:
            values.append(try first.evaluate(interpreter))
            values.append(try second.evaluate(interpreter))
        default:
            var index = 0
            while index < count {
                values.append(try all[index].evaluate(interpreter))
                index &+= 1
            }
        }
        return values
    }
}
