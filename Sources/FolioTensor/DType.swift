/// The element type of a tensor.
///
/// Promotion (used by every binary op) follows PyTorch rather than NumPy because Folio's default
/// float is `f32`:
/// - categories are ordered `bool < integer < floating < complex`; within floating `f32 < f64`;
/// - two tensors promote to the larger of the two (`i64 + f32 → f32`, `f32 + f64 → f64`);
/// - a complex operand widens to `c128` when the other operand is `f64` or `c128`, else `c64`;
/// - a Swift scalar operand is *weak*: it never widens a tensor of its own or a higher category
///   (`f32 tensor * 2.0 → f32`, `i64 tensor + 1 → i64`), and lifts a lower category to its default
///   (`i64 tensor * 0.5 → f32`);
/// - true division and float-only functions (`exp`, `sqrt`, ...) turn `bool`/`i64` into `f32`;
/// - arithmetic on two `bool` operands is done in `i64` (`true + true == 2`, as in Python), which
///   deviates from NumPy's logical-or.
public enum DType: String, CaseIterable, Sendable, CustomStringConvertible {
    case bool, i64, f32, f64, c64, c128

    /// The float type results use when nothing asks for another.
    public static let defaultFloat = DType.f32

    public var description: String { rawValue }

    /// Bytes per element.
    public var byteSize: Int {
        switch self {
        case .bool: return 1
        case .f32: return 4
        case .i64, .f64, .c64: return 8
        case .c128: return 16
        }
    }

    public var isBool: Bool { self == .bool }
    public var isInteger: Bool { self == .i64 }
    public var isFloatingPoint: Bool { self == .f32 || self == .f64 }
    public var isComplex: Bool { self == .c64 || self == .c128 }
    /// True for `bool`, `i64`, `f32` and `f64`: the types with an order.
    public var isReal: Bool { !isComplex }

    /// The real type of a complex dtype's parts; real dtypes map to themselves.
    public var realType: DType {
        switch self {
        case .c64: return .f32
        case .c128: return .f64
        default: return self
        }
    }

    /// The dtype float-only functions compute in: floats and complex stay, the rest become `f32`.
    public var floatingType: DType {
        isFloatingPoint || isComplex ? self : DType.defaultFloat
    }

    /// Position in the promotion lattice; complex ranks above all reals.
    var category: Int {
        switch self {
        case .bool: return 0
        case .i64: return 1
        case .f32, .f64: return 2
        case .c64, .c128: return 3
        }
    }

    /// The common dtype of two tensor operands (see the type's documentation).
    public static func promote(_ lhs: DType, _ rhs: DType) -> DType {
        if lhs == rhs { return lhs }
        if lhs.isComplex || rhs.isComplex {
            let wide = lhs == .f64 || rhs == .f64 || lhs == .c128 || rhs == .c128
            return wide ? .c128 : .c64
        }
        let order: [DType] = [.bool, .i64, .f32, .f64]
        let left = order.firstIndex(of: lhs) ?? 0
        let right = order.firstIndex(of: rhs) ?? 0
        return order[max(left, right)]
    }

    /// The dtype of a tensor combined with a weak Swift scalar of dtype `scalar`.
    public static func promote(_ tensor: DType, weakScalar scalar: DType) -> DType {
        if scalar.category <= tensor.category { return tensor }
        switch scalar.category {
        case 1: return .i64
        case 2: return DType.defaultFloat
        default: return tensor == .f64 ? .c128 : .c64
        }
    }
}
