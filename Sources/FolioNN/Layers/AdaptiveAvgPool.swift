import FolioAutograd
import FolioTensor

/// Average pooling to a fixed output size (PyTorch `nn.AdaptiveAvgPool{d}d`).
public final class AdaptiveAvgPool: Module {
    public let outputSize: [Int]

    public init(_ outputSize: [Int]) {
        self.outputSize = outputSize
        super.init()
    }

    public override var layerDescription: String { "AdaptiveAvgPool\(outputSize.count)d(\(outputSize))" }

    public override func forward(_ input: Variable) throws -> Variable {
        guard input.rank == outputSize.count + 2 else {
            throw NNError.shapeMismatch(layer: layerDescription, expected: "input (N, C) and \(outputSize.count) spatial axes", got: input.shape)
        }
        return try input.adaptiveAvgPool(outputSize)
    }
}
