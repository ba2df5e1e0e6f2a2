import FolioAutograd
import FolioNN
import FolioTensor

/// The training cases of issue 5 (deliverable 6), written as a user of FolioNN writes them: layers,
/// a loss, an optimiser whose `step(loss)` runs backward, the update and the zeroing.
///
/// The NumPy (hand-written backward) and JAX versions in `bench/numeric_numpy.py` and
/// `bench/numeric_jax.py` compute the same functions with the same shapes, the same kind of
/// initialisation and plain SGD, so the three differ only in the machinery that runs them.
enum TrainingCases {
    static let learningRate = 0.01

    static var all: [BenchCase] { [mlpCase, perOpCase, cnnCase] }

    /// One SGD step of a 784-256-256-10 ReLU MLP with softmax cross-entropy, batch 128, f32.
    static var mlpCase: BenchCase {
        BenchCase(name: "mlp_step_784_256_256_10_b128") {
            let model = Sequential(try Linear(784, 256, seed: 1), ReLU(),
                                   try Linear(256, 256, seed: 2), ReLU(),
                                   try Linear(256, 10, seed: 3))
            let batch = try Batch(inputShape: [128, 784], classes: 10)
            return try stepClosure(model: model, batch: batch)
        }
    }

    /// One SGD step of a small CNN: conv 3→16 (3×3, pad 1), ReLU, conv 16→32 (3×3, stride 2,
    /// pad 1), ReLU, flatten, linear 8192→10, cross-entropy; batch 32 of 3×32×32.
    ///
    /// The second convolution strides instead of pooling so that the NumPy hand-written backward
    /// stays two convolutions and a matmul, as the "two conv layers" asks.
    static var cnnCase: BenchCase {
        BenchCase(name: "cnn_step_b32_3x32x32") {
            let model = Sequential(try Conv2d(3, 16, kernel: [3], padding: [1], seed: 4), ReLU(),
                                   try Conv2d(16, 32, kernel: [3], stride: [2], padding: [1], seed: 5), ReLU(),
                                   Flatten(), try Linear(32 * 16 * 16, 10, seed: 6))
            let batch = try Batch(inputShape: [32, 3, 32, 32], classes: 10)
            return try stepClosure(model: model, batch: batch)
        }
    }

    /// Inputs and class labels for a classification step.
    struct Batch {
        let inputs: Variable
        let labels: Variable

        init(inputShape: [Int], classes: Int) throws {
            inputs = Variable(try Tensor.randn(inputShape, seed: 11))
            labels = Variable(try Tensor.randint(0, classes, shape: [inputShape[0]], seed: 12))
        }
    }

    static func stepClosure(model: Module, batch: Batch) throws -> () throws -> Void {
        let optimizer = try SGD(model.parameters, lr: learningRate)
        return {
            let loss = try Loss.crossEntropy(model(batch.inputs), batch.labels)
            try optimizer.step(loss)
        }
    }

    static let overheadSteps = 10_000
    static let overheadSide = 16

    /// The cost of the graph machinery per op: 10,000 steps `h = tanh(h @ W)` on 16×16 f32, then
    /// backward to `W`. Each step is two primitive ops, so the driver divides by `ops` = 20,000;
    /// the arithmetic (two 16×16 products, one tanh, per step and direction) is a small part.
    ///
    /// One shared `W` makes backward accumulate 10,000 contributions into one gradient, which is
    /// what a recurrent cell does. `W ~ N(0, 1/16)` keeps `h` away from saturation.
    static var perOpCase: BenchCase {
        let side = overheadSide, steps = overheadSteps
        return BenchCase(name: "per_op_16x16_matmul_tanh", ops: 2 * steps, policy: .slow) {
            let scale = 1 / Double(side).squareRoot()
            let weight = Variable(try Tensor.randn([side, side], seed: 13) * scale, requiresGrad: true)
            let start = Variable(try Tensor.rand([side, side], seed: 14))
            return {
                var hidden = start
                for _ in 0..<steps { hidden = try hidden.matmul(weight).tanh() }
                try hidden.sum().backward()
                weight.zeroGrad()
            }
        }
    }
}
