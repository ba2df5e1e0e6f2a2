/// A Folio value.
///
/// Scalars are stored inline so arithmetic on the hot path never allocates; containers use Swift's
/// copy-on-write collections, which gives them the value semantics DESIGN.md §2 asks for.
/// Anything implemented in Swift (tensors, figures, layers) is a `native` object.
public enum Value {
    case none
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([Value])
    case dictionary(FolioDictionary)
    case record(Record)
    case range(FolioRange)
    case function(FunctionObject)
    case native(NativeObject)

    /// The user-facing type name, as `type(x)` returns it and error messages quote it.
    public var typeName: String {
        switch self {
        case .none: return "Nil"
        case .bool: return "Bool"
        case .int: return "Int"
        case .double: return "Double"
        case .string: return "String"
        case .array: return "Array"
        case .dictionary: return "Dictionary"
        case .record: return "Record"
        case .range: return "Range"
        case .function: return "Function"
        case .native(let object): return object.typeName
        }
    }

    public var isNone: Bool {
        if case .none = self { return true }
        return false
    }

    /// The number as a Double when this is an Int or a Double (Bool is not a number here).
    public var numericValue: Double? {
        switch self {
        case .int(let value): return Double(value)
        case .double(let value): return value
        default: return nil
        }
    }
}

/// An integer range, half-open (`a..<b`) or closed (`a...b`); iteration never overflows.
public struct FolioRange: Equatable, Hashable, Sendable {
    public var lower: Int
    public var upper: Int
    public var isClosed: Bool

    public init(lower: Int, upper: Int, isClosed: Bool) {
        self.lower = lower
        self.upper = upper
        self.isClosed = isClosed
    }

    /// The number of elements, or 0 for an empty range.
    public var count: Int {
        let (difference, overflow) = upper.subtractingReportingOverflow(lower)
        if overflow { return upper > lower ? Int.max : 0 }
        guard isClosed else { return max(0, difference) }
        let (inclusive, inclusiveOverflow) = difference.addingReportingOverflow(1)
        if inclusiveOverflow { return Int.max }
        return max(0, inclusive)
    }

    /// The element at `offset` from the start; callers check `offset < count`.
    public func element(at offset: Int) -> Int {
        lower &+ offset
    }
}

/// A record `(loss: l, acc: a)`: named fields in declaration order.
public struct Record: Equatable {
    public var fields: [String]
    public var values: [Value]

    public init(fields: [String], values: [Value]) {
        self.fields = fields
        self.values = values
    }

    public func index(of field: String) -> Int? {
        fields.firstIndex(of: field)
    }
}
