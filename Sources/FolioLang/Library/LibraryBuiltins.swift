import FolioRuntime

/// The builtins of the tensor, autodiff and plotting libraries, and how they join the core list.
///
/// Some names exist in both (`sum`, `abs`, `max`, `exp`, ...): the library's declaration then
/// takes the core one's place in the list, dispatching on its first argument — a tensor goes to
/// the library, anything else to the core builtin unchanged — so each name has one entry, one
/// doc and one signature, and `xs.sum()` on arrays keeps its meaning.
enum LibraryBuiltins {
    static let all: [BuiltinFunction] = CreationBuiltins.all + RandomBuiltins.all + TensorBuiltins.all + LinalgBuiltins.all
        + ConvolutionBuiltins.all + SpectralBuiltins.all + AutogradBuiltins.all + PlotBuiltins.all

    /// `core` with same-named library builtins merged in place, then the rest of the library.
    static func merged(into core: [BuiltinFunction]) -> [BuiltinFunction] {
        let library = Dictionary(all.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let coreNames = Set(core.map(\.name))
        let combined = core.map { function in library[function.name].map { dispatching($0, fallback: function) } ?? function }
        return combined + all.filter { !coreNames.contains($0.name) }
    }

    /// `tensorVersion`'s declaration, running `fallback` unless the first argument is a tensor.
    static func dispatching(_ tensorVersion: BuiltinFunction, fallback: BuiltinFunction) -> BuiltinFunction {
        var doc = tensorVersion.doc ?? DocEntry("")
        if let coreExample = fallback.doc?.example, !coreExample.isEmpty, !doc.example.contains(coreExample) {
            doc.example += "\n" + coreExample
        }
        return BuiltinFunction(tensorVersion.name, tensorVersion.parameters, doc: doc) { arguments, context in
            let target = arguments.startsWithTensor ? tensorVersion : fallback
            return try target.call(arguments.asArguments, context: context)
        }
    }
}
