import FolioAutograd
import FolioNN
import FolioRuntime
import FolioTensor

/// InceptionNeXt's builtins: three pure functions and four layers.
extension InceptionNeXt {
    static let squareArgument = Argument("square_kernel", .labelled, defaultText: "3")
    static let bandArgument = Argument("band_kernel", .labelled, defaultText: "11")
    static let ratioArgument = Argument("branch_ratio", .labelled, defaultText: "0.125")

    static let dwconvFormula = #"y = \mathrm{concat}\big(x_{id},\ \mathrm{DW}_{k\times k}(x_{hw}),\ \mathrm{DW}_{1\times b}(x_w),\ \mathrm{DW}_{b\times 1}(x_h)\big)"#
    static let dwconvFormulaText = "y = concat(x_id, DW_k×k(x_hw), DW_1×b(x_w), DW_b×1(x_h))"
    static let blockFormula = #"y = x + \gamma \odot \mathrm{fc_2}\big(\mathrm{GELU}(\mathrm{fc_1}(\mathrm{BN}(\mathrm{mixer}(x))))\big)"#
    static let blockFormulaText = "y = x + γ ⊙ fc2(GELU(fc1(BN(mixer(x)))))"
    static let headFormula = #"y = \mathrm{fc_2}\big(\mathrm{LN}(\mathrm{GELU}(\mathrm{fc_1}(\mathrm{avgpool}(x))))\big)"#
    static let headFormulaText = "y = fc2(LN(GELU(fc1(avgpool(x)))))"

    static let inceptionDWConvBuiltin = PaperPrimitive.tensorFunction(
        "incnext.inception_dwconv",
        [Argument("x"), Argument("w_hw"), Argument("b_hw"), Argument("w_w"), Argument("b_w"), Argument("w_h"), Argument("b_h"),
         squareArgument, bandArgument, ratioArgument],
        DocEntry("Inception depthwise convolution: identity on C − 3gc channels, k×k, 1×b and b×1 depthwise convs on gc each.",
                 details: """
                    x is (N, C, H, W), gc = floor(C·branch_ratio); channels split in the order (C − 3gc, gc, gc, gc). Weights \
                    w_hw (gc, 1, k, k), w_w (gc, 1, 1, b), w_h (gc, 1, b, 1), biases (gc). Zero padding k//2 and b//2 keeps \
                    H and W, so kernel sizes must be odd. Differentiable in x and every weight.
                    """,
                 example: "let x = randn(1, 8, 6, 7, seed: 0)\nincnext.inception_dwconv(x, randn(2, 1, 3, 3, seed: 1), zeros(2), randn(2, 1, 1, 5, seed: 2), zeros(2),\n                         randn(2, 1, 5, 1, seed: 3), zeros(2), band_kernel: 5, branch_ratio: 0.25).shape",
                 formula: dwconvFormula, formulaText: dwconvFormulaText)
    ) { arguments, _ in
        let weights = try BranchWeights(square: arguments.variable(1), squareBias: arguments.variable(2), width: arguments.variable(3),
                                        widthBias: arguments.variable(4), height: arguments.variable(5), heightBias: arguments.variable(6))
        return try inceptionDWConv(arguments.variable(0), weights, squareKernel: arguments.int(7, default: 3),
                                   bandKernel: arguments.int(8, default: 11), branchRatio: arguments.double(9, default: 0.125))
    }

    /// `norm: (mean:, var:, weight:, bias:, eps:)` (eps optional, 1e-5).
    static func batchNormStatistics(_ value: Value, function: String) throws -> BatchNormStatistics {
        guard case .record(let record) = value else {
            throw FolioError(.TypeError, "\(function)(norm:) expects a record (mean:, var:, weight:, bias:, eps:), got \(value.typeName)")
        }
        func field(_ name: String) throws -> Value {
            guard let index = record.index(of: name) else {
                throw FolioError(.TypeError, "\(function)(norm:) is missing the field '\(name)' of (mean:, var:, weight:, bias:, eps:)")
            }
            return record.values[index]
        }
        let vectors = try ["mean", "var", "weight", "bias"].map { try TensorConversion.variable(field($0), name: "\(function)(norm.\($0))") }
        var eps = 1e-5
        if let index = record.index(of: "eps") {
            guard let number = record.values[index].numericValue, number > 0 else {
                throw FolioError(.ValueError, "\(function)(norm:) eps must be a positive number")
            }
            eps = number
        }
        return BatchNormStatistics(mean: vectors[0], variance: vectors[1], weight: vectors[2], bias: vectors[3], eps: eps)
    }

    static let metanextBlockBuiltin = PaperPrimitive.tensorFunction(
        "incnext.metanext_block",
        [Argument("x"), Argument("mixer", .labelled), Argument("norm", .labelled), Argument("fc1_w", .labelled), Argument("fc1_b", .labelled),
         Argument("fc2_w", .labelled), Argument("fc2_b", .labelled), Argument("gamma", .labelled)],
        DocEntry("MetaNeXt block: x + γ ⊙ fc2(GELU(fc1(BN(mixer(x))))) with 1×1 convs and eval-mode BatchNorm.",
                 details: """
                    `mixer:` is any function of a tensor (a closure or a layer such as incnext.InceptionDWConv2d); `norm:` is \
                    a record (mean:, var:, weight:, bias:, eps:) of BatchNorm statistics (eps 1e-5 if omitted); fc1_w is \
                    (hidden, C, 1, 1), fc2_w (C, hidden, 1, 1), gamma (C). GELU is the exact erf form. Differentiable.
                    """,
                 example: "let x = randn(1, 8, 4, 4, seed: 0)\nlet bn = (mean: zeros(8), var: ones(8), weight: ones(8), bias: zeros(8), eps: 1e-5)\nincnext.metanext_block(x, mixer: { t in t }, norm: bn, fc1_w: randn(32, 8, 1, 1, seed: 1), fc1_b: zeros(32),\n                       fc2_w: randn(8, 32, 1, 1, seed: 2), fc2_b: zeros(8), gamma: ones(8)).shape",
                 formula: blockFormula, formulaText: blockFormulaText)
    ) { arguments, context in
        let name = arguments.functionName
        let x = try nchw(arguments.variable(0), function: name)
        let norm = try batchNormStatistics(arguments.value(2), function: name)
        let mlp = try MlpWeights(fc1: arguments.variable(3), fc1Bias: arguments.variable(4), fc2: arguments.variable(5), fc2Bias: arguments.variable(6))
        let gamma = try arguments.variable(7)
        let result = try context.call(arguments.value(1), [TensorConversion.wrap(x)])
        guard case .native(let object as TensorObject) = result else {
            throw FolioError(.TypeError, "\(name): the mixer must return a tensor, got \(result.typeName)")
        }
        return try metanextBlock(x, mixed: object.variable, norm: norm, mlp: mlp, gamma: gamma)
    }

    static let mlpHeadBuiltin = PaperPrimitive.tensorFunction(
        "incnext.mlp_head",
        [Argument("x"), Argument("fc1_w"), Argument("fc1_b"), Argument("ln_w"), Argument("ln_b"), Argument("fc2_w"), Argument("fc2_b")],
        DocEntry("InceptionNeXt's MLP head: global average pool, Linear, GELU, LayerNorm (eps 1e-6), Linear.",
                 details: "x is (N, C, H, W); Linear weights are (out, in): fc1_w (hidden, C), fc2_w (classes, hidden); ln_w, ln_b (hidden).",
                 example: "incnext.mlp_head(randn(2, 8, 3, 3, seed: 0), randn(24, 8, seed: 1), zeros(24), ones(24), zeros(24), randn(5, 24, seed: 2), zeros(5)).shape",
                 formula: headFormula, formulaText: headFormulaText)
    ) { arguments, _ in
        try mlpHead(arguments.variable(0), fc1: arguments.variable(1), fc1Bias: arguments.variable(2), lnWeight: arguments.variable(3),
                    lnBias: arguments.variable(4), fc2: arguments.variable(5), fc2Bias: arguments.variable(6))
    }

    static let inceptionDWConvLayerBuiltin = PaperPrimitive.layer(
        "incnext.InceptionDWConv2d", [Argument("channels"), squareArgument, bandArgument, ratioArgument, PaperPrimitive.seedArgument],
        DocEntry("The Inception depthwise convolution layer, with children dwconv_hw, dwconv_w, dwconv_h (PyTorch default init).",
                 details: "The atto variant uses band_kernel: 9, branch_ratio: 0.25. `layer.dwconv_w.weight = t` sets a branch's weights.",
                 example: "let mixer = incnext.InceptionDWConv2d(16, seed: 0)\nmixer(randn(2, 16, 8, 8, seed: 1)).shape",
                 formula: dwconvFormula, formulaText: dwconvFormulaText)
    ) { arguments, seed in
        try InceptionDWConv2d(channels: PaperPrimitive.int(arguments, 0, default: 1, atLeast: 1), squareKernel: arguments.int(1, default: 3),
                              bandKernel: arguments.int(2, default: 11), branchRatio: arguments.double(3, default: 0.125), seed: seed)
    }

    static let metanextBlockLayerBuiltin = PaperPrimitive.function(
        "incnext.MetaNeXtBlock",
        [Argument("dim"), Argument("mlp_ratio", .labelled, defaultText: "4"), Argument("ls_init", .labelled, defaultText: "1e-6"),
         Argument("mixer", .labelled, defaultText: "nil"), PaperPrimitive.seedArgument],
        DocEntry("A MetaNeXt block layer: children token_mixer, norm (BatchNorm2d), mlp (fc1, fc2 1×1 convs), parameter gamma.",
                 details: """
                    `mixer:` is a layer keeping the shape (default incnext.InceptionDWConv2d(dim)); the block shares that \
                    layer's weights. gamma starts at ls_init (1e-6: the block is nearly the identity at init; 0 drops it). \
                    BatchNorm uses batch statistics in train mode and running ones after `eval()`.
                    """,
                 example: "let block = incnext.MetaNeXtBlock(16, seed: 0)\nblock(randn(2, 16, 8, 8, seed: 1)).shape",
                 formula: blockFormula, formulaText: blockFormulaText)
    ) { arguments, context in
        let name = arguments.functionName
        let dim = try PaperPrimitive.int(arguments, 0, default: 1, atLeast: 1)
        let seed = try arguments.optionalInt(4).map { UInt64(bitPattern: Int64($0)) } ?? context.drawSeed()
        var mixerObject: ModuleObject?
        if let given = arguments[3], !given.isNone {
            guard case .native(let object as ModuleObject) = given else {
                throw FolioError(.TypeError, "\(name)(mixer:) expects a layer (e.g. incnext.InceptionDWConv2d(\(dim))), got \(given.typeName)")
            }
            mixerObject = object
        }
        let block = try MetaNeXtBlock(dim: dim, mlpRatio: arguments.double(1, default: 4), layerScaleInit: arguments.double(2, default: 1e-6),
                                      mixer: mixerObject?.module, seed: seed)
        return .native(ModuleObject(block, typeName: name, children: mixerObject.map { [$0] } ?? []))
    }

    static let mlpHeadLayerBuiltin = PaperPrimitive.layer(
        "incnext.MlpHead",
        [Argument("dim"), Argument("classes", .labelled, defaultText: "1000"), Argument("mlp_ratio", .labelled, defaultText: "3"),
         PaperPrimitive.seedArgument],
        DocEntry("InceptionNeXt's MLP head layer: children fc1 (Linear), norm (LayerNorm, eps 1e-6), fc2 (Linear).",
                 example: "let head = incnext.MlpHead(16, classes: 10, seed: 0)\nhead(randn(2, 16, 4, 4, seed: 1)).shape",
                 formula: headFormula, formulaText: headFormulaText)
    ) { arguments, seed in
        try MlpHead(dim: PaperPrimitive.int(arguments, 0, default: 1, atLeast: 1), classes: PaperPrimitive.int(arguments, 1, default: 1000, atLeast: 1),
                    mlpRatio: arguments.double(2, default: 3), seed: seed)
    }

    static let modelBuiltin = PaperPrimitive.layer(
        "incnext.InceptionNeXt",
        [Argument("variant", .labelled, defaultText: "\"tiny\""), Argument("classes", .labelled, defaultText: "1000"),
         Argument("in_chans", .labelled, defaultText: "3"), Argument("depths", .labelled, defaultText: "nil"),
         Argument("dims", .labelled, defaultText: "nil"), Argument("band_kernel", .labelled, defaultText: "nil"),
         Argument("branch_ratio", .labelled, defaultText: "nil"), PaperPrimitive.seedArgument],
        DocEntry("The InceptionNeXt model (MetaNeXt with Inception depthwise mixers): stem, four stages, MLP head.",
                 details: """
                    `variant:` "atto", "tiny", "small" or "base" (the official factories); `depths:` and `dims:` (one per \
                    stage) override it for small CPU models, `band_kernel:`/`branch_ratio:` the mixers. The input side \
                    must be a multiple of 4·2^(stages−1). Stage MLP ratios are (4, 4, 4, 3) (with fewer stages, 3 in the last). Conv and linear weights start trunc-normal(std .02), biases 0, \
                    layer scales 1e-6.
                    """,
                 example: "let net = incnext.InceptionNeXt(depths: [1, 1], dims: [16, 32], classes: 10, seed: 0)\nnet(randn(2, 3, 32, 32, seed: 1)).shape",
                 formula: #"\mathrm{head}\circ\mathrm{stage}_4\circ\cdots\circ\mathrm{stage}_1\circ\mathrm{stem}"#,
                 formulaText: "head ∘ stage4 ∘ … ∘ stage1 ∘ stem")
    ) { arguments, seed in
        let name = arguments.functionName
        let variant = try arguments.string(0, default: "tiny")
        guard var configuration = InceptionNeXtModel.Configuration.variant(variant) else {
            throw FolioError(.ValueError, "\(name): unknown variant \"\(variant)\"; use one of \(InceptionNeXtModel.Configuration.variants.joined(separator: ", "))")
        }
        let depths = try arguments.ints(3, default: configuration.depths)
        let dims = try arguments.ints(4, default: configuration.dims)
        if depths != configuration.depths || dims != configuration.dims {
            guard depths.count == dims.count, (1...4).contains(dims.count) else {
                throw FolioError(.ValueError, "\(name): depths and dims need the same number of stages (1 to 4), got \(depths.count) and \(dims.count)")
            }
            configuration.depths = depths
            configuration.dims = dims
            // Fewer than four stages: ratio 4 everywhere but 3 in the last stage, as (4, 4, 4, 3) has it.
            configuration.mlpRatios = Array(repeating: 4, count: dims.count - 1) + [3]
        }
        if let band = try arguments.optionalInt(5) { configuration.bandKernel = band }
        if let ratio = try arguments.optionalDouble(6) { configuration.branchRatio = ratio }
        return try InceptionNeXtModel(configuration, classes: PaperPrimitive.int(arguments, 1, default: 1000, atLeast: 1),
                                      inputChannels: PaperPrimitive.int(arguments, 2, default: 3, atLeast: 1), seed: seed)
    }
}
