// The cheapest change to an optimal assignment that forces one pair in or out: one shortest path
// in the residual graph of the optimal flow, priced by the optimal certificate. WhatIf (locking
// or forbidding a pair, a mentee's alternatives) and the k best assignments stand on it.
//
// Model. Close the problem's flow network (FlowNetwork.swift) with a return arc sink -> source of
// unbounded capacity and cost (-1 pair, 0 score): the two-level objective "most pairs, then best
// score" is then a minimum-cost circulation with lexicographic costs (pairs lost, score cost).
// An assignment x is optimal exactly when its residual graph has no negative cycle.
//
// Why one cycle. Let y be the best assignment that carries a given pair arc at a given flow (1
// to force it, 0 to forbid it), and possibly keeps some other arcs at their flow in x. Then
// y - x is a circulation in the residual graph of x that respects those arcs, and it splits into
// cycles conformal to it (Ahuja, Magnanti, Orlin, Network Flows, 1993, theorem 3.5): each cycle
// alone can be added to x and still respects them. One cycle C moves the given arc; every other
// cycle has cost >= 0 because x is optimal. So x + C is as good as y: the cheapest residual cycle
// through the given arc is the answer, and there is one shortest path to find (from the arc's
// head back to its tail, or the reverse for a forbidden arc), none if no assignment complies.
//
// Prices. A Solution.Certificate gives a cut (source side, sink side) and potentials p. With the
// level l(v) = 0 on the source side and 1 on the sink side, and p shifted on the sink side so
// that p(sink) = p(source), every residual arc has a reduced cost
//     (l(u) - l(v) + pairs lost, cost + p(u) - p(v))
// that is >= (0, 0) lexicographically: arcs within a side by the certificate's slackness
// conditions, arcs from the sink side to the source side by their level 1, the return arc by its
// level (0 both ways) and the shift; no residual arc leaves the source side (the certificate
// saturates those). So Dijkstra runs on lexicographic lengths, and along a cycle the reduced
// costs add up to the real ones. Rounding can make a reduced score cost within a side slightly
// negative; it is taken as 0, and callers recompute the objective of the answer from the problem.
//
// One component. Without the source and the sink the network falls into connected components
// (for rosters: the states), and the objective adds up over them: each component of an optimal
// assignment is optimal for that component alone, at its own most pairs. A change inside one
// component cannot be helped by a cycle through another (that one would have to gain a pair
// beyond its most, or give up score for nothing), so the search leaves the source and the sink
// only into the component of the pair it changes.
//
// Cost. One Dijkstra per question (Dijkstra.swift), stopped when the target is settled:
// O(A log V) at worst for A arcs and V nodes, usually a small part of the graph. The labels are
// reused between questions, and a new search starts in O(1).

/// The residual graph of an optimal assignment with the lexicographic prices of its certificate.
struct ResidualCycles: Sendable {
    /// A residual arc: a network arc taken forward (more flow) or backward (less flow), or the
    /// return arc (`arc == -1`; forward from the sink to the source adds a pair).
    struct Step: Equatable {
        var arc: Int32
        var forward: Bool
    }

    /// A lexicographic length: pairs lost, then score cost.
    struct Length: Comparable {
        var pairsLost: Int
        var cost: Double
        static let zero = Length(pairsLost: 0, cost: 0)
        static func < (a: Length, b: Length) -> Bool { (a.pairsLost, a.cost) < (b.pairsLost, b.cost) }
        static func + (a: Length, b: Length) -> Length { Length(pairsLost: a.pairsLost + b.pairsLost, cost: a.cost + b.cost) }
    }

    let network: FlowNetwork
    /// The optimal flow, per arc.
    private let flow: [Int]
    private let flowValue: Int
    private let level: [Int8]
    private let potential: [Double]
    /// Per node, its connected component without the source and the sink (-1 for those two).
    private let component: [Int32]
    /// Arcs by tail and by head, in compressed rows.
    private let outFirst: [Int32], outArcs: [Int32]
    private let inFirst: [Int32], inArcs: [Int32]

    /// - Parameters:
    ///   - problem: The problem; `network` must be its flow network.
    ///   - assignment: The free pairs (not locked) of an optimal assignment.
    ///   - certificate: A certificate that ``Problem/verify(_:)`` accepted for it.
    /// - Complexity: O(*V* + *A*).
    init(network: FlowNetwork, freePairs: Set<PairKey>, certificate: Solution.Certificate) throws {
        guard let flow = network.flow(ofFreePairs: freePairs) else {
            throw MatchingError.verificationFailed("an assigned pair has no arc in the network")
        }
        let nodes = try certificate.nodes(in: network)
        self.network = network
        self.flow = flow
        flowValue = network.sourceArc.reduce(0) { $1 >= 0 ? $0 + flow[Int($1)] : $0 }
        level = nodes.map { $0.sourceSide ? 0 : 1 }
        let shift = nodes[network.source].potential - nodes[network.sink].potential
        potential = nodes.map { $0.sourceSide ? $0.potential : $0.potential + shift }
        var sets = DisjointSets(count: network.nodeCount)
        for arc in 0..<network.arcCount where network.tail[arc] != Int32(network.source) && network.head[arc] != Int32(network.sink) {
            sets.union(Int(network.tail[arc]), Int(network.head[arc]))
        }
        component = (0..<network.nodeCount).map { node in
            node == network.source || node == network.sink ? -1 : Int32(sets.root(node))
        }
        (outFirst, outArcs) = Self.rows(of: network.tail, nodeCount: network.nodeCount)
        (inFirst, inArcs) = Self.rows(of: network.head, nodeCount: network.nodeCount)
    }

    private static func rows(of ends: [Int32], nodeCount: Int) -> (first: [Int32], arcs: [Int32]) {
        var arcsOfNode = [Int](repeating: 0, count: nodeCount)
        for end in ends { arcsOfNode[Int(end)] += 1 }
        var rows = RowLayout(counts: arcsOfNode)
        var arcs = [Int32](repeating: 0, count: ends.count)
        for (arc, end) in ends.enumerated() { arcs[rows.place(inRow: Int(end))] = Int32(arc) }
        return (rows.start.map(Int32.init), arcs)
    }

    /// The pair arc of a free pair, if the network has one.
    func pairArc(mentee: Int, mentor: Int) -> Int? {
        let node = network.node(ofMentee: mentee)
        for position in Int(outFirst[node])..<Int(outFirst[node + 1]) {
            let arc = Int(outArcs[position])
            if network.pairArcs.contains(arc), network.pair(ofArc: arc).mentor == mentor { return arc }
        }
        return nil
    }

    /// Whether pair arc `arc` carries a pair in the optimal flow.
    func carries(_ arc: Int) -> Bool { flow[arc] > 0 }

    /// The searches' labels. Among equal lengths the latest reached settles first (the tie is
    /// minus the order of reaching): on the wide plateaus of zero reduced cost that optimal
    /// assignments have (ties), the search then runs along a path instead of flooding the plateau.
    private var labels: Dijkstra<Length, Int>?
    private var predecessor: [Step] = []

    /// Fresh labels over the network's nodes.
    private func newLabels() -> Dijkstra<Length, Int> {
        Dijkstra(nodeCount: network.nodeCount, placeholder: Length(pairsLost: .max, cost: 0))
    }

    /// The cheapest residual cycle that changes pair arc `arc`: adds its pair if the flow carries
    /// none, else removes it. Arcs with `keep[arc]` true are not moved; with `keepingPairs`, only
    /// cycles that lose no pair are considered (the search then stays within the cut's sides).
    ///
    /// - Returns: The cycle's steps and its length (pairs lost, score cost; the score cost from
    ///   reduced costs, so callers recompute the objective), or `nil` if no assignment makes the change.
    mutating func cheapestCycle(changing arc: Int, keeping keep: [Bool]? = nil, keepingPairs: Bool = false) -> (steps: [Step], length: Length)? {
        let first = Step(arc: Int32(arc), forward: flow[arc] == 0)
        let (tail, head) = (Int(network.tail[arc]), Int(network.head[arc]))
        let (start, target) = first.forward ? (head, tail) : (tail, head)
        let firstLength = reduced(first)
        guard !keepingPairs || firstLength.pairsLost == 0,
            let path = shortestPath(from: start, to: target, avoiding: arc, keeping: keep, pairsLostLimit: keepingPairs ? 0 : .max)
        else { return nil }
        return ([first] + path.steps, firstLength + path.length)
    }

    /// For every pair arc out of mentee node `node` that carries no pair, the cheapest residual
    /// cycle that adds it (as ``cheapestCycle(changing:keeping:keepingPairs:)`` would give, up to
    /// ties), from one backward search: the shortest paths from every node of the component to
    /// `node`, then each candidate's cycle is its arc plus the path back from its head.
    ///
    /// - Returns: Per candidate arc, its cycle and length; arcs with no cycle are absent.
    /// - Complexity: One Dijkstra search over the component, plus the length of each cycle.
    func cheapestCyclesAdding(pairsOf node: Int) -> [Int: (steps: [Step], length: Length)] {
        var labels = newLabels()
        labels.begin()
        var successor = [Int: Step]()
        var reached = 0
        let region = component[node]
        func reach(_ other: Int, _ length: Length, by step: Step) {
            guard !labels.isSettled(other), component[other] < 0 || component[other] == region else { return }
            reached += 1
            if labels.reach(other, at: length, tie: -reached) { successor[other] = step }
        }
        reach(node, .zero, by: Step(arc: -2, forward: true))
        while let (current, length) = labels.settleNext() {
            // Every residual step that ends at `current`, walked backwards.
            for position in Int(inFirst[current])..<Int(inFirst[current + 1]) {
                let arc = Int(inArcs[position])
                guard flow[arc] < network.upper(arc) else { continue }
                let step = Step(arc: Int32(arc), forward: true)
                reach(Int(network.tail[arc]), length + reduced(step), by: step)
            }
            for position in Int(outFirst[current])..<Int(outFirst[current + 1]) {
                let arc = Int(outArcs[position])
                guard flow[arc] > network.lower(arc) else { continue }
                let step = Step(arc: Int32(arc), forward: false)
                reach(Int(network.head[arc]), length + reduced(step), by: step)
            }
            if current == network.source { reach(network.sink, length, by: Step(arc: -1, forward: true)) }
            if current == network.sink, flowValue > 0 { reach(network.source, length, by: Step(arc: -1, forward: false)) }
        }
        var cycles: [Int: (steps: [Step], length: Length)] = [:]
        for position in Int(outFirst[node])..<Int(outFirst[node + 1]) {
            let arc = Int(outArcs[position])
            guard network.pairArcs.contains(arc), flow[arc] == 0 else { continue }
            let first = Step(arc: Int32(arc), forward: true)
            var current = Int(network.head[arc])
            guard labels.isSettled(current) else { continue }
            let rest = labels.length(of: current)
            var steps = [first]
            while current != node {
                let step = successor[current]!
                steps.append(step)
                if step.arc < 0 {
                    current = step.forward ? network.source : network.sink
                } else {
                    current = step.forward ? Int(network.head[Int(step.arc)]) : Int(network.tail[Int(step.arc)])
                }
            }
            cycles[arc] = (steps, reduced(first) + rest)
        }
        return cycles
    }

    /// A lower bound on the score cost of every cycle that changes pair arc `arc` and loses no
    /// pair: the reduced cost of its first step plus the cheapest residual step out of where the
    /// path starts and the cheapest into where it ends (the path has at least two steps: the
    /// network has no parallel arcs). `nil` when no such cycle can exist.
    ///
    /// - Complexity: O(degree of the pair's two nodes), no search.
    func costLowerBound(changing arc: Int) -> Double? {
        let first = Step(arc: Int32(arc), forward: flow[arc] == 0)
        let firstLength = reduced(first)
        guard firstLength.pairsLost == 0 else { return nil }
        let (tail, head) = (Int(network.tail[arc]), Int(network.head[arc]))
        let (start, target) = first.forward ? (head, tail) : (tail, head)
        /// The cheapest step of level 0 leaving (`leaving`) or entering `node`, other than `arc`.
        func cheapest(_ node: Int, leaving: Bool) -> Double? {
            var best: Double?
            func consider(_ step: Step) {
                let length = reduced(step)
                if length.pairsLost == 0 { best = min(best ?? length.cost, length.cost) }
            }
            for position in Int(outFirst[node])..<Int(outFirst[node + 1]) {
                let other = Int(outArcs[position])
                guard other != arc else { continue }
                if leaving, flow[other] < network.upper(other) { consider(Step(arc: Int32(other), forward: true)) }
                if !leaving, flow[other] > network.lower(other) { consider(Step(arc: Int32(other), forward: false)) }
            }
            for position in Int(inFirst[node])..<Int(inFirst[node + 1]) {
                let other = Int(inArcs[position])
                guard other != arc else { continue }
                if leaving, flow[other] > network.lower(other) { consider(Step(arc: Int32(other), forward: false)) }
                if !leaving, flow[other] < network.upper(other) { consider(Step(arc: Int32(other), forward: true)) }
            }
            return best
        }
        guard let out = cheapest(start, leaving: true), let into = cheapest(target, leaving: false) else { return nil }
        return firstLength.cost + out + into
    }

    /// The pairs a cycle from ``cheapestCycle(changing:keeping:keepingPairs:)`` adds and removes.
    ///
    /// - Complexity: O(length of the cycle).
    func pairChanges(of steps: [Step]) -> (added: [(mentee: Int, mentor: Int)], removed: [(mentee: Int, mentor: Int)]) {
        var added: [(mentee: Int, mentor: Int)] = [], removed: [(mentee: Int, mentor: Int)] = []
        for step in steps where network.pairArcs.contains(Int(step.arc)) {
            if step.forward { added.append(network.pair(ofArc: Int(step.arc))) } else { removed.append(network.pair(ofArc: Int(step.arc))) }
        }
        return (added, removed)
    }

    private func reduced(_ step: Step) -> Length {
        guard step.arc >= 0 else { return .zero }
        let arc = Int(step.arc)
        let (from, to) = step.forward ? (Int(network.tail[arc]), Int(network.head[arc])) : (Int(network.head[arc]), Int(network.tail[arc]))
        let cost = step.forward ? network.cost[arc] : -network.cost[arc]
        let pairsLost = Int(level[from]) - Int(level[to])
        let reduced = cost + potential[from] - potential[to]
        return Length(pairsLost: pairsLost, cost: pairsLost == 0 ? max(0, reduced) : reduced)
    }

    private mutating func shortestPath(
        from start: Int, to target: Int, avoiding avoided: Int, keeping keep: [Bool]?, pairsLostLimit: Int
    ) -> (steps: [Step], length: Length)? {
        if labels == nil {
            labels = newLabels()
            predecessor = Array(repeating: Step(arc: -2, forward: true), count: network.nodeCount)
        }
        var labels = labels.take()!
        defer { self.labels = labels }
        labels.begin()
        var reached = 0
        let region = component[target]
        // The length of the node being expanded: no later label is shorter, so the target
        // reached at this length is final.
        var floor = Length.zero
        func reach(_ node: Int, _ length: Length, by step: Step) {
            guard !labels.isSettled(node), length.pairsLost <= pairsLostLimit, component[node] < 0 || component[node] == region else { return }
            reached += 1
            guard labels.reach(node, at: length, tie: -reached) else { return }
            predecessor[node] = step
            if node == target, length == floor { labels.settle(node) }
        }
        reach(start, .zero, by: Step(arc: -2, forward: true))
        while !labels.isSettled(target), let (node, length) = labels.settleNext() {
            floor = length
            if node == target { break }
            for position in Int(outFirst[node])..<Int(outFirst[node + 1]) {
                let arc = Int(outArcs[position])
                guard arc != avoided, flow[arc] < network.upper(arc), keep?[arc] != true else { continue }
                let step = Step(arc: Int32(arc), forward: true)
                reach(Int(network.head[arc]), length + reduced(step), by: step)
            }
            for position in Int(inFirst[node])..<Int(inFirst[node + 1]) {
                let arc = Int(inArcs[position])
                guard arc != avoided, flow[arc] > network.lower(arc), keep?[arc] != true else { continue }
                let step = Step(arc: Int32(arc), forward: false)
                reach(Int(network.tail[arc]), length + reduced(step), by: step)
            }
            if node == network.sink { reach(network.source, length, by: Step(arc: -1, forward: true)) }
            if node == network.source, flowValue > 0 { reach(network.sink, length, by: Step(arc: -1, forward: false)) }
        }
        guard labels.isSettled(target) else { return nil }
        var steps: [Step] = []
        var node = target
        while node != start {
            let step = predecessor[node]
            steps.append(step)
            if step.arc < 0 {
                node = step.forward ? network.sink : network.source
            } else {
                let arc = Int(step.arc)
                node = step.forward ? Int(network.tail[arc]) : Int(network.head[arc])
            }
        }
        return (steps.reversed(), labels.length(of: target))
    }
}
