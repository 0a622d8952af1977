// Minimum-cost maximum flow with lower bounds, for the networks of FlowNetwork.swift: the native
// engine behind side constraints (mentee demand above 1, minimum loads, nested group limits).
//
// Problem. A network with a source and a sink, arcs with lower bounds, capacities and costs.
// Find a maximum flow from source to sink that meets every lower bound and, among those, one of
// least cost: exactly the two-level objective of Problem ("most pairs, then best score").
//
// Method, in three steps.
// 1. Maximum flow with lower bounds (Ahuja, Magnanti, Orlin, Network Flows, 1993, sections 6.7
//    and 8.3; Dinic's blocking flows, 1970): every arc starts at its lower bound, which leaves
//    some nodes short (the mentors' minimum loads). Blocking flows from the source first make up
//    those shortfalls; if they cannot, no assignment meets the minimums. Then blocking flows from
//    source to sink raise the flow to a maximum; an augmenting path never changes what a node
//    passes on, so the minimums stay met.
// 2. The cut. The nodes the source reaches in the residual graph form the source side of a
//    minimum cut. Every maximum flow saturates the arcs leaving that side and leaves the arcs
//    entering it at their lower bounds (max-flow min-cut), so those arcs are fixed. What is left
//    splits into the source side and the sink side, each with exact supplies and demands: every
//    other arc goes back to its lower bound and the nodes it touched carry the difference.
// 3. Successive shortest paths with node potentials (Ahuja, Magnanti, Orlin, ch. 9): each node
//    with a surplus (on the sink side: mentees whose service is fixed) sends it along a cheapest
//    residual path to the nearest node short of flow, and each node short of flow (on the source
//    side: mentors whose fill is fixed) draws along a cheapest path from the nearest node with a
//    surplus, which there is the source. Searching from the many small nodes rather than from the
//    source keeps each search local: one Dijkstra per unit, stopped at the first node found.
//    This is the same method as the bipartite engine (ShortestAugmentingPaths.swift), on a
//    general network.
//
// Why this method. Kovacs (2015) found network simplex fastest on most families and cost scaling
// best on large sparse ones; but our networks are the assignment structure with a few extra
// layers, where most units travel two arcs from a mentee to a mentor with room. Measured in the
// `side` benchmark family (README): successive shortest paths with searches stopped early beat
// OR-Tools' cost scaling on these networks, and they give the node potentials of the certificate
// directly.
//
// Invariants (reduced cost rc(u, v) = cost(u, v) + p(u) - p(v)):
// - rc >= 0 on every residual arc that is not fixed, after the potentials are initialised
//   (step 3 starts with every free arc at its lower bound, a DAG in node order, and p the
//   shortest distances in it) and after each search (p(v) += d(v) - D on the nodes the forward
//   search popped, p(v) -= d(v) - D for a backward search, where D is the found path's length);
// - the path augmented has rc = 0 on every arc, so its reverse arcs keep rc >= 0.
// At the end every node is balanced, so the flow is of least cost among the flows with the same
// fixed arcs, that is among the maximum flows: the potentials and the cut are the certificate.
//
// Ties: nodes are processed in index order; Dijkstra pops by (distance, node index). The result is
// a deterministic function of the network.
//
// Termination: each search moves at least one unit and the total surplus is at most the flow
// value, so there are at most (flow value) searches; each Dijkstra pops a node at most once.

/// The residual graph of a ``FlowNetwork`` in compressed rows, and the solve.
struct MinimumCostFlow {
    /// Outgoing residual arcs of node v: positions `first[v]..<first[v + 1]`.
    private let first: [Int32]
    private var head: [Int32]
    private var residual: [Int32]
    private var cost: [Double]
    /// The position of the opposite residual arc.
    private var mate: [Int32]
    /// Per network arc: the position of its forward residual arc.
    private let forward: [Int32]
    /// The network, for its arcs' lower bounds.
    private let network: FlowNetwork
    /// Per network arc: its flow when fixed by the cut (step 2), else -1.
    private var fixed: [Int32]
    /// Flow in minus flow out per node, beyond what the node passes on.
    private var excess: [Int]
    private(set) var potential: [Double]
    private(set) var sourceSide: [Bool]
    private let source: Int
    private let sink: Int
    private let hasLockedPairs: Bool

    /// Builds the residual graph with every arc at its lower bound.
    ///
    /// - Complexity: O(*V* + *A*) for *V* nodes and *A* arcs.
    init(_ network: FlowNetwork) {
        let nodeCount = network.nodeCount, arcCount = network.arcCount
        var residualArcsOfNode = [Int](repeating: 0, count: nodeCount)
        for arc in 0..<arcCount {
            residualArcsOfNode[Int(network.tail[arc])] += 1
            residualArcsOfNode[Int(network.head[arc])] += 1
        }
        var rows = RowLayout(counts: residualArcsOfNode)
        var head = [Int32](repeating: 0, count: 2 * arcCount)
        var residual = [Int32](repeating: 0, count: 2 * arcCount)
        var cost = [Double](repeating: 0, count: 2 * arcCount)
        var mate = [Int32](repeating: 0, count: 2 * arcCount)
        var forward = [Int32](repeating: 0, count: arcCount)
        var excess = [Int](repeating: 0, count: nodeCount)
        for arc in 0..<arcCount {
            let tail = Int(network.tail[arc]), to = Int(network.head[arc])
            let out = rows.place(inRow: tail), back = rows.place(inRow: to)
            head[out] = Int32(to)
            head[back] = Int32(tail)
            let lower = network.lower(arc)
            residual[out] = network.upper(arc) - lower
            cost[out] = network.cost[arc]
            cost[back] = 0 - network.cost[arc]
            mate[out] = Int32(back)
            mate[back] = Int32(out)
            forward[arc] = Int32(out)
            excess[tail] -= Int(lower)
            excess[to] += Int(lower)
        }
        first = rows.start.map(Int32.init)
        self.head = head
        self.residual = residual
        self.cost = cost
        self.mate = mate
        self.forward = forward
        self.network = network
        self.excess = excess
        fixed = [Int32](repeating: -1, count: arcCount)
        potential = [Double](repeating: 0, count: nodeCount)
        sourceSide = [Bool](repeating: false, count: nodeCount)
        source = network.source
        sink = network.sink
        hasLockedPairs = network.hasLockedPairs
    }

    /// The flow on network arc `arc`.
    func flow(onArc arc: Int) -> Int {
        fixed[arc] >= 0 ? Int(fixed[arc]) : Int(network.lower(arc)) + Int(residual[Int(mate[Int(forward[arc])])])
    }

    /// Step 1 of this file's header: a maximum flow that meets every lower bound.
    ///
    /// - Returns: The flow value.
    /// - Throws: ``MatchingError/infeasible(_:)`` when the lower bounds (minimum loads) cannot be
    ///   met, saying how many units they need and how many can reach them; what `stop` throws.
    /// - Complexity: O(*A* √*V*) on these networks of unit-capacity pair arcs (Dinic), for *V*
    ///   nodes and *A* arcs.
    mutating func maximizeFlow(stop: StopCheck) throws -> Int {
        let needed = excess.indices.reduce(0) { $1 == source || $1 == sink ? $0 : $0 + max(0, -excess[$1]) }
        if needed > 0 {
            let met = try maximumFlow(toShortfalls: true, stop: stop)
            if met < needed {
                throw MatchingError.infeasible(
                    hasLockedPairs
                        ? "beyond the locked pairs, minimum loads need \(needed) more mentees but only \(met) can be assigned to the mentors below their minimum"
                        : "minimum loads need \(needed) mentees but only \(met) can be assigned to the mentors with a minimum")
            }
        }
        _ = try maximumFlow(toShortfalls: false, stop: stop)
        return excess[sink]
    }

    /// Steps 2 and 3 of this file's header, after ``maximizeFlow(stop:)``: the least-cost
    /// maximum flow, with the potentials and the cut that prove it.
    ///
    /// - Throws: What `stop` throws, and ``MatchingError/internalError(_:)`` if an invariant breaks.
    /// - Complexity: O(*F* × *A* log *V*) in the worst case, where *F* is the flow value; a search
    ///   usually stops after a few nodes.
    mutating func minimizeCost(stop: StopCheck) throws {
        fixCut()
        initialisePotentials()
        for node in excess.indices where node != source {
            while excess[node] > 0 {
                try stop.check()
                try search(from: node, forward: true)
            }
        }
        for node in excess.indices where node != sink {
            while excess[node] < 0 {
                try stop.check()
                try search(from: node, forward: false)
            }
        }
        if let node = excess.indices.first(where: { excess[$0] != 0 }) {
            throw MatchingError.internalError("flow node \(node) left unbalanced by \(excess[node])")
        }
        checkInvariants()
    }

    /// Room for more flow at `node`: its shortfall (to meet lower bounds), or unlimited at the sink.
    private func room(at node: Int, toShortfalls: Bool) -> Int {
        if toShortfalls { node != sink && node != source ? max(0, -excess[node]) : 0 } else { node == sink ? Int.max : 0 }
    }

    /// Dinic's blocking flows from the source to the nodes short of flow (`toShortfalls`) or to
    /// the sink. Returns the units moved.
    private mutating func maximumFlow(toShortfalls: Bool, stop: StopCheck) throws -> Int {
        let nodeCount = excess.count
        var level = [Int32](repeating: -1, count: nodeCount)
        var current = [Int32](repeating: 0, count: nodeCount)
        var queue = [Int32]()
        queue.reserveCapacity(nodeCount)
        var path: [Int] = []
        var moved = 0
        while true {
            try stop.check()
            // Levels by breadth-first search; stop once a node with room is reached.
            for node in 0..<nodeCount { level[node] = -1 }
            level[source] = 0
            queue.removeAll(keepingCapacity: true)
            queue.append(Int32(source))
            var head = 0, reached = false
            while head < queue.count {
                let node = Int(queue[head])
                head += 1
                if node != source && room(at: node, toShortfalls: toShortfalls) > 0 {
                    reached = true
                    continue
                }
                for position in Int(first[node])..<Int(first[node + 1]) where residual[position] > 0 {
                    let next = Int(self.head[position])
                    if level[next] < 0 {
                        level[next] = level[node] + 1
                        queue.append(Int32(next))
                    }
                }
            }
            guard reached else { return moved }
            for node in 0..<nodeCount { current[node] = first[node] }
            // Depth-first along increasing levels, restarting from the source after each path.
            var node = source
            path.removeAll(keepingCapacity: true)
            while true {
                let room = node == source ? 0 : room(at: node, toShortfalls: toShortfalls)
                if room > 0 {
                    var amount = room
                    for position in path { amount = min(amount, Int(residual[position])) }
                    for position in path {
                        residual[position] -= Int32(amount)
                        residual[Int(mate[position])] += Int32(amount)
                    }
                    excess[node] += amount
                    moved += amount
                    node = source
                    path.removeAll(keepingCapacity: true)
                    continue
                }
                var advanced = false
                while current[node] < first[node + 1] {
                    let position = Int(current[node])
                    let next = Int(self.head[position])
                    if residual[position] > 0 && level[next] == level[node] + 1 {
                        path.append(position)
                        node = next
                        advanced = true
                        break
                    }
                    current[node] += 1
                }
                if advanced { continue }
                if node == source { break }
                level[node] = -1
                let position = path.removeLast()
                node = Int(self.head[Int(mate[position])])
                current[node] += 1
            }
        }
    }

    /// After ``maximizeFlow(stop:)``: `sourceSide` marks the nodes the source reaches in the
    /// residual graph, the source side of a minimum cut.
    mutating func markSourceSide() {
        sourceSide = reachable(from: source, alongResidualArcs: true)
    }

    /// After ``maximizeFlow(stop:)``: the nodes that reach the sink in the residual graph, the
    /// sink side of the minimum cut closest to the sink.
    func sinkSide() -> [Bool] {
        reachable(from: sink, alongResidualArcs: false)
    }

    /// Breadth-first search from `start` along residual arcs (`alongResidualArcs`), or against
    /// them: the nodes that reach `start`.
    private func reachable(from start: Int, alongResidualArcs forward: Bool) -> [Bool] {
        var reached = [Bool](repeating: false, count: excess.count)
        var queue = [start]
        reached[start] = true
        var index = 0
        while index < queue.count {
            let node = queue[index]
            index += 1
            for position in Int(first[node])..<Int(first[node + 1]) {
                let next = Int(head[position])
                if !reached[next] && residual[forward ? position : Int(mate[position])] > 0 {
                    reached[next] = true
                    queue.append(next)
                }
            }
        }
        return reached
    }

    /// Step 2: fixes the arcs that cross the cut found from the source and puts every other arc
    /// back at its lower bound, moving the difference into the excess of its ends.
    private mutating func fixCut() {
        markSourceSide()
        // The maximum flow balances every node but the source and the sink; their imbalance is
        // the flow value, which the fixed arcs and the searches restore.
        excess[source] = 0
        excess[sink] = 0
        for arc in fixed.indices {
            let out = Int(forward[arc]), back = Int(mate[out])
            let tail = Int(head[back]), to = Int(head[out])
            if sourceSide[tail] != sourceSide[to] {
                fixed[arc] = network.lower(arc) + residual[back]
                residual[out] = 0
                residual[back] = 0
            } else if residual[back] > 0 {
                excess[tail] += Int(residual[back])
                excess[to] -= Int(residual[back])
                residual[out] += residual[back]
                residual[back] = 0
            }
        }
    }

    /// Shortest distances in the DAG of free arcs at their lower bounds, in node order (every
    /// arc goes from a lower to a higher node): reduced costs are then >= 0.
    private mutating func initialisePotentials() {
        for node in potential.indices {
            var best = Double.infinity
            for position in Int(first[node])..<Int(first[node + 1]) {
                let arc = Int(mate[position])
                guard residual[arc] > 0 else { continue }
                best = min(best, potential[Int(head[position])] + cost[arc])
            }
            potential[node] = best < .infinity ? best : 0
        }
    }

    /// The searches' labels, by (distance, node): no tie rule of their own.
    private var labels: Dijkstra<Double, NoTie>?
    private var predecessor: [Int32] = []
    private var popped: [Int32] = []

    /// One Dijkstra search from `start` over residual arcs (forward) or against them (backward),
    /// to the nearest node short of flow (forward) or with a surplus (backward); then the
    /// potential update and the augmentation.
    private mutating func search(from start: Int, forward: Bool) throws {
        if labels == nil {
            labels = Dijkstra(nodeCount: excess.count, placeholder: .infinity)
            predecessor = [Int32](repeating: -1, count: excess.count)
        }
        var labels = labels.take()!
        defer { self.labels = labels }
        labels.begin()
        popped.removeAll(keepingCapacity: true)
        _ = labels.reach(start, at: 0, tie: NoTie())
        var found = -1
        while let (node, distance) = labels.settleNext() {
            popped.append(Int32(node))
            if node != start && (forward ? excess[node] < 0 : excess[node] > 0) {
                found = node
                break
            }
            let base = distance + (forward ? potential[node] : -potential[node])
            for position in Int(first[node])..<Int(first[node + 1]) {
                // Forward: the arc node -> next. Backward: the arc next -> node, its mate.
                let arc = forward ? position : Int(mate[position])
                guard residual[arc] > 0 else { continue }
                let next = Int(head[position])
                guard !labels.isSettled(next) else { continue }
                let length = forward ? base + cost[arc] - potential[next] : base + cost[arc] + potential[next]
                if labels.reach(next, at: length, tie: NoTie()) { predecessor[next] = Int32(arc) }
            }
        }
        guard found >= 0 else {
            throw MatchingError.internalError("no residual path from flow node \(start)")
        }
        let length = labels.length(of: found)
        for node in popped {
            let node = Int(node)
            potential[node] += forward ? labels.length(of: node) - length : length - labels.length(of: node)
        }
        // The path: forward, from `found` back to `start` by predecessors; backward, from
        // `found` on to `start`. Either way each predecessor is an arc of the path.
        var amount = forward ? min(excess[start], -excess[found]) : min(excess[found], -excess[start])
        var node = found
        while node != start {
            let arc = Int(predecessor[node])
            amount = min(amount, Int(residual[arc]))
            node = forward ? Int(head[Int(mate[arc])]) : Int(head[arc])
        }
        node = found
        while node != start {
            let arc = Int(predecessor[node])
            residual[arc] -= Int32(amount)
            residual[Int(mate[arc])] += Int32(amount)
            node = forward ? Int(head[Int(mate[arc])]) : Int(head[arc])
        }
        if forward {
            excess[start] -= amount
            excess[found] += amount
        } else {
            excess[found] -= amount
            excess[start] += amount
        }
    }

    /// Debug builds: every free residual arc has reduced cost >= 0 (up to rounding). Free in
    /// release builds.
    func checkInvariants() {
        #if DEBUG
        for node in 0..<(first.count - 1) {
            for position in Int(first[node])..<Int(first[node + 1]) where residual[position] > 0 {
                let next = Int(head[position])
                let reduced = cost[position] + potential[node] - potential[next]
                let scale = 1 + abs(cost[position]) + abs(potential[node]) + abs(potential[next])
                assert(reduced >= -relativeTolerance * scale, "reduced cost \(reduced) on a residual arc \(node) -> \(next)")
            }
        }
        #endif
    }
}
