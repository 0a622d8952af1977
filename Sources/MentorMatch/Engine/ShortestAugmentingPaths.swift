// Successive shortest augmenting paths with dual potentials, for a transportation problem in
// which every left node l must receive exactly demand[l] distinct right nodes and every right node
// r accepts at most capacity[r] left nodes, at least total cost.
//
// Method: the shortest augmenting path algorithm of
//   D. F. Crouse, "On implementing 2D rectangular assignment algorithms", IEEE Trans. Aerospace
//   and Electronic Systems 52(4), 2016, pp. 1679-1696, doi:10.1109/TAES.2016.140952
//   (pseudocode pp. 1685-1686; the method scipy's linear_sum_assignment uses),
// which is the Jonker-Volgenant / Kuhn-Munkres family: R. Jonker, A. Volgenant, "A shortest
// augmenting path algorithm for dense and sparse linear assignment problems", Computing 38, 1987,
// pp. 325-340. In network terms it is successive shortest paths with node potentials
// (R. K. Ahuja, T. L. Magnanti, J. B. Orlin, Network Flows, 1993, ch. 9).
//
// Names follow Crouse: u (left potentials), v (right potentials), shortest path lengths, a set of
// scanned lefts and of popped rights, and the length `delta` of the augmenting path found.
//
// Departures from the paper:
// 1. Capacities. A right node with capacity c is one node with c slots (see Slots), not c copied
//    columns. When the search pops a full right node it scans every left node in its slots, all at
//    the same distance (their assigned arcs have reduced cost 0). A left node with demand d simply
//    starts d searches. Only one side may have more than one unit: demand[l] > 1 is used with
//    capacity 1 everywhere, so a search from l can never pick a right node l already holds.
// 2. Sparse graphs use a binary heap (Dijkstra.swift) instead of Crouse's linear scan for the
//    closest unpopped right node, and start each search in O(1).
// 3. Initialization: u starts at each left's cheapest arc and v at 0, and a greedy pass gives
//    each left its cheapest rights while they have room (arcs of reduced cost 0, so the invariants
//    hold). Where Plan.swift says so (square, unit demands and capacities, every right full at
//    the end), the searches start instead with Jonker and Volgenant's column reduction and
//    augmenting row reduction (JonkerVolgenant.swift), which leave v > 0 on rights with room:
//    harmless there, since every right ends full, and shifted away after the last search. On
//    complete matrices they then search by levels, as Jonker and Volgenant's augmentation does
//    (searchAugmentingPathByLevels), with ties of their own. Where the plan chooses cost scaling
//    (CostScalingAssignment.swift) instead, it ends in the same invariants.
// 4. The dense search scans all rights in index order with a popped flag rather than a list of
//    unpopped rights: contiguous memory, and "lowest index among equals" comes for free.
//
// Invariants (the LP dual of "min cost, lefts = demand, rights <= capacity"):
// - reduced cost c(l, r) - u[l] - v[r] >= 0 on every arc, and = 0 on every assigned arc;
// - v[r] <= 0 for every right, and v[r] = 0 while r has a free slot. A right node's potential
//   changes only after it is popped full, and a full right node stays full, so v only decreases.
// At the end these are complementary slackness, so the assignment is optimal and sum(demand x u)
// + sum(capacity x v) equals its cost.
//
// Ties: the greedy start takes rights in index order; both searches pop right nodes in the order
// (distance, free before full, index), so the dense and sparse searches take the same steps; and
// lefts are processed in index order. The result is a deterministic function of the input.
//
// Termination: each search pops every right node at most once and each augmentation serves one
// unit of demand, so there are sum(demand) searches. A search that finds no path throws (the
// callers only pose feasible problems, see HungarianSolver).

/// The working state of the shortest augmenting path method, shared by the dense and sparse
/// searches.
struct AugmentingPathState {
    var u: [Double]
    var v: [Double]
    var slots: Slots
    /// Per right node: the tentative path length, `+infinity` when not reached (dense search);
    /// on compressed rows, set for the popped rights only, from `labels`.
    var distance: [Double]
    var predecessor: [Int]
    /// Per left node: the path length at which it was reached, and the slot and right node it
    /// was reached through.
    var leftDistance: [Double]
    var arrivalSlot: [Int]
    var arrivalRight: [Int]
    /// Per left node: the search that last scanned it (avoids resetting between searches).
    var scannedInSearch: [Int]
    var searchNumber = 0
    var scannedLefts: [Int] = []
    var poppedRights: [Int] = []
    /// Per right node: whether the current dense search popped it.
    var popped: [Bool]
    /// The labels of the search on compressed rows (Dijkstra.swift), with its tie rule: 0 for a
    /// right with a free slot, 1 for a full one, so that a right with room wins ties.
    var labels: Dijkstra<Double, Int>?

    /// Potentials 0 and every slot empty; the start (greedy or Jonker-Volgenant) sets both.
    init<G: CostGraph>(graph: G, slots: Slots) {
        u = [Double](repeating: 0, count: graph.leftCount)
        v = [Double](repeating: 0, count: graph.rightCount)
        self.slots = slots
        distance = [Double](repeating: .infinity, count: graph.rightCount)
        predecessor = [Int](repeating: -1, count: graph.rightCount)
        popped = [Bool](repeating: false, count: graph.rightCount)
        leftDistance = [Double](repeating: 0, count: graph.leftCount)
        arrivalSlot = [Int](repeating: -1, count: graph.leftCount)
        arrivalRight = [Int](repeating: -1, count: graph.leftCount)
        scannedInSearch = [Int](repeating: 0, count: graph.leftCount)
    }

    /// Starts a search from `start`: marks it scanned at distance 0.
    mutating func begin(at start: Int) {
        searchNumber += 1
        scannedLefts.removeAll(keepingCapacity: true)
        poppedRights.removeAll(keepingCapacity: true)
        scannedInSearch[start] = searchNumber
        leftDistance[start] = 0
        scannedLefts.append(start)
    }

    /// Marks the unscanned left nodes in the slots of the just-popped full right node `right` as
    /// scanned at `length`, appending them to `scannedLefts`.
    mutating func reachLefts(through right: Int, at length: Double) {
        for slot in slots.filled(right) {
            let left = slots.left[slot]
            guard scannedInSearch[left] != searchNumber else { continue }
            scannedInSearch[left] = searchNumber
            leftDistance[left] = length
            arrivalSlot[left] = slot
            arrivalRight[left] = right
            scannedLefts.append(left)
        }
    }

    /// Updates the potentials after a search found a path of length `delta` to `sink`, then
    /// augments along it. Keeps the invariants listed in this file's header.
    mutating func finish(from start: Int, to sink: Int, length delta: Double) {
        for left in scannedLefts { u[left] += delta - leftDistance[left] }
        for right in poppedRights { v[right] -= delta - distance[right] }
        slots.augment(from: start, to: sink, predecessor: predecessor, arrivalSlot: arrivalSlot, arrivalRight: arrivalRight)
    }
}

/// A cost graph with the steps of this method that each kind of storage takes its own way:
/// the search from one left (a matrix scans its rows, compressed rows keep a heap), and the
/// Jonker-Volgenant start's reductions (in SIMD lanes on a matrix, arc by arc otherwise:
/// JonkerVolgenant.swift). ``CostGraph`` itself is data only.
protocol AugmentingPathGraph: CostGraph {
    /// One Dijkstra search from `start` for the cheapest augmenting path; see
    /// ``AugmentingPathState``. `byLevels`: Jonker and Volgenant's search by levels, which only
    /// complete matrices after their start take (``Plan/SearchStart/jonkerVolgenantByLevels``).
    func searchAugmentingPath(from start: Int, in state: inout AugmentingPathState, byLevels: Bool) throws -> (
        sink: Int, length: Double
    )
    /// The two least reduced costs c(left, r) - v[r] over the arcs out of `left` and, given
    /// `leftOfRight` (a right r is free when `leftOfRight[r] < 0`), where they are; see
    /// ``LeastReducedCosts``.
    func leastReducedCosts(of left: Int, v: StartPotentials, leftOfRight: UnsafePointer<Int>?) -> LeastReducedCosts
    /// Per right: its least arc cost and the lowest left with it; `+infinity` and -1 for a
    /// right without arcs.
    func columnMinima() -> (cost: [Double], left: [Int])
}

extension DenseCostGraph {
    /// Runs `body` with a ``DenseSearch`` over this graph and the state's hot arrays. The arrays
    /// are moved out of `state` meanwhile, so that `body` can change `state` while it holds
    /// pointers to them; `v` and the room flags do not change during a search.
    func withSearch<Result>(_ state: inout AugmentingPathState, _ body: (DenseSearch<Cost>, inout AugmentingPathState) throws -> Result) rethrows -> Result {
        var distance: [Double] = [], predecessor: [Int] = [], popped: [Bool] = []
        swap(&distance, &state.distance)
        swap(&predecessor, &state.predecessor)
        swap(&popped, &state.popped)
        defer {
            swap(&distance, &state.distance)
            swap(&predecessor, &state.predecessor)
            swap(&popped, &state.popped)
        }
        let v = state.v, room = state.slots.hasRoom
        return try costs.withUnsafeBufferPointer { costs in
            try v.withUnsafeBufferPointer { v in
                try room.withUnsafeBufferPointer { room in
                    try distance.withUnsafeMutableBufferPointer { distance in
                        try predecessor.withUnsafeMutableBufferPointer { predecessor in
                            try popped.withUnsafeMutableBufferPointer { popped in
                                let search = DenseSearch(
                                    costs: costs.baseAddress!, rightCount: rightCount, v: v.baseAddress!, room: room.baseAddress!,
                                    distance: distance.baseAddress!, predecessor: predecessor.baseAddress!, popped: popped.baseAddress!)
                                return try body(search, &state)
                            }
                        }
                    }
                }
            }
        }
    }
}

extension DenseCostGraph: AugmentingPathGraph {
    /// Crouse's search: relax every unpopped right from each newly scanned left, fused with the
    /// choice of the closest right, then pop it. O(rights) per popped right, in one linear pass.
    /// After the Jonker-Volgenant start, their search by levels instead.
    func searchAugmentingPath(from start: Int, in state: inout AugmentingPathState, byLevels: Bool) throws -> (
        sink: Int, length: Double
    ) {
        if byLevels { return try searchAugmentingPathByLevels(from: start, in: &state) }
        for right in state.poppedRights { state.popped[right] = false }
        state.begin(at: start)
        return try withSearch(&state) { search, state in try search.run(from: start, state: &state) }
    }
}

/// The pointers of one dense search; valid only inside `DenseCostGraph.withSearch`. Crouse's
/// search (`run`) makes every pass over all rights in index order (contiguous, no index list),
/// skipping popped ones, so "lowest index among equals" needs no comparison of indices.
struct DenseSearch<Cost: DenseCost> {
    let costs: UnsafePointer<Cost>
    let rightCount: Int
    let v: UnsafePointer<Double>
    let room: UnsafePointer<Bool>
    let distance: UnsafeMutablePointer<Double>
    let predecessor: UnsafeMutablePointer<Int>
    let popped: UnsafeMutablePointer<Bool>

    func run(from start: Int, state: inout AugmentingPathState) throws -> (sink: Int, length: Double) {
        distance.update(repeating: .infinity, count: rightCount)
        let roomy = (0..<rightCount).filter { room[$0] }
        var relaxedUpTo = 0
        while true {
            // Relax from every newly scanned left; the last one also picks the closest right.
            while relaxedUpTo < state.scannedLefts.count - 1 {
                let left = state.scannedLefts[relaxedUpTo]
                relax(from: left, offset: state.leftDistance[left] - state.u[left])
                relaxedUpTo += 1
            }
            let newest = relaxedUpTo < state.scannedLefts.count ? state.scannedLefts[relaxedUpTo] : -1
            relaxedUpTo = state.scannedLefts.count
            let (right, length) =
                newest >= 0
                ? relaxAndSelect(from: newest, offset: state.leftDistance[newest] - state.u[newest], roomy: roomy)
                : select(roomy: roomy)
            guard right >= 0 else { throw MatchingError.internalError("no augmenting path from left node \(start)") }
            popped[right] = true
            state.poppedRights.append(right)
            if room[right] { return (right, length) }
            state.reachLefts(through: right, at: length)
        }
    }

    @inline(__always)
    private func relax(from left: Int, offset: Double) {
        // Locals, not stored properties: stores through `distance` could alias `self` otherwise,
        // and the loop would reload every pointer on every step.
        let row = costs + left * rightCount, v = v, distance = distance, predecessor = predecessor, popped = popped
        for right in 0..<rightCount where !popped[right] {
            let length = offset + Double(row[right]) - v[right]
            if length < distance[right] {
                distance[right] = length
                predecessor[right] = left
            }
        }
    }

    /// Relaxes from `left` (`offset` is its distance minus its potential) and returns the
    /// closest unpopped right, ties to one with room, then to the lowest index; -1 if none is
    /// reachable. The pass over all rights keeps only the closest (lowest index first); rights
    /// with room, usually few, are then looked at again for one as close.
    @inline(__always)
    private func relaxAndSelect(from left: Int, offset: Double, roomy: [Int]) -> (right: Int, length: Double) {
        let row = costs + left * rightCount, v = v, distance = distance, predecessor = predecessor, popped = popped
        var bestRight = -1, best = Double.infinity
        for right in 0..<rightCount where !popped[right] {
            var known = distance[right]
            let length = offset + Double(row[right]) - v[right]
            if length < known {
                known = length
                distance[right] = length
                predecessor[right] = left
            }
            if known < best {
                best = known
                bestRight = right
            }
        }
        return preferringRoom(bestRight, best, roomy: roomy)
    }

    /// The closest unpopped right as in `relaxAndSelect`, without relaxing.
    private func select(roomy: [Int]) -> (right: Int, length: Double) {
        var bestRight = -1, best = Double.infinity
        for right in 0..<rightCount where !popped[right] && distance[right] < best {
            best = distance[right]
            bestRight = right
        }
        return preferringRoom(bestRight, best, roomy: roomy)
    }

    /// The lowest right with room at distance `best`, if any, else `bestRight`; -1 when nothing
    /// is reachable. Rights with room are never popped before the search ends.
    @inline(__always)
    private func preferringRoom(_ bestRight: Int, _ best: Double, roomy: [Int]) -> (right: Int, length: Double) {
        guard best < .infinity else { return (-1, best) }
        if !room[bestRight] {
            for right in roomy where distance[right] == best { return (right, best) }
        }
        return (bestRight, best)
    }
}

extension SparseCostGraph: AugmentingPathGraph {
    /// Dijkstra with a binary heap and lazy deletion. O(arcs scanned x log) per search. No
    /// search by levels on compressed rows (`byLevels` is false).
    func searchAugmentingPath(from start: Int, in state: inout AugmentingPathState, byLevels: Bool) throws -> (
        sink: Int, length: Double
    ) {
        assert(!byLevels, "compressed rows have no search by levels")
        var labels = state.labels.take() ?? Dijkstra(nodeCount: rightCount, placeholder: .infinity)
        defer { state.labels = labels }
        labels.begin()
        state.begin(at: start)
        var scanned = 0
        while true {
            while scanned < state.scannedLefts.count {
                let left = state.scannedLefts[scanned]
                scanned += 1
                let offset = state.leftDistance[left] - state.u[left]
                for position in arcsOf[left] {
                    let right = Int(arcRight[position])
                    guard !labels.isSettled(right) else { continue }
                    let length = offset + costPerValue * arcValue[position] - state.v[right]
                    if labels.reach(right, at: length, tie: state.slots.isFull(right) ? 1 : 0) { state.predecessor[right] = left }
                }
            }
            guard let (right, length) = labels.settleNext() else {
                throw MatchingError.internalError("no augmenting path from left node \(start)")
            }
            state.distance[right] = length
            state.poppedRights.append(right)
            if !state.slots.isFull(right) { return (right, length) }
            state.reachLefts(through: right, at: length)
        }
    }
}

enum ShortestAugmentingPaths {
    /// Solves the transportation problem described in this file's header on `graph`, starting as
    /// ``Plan`` chose.
    ///
    /// - Returns: The final state: `slots` holds the assignment, `u` and `v` the optimal duals.
    /// - Throws: ``MatchingError/internalError(_:)`` if some demand cannot be met, and what
    ///   `stop` throws.
    /// - Complexity: O(D x R x L) dense and O(D x E log R) sparse in the worst case, where D is the
    ///   total demand, L and R the numbers of left and right nodes and E the number of arcs.
    static func solve<G: AugmentingPathGraph>(_ graph: G, demand: [Int], capacity: [Int], start: Plan.SearchStart, stop: StopCheck) throws -> AugmentingPathState {
        var state = AugmentingPathState(graph: graph, slots: Slots(capacity: capacity, arcsInto: graph.arcsIntoEachRight()))
        var served = [Int](repeating: 0, count: graph.leftCount)
        let jonkerVolgenant = start != .greedy
        if jonkerVolgenant {
            served = graph.jonkerVolgenantStart(&state).map { $0 ? 1 : 0 }
        } else {
            // Greedy start: u at each left's cheapest arc, then each left takes its cheapest
            // rights (reduced cost 0, lowest index first) while they have room. Tight assigned
            // arcs and v = 0 keep the invariants.
            for left in 0..<graph.leftCount {
                var cheapest = Double.infinity
                graph.forEachArc(of: left) { _, cost in cheapest = min(cheapest, cost) }
                state.u[left] = cheapest < .infinity ? cheapest : 0
                guard demand[left] > 0 else { continue }
                graph.forEachArc(of: left) { right, cost in
                    if served[left] < demand[left], cost == cheapest, state.slots.hasRoom[right] {
                        state.slots.place(left, on: right)
                        served[left] += 1
                    }
                }
            }
        }
        for left in 0..<graph.leftCount {
            for _ in served[left]..<demand[left] {
                try stop.check()
                let (sink, length) = try graph.searchAugmentingPath(from: left, in: &state, byLevels: start == .jonkerVolgenantByLevels)
                state.finish(from: left, to: sink, length: length)
            }
        }
        if jonkerVolgenant {
            // Every right is full now: shift the potentials so that v <= 0 (see JonkerVolgenant.swift).
            let shift = state.v.max() ?? 0
            for right in state.v.indices { state.v[right] -= shift }
            for left in state.u.indices { state.u[left] += shift }
        }
        #if DEBUG
            state.checkInvariants(graph)
        #endif
        return state
    }
}

#if DEBUG
    extension AugmentingPathState {
        /// Checks the invariants in this file's header arc by arc, in debug builds only (release
        /// builds compile none of it): reduced costs >= 0 on every arc and 0 on assigned arcs,
        /// v <= 0, and v = 0 on every right with room. O(arcs).
        func checkInvariants<G: CostGraph>(_ graph: G) {
            var assigned = Set<PairKey>()
            for right in 0..<graph.rightCount {
                for slot in slots.filled(right) { assigned.insert(PairKey(mentee: slots.left[slot], mentor: right)) }
            }
            for left in 0..<graph.leftCount {
                graph.forEachArc(of: left) { right, cost in
                    let reduced = cost - u[left] - v[right]
                    let tolerance = relativeTolerance * (1 + abs(cost) + abs(u[left]) + abs(v[right]))
                    assert(reduced >= -tolerance, "negative reduced cost \(reduced) on arc (\(left), \(right))")
                    if assigned.contains(PairKey(mentee: left, mentor: right)) {
                        assert(abs(reduced) <= tolerance, "assigned arc (\(left), \(right)) has reduced cost \(reduced)")
                    }
                }
            }
            for right in v.indices {
                assert(v[right] <= relativeTolerance * (1 + abs(v[right])), "right \(right) has potential \(v[right]) > 0")
                assert(!slots.hasRoom[right] || v[right] == 0, "right \(right) has room and potential \(v[right])")
            }
        }
    }
#endif
