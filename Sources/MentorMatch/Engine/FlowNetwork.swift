// The flow network of a problem's free part: every constraint of ``Problem`` except groups that
// overlap without nesting, as arcs with lower bounds, capacities and costs.
//
//   source -> mentee i        [0, d_i]        cost 0    d_i = demand - locked pairs of i
//   mentee i -> node(i, j)    [0, 1]          cost c_ij one arc per allowed pair that is not locked
//   group node (g, j) -> up   [0, L_gj]       cost 0    L_gj = maxPerMentor - locked pairs of g at j
//   mentor j -> sink          [n_j, c_j]      cost 0    n_j = max(0, minimum - locked), c_j = capacity - locked
//
// c_ij is the score when minimizing and minus the score when maximizing. node(i, j) is the
// innermost group node (g, j) of a group g containing i, else mentor j; "up" is the next group
// node of an enclosing group at j, else mentor j. The capacity 1 of a pair arc keeps a mentee
// with demand above 1 from taking the same mentor twice.
//
// Groups (only those that bind: maxPerMentor below their size) must form a laminar family, every
// two disjoint or nested (Ahuja, Magnanti, Orlin, Network Flows, 1993: a laminar family of
// bundle constraints is a tree of intermediate nodes). A group node (g, j) exists only where g's
// members have more pairs with j than L_gj, so that a node can bind. Locked pairs are fixed
// before the network is built: they use up demand, capacity, minimum and group limits.
//
// The two-level objective of Problem is then: a maximum flow from source to sink that meets every
// lower bound, and among those one of least cost. Node order is topological (source, mentees,
// group nodes inner before outer, mentors, sink), so every arc goes from a lower to a higher node.
//
// Capacities are clamped to the number of arcs that can use them (no effect on any answer), so
// they fit Int32 whenever the number of arcs does.

/// The flow network of a problem (see FlowNetwork.swift for the construction).
package struct FlowNetwork: Sendable {
    package let nodeCount: Int
    package var source: Int { 0 }
    package var sink: Int { nodeCount - 1 }
    /// Nodes `1...mentees`, in problem order.
    package func node(ofMentee mentee: Int) -> Int { 1 + mentee }
    /// Node of group node `index` (of ``groupNodes``).
    package func node(ofGroupNode index: Int) -> Int { mentorBase - groupNodes.count + index }
    /// Node of mentor `mentor`.
    package func node(ofMentor mentor: Int) -> Int { mentorBase + mentor }
    let mentorBase: Int
    /// Per group node, in node order from `1 + mentees`: its group and mentor.
    package let groupNodes: [(group: Int, mentor: Int)]

    /// Arcs in the order: source arcs (by mentee), pair arcs (by mentee, then mentor), group arcs
    /// (by node), sink arcs (by mentor). Arc `a` runs `tail[a] -> head[a]` and carries between
    /// `lower(a)` and `upper(a)` units at `cost[a]` each.
    package private(set) var tail: [Int32] = []
    package private(set) var head: [Int32] = []
    package private(set) var cost: [Double] = []
    /// The bounds of the arcs that are not pair arcs, in arc order (pair arcs are all [0, 1],
    /// so storing theirs would cost 8 bytes per allowed pair for nothing).
    private var otherLower: [Int32] = []
    private var otherUpper: [Int32] = []
    /// The pair arcs are `pairArcs`; pair arc `pairArcs.lowerBound + k` joins mentee
    /// `tail - 1` and mentor `pairMentor[k]`.
    package private(set) var pairArcs: Range<Int> = 0..<0
    package private(set) var pairMentor: [Int32] = []
    /// The source arc of each mentee with free demand (-1 for none).
    package private(set) var sourceArc: [Int32] = []
    /// The sink arc of each mentor (-1 for a mentor with no free place and no arcs).
    package private(set) var sinkArc: [Int32] = []

    package var arcCount: Int { tail.count }

    /// The mentee and mentor of pair arc `arc` (one of ``pairArcs``).
    package func pair(ofArc arc: Int) -> (mentee: Int, mentor: Int) {
        (Int(tail[arc]) - 1, Int(pairMentor[arc - pairArcs.lowerBound]))
    }

    /// The least flow arc `arc` must carry.
    package func lower(_ arc: Int) -> Int32 { pairArcs.contains(arc) ? 0 : otherLower[otherIndex(arc)] }
    /// The most flow arc `arc` may carry.
    package func upper(_ arc: Int) -> Int32 { pairArcs.contains(arc) ? 1 : otherUpper[otherIndex(arc)] }
    private func otherIndex(_ arc: Int) -> Int { arc < pairArcs.lowerBound ? arc : arc - pairArcs.count }
    /// Whether locked pairs were fixed before the network was built.
    package let hasLockedPairs: Bool

    /// Builds the network of `problem`.
    ///
    /// - Throws: ``MatchingError/unsupported(solver:feature:)`` naming two groups that overlap
    ///   without nesting, with `solver` as given, or for more arcs than Int32 can count;
    ///   ``MatchingError/infeasible(_:)`` when locked pairs exceed a group limit or a mentor's
    ///   minimum exceeds the mentees that may be assigned to it.
    /// - Complexity: O(*n* + *m* + *e* × *h* + *s*) time and O(*n* + *m* + *e*) memory, where *e*
    ///   is the number of allowed pairs, *h* the depth of group nesting (1 for disjoint groups)
    ///   and *s* the total size of the groups.
    package init(_ problem: Problem, solver: String) throws {
        let menteeCount = problem.mentees.count, mentorCount = problem.mentors.count
        let forest = try GroupForest(problem, solver: solver)
        try problem.checkLockedPairsAgainstGroupLimits()

        var lockedInGroup: [Int: [Int: Int]] = [:]
        for pair in problem.lockedIndices {
            var group = forest.innermost[pair.mentee]
            while group >= 0 {
                lockedInGroup[group, default: [:]][pair.mentor, default: 0] += 1
                group = forest.parent[group]
            }
        }
        let free = FreePart(problem)
        hasLockedPairs = !problem.lockedIndices.isEmpty
        for (mentor, spec) in problem.mentors.enumerated() where free.minimum[mentor] > free.places(of: mentor) {
            throw MatchingError.infeasible(
                "mentor '\(spec.id)' needs at least \(spec.minimum) mentees but only \(spec.minimum - free.minimum[mentor] + free.places(of: mentor)) may be assigned to it")
        }

        // Group nodes, inner groups first: (g, j) where g's members have more free pairs with j
        // than the free limit there.
        var groupNodes: [(group: Int, mentor: Int)] = []
        var groupNodeOf: [Int: [Int: Int]] = [:]
        var limits: [Int] = []
        for group in forest.innerFirst {
            var pairsAt: [Int: Int] = [:]
            for mentee in problem.members(ofGroup: group) where free.demand[mentee] > 0 {
                problem.table.forEachPair(ofMentee: mentee) { mentor, _ in
                    if free.isFree(mentee, mentor) { pairsAt[mentor, default: 0] += 1 }
                }
            }
            for (mentor, count) in pairsAt.sorted(by: { $0.key < $1.key }) {
                let limit = problem.groups[group].maxPerMentor - (lockedInGroup[group]?[mentor] ?? 0)
                guard count > limit else { continue }
                groupNodeOf[group, default: [:]][mentor] = 1 + menteeCount + groupNodes.count
                groupNodes.append((group, mentor))
                limits.append(limit)
            }
        }
        let mentorBase = 1 + menteeCount + groupNodes.count
        self.mentorBase = mentorBase
        self.groupNodes = groupNodes
        nodeCount = mentorBase + mentorCount + 1
        let totalArcs = menteeCount + free.pairCount + groupNodes.count + mentorCount
        guard totalArcs < Int(Int32.max) - 1 else {
            throw MatchingError.unsupported(solver: solver, feature: .size("more than 2^31 - 2 pairs and people"))
        }

        /// The node a flow from `group`'s node at `mentor` goes up to.
        func up(from group: Int, at mentor: Int) -> Int {
            var group = group
            while group >= 0 {
                if let node = groupNodeOf[group]?[mentor] { return node }
                group = forest.parent[group]
            }
            return mentorBase + mentor
        }

        tail.reserveCapacity(totalArcs)
        head.reserveCapacity(totalArcs)
        cost.reserveCapacity(totalArcs)
        sourceArc = [Int32](repeating: -1, count: menteeCount)
        for mentee in 0..<menteeCount where free.demand[mentee] > 0 && free.pairsOfMentee[mentee] > 0 {
            sourceArc[mentee] = Int32(tail.count)
            add(from: 0, to: 1 + mentee, lower: 0, upper: free.places(ofMentee: mentee), cost: 0)
        }
        let sign: Double = problem.sense == .minimize ? 1 : -1
        let pairStart = tail.count
        pairMentor.reserveCapacity(free.pairCount)
        let groupsUsed = !groupNodes.isEmpty
        problem.forEachAllowedPair { mentee, mentor, score in
            guard free.isFree(mentee, mentor) else { return }
            let target = groupsUsed ? up(from: forest.innermost[mentee], at: mentor) : mentorBase + mentor
            add(from: 1 + mentee, to: target, cost: sign * score)
            pairMentor.append(Int32(mentor))
        }
        pairArcs = pairStart..<tail.count
        for (index, node) in groupNodes.enumerated() {
            add(from: 1 + menteeCount + index, to: up(from: forest.parent[node.group], at: node.mentor), lower: 0, upper: limits[index], cost: 0)
        }
        sinkArc = [Int32](repeating: -1, count: mentorCount)
        for mentor in 0..<mentorCount {
            sinkArc[mentor] = Int32(tail.count)
            add(from: mentorBase + mentor, to: nodeCount - 1, lower: free.minimum[mentor], upper: free.places(of: mentor), cost: 0)
        }
    }

    /// Appends an arc; `lower` and `upper` are `nil` for a pair arc, whose bounds are [0, 1].
    private mutating func add(from tail: Int, to head: Int, lower: Int? = nil, upper: Int? = nil, cost: Double) {
        self.tail.append(Int32(tail))
        self.head.append(Int32(head))
        self.cost.append(cost)
        if let lower, let upper {
            otherLower.append(Int32(lower))
            otherUpper.append(Int32(upper))
        }
    }
}

/// The groups that bind (limit below size) as a forest: each group's parent is the smallest
/// binding group that strictly contains it (or an equal one listed earlier).
struct GroupForest {
    /// Per group: its parent, -1 for a root or a group that does not bind.
    var parent: [Int]
    /// Per mentee: the innermost binding group containing it, -1 for none.
    var innermost: [Int]
    /// The binding groups, every group before its parent.
    var innerFirst: [Int]

    /// - Throws: ``MatchingError/unsupported(solver:feature:)`` naming two groups that overlap
    ///   without nesting.
    /// - Complexity: O(*g* log *g* + *s*), where *g* is the number of groups and *s* their total size.
    init(_ problem: Problem, solver: String) throws {
        var parent = [Int](repeating: -1, count: problem.groups.count)
        var innermost = [Int](repeating: -1, count: problem.mentees.count)
        // Larger groups first: a group can then only nest in one already placed.
        let binding = problem.groups.indices
            .filter { problem.groups[$0].maxPerMentor < problem.members(ofGroup: $0).count }
            .sorted { (problem.members(ofGroup: $0).count, $1) > (problem.members(ofGroup: $1).count, $0) }
        for group in binding {
            let members = problem.members(ofGroup: group)
            let enclosing = innermost[members[0]]
            if let stranger = members.first(where: { innermost[$0] != enclosing }) {
                // Two members sit in different groups placed earlier: one of those misses a member.
                let candidates = [enclosing, innermost[stranger]].filter { $0 >= 0 }
                let other =
                    candidates.first { candidate in
                        !members.allSatisfy { Self.contains(candidate, $0, in: innermost, parent: parent) }
                    } ?? candidates[0]
                throw MatchingError.unsupported(
                    solver: solver, feature: .overlappingGroups(problem.groups[other].id, problem.groups[group].id))
            }
            parent[group] = enclosing
            for member in members { innermost[member] = group }
        }
        self.parent = parent
        self.innermost = innermost
        innerFirst = binding.reversed()
    }

    /// Whether `group` contains `mentee`: it is the mentee's innermost group or an ancestor of it.
    private static func contains(_ group: Int, _ mentee: Int, in innermost: [Int], parent: [Int]) -> Bool {
        var current = innermost[mentee]
        while current >= 0 {
            if current == group { return true }
            current = parent[current]
        }
        return false
    }
}

extension FlowNetwork {
    /// A maximum flow that meets every lower bound: the most free pairs an assignment can have.
    ///
    /// - Returns: The flow value, the flow on each arc, and whether each arc is *fixed*: it
    ///   crosses the minimum cut closest to the source or the one closest to the sink, so every
    ///   maximum flow carries the same flow on it as this one.
    /// - Throws: ``MatchingError/infeasible(_:)`` when no flow meets the minimum loads, and what
    ///   `stop` throws.
    /// - Complexity: See MinimumCostFlow.swift, step 1.
    package func maximumFlow(stop: StopCheck) throws -> (value: Int, flow: [Int], fixed: [Bool]) {
        var flow = MinimumCostFlow(self)
        let value = try flow.maximizeFlow(stop: stop)
        flow.markSourceSide()
        let sourceSide = flow.sourceSide, sinkSide = flow.sinkSide()
        let fixed = (0..<arcCount).map { arc in
            let tail = Int(self.tail[arc]), head = Int(self.head[arc])
            return sourceSide[tail] != sourceSide[head] || sinkSide[tail] != sinkSide[head]
        }
        return (value, (0..<arcCount).map { flow.flow(onArc: $0) }, fixed)
    }

    /// The flow of an assignment's free pairs (its pairs that are not locked): one unit on each of
    /// their pair arcs, and on every other arc what its tail receives (arcs come inner nodes first)
    /// or, for a source arc, what its head sends. Bounds are not checked.
    ///
    /// - Returns: The flow per arc, or `nil` if a pair has no arc in the network.
    /// - Complexity: O(*A* + *p* log *d*) for *A* arcs, *p* pairs and *d* pairs per mentee.
    func flow(ofFreePairs freePairs: Set<PairKey>) -> [Int]? {
        var flow = [Int](repeating: 0, count: arcCount)
        var inflow = [Int](repeating: 0, count: nodeCount)
        var outflow = [Int](repeating: 0, count: nodeCount)
        // Pair arcs run by mentee, then mentor: each pair's arc by binary search in its
        // mentee's run, rather than a hash lookup per arc.
        var firstArc = [Int](repeating: pairArcs.upperBound, count: nodeCount + 1)
        for arc in pairArcs.reversed() { firstArc[Int(tail[arc])] = arc }
        for node in stride(from: nodeCount - 1, through: 0, by: -1) where firstArc[node] > firstArc[node + 1] { firstArc[node] = firstArc[node + 1] }
        for pair in freePairs {
            let node = 1 + pair.mentee
            guard node < nodeCount else { return nil }
            var low = firstArc[node], high = firstArc[node + 1]
            while low < high {
                let middle = (low + high) / 2
                if Int(pairMentor[middle - pairArcs.lowerBound]) < pair.mentor { low = middle + 1 } else { high = middle }
            }
            guard low < firstArc[node + 1], Int(pairMentor[low - pairArcs.lowerBound]) == pair.mentor else { return nil }
            flow[low] = 1
            outflow[node] += 1
            inflow[Int(head[low])] += 1
        }
        for arc in 0..<arcCount where !pairArcs.contains(arc) {
            let tail = Int(self.tail[arc])
            flow[arc] = tail == source ? outflow[Int(head[arc])] : inflow[tail]
            inflow[Int(head[arc])] += flow[arc]
        }
        return flow
    }

    /// The arcs of each connected component of the network without its source and sink (an arc
    /// at the source or the sink belongs to the component of its other end), components in order
    /// of their smallest node, arcs in network order. Components are independent: a flow problem
    /// on the network is one per component, joined at the source and the sink.
    ///
    /// - Complexity: O(*V* + *A* α) for *V* nodes and *A* arcs (union-find).
    package func componentArcs() -> [[Int]] {
        var sets = DisjointSets(count: nodeCount)
        for arc in 0..<arcCount where tail[arc] != Int32(source) && head[arc] != Int32(sink) {
            sets.union(Int(tail[arc]), Int(head[arc]))
        }
        func root(_ node: Int) -> Int { sets.root(node) }
        var componentOfRoot: [Int: Int] = [:]
        var arcs: [[Int]] = []
        for arc in 0..<arcCount {
            let key = root(Int(tail[arc]) == source ? Int(head[arc]) : Int(tail[arc]))
            let component = componentOfRoot[key] ?? arcs.count
            if component == arcs.count {
                componentOfRoot[key] = component
                arcs.append([])
            }
            arcs[component].append(arc)
        }
        return arcs
    }
}

/// What is left to decide once the locked pairs are fixed, as the flow network of a problem
/// (and the check of its certificate) sees it: each mentee's demand, each mentor's capacity and
/// minimum load less what locked pairs take, and the *free* pairs (allowed, not locked, of a
/// mentee with demand left) counted per mentee and per mentor.
struct FreePart {
    private let problem: Problem
    private let anyLocked: Bool
    let demand: [Int]
    let capacity: [Int]
    let minimum: [Int]
    let pairsOfMentee: [Int]
    let pairsOfMentor: [Int]
    let pairCount: Int

    /// - Complexity: O(*e* + *n* + *m*) for *e* allowed pairs, *n* mentees and *m* mentors.
    init(_ problem: Problem) {
        self.problem = problem
        anyLocked = !problem.lockedIndices.isEmpty
        var demand = problem.mentees.map(\.demand), capacity = problem.mentors.map(\.capacity), minimum = problem.mentors.map(\.minimum)
        for pair in problem.lockedIndices {
            demand[pair.mentee] -= 1
            capacity[pair.mentor] -= 1
            minimum[pair.mentor] = max(0, minimum[pair.mentor] - 1)
        }
        (self.demand, self.capacity, self.minimum) = (demand, capacity, minimum)
        if anyLocked {
            var pairsOfMentee = [Int](repeating: 0, count: problem.mentees.count)
            var pairsOfMentor = [Int](repeating: 0, count: problem.mentors.count)
            problem.forEachAllowedPair { mentee, mentor, _ in
                guard demand[mentee] > 0, !problem.isLocked(mentee: mentee, mentor: mentor) else { return }
                pairsOfMentee[mentee] += 1
                pairsOfMentor[mentor] += 1
            }
            (self.pairsOfMentee, self.pairsOfMentor) = (pairsOfMentee, pairsOfMentor)
        } else {
            (pairsOfMentee, pairsOfMentor) = problem.table.allowedPairCounts(ofMentees: demand.map { $0 > 0 }, mentorCount: problem.mentors.count)
        }
        pairCount = pairsOfMentee.reduce(0, +)
    }

    /// Whether the allowed pair is free: its mentee has demand left and it is not locked.
    @inline(__always)
    func isFree(_ mentee: Int, _ mentor: Int) -> Bool {
        demand[mentee] > 0 && !(anyLocked && problem.isLocked(mentee: mentee, mentor: mentor))
    }

    /// The most mentees `mentor` can still take: its capacity left, bounded by its free pairs.
    func places(of mentor: Int) -> Int { min(capacity[mentor], pairsOfMentor[mentor]) }

    /// The most mentors `mentee` can still take: its demand left, bounded by its free pairs.
    func places(ofMentee mentee: Int) -> Int { min(demand[mentee], pairsOfMentee[mentee]) }
}
