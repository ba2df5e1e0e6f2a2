import FolioRuntime

/// Something that produces a value: the executable form of an expression.
///
/// A base class rather than a protocol: a node calls its children through the class's method
/// table, directly into the override, where a protocol existential would go through a witness
/// thunk and take two words per child.
class Evaluable {
    /// Overridden by every node; the base is never instantiated on its own.
    func evaluate(_ interpreter: Interpreter) throws -> Value { .none }

    /// The value as the condition of `if`, `while` or `?:` or an operand of `&&`/`||`: a TypeError
    /// unless it is a Bool. Comparisons override it to answer without making a Bool value.
    func evaluateCondition(_ interpreter: Interpreter, _ role: ConditionRole, span: SourceSpan) throws -> Bool {
        try requireBool(try evaluate(interpreter), role.description, span: span)
    }
}

/// Where a value is used as a condition, for the TypeError when it is not a Bool.
enum ConditionRole: CustomStringConvertible {
    case ifCondition, whileCondition, ternaryCondition, andOperand, orOperand

    var description: String {
        switch self {
        case .ifCondition: return "the condition of 'if'"
        case .whileCondition: return "the condition of 'while'"
        case .ternaryCondition: return "the condition of ?:"
        case .andOperand: return "the operand of &&"
        case .orOperand: return "the operand of ||"
        }
    }
}

/// `error` located at `span` if it is a DSL error without a location yet; other errors unchanged.
///
/// Out of line so that hot nodes (calls, arithmetic) keep a small native frame: an inline
/// `catch let error as FolioError` reserves room for the whole error value in every frame.
@inline(never)
func locating(_ error: Error, at span: SourceSpan) -> Error {
    guard let folioError = error as? FolioError else { return error }
    return folioError.located(at: span)
}

/// How a statement finished; loops and calls consume the non-normal ones.
enum Flow {
    case normal
    case breakLoop
    case continueLoop
    case returnValue
}

/// The executable form of a statement (a base class for the reason given at `Evaluable`).
class Executable {
    /// Overridden by every statement node; the base is never instantiated on its own.
    func execute(_ interpreter: Interpreter) throws -> Flow { .normal }
}

/// The state of one running cell: the value stack, the current frame and the host to write to.
///
/// Globals outlive it (they belong to the session); everything else is per execution, so an error
/// or an interrupt can never leave a half-popped frame behind for the next cell.
final class Interpreter: CallContext {
    let host: SessionHost
    let interruptFlag: InterruptFlag
    let globals: GlobalTable
    let stack = ValueStack()
    // The interpreter is single-threaded and never holds overlapping accesses to its own state,
    // so the hot properties opt out of dynamic exclusivity checks (a TLS look-up per access).

    /// Index of the current frame's first slot in `stack`.
    @exclusivity(unchecked) var frameBase = 0
    /// The function whose body is running (nil at the top level of a cell); closures read captures from it.
    /// Unowned: the caller's value keeps the running function alive, and skipping the reference
    /// counting saves two retain/release pairs per call.
    @exclusivity(unchecked) unowned(unsafe) var currentFunction: UserFunction?
    @exclusivity(unchecked) var callDepth = 0
    /// Set by `return` and read by the call that consumes `Flow.returnValue`.
    @exclusivity(unchecked) var returnValue: Value = .none
    /// The cell's value: its last expression statement.
    var cellValue: Value = .none
    private(set) var pages: [MimeBundle] = []
    let stackGuard = NativeStackGuard()

    /// DSL calls deeper than this raise RecursionError. Measured in a debug build (recursing until
    /// an 8 MiB thread's guard fires): one DSL call takes about 3.7 KiB of native stack in a plain
    /// recursion and about 6 KiB when the call sits inside nested expressions. 10,000 levels thus
    /// need 40-60 MiB, well inside the kernel's 512 MiB execution thread even for much deeper
    /// expression nesting per frame. `NativeStackGuard` backs this up on threads with smaller stacks.
    static let recursionLimit = 10_000

    init(host: SessionHost, interruptFlag: InterruptFlag, globals: GlobalTable) {
        self.host = host
        self.interruptFlag = interruptFlag
        self.globals = globals
    }

    // MARK: Frames

    @inline(__always)
    func local(_ slot: Int) -> Value {
        stack.slots[frameBase &+ slot]
    }

    @inline(__always)
    func setLocal(_ slot: Int, _ value: consuming Value) {
        stack.slots[frameBase &+ slot] = value
    }

    /// Moves a local's value out, leaving nil, so a collection in it can be changed in place.
    @inline(__always)
    func takeLocal(_ slot: Int) -> Value {
        let pointer = stack.slots + (frameBase &+ slot)
        let value = pointer.move()
        pointer.initialize(to: .none)
        return value
    }

    /// The box in a boxed local slot; a fresh one if the slot was never declared (reads then see nil).
    func box(_ slot: Int) -> VariableBox {
        // An exact type test (VariableBox is final) instead of a dynamic cast: boxed locals are read
        // on every access in functions that contain closures.
        if case .native(let object) = stack.slots[frameBase &+ slot], type(of: object) == VariableBox.self {
            return unsafeDowncast(object, to: VariableBox.self)
        }
        let box = VariableBox(.none)
        stack.slots[frameBase &+ slot] = .native(box)
        return box
    }

    func capturedBox(_ index: Int) -> VariableBox {
        guard let function = currentFunction, index < function.captured.count else { return VariableBox(.none) }
        return function.captured[index]
    }

    /// Runs statements in order, stopping at the first break, continue or return.
    @inline(__always)
    func run(_ statements: [Executable]) throws -> Flow {
        var index = 0
        let count = statements.count
        while index < count {
            let flow = try statements[index].execute(self)
            if case .normal = flow {
                index &+= 1
                continue
            }
            return flow
        }
        return .normal
    }

    /// Runs a cell's top level in a frame of `slotCount` block-scoped locals.
    func runTopLevel(_ statements: [Executable], slotCount: Int) throws {
        frameBase = stack.reserve(slotCount)
        defer { stack.release(to: 0) }
        stackGuard.start()
        _ = try run(statements)
    }

    /// Raises Interrupted (with the span being run) when an interrupt is pending.
    @inline(__always)
    func checkInterrupt(at span: SourceSpan) throws {
        if interruptFlag.isRequested {
            interruptFlag.clear()
            throw FolioError(.Interrupted, "execution was interrupted", span: span)
        }
    }

    // MARK: CallContext

    func call(_ function: Value, _ arguments: [Value]) throws -> Value {
        try callValue(function, Arguments(positional: arguments), callSite: nil)
    }

    func page(_ bundle: MimeBundle) {
        pages.append(bundle)
    }
}
