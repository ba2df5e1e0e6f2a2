import FolioAutograd
import FolioNN
import FolioRuntime
import FolioTensor

/// `mfac.Static(G, damp:, block:)`: the static algorithm's precomputed vᵢ and denominators, with
/// `ihvp(x)`, `diag()`, `element(i, j)` and the field `denominators`.
final class MfacStaticObject: NativeObject {
    let inverse: StaticInverse

    init(_ inverse: StaticInverse) { self.inverse = inverse }

    override var typeName: String { "mfac.Static" }

    override var plainText: String {
        "mfac.Static(m: \(inverse.count), d: \(inverse.dimension), damp: \(inverse.damp)"
            + (inverse.blockCount > 1 ? ", block: \(inverse.blockSize))" : ")")
    }

    override var memberNames: [String] { ["ihvp", "diag", "element", "denominators", "m", "d", "damp"] }

    override func member(named name: String) throws -> Value? {
        switch name {
        case "m": return .int(inverse.count)
        case "d": return .int(inverse.dimension)
        case "damp": return .double(inverse.damp)
        case "denominators": return TensorConversion.wrap(Variable(Tensor(inverse.firstDenominators, dtype: .f64)))
        case "ihvp":
            return .function(BuiltinFunction("ihvp", [Parameter("x")], doc: DocEntry("F⁻¹x in O(dm); differentiable in x.")) { [inverse] arguments, context in
                try NNCall.run(context) { TensorConversion.wrap(try inverse.ihvp(Mfac.vector(arguments, 0, length: inverse.dimension))) }
            })
        case "diag":
            return .function(BuiltinFunction("diag", [], doc: DocEntry("diag(F⁻¹) = 1/λ − Σᵢ vᵢ²/denᵢ.")) { [inverse] _, _ in
                TensorConversion.wrap(Variable(Tensor(inverse.diagonal(), dtype: .f64)))
            })
        case "element":
            return .function(BuiltinFunction("element", [Parameter("i"), Parameter("j")], doc: DocEntry("[F⁻¹]ᵢⱼ in O(m).")) { [inverse] arguments, _ in
                let i = try Mfac.coordinate(arguments, 0, dimension: inverse.dimension)
                let j = try Mfac.coordinate(arguments, 1, dimension: inverse.dimension)
                return .double(inverse.element(i, j))
            })
        default: return nil
        }
    }

    override var doc: DocEntry? {
        DocEntry("The static M-FAC inverse of λI + GᵀG/m.", details: "Members: ihvp(x), diag(), element(i, j), denominators, m, d, damp.",
                 example: "let s = mfac.Static(randn(4, 6, seed: 0), damp: 0.1)\ns.diag()")
    }
}

/// `mfac.Dynamic(d, m:, damp:)`: the sliding-window inverse with `update(g)`, `mul(x)`, `update_mul(g)`.
final class MfacDynamicObject: NativeObject {
    var inverse: DynamicInverse
    private(set) var updates = 0

    init(_ inverse: DynamicInverse) { self.inverse = inverse }

    override var typeName: String { "mfac.Dynamic" }

    override var plainText: String {
        "mfac.Dynamic(d: \(inverse.dimension), m: \(inverse.count), damp: \(inverse.damp), \(updates) updates)"
    }

    override var memberNames: [String] { ["update", "mul", "update_mul", "window", "m", "d", "damp", "updates"] }

    override func member(named name: String) throws -> Value? {
        let d = inverse.dimension
        switch name {
        case "m": return .int(inverse.count)
        case "d": return .int(d)
        case "damp": return .double(inverse.damp)
        case "updates": return .int(updates)
        case "window":
            return TensorConversion.wrap(Variable(try Tensor(inverse.gradients, shape: [inverse.count, d], dtype: .f64)))
        case "update":
            return .function(BuiltinFunction("update", [Parameter("g")], doc: DocEntry("Replaces the oldest gradient of the window with g.")) { [self] arguments, context in
                let g = try Mfac.values(arguments, 0, length: d)
                inverse.update(g)
                updates += 1
                return .none
            })
        case "mul":
            return .function(BuiltinFunction("mul", [Parameter("x")], doc: DocEntry("F_window⁻¹ x in O(dm + m²).")) { [self] arguments, _ in
                Mfac.wrap(inverse.mul(try Mfac.values(arguments, 0, length: d)))
            })
        case "update_mul":
            return .function(BuiltinFunction("update_mul", [Parameter("g")], doc: DocEntry("update(g), then F_window⁻¹ g.")) { [self] arguments, _ in
                let g = try Mfac.values(arguments, 0, length: d)
                updates += 1
                return Mfac.wrap(inverse.updateMul(g))
            })
        default: return nil
        }
    }

    override var doc: DocEntry? {
        DocEntry("The dynamic (sliding-window) M-FAC inverse.", details: "Members: update(g), mul(x), update_mul(g), window, m, d, damp, updates.",
                 example: "let w = mfac.Dynamic(6, m: 3, damp: 0.1)\nw.update_mul(ones(6))")
    }
}
