import FolioAutograd
import FolioNN
import FolioRuntime
import FolioTensor

/// Datasets: seeded toy generators (scikit-learn's make_moons and friends) returning records
/// `(x:, y:)` — features `(n, d)` f32, class labels `(n)` Int — and the shipped 8×8 digits.
enum NNDataBuiltins {
    typealias Argument = NNBuiltins.Argument

    static let all: [BuiltinFunction] = [moons, circles, spirals, blobs, teacherStudent, loadDigits]

    private static let noise = Argument("noise", .labelled, defaultText: "0")
    private static let seed = Argument("seed", .labelled, defaultText: "0")

    private static func dataset(_ name: String, _ parameters: [Argument], _ doc: DocEntry,
                                _ make: @escaping (BoundArguments, UInt64) throws -> (x: Tensor, y: Tensor)) -> BuiltinFunction {
        let seedIndex = parameters.firstIndex { $0.name == "seed" } ?? 0
        return BuiltinFunction(name, parameters, doc: doc) { arguments, context in
            try NNCall.run(context) {
                // Checked here so every generator reports a non-positive n the same way.
                _ = try NNBuiltins.size(arguments, 0)
                let data = try make(arguments, UInt64(bitPattern: Int64(try arguments.int(seedIndex, default: 0))))
                return record(["x", "y"], [data.x, data.y])
            }
        }
    }

    static func record(_ fields: [String], _ tensors: [Tensor]) -> Value {
        .record(Record(fields: fields, values: tensors.map { TensorConversion.wrap(Variable($0)) }))
    }

    static let moons = dataset(
        "moons", [Argument("n"), noise, seed],
        DocEntry("Two interleaving half circles (sklearn's make_moons): x (n, 2), y (n) in {0, 1}.",
                 example: "let d = moons(100, noise: 0.1, seed: 0)\n[d.x.shape, d.y.shape]")
    ) { arguments, seed in
        try SyntheticData.moons(arguments.int(0, default: 1), noise: arguments.double(1, default: 0), seed: seed)
    }

    static let circles = dataset(
        "circles", [Argument("n"), noise, Argument("factor", .labelled, defaultText: "0.8"), seed],
        DocEntry("Two concentric circles, the inner one (class 1) scaled by factor (sklearn's make_circles).",
                 example: "circles(100, noise: 0.05, seed: 0).x.shape")
    ) { arguments, seed in
        try SyntheticData.circles(arguments.int(0, default: 1), noise: arguments.double(1, default: 0),
                                  factor: arguments.double(2, default: 0.8), seed: seed)
    }

    static let spirals = dataset(
        "spirals", [Argument("n"), Argument("classes", .labelled, defaultText: "3"), Argument("turns", .labelled, defaultText: "1"),
                    Argument("noise", .labelled, defaultText: "0.1"), seed],
        DocEntry("`classes` interleaved spiral arms (the CS231n spiral), n points in total.",
                 example: "spirals(90, classes: 3, seed: 0).y.shape")
    ) { arguments, seed in
        try SyntheticData.spirals(arguments.int(0, default: 1), classes: arguments.int(1, default: 3), turns: arguments.double(2, default: 1),
                                  noise: arguments.double(3, default: 0.1), seed: seed)
    }

    static let blobs = dataset(
        "blobs", [Argument("n"), Argument("centers", .labelled, defaultText: "3"), Argument("dim", .labelled, defaultText: "2"),
                  Argument("std", .labelled, defaultText: "1"), seed],
        DocEntry("Gaussian clusters around random centres in [-10, 10]^dim (sklearn's make_blobs); point i is in cluster i % centers.",
                 example: "blobs(60, centers: 3, seed: 0).x.shape")
    ) { arguments, seed in
        try SyntheticData.blobs(arguments.int(0, default: 1), centers: arguments.int(1, default: 3), dimension: arguments.int(2, default: 2),
                                std: arguments.double(3, default: 1), seed: seed)
    }

    static let teacherStudent = dataset(
        "teacher_student", [Argument("n"), Argument("inputs", .labelled, defaultText: "4"), Argument("hidden", .labelled, defaultText: "16"),
                            Argument("outputs", .labelled, defaultText: "1"), noise, seed],
        DocEntry("Regression data from a random teacher MLP inputs → hidden (tanh) → outputs: x ~ N(0, 1), y = teacher(x) + noise.",
                 example: "let d = teacher_student(50, inputs: 3, seed: 0)\n[d.x.shape, d.y.shape]")
    ) { arguments, seed in
        let data = try SyntheticData.teacherStudent(arguments.int(0, default: 1), inputs: arguments.int(1, default: 4),
                                                    hidden: arguments.int(2, default: 16), outputs: arguments.int(3, default: 1),
                                                    noise: arguments.double(4, default: 0), seed: seed)
        return (data.x, data.y)
    }

    static let loadDigits = TensorMethods.function(
        "load_digits", [],
        DocEntry("The shipped 8×8 handwritten digits (UCI, CC BY 4.0): x (1797, 64) in [0, 1], y (1797) labels 0–9, images (1797, 8, 8).",
                 details: "Split with train_test_split(d.x, d.y, test: 0.2, seed: 0).",
                 example: "let d = load_digits()\n[d.x.shape, d.images.shape]")
    ) { _, _ in
        let digits = try NNCall.mapping { try FolioNN.loadDigits() }
        return record(["x", "y", "images"], [digits.images, digits.labels, try digits.images.reshape([Digits.count, 8, 8])])
    }
}
