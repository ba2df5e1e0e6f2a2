import FolioRuntime

/// `if`, `while`, `break`, `continue`, `return`. Loops check the interrupt flag on every back-edge.

final class IfNode: Executable {
    let condition: Evaluable
    let conditionSpan: SourceSpan
    let then: [Executable]
    let otherwise: [Executable]

    init(condition: Evaluable, conditionSpan: SourceSpan, then: [Executable], otherwise: [Executable]) {
        self.condition = condition
        self.conditionSpan = conditionSpan
        self.then = then
        self.otherwise = otherwise
    }

    override func execute(_ interpreter: Interpreter) throws -> Flow {
        if try condition.evaluateCondition(interpreter, .ifCondition, span: conditionSpan) {
            return try interpreter.run(then)
        }
        return try interpreter.run(otherwise)
    }
}

final class WhileNode: Executable {
    let condition: Evaluable
    let conditionSpan: SourceSpan
    let body: [Executable]

    init(condition: Evaluable, conditionSpan: SourceSpan, body: [Executable]) {
        self.condition = condition
        self.conditionSpan = conditionSpan
        self.body = body
    }

    override func execute(_ interpreter: Interpreter) throws -> Flow {
        while try condition.evaluateCondition(interpreter, .whileCondition, span: conditionSpan) {
            switch try interpreter.run(body) {
            case .breakLoop: return .normal
            case .returnValue: return .returnValue
            case .normal, .continueLoop: break
            }
            try interpreter.checkInterrupt(at: conditionSpan)
        }
        return .normal
    }
}

final class BreakNode: Executable {
    override func execute(_ interpreter: Interpreter) throws -> Flow { .breakLoop }
}

final class ContinueNode: Executable {
    override func execute(_ interpreter: Interpreter) throws -> Flow { .continueLoop }
}

final class ReturnNode: Executable {
    let value: Evaluable?
    init(value: Evaluable?) { self.value = value }

    override func execute(_ interpreter: Interpreter) throws -> Flow {
        interpreter.returnValue = try value?.evaluate(interpreter) ?? .none
        return .returnValue
    }
}
