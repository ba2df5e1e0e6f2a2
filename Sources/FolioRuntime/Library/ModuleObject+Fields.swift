import FolioAutograd
import FolioNN
import FolioTensor

/// Field access on modules: parameters, buffers and children by name (`layer.weight`,
/// `bn.running_mean`, `net.body`), Sequential children by index (`seq[0]`), and assignment of
/// parameters and buffers with their shape checked against the layer's.
extension ModuleObject {
    var fieldNames: [String] {
        let own = module.namedParameters.filter { !$0.name.contains(".") }.map(\.name)
            + module.namedBuffers.filter { !$0.name.contains(".") }.map(\.name)
            + module.children.map(\.name)
        return ModuleObject.propertyNames + ModuleObject.methodNames + layerMethodNames + own
            + (declaration?.fields.map(\.name) ?? [])
    }

    func field(named name: String) throws -> Value? {
        if let field = declaration?.fields.first(where: { $0.name == name }) { return field.get() }
        if let property = try property(named: name) { return property }
        if let method = method(named: name) { return method }
        if let method = layerMethod(named: name) { return method }
        if let parameter = module.parameter(named: name) {
            return bindings.binding(for: parameter).map { .native($0.object) } ?? .native(TensorObject(parameter.variable))
        }
        if let buffer = module.buffer(named: name) { return .native(TensorObject(buffer)) }
        if let child = module.child(named: name) { return .native(wrapper(of: child)) }
        return nil
    }

    func assignField(named name: String, to value: Value) throws {
        if let declaration, let field = declaration.fields.first(where: { $0.name == name }) {
            try declaration.assign(value, to: field, in: self)
        } else if let parameter = module.parameter(named: name) {
            try assignParameter(name, parameter, value)
        } else if let buffer = module.buffer(named: name) {
            let tensor = try checkedTensor(name, value, shape: buffer.shape).cast(to: buffer.dtype)
            try NNCall.mapping { try module.loadStateDict([(name, tensor)], strict: false) }
        } else if module.child(named: name) != nil {
            throw FolioError(.TypeError, "\(module.layerDescription): the child '\(name)' is part of the layer's structure and cannot be replaced; assign its parameters instead")
        } else {
            let hint = SpellingSuggestion.hint(for: name, among: memberNames)
            throw FolioError(.TypeError, "\(typeName) has no field '\(name)'\(hint)")
        }
    }

    /// `layer.weight = t`: the new value must have the parameter's shape; it becomes a fresh
    /// leaf (the handle object stays the same, so optimisers holding it see the new value).
    private func assignParameter(_ name: String, _ parameter: FolioNN.Parameter, _ value: Value) throws {
        let tensor = try checkedTensor(name, value, shape: parameter.shape)
        try bindings.push()
        try NNCall.mapping { try parameter.assign(tensor.cast(to: parameter.dtype)) }
        bindings.pull()
    }

    private func checkedTensor(_ name: String, _ value: Value, shape: [Int]) throws -> Tensor {
        let tensor = try TensorConversion.tensor(from: value, dtype: nil, name: "\(typeName).\(name)")
        guard tensor.shape == shape else {
            throw FolioError(.ShapeError, "\(module.layerDescription).\(name): expected shape \(formatShape(shape)), got \(formatShape(tensor.shape))")
        }
        return tensor
    }

    /// `seq[0]`, `seq[-1]`: the children of Sequential and ModuleList by position.
    func child(at indices: [SubscriptIndex]) throws -> Value? {
        guard indices.count == 1, case .index(.int(let position)) = indices[0] else { return nil }
        let children = module.children
        let resolved = position < 0 ? position + children.count : position
        guard children.indices.contains(resolved) else {
            throw FolioError(.IndexError, "\(typeName) index \(position) is out of range for \(children.count) layers")
        }
        return .native(wrapper(of: children[resolved].module))
    }

    /// `for layer in seq` visits the children.
    var childValues: [Value] {
        module.children.map { .native(wrapper(of: $0.module)) }
    }
}
