/// An n-d loop nest over up to three operands, flattened into rows of the innermost axis.
///
/// Axes are first coalesced (merged wherever every operand's strides allow) and size-1 axes
/// dropped, so a transposed or broadcast operand usually becomes a few long rows. Kernels call
/// `forEachRow` and run a tight strided loop over each row; the per-row bookkeeping is amortised
/// over the row length.
struct StridedRows {
    /// Operand count (1...3).
    let operandCount: Int
    /// Outer sizes, innermost last (the row axis excluded).
    private let outerShape: [Int]
    /// Outer strides per operand, `outerStrides[operand][axis]`.
    private let outerStrides: [[Int]]
    /// Elements per row.
    let rowLength: Int
    /// Stride along the row, per operand.
    let rowStrides: [Int]
    /// Total number of rows.
    let rowCount: Int

    init(shape: [Int], strides: [[Int]]) {
        operandCount = strides.count
        var sizes: [Int] = []
        var merged: [[Int]] = Array(repeating: [], count: strides.count)
        for axis in 0..<shape.count where shape[axis] != 1 {
            let canMerge = !sizes.isEmpty && (0..<strides.count).allSatisfy { operand in
                merged[operand][merged[operand].count - 1] == strides[operand][axis] * shape[axis]
            }
            if canMerge {
                sizes[sizes.count - 1] *= shape[axis]
                for operand in 0..<strides.count { merged[operand][merged[operand].count - 1] = strides[operand][axis] }
            } else {
                sizes.append(shape[axis])
                for operand in 0..<strides.count { merged[operand].append(strides[operand][axis]) }
            }
        }
        if sizes.isEmpty {
            sizes = [shape.contains(0) ? 0 : 1]
            merged = Array(repeating: [0], count: strides.count)
        }
        rowLength = sizes[sizes.count - 1]
        rowStrides = merged.map { $0[$0.count - 1] }
        outerShape = Array(sizes.dropLast())
        outerStrides = merged.map { Array($0.dropLast()) }
        rowCount = rowLength == 0 ? 0 : outerShape.reduce(1, *)
    }

    /// Calls `body(offsets)` for rows `rows`, where `offsets[operand]` is the element offset of the
    /// row's first element relative to each operand's base.
    func forEachRow(_ rows: Range<Int>, _ body: (UnsafeMutableBufferPointer<Int>) -> Void) {
        guard !rows.isEmpty else { return }
        let depth = outerShape.count
        var index = [Int](repeating: 0, count: max(depth, 1))
        var offsets = [Int](repeating: 0, count: operandCount)
        // Decompose the first row number once; afterwards the index is incremented like an odometer.
        var remainder = rows.lowerBound
        for axis in stride(from: depth - 1, through: 0, by: -1) {
            index[axis] = remainder % outerShape[axis]
            remainder /= outerShape[axis]
            for operand in 0..<operandCount { offsets[operand] += index[axis] * outerStrides[operand][axis] }
        }
        offsets.withUnsafeMutableBufferPointer { buffer in
            for _ in rows {
                body(buffer)
                advance(&index, buffer, depth: depth)
            }
        }
    }

    private func advance(_ index: inout [Int], _ offsets: UnsafeMutableBufferPointer<Int>, depth: Int) {
        var axis = depth - 1
        while axis >= 0 {
            index[axis] += 1
            for operand in 0..<operandCount { offsets[operand] += outerStrides[operand][axis] }
            if index[axis] < outerShape[axis] { return }
            for operand in 0..<operandCount { offsets[operand] -= outerStrides[operand][axis] * outerShape[axis] }
            index[axis] = 0
            axis -= 1
        }
    }

    /// Runs `forEachRow` split across cores when the total work is large.
    func forEachRowInParallel(_ body: (UnsafeMutableBufferPointer<Int>) -> Void) {
        Parallel.forEachChunk(count: rowCount, costPerItem: rowLength) { rows in
            forEachRow(rows, body)
        }
    }
}
