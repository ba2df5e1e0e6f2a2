import FolioAutograd
import FolioTensor

/// Returns its input (a placeholder in configurable models).
public final class Identity: Module {
    public override init() { super.init() }
    public override var layerDescription: String { "Identity()" }
    public override func forward(_ input: Variable) throws -> Variable { input }
}

/// Merges axes `startAxis...endAxis` into one (PyTorch's defaults keep the batch axis).
public final class Flatten: Module {
    public let startAxis: Int
    public let endAxis: Int

    public init(startAxis: Int = 1, endAxis: Int = -1) {
        self.startAxis = startAxis
        self.endAxis = endAxis
        super.init()
    }

    public override var layerDescription: String { "Flatten(start: \(startAxis), end: \(endAxis))" }

    public override func forward(_ input: Variable) throws -> Variable {
        let rank = input.rank
        let start = startAxis < 0 ? startAxis + rank : startAxis
        let end = endAxis < 0 ? endAxis + rank : endAxis
        guard 0 <= start, start <= end, end < rank else {
            throw NNError.shapeMismatch(layer: layerDescription, expected: "input with axes \(startAxis) through \(endAxis)",
                                        got: input.shape)
        }
        let merged = input.shape[start...end].reduce(1, *)
        return try input.reshape(Array(input.shape[..<start]) + [merged] + Array(input.shape[(end + 1)...]))
    }
}
