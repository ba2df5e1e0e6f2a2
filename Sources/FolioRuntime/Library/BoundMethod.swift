/// Methods that are free functions with the receiver first: `x.sum(axis: 1)` is `sum(x, axis: 1)`.
///
/// One declaration serves both spellings, so `help(x.sum)` and `help(sum)` read the same entry and
/// argument errors are reported by the same binder.
public enum BoundMethod {
    /// `function` with its first parameter fixed to `receiver`.
    public static func bind(_ function: BuiltinFunction, to receiver: Value) -> Value {
        let parameters = Array(function.parameters.dropFirst())
        let doc = function.doc ?? DocEntry("")
        return .function(BuiltinFunction(function.name, parameters, doc: doc) { arguments, context in
            try function.call(forwarding(arguments, parameters, receiver: receiver), context: context)
        })
    }

    /// The call's arguments as written, with `receiver` in front.
    static func forwarding(_ arguments: BoundArguments, _ parameters: [Parameter], receiver: Value) -> Arguments {
        var forwarded = arguments.asArguments
        forwarded.positional.insert(receiver, at: 0)
        return forwarded
    }
}
