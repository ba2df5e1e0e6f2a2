/// Operators on non-numeric values: strings, arrays, equality and ordering of anything comparable.
extension Value {
    static func generalOperation(_ operation: BinaryOperator, _ left: Value, _ right: Value) throws -> Value {
        if case .native(let object) = left, let result = try object.binaryOperation(operation, right, reflected: false) {
            return result
        }
        if case .native(let object) = right, let result = try object.binaryOperation(operation, left, reflected: true) {
            return result
        }
        switch operation {
        case .equal: return .bool(left == right)
        case .notEqual: return .bool(left != right)
        case .less, .lessEqual, .greater, .greaterEqual: return .bool(try compare(operation, left, right))
        default: break
        }
        switch (operation, left, right) {
        case let (.add, .string(a), .string(b)):
            guard a.utf8.count + b.utf8.count <= maximumStringBytes else { throw tooLarge("string") }
            return .string(a + b)
        case let (.add, .array(a), .array(b)):
            guard a.count + b.count <= maximumArrayCount else { throw tooLarge("array") }
            return .array(a + b)
        case let (.multiply, .string(text), .int(count)), let (.multiply, .int(count), .string(text)):
            return .string(try repeated(text, count))
        case let (.multiply, .array(elements), .int(count)), let (.multiply, .int(count), .array(elements)):
            guard count > 0, !elements.isEmpty else { return .array([]) }
            let (total, overflow) = elements.count.multipliedReportingOverflow(by: count)
            guard !overflow, total <= maximumArrayCount else { throw tooLarge("array") }
            var result: [Value] = []
            result.reserveCapacity(total)
            for _ in 0..<count { result += elements }
            return .array(result)
        default: throw unsupported(operation, left, right)
        }
    }

    /// Sizes past which building a value is refused with a ValueError instead of exhausting memory.
    public static let maximumArrayCount = 50_000_000
    public static let maximumStringBytes = 1 << 30

    private static func tooLarge(_ what: String) -> FolioError {
        FolioError(.ValueError, "the resulting \(what) would be too large")
    }

    private static func repeated(_ text: String, _ count: Int) throws -> String {
        guard count > 0, !text.isEmpty else { return "" }
        let (total, overflow) = text.utf8.count.multipliedReportingOverflow(by: count)
        guard !overflow, total <= maximumStringBytes else {
            throw FolioError(.ValueError, "string repetition too large: \(count) copies of \(text.utf8.count) bytes")
        }
        return String(repeating: text, count: count)
    }

    /// Ordering: numbers with numbers, strings with strings, arrays lexicographically.
    public static func compare(_ operation: BinaryOperator, _ left: Value, _ right: Value) throws -> Bool {
        let order = try ordering(left, right, operation: operation)
        switch operation {
        case .less: return order < 0
        case .lessEqual: return order <= 0
        case .greater: return order > 0
        default: return order >= 0
        }
    }

    /// -1, 0 or 1; NaN compares as unordered and makes every ordering false via `.nan` handling below.
    public static func ordering(_ left: Value, _ right: Value, operation: BinaryOperator = .less) throws -> Int {
        switch (left, right) {
        case let (.int(a), .int(b)): return a < b ? -1 : (a == b ? 0 : 1)
        case let (.string(a), .string(b)): return a < b ? -1 : (a == b ? 0 : 1)
        case let (.array(a), .array(b)):
            for (x, y) in zip(a, b) {
                let order = try ordering(x, y, operation: operation)
                if order != 0 { return order }
            }
            return a.count < b.count ? -1 : (a.count == b.count ? 0 : 1)
        default:
            guard let a = left.numericValue, let b = right.numericValue else {
                throw FolioError(.TypeError, "'\(operation.rawValue)' is not supported between \(left.typeName) and \(right.typeName)")
            }
            return a < b ? -1 : (a == b ? 0 : 1)
        }
    }

    public static func apply(_ operation: UnaryOperator, _ operand: Value) throws -> Value {
        switch (operation, operand) {
        case let (.negate, .int(a)):
            let (result, overflow) = Int(0).subtractingReportingOverflow(a)
            if overflow { throw FolioError(.ValueError, "integer overflow: -(\(a)) does not fit in 64 bits") }
            return .int(result)
        case let (.negate, .double(a)): return .double(-a)
        case (.plus, .int), (.plus, .double): return operand
        case let (.not, .bool(flag)): return .bool(!flag)
        case let (_, .native(object)):
            if let result = try object.unaryOperation(operation) { return result }
        default: break
        }
        throw FolioError(.TypeError, "unsupported operand type for unary \(operation.rawValue): \(operand.typeName)")
    }
}
