import FolioAutograd
import FolioNN
import FolioTensor
import FolioTestSupport

/// Every layer of FolioNN with a small float64 instance and an input it accepts; the gradient
/// tests iterate it, so a layer added here is checked for gradients on all its parameters.
enum LayerCatalog {
    struct Entry {
        let name: String
        let make: () throws -> Module
        let input: () throws -> Tensor
    }

    static func det(_ shape: [Int], _ k: Double = 0.3) throws -> Tensor {
        try Tensor(deterministicValues(count: shape.reduce(1, *), offset: k), shape: shape, dtype: .f64)
    }

    static let entries: [Entry] = [
        Entry(name: "Linear", make: { try Linear(3, 2, dtype: .f64, seed: 1) }, input: { try det([4, 3]) }),
        Entry(name: "Conv1d", make: { try Conv1d(2, 3, kernel: 3, padding: 1, dtype: .f64, seed: 2) }, input: { try det([2, 2, 5]) }),
        Entry(name: "Conv2d", make: { try Conv2d(2, 2, kernel: [2, 3], stride: [2], padding: [1], dtype: .f64, seed: 3) },
              input: { try det([1, 2, 4, 5]) }),
        Entry(name: "Conv2d groups", make: { try Conv2d(4, 2, kernel: [3], groups: 2, dtype: .f64, seed: 4) },
              input: { try det([1, 4, 4, 4]) }),
        Entry(name: "Conv3d", make: { try Conv3d(1, 2, kernel: [2], dtype: .f64, seed: 5) }, input: { try det([1, 1, 3, 3, 3]) }),
        Entry(name: "ConvTranspose2d", make: { try ConvTranspose2d(2, 3, kernel: [3], stride: [2], padding: [1], outputPadding: [1],
                                                                   dtype: .f64, seed: 6) }, input: { try det([1, 2, 3, 3]) }),
        Entry(name: "ConvTranspose3d", make: { try ConvTranspose3d(2, 1, kernel: [2], stride: [2], dtype: .f64, seed: 7) },
              input: { try det([1, 2, 2, 2, 2]) }),
        Entry(name: "BatchNorm1d", make: { try BatchNorm1d(3, dtype: .f64) }, input: { try det([5, 3]) }),
        Entry(name: "BatchNorm2d", make: { try BatchNorm2d(2, dtype: .f64) }, input: { try det([2, 2, 3, 3]) }),
        Entry(name: "BatchNorm3d", make: { try BatchNorm3d(2, dtype: .f64) }, input: { try det([2, 2, 2, 2, 2]) }),
        Entry(name: "LayerNorm", make: { try LayerNorm(4, dtype: .f64) }, input: { try det([3, 4]) }),
        Entry(name: "GroupNorm", make: { try GroupNorm(groups: 2, channels: 4, dtype: .f64) }, input: { try det([2, 4, 3]) }),
        Entry(name: "InstanceNorm", make: { try InstanceNorm(2, affine: true, dtype: .f64) }, input: { try det([2, 2, 5]) }),
        Entry(name: "RMSNorm", make: { try RMSNorm([4], dtype: .f64) }, input: { try det([3, 4]) }),
        Entry(name: "Embedding", make: { try Embedding(5, 3, dtype: .f64, seed: 8) },
              input: { try Tensor(integers: [0, 4, 2, 2], shape: [2, 2]) }),
        Entry(name: "MultiheadAttention", make: { try MultiheadAttention(embedDimension: 4, heads: 2, dtype: .f64, seed: 9) },
              input: { try det([2, 3, 4]) }),
        Entry(name: "TransformerEncoderLayer", make: {
            try TransformerEncoderLayer(modelDimension: 4, heads: 2, feedForwardDimension: 6, dropout: 0, activation: GELU(),
                                        dtype: .f64, seed: 10)
        }, input: { try det([2, 3, 4]) }),
        Entry(name: "TransformerEncoderLayer pre-norm", make: {
            try TransformerEncoderLayer(modelDimension: 4, heads: 1, feedForwardDimension: 5, dropout: 0, normFirst: true,
                                        dtype: .f64, seed: 11)
        }, input: { try det([1, 2, 4]) }),
        Entry(name: "Sequential MLP", make: {
            Sequential(try Linear(3, 5, dtype: .f64, seed: 12), Tanh(), try Linear(5, 2, dtype: .f64, seed: 13), SiLU())
        }, input: { try det([4, 3]) }),
        Entry(name: "CNN", make: {
            Sequential(try Conv2d(1, 2, kernel: [3], padding: [1], dtype: .f64, seed: 14), ReLU(), try Pool.max2d([2]),
                       Upsample(scale: [2], linear: true), try Pool.average2d([2]), AdaptiveAvgPool([1, 1]), Flatten(),
                       try Linear(2, 3, dtype: .f64, seed: 15), Softplus(), LeakyReLU(), ELU(), Sigmoid(), Identity())
        }, input: { try det([2, 1, 4, 4]) }),
    ]
}
