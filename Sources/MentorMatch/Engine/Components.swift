import Dispatch
import Foundation

/// The connected components of a cost graph, with left and right nodes joined by arcs.
enum Components {
    /// Each component with at least one left node: its lefts and rights in increasing order,
    /// components ordered by their smallest left. Union-find with path halving and union by size.
    /// Once the rows read so far join every right and every left read into one set, a later left
    /// joins it through any one arc: its row's first arc is read, the rest are not (a connected
    /// graph, as most square ones are, is known after a fraction of its arcs: on OR-Library's
    /// assignp800, about 40 whole rows of 800).
    ///
    /// - Complexity: O((L + R + E) α), where α is the inverse Ackermann function.
    static func of<G: CostGraph>(_ graph: G) -> [(lefts: [Int], rights: [Int])] {
        var sets = DisjointSets(count: graph.leftCount + graph.rightCount)
        // Lefts read without arcs stay sets of their own.
        var leftsWithoutArcs = 0
        for left in 0..<graph.leftCount {
            let oneSetSoFar = sets.count == 1 + (graph.leftCount - left) + leftsWithoutArcs
            var joined = false
            graph.forEachArc(of: left) { right, _ in
                guard !(oneSetSoFar && joined) else { return }
                sets.union(left, graph.leftCount + right)
                joined = true
            }
            if !joined { leftsWithoutArcs += 1 }
        }
        return sets.bipartiteGroups(leftCount: graph.leftCount) { _ in true }.groups
    }
}

extension HungarianSolver {
    /// Solves the components of a sparse graph concurrently and merges them. Searches never leave
    /// a component and every tie rule compares indices in the same order, so the merged answer
    /// (and certificate) is the one a solve of the whole graph gives.
    static func solveByComponents<G: AugmentingPathGraph>(_ graph: G, freeCapacity: [Int], stop: StopCheck) throws -> Parts {
        let components = Components.of(graph)
        guard components.count > 1 else { return try solveParts(graph, freeCapacity: freeCapacity, stop: stop) }
        let results = withUnsafeCurrentTask { task in
            // Workers run outside the task: let them see its cancellation.
            nonisolated(unsafe) let caller = task
            let workerStop = StopCheck(deadline: stop.deadline) { caller?.isCancelled ?? false }
            return concurrentMap(components.count) { index in
                let (lefts, rights) = components[index]
                return Result {
                    let part = CostGraphBuilder.subgraph(of: graph, lefts: lefts, rights: rights, transposed: false)
                    return try solveParts(part, freeCapacity: rights.map { freeCapacity[$0] }, stop: workerStop)
                }
            }
        }
        var merged = Parts(leftCovered: Array(repeating: false, count: graph.leftCount), rightCovered: Array(repeating: false, count: graph.rightCount))
        for (index, (lefts, rights)) in components.enumerated() {
            let part = try results[index].get()
            merged.assignments += part.assignments.map { (lefts[$0.left], rights[$0.right]) }
            merged.leftPotentials += part.leftPotentials.map { (lefts[$0.0], $0.1) }
            merged.rightPotentials += part.rightPotentials.map { (rights[$0.0], $0.1) }
            for (local, covered) in part.leftCovered.enumerated() { merged.leftCovered[lefts[local]] = covered }
            for (local, covered) in part.rightCovered.enumerated() { merged.rightCovered[rights[local]] = covered }
            merged.methods.formUnion(part.methods)
        }
        return merged
    }
}

/// Disjoint sets of nodes (union-find) with path halving and union by size.
package struct DisjointSets {
    private var parent: [Int]
    private var size: [Int]
    /// How many sets there are.
    package private(set) var count: Int

    package init(count: Int) {
        parent = Array(0..<count)
        size = Array(repeating: 1, count: count)
        self.count = count
    }

    /// The representative of `node`'s set.
    package mutating func root(_ node: Int) -> Int {
        var node = node
        while parent[node] != node {
            parent[node] = parent[parent[node]]
            node = parent[node]
        }
        return node
    }

    /// The sets of a bipartite graph's nodes (lefts `0..<leftCount`, then the rights) that hold a
    /// left with `isIncluded`: each as its lefts and rights (right indices from 0) in increasing
    /// order, the groups ordered by their first left; and per node its group, -1 for none (an
    /// excluded left, a right of no group).
    ///
    /// - Complexity: O(nodes α).
    package mutating func bipartiteGroups(leftCount: Int, including isIncluded: (_ left: Int) -> Bool) -> (
        groups: [(lefts: [Int], rights: [Int])], groupOfNode: [Int]
    ) {
        var groupOfRoot = [Int](repeating: -1, count: parent.count), groupOfNode = groupOfRoot
        var groups: [(lefts: [Int], rights: [Int])] = []
        for left in 0..<leftCount where isIncluded(left) {
            let root = root(left)
            if groupOfRoot[root] < 0 {
                groupOfRoot[root] = groups.count
                groups.append(([], []))
            }
            groupOfNode[left] = groupOfRoot[root]
            groups[groupOfRoot[root]].lefts.append(left)
        }
        for node in leftCount..<parent.count {
            let group = groupOfRoot[root(node)]
            guard group >= 0 else { continue }
            groupOfNode[node] = group
            groups[group].rights.append(node - leftCount)
        }
        return (groups, groupOfNode)
    }

    package mutating func union(_ a: Int, _ b: Int) {
        var a = root(a), b = root(b)
        guard a != b else { return }
        if size[a] < size[b] { swap(&a, &b) }
        parent[b] = a
        size[a] += size[b]
        count -= 1
    }
}
