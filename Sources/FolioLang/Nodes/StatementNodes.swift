import FolioRuntime

/// Expression statements, declarations and assignments.

final class ExpressionStatementNode: Executable {
    let expression: Evaluable
    init(_ expression: Evaluable) { self.expression = expression }

    override func execute(_ interpreter: Interpreter) throws -> Flow {
        _ = try expression.evaluate(interpreter)
        return .normal
    }
}

/// The last expression statement of a cell: its value is what the cell shows.
final class CellValueNode: Executable {
    let expression: Evaluable
    init(_ expression: Evaluable) { self.expression = expression }

    override func execute(_ interpreter: Interpreter) throws -> Flow {
        interpreter.cellValue = try expression.evaluate(interpreter)
        return .normal
    }
}

final class DeclarationNode: Executable {
    let target: VariableTarget
    let isConstant: Bool
    let initializer: Evaluable?
    let reusesBox: Bool

    init(target: VariableTarget, isConstant: Bool, initializer: Evaluable?, reusesBox: Bool = false) {
        self.target = target
        self.isConstant = isConstant
        self.initializer = initializer
        self.reusesBox = reusesBox
    }

    override func execute(_ interpreter: Interpreter) throws -> Flow {
        let value = try initializer?.evaluate(interpreter) ?? .none
        if reusesBox, case .boxedLocal(let slot) = target {
            interpreter.box(slot).value = value
            return .normal
        }
        interpreter.declare(value, at: target, isConstant: isConstant)
        return .normal
    }
}

/// `name = value` and `name op= value`.
final class AssignmentNode: Executable {
    let target: VariableTarget
    let operation: BinaryOperator?
    let value: Evaluable
    let span: SourceSpan

    init(target: VariableTarget, operation: BinaryOperator?, value: Evaluable, span: SourceSpan) {
        self.target = target
        self.operation = operation
        self.value = value
        self.span = span
    }

    override func execute(_ interpreter: Interpreter) throws -> Flow {
        do {
            var newValue = try value.evaluate(interpreter)
            if let operation {
                let current = try interpreter.read(target, span: span)
                newValue = try Value.apply(operation, current, newValue)
            }
            try interpreter.assign(newValue, to: target, span: span)
        } catch let error as FolioError {
            throw error.located(at: span)
        }
        return .normal
    }
}

/// Fast path for `local op= value` on a plain slot, the shape of most loop accumulators.
final class LocalCompoundAssignmentNode: Executable {
    let slot: Int
    let operation: BinaryOperator
    let value: Evaluable
    let span: SourceSpan

    init(slot: Int, operation: BinaryOperator, value: Evaluable, span: SourceSpan) {
        self.slot = slot
        self.operation = operation
        self.value = value
        self.span = span
    }

    override func execute(_ interpreter: Interpreter) throws -> Flow {
        let operand = try value.evaluate(interpreter)
        let current = interpreter.local(slot)
        if let result = FastArithmetic.apply(operation, current, operand) {
            interpreter.setLocal(slot, result)
            return .normal
        }
        do {
            interpreter.setLocal(slot, try Value.apply(operation, current, operand))
        } catch let error as FolioError {
            throw error.located(at: span)
        }
        return .normal
    }
}

/// Fast path for `global op= value` (a top-level accumulator in a notebook loop).
final class GlobalCompoundAssignmentNode: Executable {
    let global: GlobalVariable
    let operation: BinaryOperator
    let value: Evaluable
    let span: SourceSpan

    init(global: GlobalVariable, operation: BinaryOperator, value: Evaluable, span: SourceSpan) {
        self.global = global
        self.operation = operation
        self.value = value
        self.span = span
    }

    override func execute(_ interpreter: Interpreter) throws -> Flow {
        let operand = try value.evaluate(interpreter)
        if global.isDefined, !global.isConstant, let result = FastArithmetic.apply(operation, global.value, operand) {
            global.value = result
            return .normal
        }
        do {
            let current = try interpreter.read(.global(global), span: span)
            try interpreter.assign(try Value.apply(operation, current, operand), to: .global(global), span: span)
        } catch let error as FolioError {
            throw error.located(at: span)
        }
        return .normal
    }
}
