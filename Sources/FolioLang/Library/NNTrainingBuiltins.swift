import FolioAutograd
import FolioNN
import FolioRuntime
import FolioTensor

/// Training in the language: `batches`, `fit` with its live progress bar, `evaluate`, `accuracy`
/// and `train_test_split`.
enum NNTrainingBuiltins {
    typealias Argument = NNBuiltins.Argument

    static let all: [BuiltinFunction] = [batchesBuiltin, fit, evaluate, accuracy, trainTestSplit]

    static let batchesBuiltin = TensorMethods.function(
        "batches", [Argument("x"), Argument("y"), Argument("size", .labelled, defaultText: "32"),
                    Argument("shuffle", .labelled, defaultText: "false"), Argument("seed", .labelled, defaultText: "0")],
        DocEntry("Mini-batches of (x, y) along axis 0 as records (x:, y:); the last one is smaller when the size does not divide.",
                 example: "for b in batches(randn(10, 2, seed: 0), arange(10), size: 4, shuffle: true, seed: 1) { print(b.x.shape, b.y.shape) }")
    ) { arguments, _ in
        let (x, y) = (try arguments.variable(0).value, try arguments.variable(1).value)
        let list = try NNCall.mapping {
            try batches(x, y, size: try arguments.int(2, default: 32), shuffle: try arguments.bool(3, default: false),
                        seed: UInt64(bitPattern: Int64(try arguments.int(4, default: 0))))
        }
        return .array(list.map { .record(Record(fields: ["x", "y"], values: [TensorConversion.wrap(Variable($0.x)), TensorConversion.wrap(Variable($0.y))])) })
    }

    /// Accuracy of `(N, C)` scores against class indices `(N)`, or nil for other shapes.
    static func classAccuracy(_ output: Tensor, _ target: Tensor) throws -> Double? {
        guard target.dtype == .i64, output.rank == 2, target.rank == 1, output.shape[0] == target.shape[0] else { return nil }
        let predicted = try output.argmax(axis: 1)
        let correct = try (predicted .== target).cast(to: .f64).sum().item().doubleValue
        return correct / Double(max(target.shape[0], 1))
    }

    static let accuracy = TensorMethods.function(
        "accuracy", [Argument("output"), Argument("target"), Argument("threshold", .labelled, defaultText: "0.5")],
        DocEntry("The fraction of correct predictions: argmax of (N, C) scores against class indices, or output > threshold against 0/1 targets.",
                 example: "accuracy(tensor([[2.0, 0.1], [0.3, 0.9]]), tensor([0, 0]))   // 0.5")
    ) { arguments, _ in
        let output = try arguments.variable(0).value
        let target = try arguments.variable(1).value
        if let value = try classAccuracy(output, target) { return .double(value) }
        guard output.count == target.count else {
            throw FolioError(.ShapeError, "accuracy: output \(formatShape(output.shape)) and target \(formatShape(target.shape)) do not match as (N, C) scores with (N) classes or as binary predictions")
        }
        let predicted = try (output.reshape([output.count]) .> arguments.double(2, default: 0.5)).cast(to: .f64)
        let truth = try target.reshape([target.count]).cast(to: .f64)
        let correct = try (predicted .== truth).cast(to: .f64).sum().item().doubleValue
        return .double(correct / Double(max(target.count, 1)))
    }

    private static func pair(_ value: Value, _ function: String) throws -> (x: Tensor, y: Tensor) {
        guard case .record(let record) = value, let xIndex = record.index(of: "x"), let yIndex = record.index(of: "y") else {
            throw FolioError(.TypeError, "\(function)(val:) expects a record (x: ..., y: ...), got \(value.typeName)")
        }
        return (try TensorConversion.variable(record.values[xIndex]).value, try TensorConversion.variable(record.values[yIndex]).value)
    }

    private static func historyRecord(_ history: History) -> Value {
        let numbers = { (values: [Double]) in Value.array(values.map { .double($0) }) }
        return .record(Record(fields: ["loss", "val_loss", "val_acc", "epochs", "interrupted"],
                              values: [numbers(history.loss), numbers(history.validationLoss), numbers(history.validationAccuracy),
                                       .int(history.epochs), .bool(history.interrupted)]))
    }

    static let fit = BuiltinFunction(
        "fit", [Argument("model"), Argument("x"), Argument("y"), Argument("loss", .labelled), Argument("opt", .labelled),
                Argument("epochs", .labelled, defaultText: "1"), Argument("batch", .labelled, defaultText: "32"),
                Argument("val", .labelled, defaultText: "nil"), Argument("shuffle", .labelled, defaultText: "true"),
                Argument("seed", .labelled, defaultText: "0"), Argument("progress", .labelled, defaultText: "true")],
        doc: DocEntry("Trains model on (x, y) with mini-batches, showing a live progress bar; returns the history (loss:, val_loss:, val_acc:, epochs:, interrupted:).",
                      details: "`loss:` is any function (output, target) → scalar, `opt:` an Optimizer over the model's params, `val:` a record (x:, y:). An interrupt stops training cleanly: the model keeps its weights and the history says interrupted.",
                      example: "let d = moons(64, noise: 0.1, seed: 0)\nlet net = Sequential([Linear(2, 16), ReLU(), Linear(16, 2)])\nlet h = fit(net, d.x, d.y, loss: cross_entropy, opt: Adam(net.params, lr: 1e-2), epochs: 2, batch: 32, val: d, progress: false)\nh.epochs")
    ) { arguments, context in
        guard case .native(let optimizer as OptimizerObject) = arguments.value(4) else {
            throw arguments.typeError(4, expected: "an Optimizer", got: arguments.value(4))
        }
        let run = FitRun(model: arguments.value(0), loss: arguments.value(3), optimizer: optimizer, context: context,
                         data: (try arguments.variable(1).value, try arguments.variable(2).value),
                         validation: try arguments[7].flatMap { $0.isNone ? nil : try pair($0, "fit") },
                         epochs: try arguments.int(5, default: 1), batchSize: try arguments.int(6, default: 32),
                         shuffle: try arguments.bool(8, default: true), seed: UInt64(bitPattern: Int64(try arguments.int(9, default: 0))),
                         display: try arguments.bool(10, default: true) ? TrainingProgressDisplay(host: context.host) : nil)
        guard run.epochs >= 0, run.batchSize > 0 else { throw FolioError(.ValueError, "fit(): epochs must be non-negative and batch positive") }
        return historyRecord(try run.run())
    }

    static let evaluate = BuiltinFunction(
        "evaluate", [Argument("model"), Argument("x"), Argument("y"), Argument("loss", .labelled)],
        doc: DocEntry("The model's loss on (x, y) in evaluation mode without gradients, and its accuracy for class-index targets: (loss:, acc:).",
                      example: "let d = blobs(30, seed: 0)\nlet net = Linear(2, 3, seed: 0)\nevaluate(net, d.x, d.y, loss: cross_entropy).acc >= 0")
    ) { arguments, context in
        let scores = try FitRun.evaluate(model: arguments.value(0), loss: arguments.value(3), try arguments.variable(1).value,
                                         try arguments.variable(2).value, context)
        return .record(Record(fields: ["loss", "acc"], values: [.double(scores.loss), scores.accuracy.map { .double($0) } ?? .none]))
    }

    static let trainTestSplit = TensorMethods.function(
        "train_test_split", [Argument("x"), Argument("y"), Argument("test", .labelled, defaultText: "0.2"), Argument("seed", .labelled, defaultText: "0")],
        DocEntry("A seeded shuffle split into (x:, y:, x_test:, y_test:), the last `test` fraction held out.",
                 example: "let s = train_test_split(randn(10, 2, seed: 0), arange(10), test: 0.3)\n[s.x.shape, s.x_test.shape]")
    ) { arguments, _ in
        let (x, y) = (try arguments.variable(0).value, try arguments.variable(1).value)
        let fraction = try arguments.double(2, default: 0.2)
        guard x.rank >= 1, y.rank >= 1, x.shape[0] == y.shape[0], (0...1).contains(fraction) else {
            throw FolioError(.ShapeError, "train_test_split: x \(formatShape(x.shape)) and y \(formatShape(y.shape)) need the same length, and test: must be in [0, 1]")
        }
        let count = x.shape[0]
        let order = try Tensor.permutation(count, seed: UInt64(bitPattern: Int64(try arguments.int(3, default: 0))))
        let held = Int((Double(count) * fraction).rounded())
        let train = try order.slice([.range(stop: count - held)]), test = try order.slice([.range(start: count - held)])
        let parts = try [x.take(train), y.take(train), x.take(test), y.take(test)]
        return .record(Record(fields: ["x", "y", "x_test", "y_test"], values: parts.map { TensorConversion.wrap(Variable($0)) }))
    }
}
