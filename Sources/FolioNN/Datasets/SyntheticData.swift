import Foundation
import FolioAutograd
import FolioTensor

/// Seeded toy datasets for notebooks (scikit-learn's `make_moons`, `make_circles`, `make_blobs`
/// and friends). Features are `(n, d)` `f32`; class labels are `(n)` `i64`; regression targets are
/// `(n, 1)` `f32`. The same seed gives the same data on every machine (Philox).
public enum SyntheticData {
    /// Two interleaving half circles; `n` points split as evenly as possible (first half class 0).
    public static func moons(_ n: Int, noise: Double = 0, seed: UInt64 = 0) throws -> (x: Tensor, y: Tensor) {
        let outer = n - n / 2
        var points: [Double] = [], labels: [Int64] = []
        for index in 0..<n {
            let isOuter = index < outer
            let count = isOuter ? outer : n - outer
            let position = isOuter ? index : index - outer
            let angle = Double.pi * Double(position) / Double(Swift.max(count - 1, 1))
            points += isOuter ? [cos(angle), sin(angle)] : [1 - cos(angle), 0.5 - sin(angle)]
            labels.append(isOuter ? 0 : 1)
        }
        return try labelled(points, labels, n: n, dimension: 2, noise: noise, seed: seed)
    }

    /// Two concentric circles, the inner one scaled by `factor` (class 1).
    public static func circles(_ n: Int, noise: Double = 0, factor: Double = 0.8, seed: UInt64 = 0) throws -> (x: Tensor, y: Tensor) {
        let outer = n - n / 2
        var points: [Double] = [], labels: [Int64] = []
        for index in 0..<n {
            let isOuter = index < outer
            let count = isOuter ? outer : n - outer
            let angle = 2 * Double.pi * Double(isOuter ? index : index - outer) / Double(Swift.max(count, 1))
            let radius = isOuter ? 1 : factor
            points += [radius * cos(angle), radius * sin(angle)]
            labels.append(isOuter ? 0 : 1)
        }
        return try labelled(points, labels, n: n, dimension: 2, noise: noise, seed: seed)
    }

    /// `classes` interleaved spiral arms (the CS231n spiral), `n` points in total.
    public static func spirals(_ n: Int, classes: Int = 3, turns: Double = 1, noise: Double = 0.1,
                               seed: UInt64 = 0) throws -> (x: Tensor, y: Tensor) {
        guard classes > 0 else { throw NNError.invalidArgument("spirals needs at least one class, got \(classes)") }
        var points: [Double] = [], labels: [Int64] = []
        for index in 0..<n {
            let arm = index % classes
            let progress = Double(index / classes) / Double(Swift.max((n + classes - 1) / classes - 1, 1))
            let angle = 2 * Double.pi * (turns * progress + Double(arm) / Double(classes))
            points += [progress * cos(angle), progress * sin(angle)]
            labels.append(Int64(arm))
        }
        return try labelled(points, labels, n: n, dimension: 2, noise: noise, seed: seed)
    }

    /// Gaussian clusters around `centers` random centres in `[-10, 10]^dimension` (or given ones),
    /// with standard deviation `std`; point `i` belongs to cluster `i % centers`.
    public static func blobs(_ n: Int, centers: Int = 3, dimension: Int = 2, std: Double = 1,
                             seed: UInt64 = 0) throws -> (x: Tensor, y: Tensor) {
        guard centers > 0, dimension > 0 else { throw NNError.invalidArgument("blobs needs positive centers and dimension") }
        var generator = PhiloxGenerator(seed: seed)
        let middles = try Tensor.rand([centers, dimension], dtype: .f64, generator: &generator).toArray().map { 20 * $0 - 10 }
        var points: [Double] = [], labels: [Int64] = []
        for index in 0..<n {
            let cluster = index % centers
            points += middles[(cluster * dimension)..<((cluster + 1) * dimension)]
            labels.append(Int64(cluster))
        }
        return try labelled(points, labels, n: n, dimension: dimension, noise: std, seed: seed &+ 1)
    }

    /// Regression data from a random teacher MLP `inputs → hidden (tanh) → outputs`:
    /// `x ~ N(0, 1)`, `y = teacher(x) + noise · N(0, 1)`. Returns the teacher too.
    public static func teacherStudent(_ n: Int, inputs: Int = 4, hidden: Int = 16, outputs: Int = 1,
                                      noise: Double = 0, seed: UInt64 = 0) throws -> (x: Tensor, y: Tensor, teacher: Module) {
        let teacher = Sequential(try Linear(inputs, hidden, seed: seed &+ 1), Tanh(), try Linear(hidden, outputs, seed: seed &+ 2))
        let x = try Tensor.randn([n, inputs], seed: seed)
        let clean = try noGrad { try teacher(x).value }
        let y = try clean + Tensor.randn(clean.shape, seed: seed &+ 3) * noise
        return (x, y, teacher)
    }

    /// `n` points `x` evenly spaced over `range` with `y = f(x) + noise · N(0, 1)`, as `(n, 1)`.
    public static func function1D(_ n: Int, range: ClosedRange<Double> = -1...1, noise: Double = 0, seed: UInt64 = 0,
                                  _ f: (Double) -> Double) throws -> (x: Tensor, y: Tensor) {
        let x = try Tensor.linspace(range.lowerBound, range.upperBound, count: n, dtype: .f64)
        let values = x.toArray().map(f)
        let y = try Tensor(values, shape: [n, 1], dtype: .f64) + Tensor.randn([n, 1], dtype: .f64, seed: seed) * noise
        return (try x.reshape([n, 1]).cast(to: .f32), y.cast(to: .f32))
    }

    /// A `side × side` grid over `range²` with `z = f(x, y) + noise`: inputs `(side², 2)`, targets `(side², 1)`.
    public static func function2D(side: Int, range: ClosedRange<Double> = -1...1, noise: Double = 0, seed: UInt64 = 0,
                                  _ f: (Double, Double) -> Double) throws -> (x: Tensor, y: Tensor) {
        let axis = try Tensor.linspace(range.lowerBound, range.upperBound, count: side, dtype: .f64).toArray()
        var points: [Double] = [], values: [Double] = []
        for first in axis {
            for second in axis {
                points += [first, second]
                values.append(f(first, second))
            }
        }
        let count = side * side
        let clean = try Tensor(values, shape: [count, 1], dtype: .f64)
        let y = try clean + Tensor.randn([count, 1], dtype: .f64, seed: seed) * noise
        return (try Tensor(points, shape: [count, 2]), y.cast(to: .f32))
    }

    /// Points plus Gaussian noise, as `f32`, with `i64` labels.
    private static func labelled(_ points: [Double], _ labels: [Int64], n: Int, dimension: Int, noise: Double,
                                 seed: UInt64) throws -> (x: Tensor, y: Tensor) {
        let clean = try Tensor(points, shape: [n, dimension], dtype: .f64)
        let x = try clean + Tensor.randn([n, dimension], dtype: .f64, seed: seed) * noise
        return (x.cast(to: .f32), try Tensor(integers: labels, shape: [n]))
    }
}
