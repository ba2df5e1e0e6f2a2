import FolioAutograd
import FolioTensor

/// Resizes the spatial axes by `scale` or to `size`, nearest or (bi/tri)linear with
/// `align_corners=False` (PyTorch `nn.Upsample`).
public final class Upsample: Module {
    public let scale: [Int]?
    public let size: [Int]?
    public let linear: Bool

    /// Upsampling by integer `scale` (one entry for every axis, or one per axis).
    public init(scale: [Int], linear: Bool = false) {
        (self.scale, self.size, self.linear) = (scale, nil, linear)
        super.init()
    }

    /// Resizing to `size`.
    public init(size: [Int], linear: Bool = false) {
        (self.scale, self.size, self.linear) = (nil, size, linear)
        super.init()
    }

    public override var layerDescription: String {
        "Upsample(\(scale.map { "scale: \($0)" } ?? "size: \(size ?? [])"), mode: \(linear ? "linear" : "nearest"))"
    }

    public override func forward(_ input: Variable) throws -> Variable {
        guard input.rank >= 3 else {
            throw NNError.shapeMismatch(layer: layerDescription, expected: "input (N, C) and 1 to 3 spatial axes", got: input.shape)
        }
        let spatial = Array(input.shape.dropFirst(2))
        let target: [Int]
        if let scale = scale {
            let factors = scale.count == 1 ? Array(repeating: scale[0], count: spatial.count) : scale
            target = zip(spatial, factors).map { $0 * $1 }
        } else {
            target = size ?? spatial
        }
        return try input.interpolate(size: target, mode: linear ? .bilinear : .nearest)
    }
}
