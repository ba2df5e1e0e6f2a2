import FolioNN

/// A layer with methods besides `forward` (`head.loss(x, y)`, `head.value(x)`): it lists them and
/// its `ModuleObject` offers them as members, with the language's parameter values handed over
/// (`ParameterBindings.push`) before each call, as `forward` does.
public protocol LayerMethodProviding: AnyObject {
    /// The extra methods by member name; each body reads the module's current parameters.
    var layerMethods: [(name: String, function: BuiltinFunction)] { get }
}

extension ModuleObject {
    var layerMethodNames: [String] {
        (module as? LayerMethodProviding)?.layerMethods.map(\.name) ?? []
    }

    /// The member `name` of a `LayerMethodProviding` module, bound so the parameters are current.
    func layerMethod(named name: String) -> Value? {
        guard let provider = module as? LayerMethodProviding,
              let function = provider.layerMethods.first(where: { $0.name == name })?.function else { return nil }
        return .function(BuiltinFunction(function.name, function.parameters, doc: function.doc ?? DocEntry("")) { arguments, context in
            try self.bindings.push()
            return try function.call(arguments.asArguments, context: context)
        })
    }
}
