import FolioAutograd
import FolioNN
import FolioRuntime
import FolioTensor

/// The `poincare.*` functions: argument checks and doc entries around the math in Poincare.swift.
extension Poincare {
    public static let paper = Paper(
        number: 21, key: "poincare",
        citation: Citation(title: "Poincaré ResNet", authors: ["Max van Spengler", "Erwin Berkhout", "Pascal Mettes"],
                           year: 2023, arXiv: "2303.14027", venue: "ICCV 2023"),
        summary: """
            A residual network whose activations live on the Poincaré ball: HNN++ hyperplane-distance layers for fully \
            connected maps and convolutions (β-concatenation of receptive fields), identity initialisation Z = ½I so deep \
            stacks keep their norms instead of collapsing to the origin, midpoint batch normalisation on the manifold and \
            Möbius-addition skip connections.
            """,
        status: "complete except learnable curvature (the ResNet default is fixed c)",
        functions: [mobiusAddFunction, projectFunction, expmap0Function, logmap0Function, expmapFunction, logmapFunction,
                    gyrationFunction, transpFunction, distFunction, hyperplaneFunction, fcFunction, midpointFunction,
                    frechetMeanFunction, varianceFunction, batchnormFunction, residualFunction],
        layers: [linearLayer, conv2dLayer, batchNormLayer, resnetLayer],
        layerSamples: [
            PaperLayerSample("poincare.Linear") {
                let layer = try PoincareLinear(inputs: 3, outputs: 4, c: 0.5, identity: false, bias: true, seed: 3)
                try layer.bias?.assign(Tensor([0.1, -0.2, 0.05, 0.3]))
                return (layer, try Tensor(PaperPrimitive.sampleValues(count: 15), shape: [5, 3]))
            },
            PaperLayerSample("poincare.Conv2d") {
                let layer = try PoincareConv2d(inChannels: 2, outChannels: 3, kernel: 3, stride: 1, padding: 1, c: 0.5,
                                               identity: true, seed: 1)
                try layer.bias.assign(Tensor([0.1, -0.2, 0.05]))
                return (layer, try Tensor(PaperPrimitive.sampleValues(count: 32), shape: [1, 2, 4, 4]))
            },
            PaperLayerSample("poincare.ResNet") {
                let net = try PoincareResNet(classes: 3, channels: [2, 3, 3], depths: [1, 1, 1], c: 0.1, activation: "relu", seed: 5)
                for (_, parameter) in net.namedParameters where parameter.shape.count == 1 {
                    try parameter.assign(Tensor(PaperPrimitive.sampleValues(count: parameter.value.count, offset: 1)) * 0.1)
                }
                return (net, try Tensor(PaperPrimitive.sampleValues(count: 96), shape: [2, 3, 4, 4]))
            },
            PaperLayerSample("poincare.BatchNorm2d") {
                let layer = PoincareBatchNorm2d(channels: 3, c: 0.5)
                try layer.mean.assign(Tensor([0.1, -0.2, 0.05]))
                return (layer, try Tensor(PaperPrimitive.sampleValues(count: 24), shape: [2, 3, 2, 2]))
            },
        ])

    static let cArgument = Argument("c", .labelled)

    /// `c:` (positive, finite).
    static func curvature(_ arguments: BoundArguments, _ index: Int, default fallback: Double = 1) throws -> Double {
        let value = try arguments.double(index, default: fallback)
        guard value > 0, value.isFinite else {
            throw FolioError(.ValueError, "\(arguments.functionName): the curvature c must be > 0, got \(value)")
        }
        return value
    }

    /// A tensor of vectors along the last axis (at least 1-d, float).
    static func vectors(_ arguments: BoundArguments, _ index: Int) throws -> Variable {
        let x = try arguments.variable(index)
        guard x.rank >= 1, (x.shape.last ?? 0) > 0 else {
            throw FolioError(.ShapeError, "\(arguments.functionName): \(arguments.parameters[index].name) must hold vectors along its last axis, got shape \(formatShape(x.shape))")
        }
        return x.dtype.isFloatingPoint ? x : try x.cast(to: .f32)
    }

    static func doc(_ summary: String, _ example: String, _ formula: String, _ text: String, details: String = "") -> DocEntry {
        DocEntry(summary, details: details, example: example, formula: formula, formulaText: text)
    }

    static let mobiusAddFunction = PaperPrimitive.tensorFunction(
        "poincare.mobius_add", [Argument("x"), Argument("y"), Argument("c", .labelled, defaultText: "1.0")],
        doc("Möbius addition x ⊕_c y on the Poincaré ball (vectors along the last axis).",
            "poincare.mobius_add(tensor([0.1, 0.2]), tensor([0.3, -0.1]), c: 1.0)",
            #"x \oplus_c y = \frac{(1 + 2c\langle x,y\rangle + c\|y\|^2)x + (1 - c\|x\|^2)y}{1 + 2c\langle x,y\rangle + c^2\|x\|^2\|y\|^2}"#,
            "x ⊕ y = ((1 + 2c⟨x,y⟩ + c‖y‖²)x + (1 − c‖x‖²)y) / (1 + 2c⟨x,y⟩ + c²‖x‖²‖y‖²)")
    ) { arguments, _ in
        try mobiusAdd(vectors(arguments, 0), vectors(arguments, 1), c: curvature(arguments, 2))
    }

    static let projectFunction = PaperPrimitive.tensorFunction(
        "poincare.project", [Argument("x"), cArgument, Argument("eps", .labelled, defaultText: "nil")],
        doc("Pulls vectors longer than (1 − eps)/√c back to that norm; eps defaults to 4e-3 (f32) or 1e-5 (f64).",
            "poincare.project(tensor([3.0, 4.0]), c: 1.0)",
            #"\operatorname{proj}(x) = \begin{cases} x\,\frac{1-\epsilon}{\sqrt c\,\|x\|} & \|x\| > \frac{1-\epsilon}{\sqrt c} \\ x & \text{otherwise}\end{cases}"#,
            "proj(x) = x·(1 − ε)/(√c‖x‖) if ‖x‖ > (1 − ε)/√c, else x")
    ) { arguments, _ in
        let eps = try arguments.optionalDouble(2)
        if let eps, !(eps >= 0 && eps < 1) { throw FolioError(.ValueError, "poincare.project: eps must be in [0, 1), got \(eps)") }
        return try project(vectors(arguments, 0), c: curvature(arguments, 1), eps: eps)
    }

    static let expmap0Function = PaperPrimitive.tensorFunction(
        "poincare.expmap0", [Argument("v"), cArgument],
        doc("The exponential map at the origin: a tangent vector v to a point of the ball (projected inside).",
            "poincare.expmap0(tensor([1.0, 2.0]), c: 0.1)",
            #"\exp_0(v) = \tanh(\sqrt c\,\|v\|)\,\frac{v}{\sqrt c\,\|v\|}"#, "exp_0(v) = tanh(√c‖v‖)·v/(√c‖v‖)")
    ) { arguments, _ in try expmap0(vectors(arguments, 0), c: curvature(arguments, 1)) }

    static let logmap0Function = PaperPrimitive.tensorFunction(
        "poincare.logmap0", [Argument("y"), cArgument],
        doc("The logarithmic map at the origin: a point of the ball to a tangent vector (inverse of expmap0).",
            "poincare.logmap0(tensor([0.3, 0.4]), c: 1.0)",
            #"\log_0(y) = \operatorname{artanh}(\sqrt c\,\|y\|)\,\frac{y}{\sqrt c\,\|y\|}"#, "log_0(y) = artanh(√c‖y‖)·y/(√c‖y‖)",
            details: "Points with c‖y‖² ≥ 1 are an error.")
    ) { arguments, _ in
        let y = try vectors(arguments, 0), c = try curvature(arguments, 1)
        try requireInside(y, c: c, function: "poincare.logmap0")
        return try logmap0(y, c: c)
    }

    static let expmapFunction = PaperPrimitive.tensorFunction(
        "poincare.expmap", [Argument("x"), Argument("v"), cArgument],
        doc("The exponential map at x: x ⊕ tanh(√c λ_x‖v‖/2)·v/(√c‖v‖), projected inside the ball.",
            "poincare.expmap(tensor([0.1, 0.2]), tensor([0.5, -0.5]), c: 1.0)",
            #"\exp_x(v) = x \oplus_c \tanh\!\big(\tfrac{\sqrt c\,\lambda_x\|v\|}{2}\big)\frac{v}{\sqrt c\,\|v\|},\ \lambda_x = \frac{2}{1 - c\|x\|^2}"#,
            "exp_x(v) = x ⊕ tanh(√c λ_x‖v‖/2)·v/(√c‖v‖), λ_x = 2/(1 − c‖x‖²)")
    ) { arguments, _ in try expmap(vectors(arguments, 0), vectors(arguments, 1), c: curvature(arguments, 2)) }

    static let logmapFunction = PaperPrimitive.tensorFunction(
        "poincare.logmap", [Argument("x"), Argument("y"), cArgument],
        doc("The logarithmic map at x: the tangent vector at x pointing to y (inverse of expmap).",
            "poincare.logmap(tensor([0.1, 0.2]), tensor([0.3, -0.1]), c: 1.0)",
            #"\log_x(y) = \frac{2}{\sqrt c\,\lambda_x}\operatorname{artanh}(\sqrt c\,\|{-x}\oplus_c y\|)\frac{-x\oplus_c y}{\|{-x}\oplus_c y\|}"#,
            "log_x(y) = 2/(√c λ_x)·artanh(√c‖−x⊕y‖)·(−x⊕y)/‖−x⊕y‖")
    ) { arguments, _ in
        let x = try vectors(arguments, 0), y = try vectors(arguments, 1), c = try curvature(arguments, 2)
        try requireInside(x, c: c, function: "poincare.logmap")
        try requireInside(y, c: c, function: "poincare.logmap")
        return try logmap(x, y, c: c)
    }

    static let gyrationFunction = PaperPrimitive.tensorFunction(
        "poincare.gyration", [Argument("u"), Argument("v"), Argument("w"), cArgument],
        doc("The gyration gyr[u, v]w = ⊖(u ⊕ v) ⊕ (u ⊕ (v ⊕ w)) in closed form.",
            "poincare.gyration(tensor([0.1, 0.2]), tensor([0.3, -0.1]), tensor([1.0, 0.0]), c: 1.0)",
            #"\operatorname{gyr}[u,v]w = w + 2\,\frac{a u + b v}{d}"#, "gyr[u,v]w = w + 2(a·u + b·v)/d (closed form of diffgeom.py)")
    ) { arguments, _ in
        try gyration(vectors(arguments, 0), vectors(arguments, 1), vectors(arguments, 2), c: curvature(arguments, 3))
    }

    static let transpFunction = PaperPrimitive.tensorFunction(
        "poincare.transp", [Argument("x"), Argument("y"), Argument("v"), cArgument],
        doc("Parallel transport of the tangent vector v from x to y.",
            "poincare.transp(tensor([0.1, 0.2]), tensor([0.3, -0.1]), tensor([1.0, 0.0]), c: 1.0)",
            #"P_{x\to y}(v) = \operatorname{gyr}[y, -x]\,v\;\frac{\lambda_x}{\lambda_y}"#, "P_{x→y}(v) = gyr[y, −x]v · λ_x/λ_y")
    ) { arguments, _ in
        try transp(vectors(arguments, 0), vectors(arguments, 1), vectors(arguments, 2), c: curvature(arguments, 3))
    }

    static let distFunction = PaperPrimitive.tensorFunction(
        "poincare.dist", [Argument("x"), Argument("y"), cArgument],
        doc("The geodesic distance on the ball (one value per vector pair).",
            "poincare.dist(tensor([0.1, 0.2]), tensor([0.3, -0.1]), c: 1.0)",
            #"d_c(x, y) = \frac{2}{\sqrt c}\operatorname{artanh}(\sqrt c\,\|{-x}\oplus_c y\|)"#, "d_c(x, y) = (2/√c)·artanh(√c‖−x ⊕ y‖)")
    ) { arguments, _ in
        let x = try vectors(arguments, 0), y = try vectors(arguments, 1), c = try curvature(arguments, 2)
        try requireInside(x, c: c, function: "poincare.dist")
        try requireInside(y, c: c, function: "poincare.dist")
        return try dist(x, y, c: c)
    }
}
