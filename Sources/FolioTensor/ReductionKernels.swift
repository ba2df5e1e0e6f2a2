/// An associative combine with an identity, named by a type so reductions are specialised.
protocol ReductionFunctor {
    associatedtype Element: TensorScalar
    static var identity: Element { get }
    static func combine(_ accumulator: Element, _ value: Element) -> Element
}

struct SumReduction<T: NumericScalar>: ReductionFunctor {
    static var identity: T { T.zero }
    @inline(__always) static func combine(_ accumulator: T, _ value: T) -> T { T.add(accumulator, value) }
}

struct ProductReduction<T: NumericScalar>: ReductionFunctor {
    static var identity: T { T.one }
    @inline(__always) static func combine(_ accumulator: T, _ value: T) -> T { T.multiply(accumulator, value) }
}

struct MaxReduction<T: RealScalar>: ReductionFunctor {
    static var identity: T { T.lowest }
    @inline(__always) static func combine(_ accumulator: T, _ value: T) -> T { T.maximum(accumulator, value) }
}

struct MinReduction<T: RealScalar>: ReductionFunctor {
    static var identity: T { T.highest }
    @inline(__always) static func combine(_ accumulator: T, _ value: T) -> T { T.minimum(accumulator, value) }
}

enum ReductionKernels {
    /// Reduces `input` over `axes` (sorted, distinct) with `F`; the result keeps reduced axes as size 1.
    static func reduce<F: ReductionFunctor>(_ functor: F.Type, _ input: Tensor, axes: [Int]) -> Tensor {
        var keptShape = input.shape
        for axis in axes { keptShape[axis] = 1 }
        let output = Tensor(uninitializedShape: keptShape, dtype: F.Element.dtype)
        let destination = output.pointer(F.Element.self)
        let isSuffix = axes == Array((input.rank - axes.count)..<input.rank)
        if input.isContiguous && isSuffix {
            reduceRows(F.self, input.pointer(F.Element.self), into: destination, rows: output.count,
                       length: axes.reduce(1) { $0 * input.shape[$1] })
            return output
        }
        // General path: walk the input in its own order, accumulating into the output through
        // zero strides on reduced axes. Rows may share outputs, so this path stays on one thread.
        let outputCount = output.count
        for index in 0..<outputCount { destination[index] = F.identity }
        var outputStrides = output.strides
        for axis in axes { outputStrides[axis] = 0 }
        let rows = StridedRows(shape: input.shape, strides: [input.strides, outputStrides])
        let source = input.pointer(F.Element.self)
        let (length, inStride, outStride) = (rows.rowLength, rows.rowStrides[0], rows.rowStrides[1])
        rows.forEachRow(0..<rows.rowCount) { offsets in
            let from = source + offsets[0]
            let to = destination + offsets[1]
            if outStride == 0 {
                to[0] = F.combine(to[0], combineRow(F.self, from, count: length, stride: inStride))
            } else {
                for index in 0..<length { to[index * outStride] = F.combine(to[index * outStride], from[index * inStride]) }
            }
        }
        return output
    }

    /// Dense rows of `length` elements, one output each, split across cores.
    private static func reduceRows<F: ReductionFunctor>(_ functor: F.Type, _ source: UnsafePointer<F.Element>,
                                                        into destination: UnsafeMutablePointer<F.Element>,
                                                        rows: Int, length: Int) {
        if rows == 1 {
            // One long row (e.g. a full sum): split the row itself and combine the partial results.
            let threads = Parallel.threadCount
            var partials = [F.Element](repeating: F.identity, count: threads)
            partials.withUnsafeMutableBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                Parallel.forEachChunk(count: threads, costPerItem: length / threads) { pieces in
                    for piece in pieces {
                        let start = length * piece / threads
                        let end = length * (piece + 1) / threads
                        base[piece] = combineRow(F.self, source + start, count: end - start, stride: 1)
                    }
                }
            }
            destination[0] = partials.reduce(F.identity, F.combine)
            return
        }
        Parallel.forEachChunk(count: rows, costPerItem: length) { range in
            for row in range { destination[row] = combineRow(F.self, source + row * length, count: length, stride: 1) }
        }
    }

    /// Combines one row with eight independent accumulators: the chains run in parallel in the
    /// pipeline, and for sums the error grows with `n / 8` rather than `n`.
    @inline(__always)
    static func combineRow<F: ReductionFunctor>(_ functor: F.Type, _ source: UnsafePointer<F.Element>,
                                                count: Int, stride: Int) -> F.Element {
        var lanes = (F.identity, F.identity, F.identity, F.identity, F.identity, F.identity, F.identity, F.identity)
        var index = 0
        if stride == 1 {
            while index + 8 <= count {
                lanes.0 = F.combine(lanes.0, source[index]); lanes.1 = F.combine(lanes.1, source[index + 1])
                lanes.2 = F.combine(lanes.2, source[index + 2]); lanes.3 = F.combine(lanes.3, source[index + 3])
                lanes.4 = F.combine(lanes.4, source[index + 4]); lanes.5 = F.combine(lanes.5, source[index + 5])
                lanes.6 = F.combine(lanes.6, source[index + 6]); lanes.7 = F.combine(lanes.7, source[index + 7])
                index += 8
            }
        }
        var tail = F.identity
        while index < count {
            tail = F.combine(tail, source[index * stride])
            index += 1
        }
        let low = F.combine(F.combine(lanes.0, lanes.1), F.combine(lanes.2, lanes.3))
        let high = F.combine(F.combine(lanes.4, lanes.5), F.combine(lanes.6, lanes.7))
        return F.combine(F.combine(low, high), tail)
    }
}
