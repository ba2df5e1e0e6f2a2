import FolioTensor

/// The tensor-engine cases of issue 4 (deliverable 9): matmul, elementwise, reduction, softmax and
/// convolution, each on the public `Tensor` API a library user or the language runtime calls.
///
/// Inputs are uniform in [0, 1) (seeded), so `exp` and `sqrt` stay finite and no case times NaN or
/// denormal paths. Every run returns a fresh tensor, as the user's code would get; discarding it
/// is part of the cost (NumPy pays the same allocation and free).
enum TensorCases {
    static let elementCount = 10_000_000
    static let matmulSizes = [256, 1024, 2048]

    static var all: [BenchCase] {
        matmulCases + elementwiseCases + [softmaxCase, convolutionCase]
    }

    static var matmulCases: [BenchCase] {
        var cases: [BenchCase] = []
        for dtype in [DType.f32, .f64] {
            for size in matmulSizes {
                cases.append(matmulCase(size: size, dtype: dtype))
            }
        }
        return cases
    }

    static func matmulCase(size: Int, dtype: DType) -> BenchCase {
        let flops = 2 * size * size * size
        // A 2048 f64 product is ~17 GFLOP: a fraction of a second each, so the slow policy suffices.
        let policy: RepetitionPolicy = size >= 2048 ? .slow : .standard
        return BenchCase(name: "matmul_\(dtype)_\(size)", flops: flops, policy: policy) {
            let a = try Tensor.rand([size, size], dtype: dtype, seed: 1)
            let b = try Tensor.rand([size, size], dtype: dtype, seed: 2)
            return { _ = try a.matmul(b) }
        }
    }

    /// add, mul and exp of 10^7 f32, and the full sum of 10^7 f32.
    static var elementwiseCases: [BenchCase] {
        let n = elementCount
        let floatBytes = MemoryLayout<Float>.size
        return [
            BenchCase(name: "add_f32_1e7", bytes: 3 * n * floatBytes, flops: n) {
                let (a, b) = try twoVectors(n)
                return { _ = try a + b }
            },
            BenchCase(name: "mul_f32_1e7", bytes: 3 * n * floatBytes, flops: n) {
                let (a, b) = try twoVectors(n)
                return { _ = try a * b }
            },
            BenchCase(name: "exp_f32_1e7", bytes: 2 * n * floatBytes) {
                let a = try Tensor.rand([n], seed: 1)
                return { _ = try a.exp() }
            },
            BenchCase(name: "sum_f32_1e7", bytes: n * floatBytes, flops: n) {
                let a = try Tensor.rand([n], seed: 1)
                return { _ = try a.sum() }
            },
        ]
    }

    static func twoVectors(_ count: Int) throws -> (Tensor, Tensor) {
        (try Tensor.rand([count], seed: 1), try Tensor.rand([count], seed: 2))
    }

    /// Row softmax of a 1024×1024 f32 matrix (4 MiB in, 4 MiB out: it lives in cache, so this times
    /// the kernels and their temporaries, not memory bandwidth).
    static var softmaxCase: BenchCase {
        let side = 1024
        return BenchCase(name: "softmax_rows_1024x1024", bytes: 2 * side * side * MemoryLayout<Float>.size) {
            let a = try Tensor.rand([side, side], seed: 1)
            return { _ = try a.softmax(axis: -1) }
        }
    }

    /// conv2d of a (32, 64, 32, 32) batch with 64 output channels, 3×3 kernels, padding 1, bias.
    static var convolutionCase: BenchCase {
        let (batch, channels, side, outputs, kernel) = (32, 64, 32, 64, 3)
        let multiplyAdds = batch * outputs * side * side * channels * kernel * kernel
        return BenchCase(name: "conv2d_32x64x32x32_k3", flops: 2 * multiplyAdds, policy: .slow) {
            let input = try Tensor.rand([batch, channels, side, side], seed: 1)
            let weight = try Tensor.rand([outputs, channels, kernel, kernel], seed: 2)
            let bias = try Tensor.rand([outputs], seed: 3)
            return { _ = try input.conv2d(weight, bias: bias, padding: [1]) }
        }
    }
}
