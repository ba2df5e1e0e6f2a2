import FolioRuntime

/// An instance of a `model` declaration: its fields are the boxes of the constructor's top-level
/// names, shared with its methods, so `net.layer = l` and a method's `count += 1` change the same
/// variable. Calling the instance calls its `forward` method; `.params` collects the parameters of
/// every field (layers and tensors say which of theirs are parameters).
final class ModelInstance: NativeObject {
    struct Field {
        let name: String
        let box: VariableBox
        let isConstant: Bool
    }

    let modelName: String
    let fields: [Field]
    let modelDoc: String?

    init(modelName: String, fields: [Field], doc: String?) {
        self.modelName = modelName
        self.fields = fields
        self.modelDoc = doc
    }

    override var typeName: String { modelName }

    /// Training mode, as a module's: `eval()` and `train()` set it on every layer in the fields.
    private(set) var isTraining = true

    override var memberNames: [String] { fields.map(\.name) + ["params", "training", "train", "eval", "zero_grad"] }

    override func member(named name: String) throws -> Value? {
        if let field = fields.first(where: { $0.name == name }) { return field.box.value }
        switch name {
        case "params": return .array(parameterValues)
        case "training": return .bool(isTraining)
        case "train":
            return .function(BuiltinFunction("\(modelName).train", [Parameter("mode", defaultText: "true")],
                                             doc: DocEntry("Sets training mode (dropout, batch statistics) on every layer of the model.")) { arguments, _ in
                self.setTraining(try arguments.bool(0, default: true))
                return .native(self)
            })
        case "eval":
            return .function(BuiltinFunction("\(modelName).eval", [],
                                             doc: DocEntry("Sets evaluation mode on every layer of the model (train(false)).")) { _, _ in
                self.setTraining(false)
                return .native(self)
            })
        case "zero_grad":
            return .function(BuiltinFunction("\(modelName).zero_grad", [],
                                             doc: DocEntry("Clears the gradients of every parameter of the model.")) { _, _ in
                for case .native(let tensor as TensorObject) in self.parameterValues { tensor.variable.zeroGrad() }
                return .none
            })
        default: return nil
        }
    }

    /// Sets `mode` on every layer and nested model reachable from the fields.
    private func setTraining(_ mode: Bool) {
        forEachReachable { object in
            if let layer = object as? ModuleObject { _ = layer.module.train(mode) }
            if let model = object as? ModelInstance { model.isTraining = mode }
        }
    }

    /// Calls `body` on every native object reachable from the fields (through arrays, records,
    /// dictionaries and nested models), each model once: a model may hold itself (`a.other = a`),
    /// and a cycle must not recurse until the stack runs out.
    private func forEachReachable(_ body: (NativeObject) -> Void) {
        var seenModels: Set<ObjectIdentifier> = [ObjectIdentifier(self)]
        body(self)
        func visit(_ value: Value) {
            switch value {
            case .native(let model as ModelInstance):
                guard seenModels.insert(ObjectIdentifier(model)).inserted else { return }
                body(model)
                for field in model.fields { visit(field.box.value) }
            case .native(let object): body(object)
            case .array(let elements): elements.forEach(visit)
            case .record(let record): record.values.forEach(visit)
            case .dictionary(let dictionary): dictionary.values.forEach(visit)
            default: break
            }
        }
        for field in fields { visit(field.box.value) }
    }

    override func setMember(named name: String, to value: Value) throws {
        guard let field = fields.first(where: { $0.name == name }) else {
            let hint = SpellingSuggestion.hint(for: name, among: fields.map(\.name))
            throw FolioError(.TypeError, "\(modelName) has no field '\(name)'\(hint)")
        }
        if field.isConstant {
            throw FolioError(.TypeError, "field '\(name)' of \(modelName) is a constant declared with 'let'; declare it with 'var' to replace it")
        }
        field.box.value = value
    }

    override var callable: FunctionObject? {
        guard let forward = fields.first(where: { $0.name == "forward" }), case .function(let function) = forward.box.value else {
            return nil
        }
        return function
    }

    /// Parameters of every field, each once, in field order (nested models' through their fields).
    override var parameterValues: [Value] {
        var seen = Set<ObjectIdentifier>()
        var result: [Value] = []
        forEachReachable { object in
            guard !(object is ModelInstance) else { return }
            for case .native(let parameter) in object.parameterValues where seen.insert(ObjectIdentifier(parameter)).inserted {
                result.append(.native(parameter))
            }
        }
        return result
    }

    /// True while this instance's text is being built: a model that holds itself shows as `M(...)`
    /// inside its own text instead of recursing until the stack runs out.
    private var isDescribing = false

    override var plainText: String {
        guard !isDescribing else { return "\(modelName)(...)" }
        isDescribing = true
        defer { isDescribing = false }
        let shown = fields.filter { field in
            if case .function = field.box.value { return false }
            return true
        }
        let parts = shown.map { "\($0.name): \(Inspector.abbreviated($0.box.value.repr, limit: 60))" }
        return "\(modelName)(" + parts.joined(separator: ", ") + ")"
    }

    override var doc: DocEntry? {
        let methods = fields.filter { field in
            if case .function = field.box.value { return true }
            return false
        }.map(\.name)
        let summary = modelDoc ?? "An instance of the model \(modelName)."
        return DocEntry(summary, details: "Fields: \(memberNames.joined(separator: ", ")). Methods: \(methods.joined(separator: ", ")).")
    }
}

/// Ends a model constructor: gathers the field boxes into a new instance and returns it.
final class ModelInstanceNode: Executable {
    let typeName: String
    let fields: [(name: String, slot: Int, isConstant: Bool)]
    let doc: String?

    init(typeName: String, fields: [(name: String, slot: Int, isConstant: Bool)], doc: String?) {
        self.typeName = typeName
        self.fields = fields
        self.doc = doc
    }

    override func execute(_ interpreter: Interpreter) throws -> Flow {
        let instanceFields = fields.map {
            ModelInstance.Field(name: $0.name, box: interpreter.box($0.slot), isConstant: $0.isConstant)
        }
        interpreter.returnValue = .native(ModelInstance(modelName: typeName, fields: instanceFields, doc: doc))
        return .returnValue
    }
}
