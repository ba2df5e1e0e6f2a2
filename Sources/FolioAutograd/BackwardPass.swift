import FolioTensor

/// Reverse-mode accumulation: the one place that orders the graph, calls VJP rules, un-broadcasts
/// and accumulates cotangents (tinygrad's and micrograd's `backward`).
///
/// Rules return cotangents in the shape and dtype of the op's output side; `fit(_:to:)` sums them
/// over broadcast axes and casts them to each input's shape and dtype, so no rule repeats that.
/// Per-node state lives in the nodes' scratch fields (no dictionary), and is cleared on exit.
struct BackwardPass {
    /// Where gradients end up: `.grad` of every leaf, or the requested nodes only.
    enum Destination {
        case leaves
        case targets([GraphNode])
    }

    let destination: Destination
    /// Relevant nodes (those a gradient must pass through), inputs before their consumers.
    private(set) var order: [GraphNode] = []
    /// Every node the sort touched, so that their scratch can be reset.
    private(set) var visited: [GraphNode] = []
    /// True when the graph reaches a leaf that is not a target: parameters or an outer
    /// transform's input, so the gradients themselves need a graph.
    private(set) var reachesOtherLeaves = false

    private static let unvisited: UInt8 = 0, inProgress: UInt8 = 1, relevant: UInt8 = 2, irrelevant: UInt8 = 3

    /// Runs backward from `root` seeded with `seed` and returns the targets' cotangents (empty
    /// for `.leaves`). `createGraph: nil` records the gradient computation only when it depends
    /// on leaves outside the targets (nested `grad`, PDE residuals).
    static func run(root: Variable, seed: Variable, to destination: Destination, createGraph: Bool?) throws -> [Variable?] {
        guard let rootNode = root.node else { throw AutogradError.noGraph(op: "backward") }
        var pass = BackwardPass(destination: destination)
        pass.markTargets()
        defer { pass.reset() }
        pass.sort(from: rootNode)
        let recording = createGraph ?? (GradMode.isEnabled && pass.reachesOtherLeaves)
        rootNode.cotangents = filledArray(nil, count: rootNode.outputs.count)
        rootNode.cotangents[root.outputIndex] = seed
        return try GradMode.withEnabled(recording) { try pass.propagate() }
    }

    private init(destination: Destination) { self.destination = destination }

    private func markTargets() {
        guard case let .targets(nodes) = destination else { return }
        for (slot, node) in nodes.enumerated() where node.targetSlot < 0 { node.targetSlot = slot }
    }

    /// Iterative depth-first post-order (graphs of 10^5 ops must not overflow the stack).
    private mutating func sort(from root: GraphNode) {
        // Small graphs (one op per step in a loop) should not pay for repeated array growth.
        visited.reserveCapacity(16)
        order.reserveCapacity(16)
        var stack: [(node: GraphNode, next: Int)] = [(root, 0)]
        stack.reserveCapacity(16)
        root.mark = Self.inProgress
        visited.append(root)
        while let top = stack.last {
            let node = top.node, next = top.next
            if next < node.inputs.count {
                stack[stack.count - 1].next = next + 1
                if let child = node.inputs[next].node, child.mark == Self.unvisited {
                    child.mark = Self.inProgress
                    visited.append(child)
                    stack.append((child, 0))
                }
                continue
            }
            stack.removeLast()
            finish(node)
        }
    }

    /// Decides whether a gradient must pass through `node`, now that its inputs are done.
    private mutating func finish(_ node: GraphNode) {
        let isLeaf = node.op == nil
        if isLeaf && node.targetSlot < 0 { reachesOtherLeaves = true }
        var isRelevant = node.targetSlot >= 0
        if case .leaves = destination, isLeaf { isRelevant = true }
        if !isRelevant {
            isRelevant = node.inputs.contains { $0.node?.mark == Self.relevant }
        }
        node.mark = isRelevant ? Self.relevant : Self.irrelevant
        if isRelevant { order.append(node) }
    }

    /// Walks consumers before their inputs, so each node's cotangent is complete when reached.
    private func propagate() throws -> [Variable?] {
        var results: [Variable?] = []
        if case let .targets(nodes) = destination { results = Array(repeating: nil, count: nodes.count) }
        for node in order.reversed() {
            guard node.cotangents.contains(where: { $0 != nil }) else { continue }
            if node.targetSlot >= 0 { results[node.targetSlot] = node.cotangents[0] }
            if node.op == nil {
                if case .leaves = destination, let cotangent = node.cotangents[0] {
                    try Self.accumulateLeafGradient(node, cotangent.value)
                }
            } else {
                try pullBack(through: node)
            }
            node.cotangents = []  // release memory as soon as the node is done
        }
        if case let .targets(nodes) = destination {
            // A target listed twice gets its cotangent in every slot that names it.
            for (slot, node) in nodes.enumerated() where results[slot] == nil { results[slot] = results[node.targetSlot] }
        }
        return results
    }

    /// Calls the node's VJP rule and sends each input its (fitted) share of the cotangent.
    private func pullBack(through node: GraphNode) throws {
        guard let op = node.op else { return }
        let inputs = node.inputs
        var needs = filledArray(false, count: inputs.count)
        for index in inputs.indices {
            let dtype = inputs[index].value.dtype
            needs[index] = inputs[index].node?.mark == Self.relevant && (dtype.isFloatingPoint || dtype.isComplex)
        }
        guard needs.contains(true) else { return }
        let contributions = try VJP.pullBack(op, node: node, cotangents: node.cotangents, needs: needs)
        for index in inputs.indices where needs[index] {
            guard let contribution = contributions[index], let target = inputs[index].node else { continue }
            let fitted = try Self.fit(contribution, to: inputs[index].value)
            let slot = inputs[index].outputIndex
            if target.cotangents.isEmpty { target.cotangents = filledArray(nil, count: target.outputs.count) }
            guard let existing = target.cotangents[slot] else {
                target.cotangents[slot] = fitted
                continue
            }
            target.cotangents[slot] = nil
            target.cotangents[slot] = try Self.accumulate(consume existing, fitted)
        }
    }

    /// `existing + contribution`. Not recording, the sum is a plain tensor, moved out of its slot
    /// by the caller, and added into in place when nothing else holds it (see `InPlace`).
    private static func accumulate(_ existing: consuming Variable, _ contribution: Variable) throws -> Variable {
        guard !GradMode.isEnabled else { return try existing + contribution }
        return Variable.constant(try InPlace.sum(existing.takeValue(), contribution.value))
    }

    /// Clears the scratch fields of every node this pass touched.
    private func reset() {
        for node in visited {
            node.mark = Self.unvisited
            node.cotangents = []
        }
        if case let .targets(nodes) = destination { for node in nodes { node.targetSlot = -1 } }
    }
}

/// `Array(repeating: value, count: count)` for the arrays backward makes per node (cotangent
/// slots, `needs`), with array literals for one to three elements: a literal's storage type comes
/// from a cached accessor, while the general initialiser looks the generic metadata of
/// `[Variable?]` up at run time, about 500 instructions per call.
@inline(__always)
func filledArray<Element>(_ value: Element, count: Int) -> [Element] {
    switch count {
    case 1: return [value]
    case 2: return [value, value]
    case 3: return [value, value, value]
    default: return Array(repeating: value, count: count)
    }
}
