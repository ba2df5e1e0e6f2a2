import FolioAutograd
import FolioNN
import FolioRuntime
import FolioTensor

/// `KAT_Group`: the group-wise rational with parameters a (1, 6), shared by all groups, and b (groups, 4), the
/// mode's denominator repeated per group.
public final class GroupRational: Module {
    public let groups: Int
    public let mode: String
    public let form: KAT.Form
    public let a: FolioNN.Parameter
    public let b: FolioNN.Parameter

    public init(groups: Int = 8, mode: String = "gelu", form: KAT.Form = .a, dtype: DType = .f32) throws {
        guard groups >= 1 else { throw FolioError(.ValueError, "kat.GroupRational: groups must be at least 1, got \(groups)") }
        let (numerator, denominator) = try KAT.coefficients(mode, function: "kat.GroupRational")
        (self.groups, self.mode, self.form) = (groups, mode, form)
        a = FolioNN.Parameter(try Tensor(numerator, shape: [1, 6], dtype: dtype))
        b = FolioNN.Parameter(try Tensor(Array(Array(repeating: denominator, count: groups).joined()), shape: [groups, 4], dtype: dtype))
        super.init()
        register(parameter: a, named: "a")
        register(parameter: b, named: "b")
    }

    public override var layerDescription: String { "kat.GroupRational(groups: \(groups), mode: \"\(mode)\", form: \"\(form.rawValue)\")" }

    public override func forward(_ input: Variable) throws -> Variable {
        guard input.rank == 2 || input.rank == 3 else {
            throw NNError.shapeMismatch(layer: layerDescription, expected: "(B, L, D) or (B, D)", got: input.shape)
        }
        return try KAT.rational(input, numerator: a.variable, denominator: b.variable, groups: groups, form: form,
                                function: "kat.GroupRational")
    }
}

/// GR-KAN, the KAT channel mixer (`class KAN`): fc2(act2(fc1(act1(x)))) with act1 identity-initialised.
public final class GRKAN: Module {
    public enum Initialization: String, CaseIterable {
        /// PyTorch's nn.Linear default.
        case standard = "default"
        /// The paper's variance-preserving init: fc1 ~ N(0, 1/in), fc2 ~ N(0, gain²/hidden), biases 0.
        case variancePreserving = "vp"
    }

    public let act1: GroupRational
    public let fc1: Linear
    public let act2: GroupRational
    public let fc2: Linear

    public init(inputs: Int, hidden: Int, outputs: Int, groups: Int = 8, activation: String = "gelu", bias: Bool = true,
                form: KAT.Form = .a, init initialization: Initialization = .standard, dtype: DType = .f32, seed: UInt64) throws {
        let name = "kat.GRKAN"
        guard inputs >= 1, hidden >= 1, outputs >= 1, groups >= 1 else {
            throw FolioError(.ValueError, "\(name): in, hidden, out and groups must be at least 1")
        }
        guard inputs % groups == 0, hidden % groups == 0 else {
            throw FolioError(.ValueError, "\(name): in (\(inputs)) and hidden (\(hidden)) must be divisible by groups (\(groups))")
        }
        act1 = try GroupRational(groups: groups, mode: "identity", form: form, dtype: dtype)
        fc1 = try Linear(inputs, hidden, bias: bias, dtype: dtype, seed: seed)
        act2 = try GroupRational(groups: groups, mode: activation, form: form, dtype: dtype)
        fc2 = try Linear(hidden, outputs, bias: bias, dtype: dtype, seed: seed &+ 0x9E37_79B9_7F4A_7C15)
        super.init()
        register(child: act1, named: "act1")
        register(child: fc1, named: "fc1")
        register(child: act2, named: "act2")
        register(child: fc2, named: "fc2")
        if initialization == .variancePreserving {
            // The gain of act2's mode (official constant when there is one, else quadrature for this form).
            let std2 = try KAT.officialGainSquared[activation] == nil
                ? KAT.vpStd(fanIn: hidden, mode: activation, quadrature: true, form: form, function: name)
                : KAT.vpStd(fanIn: hidden, mode: activation, quadrature: false, form: form, function: name)
            try fc1.weight.assign(Tensor.randn([hidden, inputs], dtype: dtype, seed: seed &+ 7) * (1 / Double(inputs).squareRoot()))
            try fc2.weight.assign(Tensor.randn([outputs, hidden], dtype: dtype, seed: seed &+ 11) * std2)
            for layer in [fc1, fc2] {
                if let bias = layer.bias { try bias.assign(Tensor.zeros([bias.shape[0]], dtype: dtype)) }
            }
        }
    }

    public override var layerDescription: String {
        "kat.GRKAN(\(fc1.inputFeatures), hidden: \(fc1.outputFeatures), out: \(fc2.outputFeatures), groups: \(act1.groups))"
    }

    public override func forward(_ input: Variable) throws -> Variable {
        try fc2(act2(fc1(act1(input))))
    }
}
