/// The bipartite graph the native solvers work on: *left* nodes, *right* nodes and arcs with a cost
/// to be minimized. Solvers map mentees and mentors to left and right (in either direction) and
/// turn scores into costs (negated when maximizing). The kinds are a closed set, ``CostGraphKind``;
/// code generic over this protocol is specialized for each, so arc loops are inlined.
protocol CostGraph: Sendable {
    var leftCount: Int { get }
    var rightCount: Int { get }
    /// Whether every pair is an arc (only dense graphs say so).
    var isComplete: Bool { get }
    /// Calls `body` with every arc out of `left`, rights in increasing order.
    func forEachArc(of left: Int, _ body: (_ right: Int, _ cost: Double) -> Void)
    /// One Dijkstra search from `start` for the cheapest augmenting path; see
    /// ``AugmentingPathState``. `afterJonkerVolgenant`: the state began with
    /// ``jonkerVolgenantStart(_:)``, whose searches may go by levels.
    func searchAugmentingPath(from start: Int, in state: inout AugmentingPathState, afterJonkerVolgenant: Bool) throws -> (
        sink: Int, length: Double
    )
    /// Whether ``jonkerVolgenantStart(_:)`` applies: square, unit demands and capacities, and
    /// every right filled at the end (see JonkerVolgenant.swift).
    func admitsJonkerVolgenantStart(demand: [Int], capacity: [Int]) -> Bool
    /// Sets the potentials and assigns most lefts (JonkerVolgenant.swift); returns which.
    func jonkerVolgenantStart(_ state: inout AugmentingPathState) -> [Bool]
    /// The final state without any search, when cost scaling applies (CostScalingAssignment.swift);
    /// `nil` otherwise.
    func solveByCostScaling(demand: [Int], capacity: [Int], stop: StopCheck) throws -> AugmentingPathState?
}

extension CostGraph {
    /// Square with unit demands and capacities: every right is then filled, since the callers
    /// only pose problems whose demands can all be met.
    func isUnitSquare(demand: [Int], capacity: [Int]) -> Bool {
        leftCount == rightCount && leftCount > 1 && demand.allSatisfy { $0 == 1 } && capacity.allSatisfy { $0 == 1 }
    }
}

/// The kinds of cost graph: a closed set, so that every switch over them is checked by the
/// compiler; each case opens onto code specialized for its type.
enum CostGraphKind {
    case dense(DenseCostGraph)
    case sparse(SparseCostGraph)
}

/// A cost matrix, row-major, with `+infinity` where there is no arc.
struct DenseCostGraph: CostGraph {
    let leftCount: Int
    let rightCount: Int
    let costs: [Double]
    /// Whether every pair is an arc (no `+infinity`).
    let isComplete: Bool

    /// `nil`: a complete matrix is solved faster by the Jonker-Volgenant start and searches.
    func solveByCostScaling(demand: [Int], capacity: [Int], stop: StopCheck) throws -> AugmentingPathState? { nil }

    @inline(__always)
    func forEachArc(of left: Int, _ body: (_ right: Int, _ cost: Double) -> Void) {
        costs.withUnsafeBufferPointer { costs in
            let row = costs.baseAddress! + left * rightCount
            for right in 0..<rightCount where row[right] < .infinity { body(right, row[right]) }
        }
    }
}

/// Arcs in compressed rows (CSR), possibly shared with a ``ScoreTable``: the arcs of left *l* are
/// at positions `arcsOf[l]` of `arcRight` and `arcValue`, and an arc costs `costPerValue` (1 or
/// -1) times its value. Sharing the table's arrays (copy-on-write, never written here) keeps a
/// solve from copying every allowed pair.
struct SparseCostGraph: CostGraph {
    let leftCount: Int
    let rightCount: Int
    let arcsOf: [Range<Int>]
    let arcRight: [Int32]
    let arcValue: [Double]
    let costPerValue: Double
    var isComplete: Bool { false }

    @inline(__always)
    func forEachArc(of left: Int, _ body: (_ right: Int, _ cost: Double) -> Void) {
        for position in arcsOf[left] {
            body(Int(arcRight[position]), costPerValue * arcValue[position])
        }
    }
}

/// Builds the cheaper representation for a subgraph: dense when at least a quarter of all pairs
/// are arcs, sparse otherwise.
enum CostGraphBuilder {
    /// The subgraph of `graph` on the given lefts and rights (positions in these arrays become the
    /// new indices). With `transposed`, the given rights become the new lefts and vice versa.
    ///
    /// - Complexity: O(arcs of the given lefts + new lefts x new rights when dense).
    static func subgraph<G: CostGraph>(of graph: G, lefts: [Int], rights: [Int], transposed: Bool) -> CostGraphKind {
        var newIndexOfRight = [Int](repeating: -1, count: graph.rightCount)
        for (index, right) in rights.enumerated() { newIndexOfRight[right] = index }
        var triples: [(from: Int, to: Int, cost: Double)] = []
        for (leftIndex, left) in lefts.enumerated() {
            graph.forEachArc(of: left) { right, cost in
                let rightIndex = newIndexOfRight[right]
                guard rightIndex >= 0 else { return }
                triples.append(transposed ? (rightIndex, leftIndex, cost) : (leftIndex, rightIndex, cost))
            }
        }
        let leftCount = transposed ? rights.count : lefts.count
        let rightCount = transposed ? lefts.count : rights.count
        if triples.count * 4 >= leftCount * rightCount {
            var costs = [Double](repeating: .infinity, count: leftCount * rightCount)
            for triple in triples { costs[triple.from * rightCount + triple.to] = triple.cost }
            return .dense(
                DenseCostGraph(leftCount: leftCount, rightCount: rightCount, costs: costs, isComplete: triples.count == leftCount * rightCount))
        }
        // Counting sort by new left; within a left, rights stay increasing because the original
        // arcs come in increasing right order (and, transposed, in increasing left order).
        var arcStart = [Int](repeating: 0, count: leftCount + 1)
        for triple in triples { arcStart[triple.from + 1] += 1 }
        for left in 0..<leftCount { arcStart[left + 1] += arcStart[left] }
        var next = arcStart
        var arcRight = [Int32](repeating: 0, count: triples.count)
        var arcCost = [Double](repeating: 0, count: triples.count)
        for triple in triples {
            arcRight[next[triple.from]] = Int32(triple.to)
            arcCost[next[triple.from]] = triple.cost
            next[triple.from] += 1
        }
        return .sparse(
            SparseCostGraph(
                leftCount: leftCount, rightCount: rightCount, arcsOf: (0..<leftCount).map { arcStart[$0]..<arcStart[$0 + 1] },
                arcRight: arcRight, arcValue: arcCost, costPerValue: 1))
    }
}

// Each kind opens onto the generic code specialized for its type.

extension HungarianSolver {
    static func solveParts(_ graph: CostGraphKind, freeCapacity: [Int], stop: StopCheck) throws -> Parts {
        switch graph {
        case .dense(let dense): try solveParts(dense, freeCapacity: freeCapacity, stop: stop)
        case .sparse(let sparse): try solveParts(sparse, freeCapacity: freeCapacity, stop: stop)
        }
    }
}

extension ShortestAugmentingPaths {
    static func solve(_ graph: CostGraphKind, demand: [Int], capacity: [Int], stop: StopCheck) throws -> AugmentingPathState {
        switch graph {
        case .dense(let dense): try solve(dense, demand: demand, capacity: capacity, stop: stop)
        case .sparse(let sparse): try solve(sparse, demand: demand, capacity: capacity, stop: stop)
        }
    }
}
