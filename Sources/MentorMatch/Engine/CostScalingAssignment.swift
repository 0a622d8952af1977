// Cost scaling for sparse square assignment problems with integer costs: the push-relabel
// algorithm of
//   A. V. Goldberg, R. Kennedy, "An efficient cost scaling algorithm for the assignment problem",
//   Mathematical Programming 71, 1995, pp. 153-177, doi:10.1007/BF01585996
// in its "double push" form with prices on right nodes only (the left prices stay implicit), the
// form OR-Tools' LinearSumAssignment runs. It applies where ShortestAugmentingPaths would start
// with Jonker and Volgenant's sparse code: a square graph with unit demands and capacities whose
// maximum assignment is perfect. There the searches after the start are Dijkstra runs that settle
// a large share of the graph each (n = 100,000 with 10 arcs per row: 170 searches, 24,000 rights
// popped per search), while cost scaling does O(sqrt(n) x e log(n C)) work in theory and about
// one pass over the arcs per scaling phase in practice.
//
// Method. Costs are multiplied by K = n + 1, so that an assignment that is epsilon-optimal for
// epsilon < K / n, in particular for epsilon = 1, is optimal (integer costs; Goldberg and Kennedy,
// Theorem 2.1). Epsilon starts at the largest scaled cost magnitude and is divided by 5 before
// each phase (OR-Tools' default). A phase (refine) unassigns every left and then, until all are
// assigned, takes an unassigned left (last unassigned first), finds its arc of least partial
// reduced cost c(l, r) - price(r) and the gap to its second least, assigns it there (the right's
// former left becomes unassigned) and lowers the right's price by gap + epsilon. The phase keeps
// epsilon-optimality: for every assigned left, its arc is within epsilon of its best arc.
// A left with a single arc has no second least; its gap is capped at the bound on price changes
// in one phase (Goldberg and Kennedy, Lemma 5.3), as OR-Tools does; a price falling below the
// total of those bounds proves that no perfect assignment exists, which the callers have ruled out
// (MaximumAssignment), so it is an internal error.
//
// Exact duals. The final prices are 1-optimal in scaled units, not a certificate. With the
// assignment fixed, the optimality conditions on the right prices alone read
//   price(k) <= price(r) + K c(l, k) - K c(l, r)   for l assigned to r and every arc (l, k),
// a system of difference constraints whose graph has no negative cycle exactly when the assignment
// is optimal. Label correcting (FIFO Bellman-Ford) from the final prices satisfies it in a few
// passes, since every constraint is violated by at most 1. Then v(r) = floor(price(r) / K) and
// u(l) = c(l, r) - v(r) are integer potentials with c - u - v >= 0 on every arc and = 0 on the
// assigned ones: floor(a) - floor(b) < a - b + 1 <= c + 1 for a - b <= c integer. A relabelling
// count above n would mean a negative cycle, that is a wrong assignment: an internal error.
//
// Applies when every cost is an integer and the prices provably fit in Int64 (see `init`);
// otherwise ShortestAugmentingPaths runs its searches. Ties: each left takes the lowest-index
// right among its least partial reduced costs, so the result is a deterministic function of the
// costs (another optimum than the searches would give, as the Jonker-Volgenant start may).

import DequeModule

struct CostScalingAssignment {
    private let n: Int
    /// Compressed rows: the arcs of left l are at `arcStart[l]..<arcStart[l + 1]`.
    private let arcStart: [Int]
    private let arcRight: [Int32]
    /// Cost times `scale`.
    private let scaledCost: [Int64]
    private let scale: Int64
    private let largestScaledMagnitude: Int64
    /// Divisor of epsilon between phases.
    private static let alpha: Int64 = 25

    /// Builds the scaled problem, or returns `nil` when cost scaling does not apply: a left without
    /// arcs, a cost that is not an integer, or prices that could leave Int64 (about 3 n^2 C must fit, for the largest
    /// cost magnitude C).
    init?(_ graph: SparseCostGraph) {
        n = graph.leftCount
        guard n > 1, graph.rightCount == n else { return nil }
        var arcStart = [0], arcRight: [Int32] = [], costs: [Int64] = []
        arcStart.reserveCapacity(n + 1)
        let arcCount = graph.arcsOf.reduce(0) { $0 + $1.count }
        arcRight.reserveCapacity(arcCount)
        costs.reserveCapacity(arcCount)
        var largest: Double = 0
        for left in 0..<n {
            guard !graph.arcsOf[left].isEmpty else { return nil }
            for position in graph.arcsOf[left] {
                let cost = graph.costPerValue * graph.arcValue[position]
                guard cost.rounded() == cost, abs(cost) <= 1e15 else { return nil }
                largest = max(largest, abs(cost))
                arcRight.append(Int32(graph.arcRight[position]))
                costs.append(Int64(cost))
            }
            arcStart.append(arcRight.count)
        }
        // Prices fall by at most 2 (n - 1)(epsilon_old + epsilon_new) per phase (Lemma 5.3), which
        // sums to under 4 n K C over all phases; keep that a factor 8 inside Int64.
        let scale = Double(n + 1)
        guard 4 * Double(n) * scale * max(largest, 1) * 8 < Double(Int64.max) else { return nil }
        self.scale = Int64(n + 1)
        self.arcStart = arcStart
        self.arcRight = arcRight
        let factor = Int64(n + 1)
        scaledCost = costs.map { $0 * factor }
        largestScaledMagnitude = Int64(largest) * Int64(n + 1)
    }

    /// The optimal assignment and integer potentials u (left) and v (right) with
    /// c(l, r) - u(l) - v(r) >= 0 on every arc, = 0 on the assigned ones, and v <= 0.
    ///
    /// - Precondition: the graph has a perfect assignment.
    /// - Throws: what `stop` throws (checked before each phase and every 2^16 pushes), and
    ///   ``MatchingError/internalError(_:)`` if no perfect assignment turns up.
    /// - Complexity: O(sqrt(n) e log(n C)) pushes' worth of arc scans (Goldberg and Kennedy), for e
    ///   arcs and largest cost magnitude C; O(n + e) memory.
    func solve(stop: StopCheck) throws -> (rightOf: [Int], u: [Double], v: [Double]) {
        var price = [Int64](repeating: 0, count: n)
        var assignedArc = [Int](repeating: -1, count: n)
        var epsilon = max(largestScaledMagnitude, 2)
        var priceFloor: Int64 = 0
        while epsilon > 1 {
            try stop.check()
            let next = max(epsilon / Self.alpha, 1)
            let phaseBound = Int64(max(1, n - 1)) * (epsilon + next)
            priceFloor -= 2 * phaseBound
            epsilon = next
            try refine(epsilon: epsilon, largestGap: phaseBound - epsilon, priceFloor: priceFloor, price: &price, assignedArc: &assignedArc, stop: stop)
            #if DEBUG
                checkEpsilonOptimality(epsilon: epsilon, price: price, assignedArc: assignedArc)
            #endif
        }
        let v = try exactRightPotentials(from: price, assignedArc: assignedArc)
        let shift = v.max() ?? 0
        var rightOf = [Int](repeating: -1, count: n)
        var u = [Double](repeating: 0, count: n)
        for left in 0..<n {
            let arc = assignedArc[left]
            rightOf[left] = Int(arcRight[arc])
            u[left] = Double(scaledCost[arc] / scale - v[rightOf[left]] + shift)
        }
        return (rightOf, u, v.map { Double($0 - shift) })
    }

    /// One phase: assigns every left afresh, keeping the prices epsilon-optimal.
    private func refine(
        epsilon: Int64, largestGap: Int64, priceFloor: Int64, price: inout [Int64], assignedArc: inout [Int], stop: StopCheck
    ) throws {
        var leftOf = [Int](repeating: -1, count: n)
        var unassigned = Array((0..<n).reversed())
        var pushes = 0
        try arcStart.withUnsafeBufferPointer { arcStart in
            try arcRight.withUnsafeBufferPointer { arcRight in
                try scaledCost.withUnsafeBufferPointer { cost in
                    try price.withUnsafeMutableBufferPointer { price in
                        while let left = unassigned.popLast() {
                            pushes &+= 1
                            if pushes & 0xFFFF == 0 { try stop.check() }
                            var best = arcStart[left]
                            var least = cost[best] - price[Int(arcRight[best])]
                            var secondLeast = least + largestGap
                            for arc in (best + 1)..<arcStart[left + 1] {
                                let partial = cost[arc] - price[Int(arcRight[arc])]
                                guard partial < secondLeast else { continue }
                                if partial < least {
                                    secondLeast = least
                                    least = partial
                                    best = arc
                                } else {
                                    secondLeast = partial
                                }
                            }
                            let right = Int(arcRight[best])
                            let displaced = leftOf[right]
                            if displaced >= 0 { unassigned.append(displaced) }
                            leftOf[right] = left
                            assignedArc[left] = best
                            price[right] -= min(secondLeast - least, largestGap) + epsilon
                            guard price[right] >= priceFloor else {
                                throw MatchingError.internalError("cost scaling found no perfect assignment")
                            }
                        }
                    }
                }
            }
        }
    }

    #if DEBUG
        /// What a phase ends with, in debug builds only: every left assigned, no right twice, and
        /// each left's arc within epsilon of its best partial reduced cost. O(arcs).
        private func checkEpsilonOptimality(epsilon: Int64, price: [Int64], assignedArc: [Int]) {
            var taken = [Bool](repeating: false, count: n)
            for left in 0..<n {
                let arc = assignedArc[left]
                assert(arcStart[left] <= arc && arc < arcStart[left + 1], "left \(left) is unassigned after a phase")
                let right = Int(arcRight[arc])
                assert(!taken[right], "right \(right) assigned twice")
                taken[right] = true
                let best = (arcStart[left]..<arcStart[left + 1]).map { scaledCost[$0] - price[Int(arcRight[$0])] }.min()!
                assert(scaledCost[arc] - price[right] <= best + epsilon, "left \(left) is not epsilon-optimal")
            }
        }
    #endif

    /// Right potentials in original units, exact: label correcting from the 1-optimal prices (see
    /// this file's header), then floor division by the scale.
    private func exactRightPotentials(from price: [Int64], assignedArc: [Int]) throws -> [Int64] {
        var price = price
        var leftOf = [Int](repeating: -1, count: n)
        for left in 0..<n { leftOf[Int(arcRight[assignedArc[left]])] = left }
        var queue = Deque(0..<n)
        var queued = [Bool](repeating: true, count: n)
        var lowered = [Int](repeating: 0, count: n)
        while let right = queue.popFirst() {
            queued[right] = false
            let left = leftOf[right]
            let base = price[right] - scaledCost[assignedArc[left]]
            for arc in arcStart[left]..<arcStart[left + 1] {
                let other = Int(arcRight[arc])
                let bound = base + scaledCost[arc]
                guard bound < price[other] else { continue }
                price[other] = bound
                lowered[other] += 1
                guard lowered[other] <= n else {
                    throw MatchingError.internalError("cost scaling ended on an assignment that is not optimal")
                }
                if !queued[other] {
                    queued[other] = true
                    queue.append(other)
                }
            }
        }
        return price.map { $0 >= 0 ? $0 / scale : -((-$0 + scale - 1) / scale) }
    }
}

extension SparseCostGraph {
    /// The whole solve by cost scaling when it applies: a square graph with unit demands and
    /// capacities (whose maximum assignment the callers found perfect) and integer costs.
    func solveByCostScaling(demand: [Int], capacity: [Int], stop: StopCheck) throws -> AugmentingPathState? {
        guard isUnitSquare(demand: demand, capacity: capacity), let scaling = CostScalingAssignment(self) else { return nil }
        let (rightOf, u, v) = try scaling.solve(stop: stop)
        var state = AugmentingPathState(graph: self, capacity: capacity)
        for left in 0..<leftCount { state.slots.place(left, on: rightOf[left]) }
        state.u = u
        state.v = v
        state.method = .costScaling
        return state
    }
}
