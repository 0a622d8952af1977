// Maximum-cardinality assignment with right-node capacities (each left node takes at most one
// right node), and the split of the graph that it reveals.
//
// Method: a greedy start, then phases of breadth-first search from all free left nodes at once
// that augment along vertex-disjoint shortest paths (as Hopcroft and Karp's phases do, without
// their layering; the multi-source search of Azad et al., "Computing maximum cardinality matchings
// in parallel on bipartite graphs via tree-grafting", 2017, without the grafting) while they
// serve many, then one breadth-first search for an augmenting path from each left node still free
// (the augmenting path method of König and Berge; see Ahuja, Magnanti, Orlin, Network Flows, 1993,
// section 12.3). A search that fails marks every node it
// reached as *stranded*. No later augmenting path can enter a stranded region: its left nodes only
// reach full, stranded right nodes. So stranded regions never change again, later searches skip
// them, and each node is stranded at most once.
//
// The split (the Dulmage-Mendelsohn decomposition restricted to what the objective needs): at the
// end the stranded left nodes are exactly those that some maximum assignment leaves out. The
// stranded right nodes are full, and every maximum assignment fills them with stranded left nodes
// only, while it assigns every other left node to a right node that is not stranded. Hence
// "most assigned, then cheapest" splits into two independent problems with no choice of size:
// - the *free part*: every non-stranded left node must be assigned (to non-stranded rights);
// - the *crowded part*: every stranded right node must be filled (from stranded lefts).
// (Proof: a stranded right r is full; if some maximum assignment used a non-stranded left on r,
// the stranded lefts, which only reach stranded rights, would fill fewer places, so it would have
// to assign more non-stranded lefts than this one, which already assigns them all.)
//
// Complexity: O(E) for the greedy start and the failed searches together, O(E) per phase (each
// serving at least 1/16 of the free lefts), plus O(E) per successful single augmentation, where
// E is the number of arcs.

struct MaximumAssignment {
    var slots: Slots
    var strandedLeft: [Bool]
    var strandedRight: [Bool]

    init<G: CostGraph>(graph: G, capacity: [Int], stop: StopCheck) throws {
        let arcsInto = graph.arcsIntoEachRight()
        slots = Slots(capacity: capacity, arcsInto: arcsInto)
        strandedLeft = [Bool](repeating: false, count: graph.leftCount)
        strandedRight = [Bool](repeating: false, count: graph.rightCount)

        // Greedy start: each left takes, of its rights with room, the one with the fewest arcs
        // (the first of those): rights that few lefts can reach are kept for them.
        var assigned = [Bool](repeating: false, count: graph.leftCount)
        for left in 0..<graph.leftCount {
            var choice = -1
            graph.forEachArc(of: left) { right, _ in
                if !slots.isFull(right), choice < 0 || arcsInto[right] < arcsInto[choice] { choice = right }
            }
            guard choice >= 0 else { continue }
            slots.place(left, on: choice)
            assigned[left] = true
        }

        var reachedInSearch = [Int](repeating: -1, count: graph.leftCount)
        var visitedInSearch = [Int](repeating: -1, count: graph.rightCount)
        var predecessor = [Int](repeating: -1, count: graph.rightCount)
        var arrivalSlot = [Int](repeating: -1, count: graph.leftCount)
        var arrivalRight = [Int](repeating: -1, count: graph.leftCount)
        var queue: [Int] = []
        var visitedRights: [Int] = []
        var root = [Int](repeating: -1, count: graph.leftCount)
        /// Queues the unreached lefts in the slots of the full right `right`, reached in search
        /// `mark`, in the tree of `tree`.
        func reachLefts(through right: Int, mark: Int, tree: Int) {
            for slot in slots.filled(right) where reachedInSearch[slots.left[slot]] != mark {
                let next = slots.left[slot]
                reachedInSearch[next] = mark
                root[next] = tree
                arrivalSlot[next] = slot
                arrivalRight[next] = right
                queue.append(next)
            }
        }

        // Phases: one breadth-first search from all free lefts at once, each left and right
        // joining the tree of the first free left to reach it; a tree that reaches a right with
        // room augments and stops growing. O(E) per phase for vertex-disjoint paths, run while a
        // phase serves at least 1/16 of the free lefts (the single searches below are cheaper
        // for the last few, and only they reveal stranded regions).
        var free = (0..<graph.leftCount).filter { !assigned[$0] }
        var servedInPhase = [Int](repeating: -1, count: graph.leftCount)
        var phase = -1
        while free.count > 16 {
            try stop.check()
            phase -= 1
            queue = free
            for left in free {
                root[left] = left
                reachedInSearch[left] = phase
            }
            var head = 0, served = 0
            while head < queue.count {
                let left = queue[head]
                head += 1
                let tree = root[left]
                guard servedInPhase[tree] != phase else { continue }
                graph.forEachArc(of: left) { right, _ in
                    guard servedInPhase[tree] != phase, visitedInSearch[right] != phase else { return }
                    visitedInSearch[right] = phase
                    predecessor[right] = left
                    if !slots.isFull(right) {
                        slots.augment(from: tree, to: right, predecessor: predecessor, arrivalSlot: arrivalSlot, arrivalRight: arrivalRight)
                        assigned[tree] = true
                        servedInPhase[tree] = phase
                        served += 1
                        return
                    }
                    reachLefts(through: right, mark: phase, tree: tree)
                }
            }
            free.removeAll { assigned[$0] }
            if served * 16 < free.count + served { break }
        }

        // Single searches, which number their marks from 0 (the phases used negative numbers).
        for source in 0..<graph.leftCount where !assigned[source] {
            try stop.check()
            queue = [source]
            visitedRights.removeAll(keepingCapacity: true)
            reachedInSearch[source] = source
            var sink = -1
            var head = 0
            while head < queue.count, sink < 0 {
                let left = queue[head]
                head += 1
                graph.forEachArc(of: left) { right, _ in
                    guard sink < 0, !strandedRight[right], visitedInSearch[right] != source else { return }
                    visitedInSearch[right] = source
                    visitedRights.append(right)
                    predecessor[right] = left
                    if !slots.isFull(right) {
                        sink = right
                        return
                    }
                    reachLefts(through: right, mark: source, tree: source)
                }
            }
            if sink >= 0 {
                slots.augment(from: source, to: sink, predecessor: predecessor, arrivalSlot: arrivalSlot, arrivalRight: arrivalRight)
            } else {
                for left in queue { strandedLeft[left] = true }
                for right in visitedRights { strandedRight[right] = true }
            }
        }
    }
}

extension Problem {
    /// The number of pairs in a largest assignment that keeps every locked pair and meets every
    /// constraint; `nil` when groups overlap without nesting (no network expresses them).
    /// Backends use it to fix the "most pairs" level of the objective before optimizing the score.
    ///
    /// - Throws: ``MatchingError/infeasible(_:)`` when no assignment meets the minimum loads,
    ///   ``MatchingError/cancelled`` when the calling task is cancelled.
    /// - Complexity: that of the maximum assignment (MaximumAssignment.swift) without side
    ///   constraints, else of the maximum flow (MinimumCostFlow.swift, step 1).
    package func largestAssignmentSize() throws -> Int? {
        let stop = StopCheck(timeLimit: nil)
        guard requirements.isEmpty else {
            let network: FlowNetwork
            do {
                network = try FlowNetwork(self, solver: "largest assignment")
            } catch MatchingError.unsupported {
                return nil
            }
            return try lockedPairs.count + network.maximumFlow(stop: stop).value
        }
        let (free, freeCapacity) = unlockedPart()
        let maximum =
            switch HungarianSolver.costGraph(of: self, mentees: free) {
            case .dense(let graph): try MaximumAssignment(graph: graph, capacity: freeCapacity, stop: stop)
            case .denseFloat(let graph): try MaximumAssignment(graph: graph, capacity: freeCapacity, stop: stop)
            case .sparse(let graph): try MaximumAssignment(graph: graph, capacity: freeCapacity, stop: stop)
            }
        return lockedPairs.count + maximum.slots.load.reduce(0, +)
    }
}
