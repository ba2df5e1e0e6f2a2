import FolioAutograd
import FolioNN
import FolioTensor

/// The members every module has: `params`, `named_params`, `training`, `parameter_count`, and the
/// methods `train()`, `eval()`, `zero_grad()`, `save(path)`, `load(path)`.
extension ModuleObject {
    public static let propertyNames = ["params", "named_params", "training", "parameter_count"]
    public static let methodNames = ["train", "eval", "zero_grad", "save", "load"]

    func property(named name: String) throws -> Value? {
        switch name {
        case "params": return .array(parameterValues)
        case "named_params": return .array(namedParameters())
        case "training": return .bool(module.isTraining)
        case "parameter_count": return .int(module.parameterCount)
        default: return nil
        }
    }

    /// `(name:, value:)` records with PyTorch's dotted names (`0.weight`).
    private func namedParameters() -> [Value] {
        module.namedParameters.compactMap { name, parameter in
            guard let object = bindings.binding(for: parameter)?.object else { return nil }
            return .record(Record(fields: ["name", "value"], values: [.string(name), .native(object)]))
        }
    }

    func method(named name: String) -> Value? {
        switch name {
        case "train": return .function(trainMethod)
        case "eval": return .function(method("eval", [], "Evaluation mode (dropout off, batch norm uses running statistics); returns the module.",
                                             "let net = Sequential([Linear(2, 2), Dropout(0.5)])\nnet.eval().training") { _, _ in
            self.module.eval()
            return .native(self)
        })
        case "zero_grad": return .function(method("zero_grad", [], "Clears the gradients of every parameter.",
                                                  "let layer = Linear(2, 1)\nlayer.zero_grad()") { _, _ in
            for object in self.bindings.objects { object.variable.zeroGrad() }
            for parameter in self.module.parameters { parameter.zeroGrad() }
            return .none
        })
        case "save": return .function(saveMethod)
        case "load": return .function(loadMethod)
        default: return nil
        }
    }

    private func method(_ name: String, _ parameters: [Parameter], _ summary: String, _ example: String,
                        _ body: @escaping (BoundArguments, CallContext) throws -> Value) -> BuiltinFunction {
        BuiltinFunction(name, parameters, doc: DocEntry(summary, example: example)) { arguments, context in
            try NNCall.run(context) { try body(arguments, context) }
        }
    }

    private var trainMethod: BuiltinFunction {
        method("train", [Parameter("mode", defaultText: "true")],
               "Training mode (dropout active, batch norm uses batch statistics) for this layer and its children; returns the module.",
               "let net = Sequential([Linear(2, 2), Dropout(0.5)])\nnet.train().training") { arguments, _ in
            self.module.train(try arguments.bool(0, default: true))
            return .native(self)
        }
    }

    private var saveMethod: BuiltinFunction {
        method("save", [Parameter("path")],
               "Writes the parameters and buffers as a safetensors file (PyTorch's state-dict names), or .npz by extension.",
               "let layer = Linear(2, 1, seed: 0)\nlayer.save(\"/tmp/folio-linear.safetensors\")") { arguments, _ in
            let path = try arguments.string(0, default: "")
            try self.bindings.push()
            if path.hasSuffix(".npz") {
                try saveNPZ(self.module.stateDict(), path: path)
            } else {
                try self.module.saveWeights(to: path)
            }
            return .none
        }
    }

    private var loadMethod: BuiltinFunction {
        method("load", [Parameter("path"), Parameter("strict", .labelled, defaultText: "true")],
               "Loads weights saved by save() or by Python (safetensors or .npz); all or nothing: on any mismatch nothing changes.",
               "let layer = Linear(2, 1, seed: 0)\nlayer.save(\"/tmp/folio-linear-load.safetensors\")\nlayer.load(\"/tmp/folio-linear-load.safetensors\")") { arguments, _ in
            let path = try arguments.string(0, default: "")
            let strict = try arguments.bool(1, default: true)
            try self.bindings.push()
            if path.hasSuffix(".npz") {
                try self.module.loadStateDict(loadNPZ(path: path), strict: strict)
            } else {
                try self.module.loadWeights(from: path, strict: strict)
            }
            self.bindings.pull()
            return .none
        }
    }
}
