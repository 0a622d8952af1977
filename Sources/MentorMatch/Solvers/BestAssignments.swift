// The k best assignments: Murty's ranking (Murty 1968, "An algorithm for ranking all the
// assignments in order of increasing cost") with each candidate priced by one residual cycle
// rather than a solve (the idea of Miller, Stone and Cox 1997, "Optimizing Murty's ranked
// assignment method", in its exact form for flows: ResidualCycles.swift).
//
// Murty's partition. Let x be the best assignment of a node (a problem with some pairs locked and
// some forbidden) and e1..et its pairs that the node does not lock. Every other assignment of the
// node lacks some first e_i, so the node's assignments other than x split into the children
// "e1..e(i-1) locked, e_i forbidden", i = 1..t; no assignment with the most pairs contains all of
// x and more. A child's best is x plus the cheapest residual cycle that removes e_i and keeps
// e1..e(i-1): one Dijkstra search. Children wait in a priority queue by that objective; the best
// one is popped, solved for real (its solution and certificate start its own partition; its
// objective must equal the predicted one, a check on both), and reported.
//
// Only assignments with the most pairs are ranked: a child whose cycle loses a pair holds none.
//
// Pruning. Only `count` assignments are reported, so a child that cannot beat the best
// `count - reported` children already queued is dropped before its search, by a lower bound
// from its two ends (ResidualCycles.costLowerBound). Ties are ranked by (parent, i), so on
// rosters with many equal totals most children fall to this test.
//
// Cost: k solves, and per popped node at most one search per pair. Memory: the queue holds
// (parent, i) per child, never a copy of a solution.

import HeapModule

extension HungarianSolver {
    /// The `count` best assignments of `problem`, best first: all have the most pairs possible,
    /// and their objectives never improve from one to the next. Fewer are returned when fewer
    /// exist. Ties are ranked in a fixed order (the same input gives the same list).
    ///
    /// Each solution is verified against `problem`; the first is optimal and carries its
    /// certificate, the others have status ``Solution/Status/ranked``: each is the best once the
    /// earlier ones are excluded, which no certificate of `problem` can say.
    ///
    /// - Throws: What ``solve(_:)`` throws, ``MatchingError/unsupported(solver:feature:)`` for a
    ///   problem with incumbents, ``MatchingError/internalError(_:)`` if a predicted objective and
    ///   a solve disagree.
    /// - Complexity: `count` solves of problems no larger than `problem`, plus one Dijkstra
    ///   search per pair of each reported assignment.
    public func bestAssignments(of problem: Problem, count: Int) throws -> [Solution] {
        guard problem.incumbents.isEmpty else { throw MatchingError.unsupported(solver: name, feature: .capabilities(.incumbents)) }
        guard count > 0 else { return [] }
        let clock = ContinuousClock()
        let stop = StopCheck(timeLimit: timeLimit)
        let first = try solve(problem)
        guard count > 1 else {
            try problem.verify(first)
            return [first]
        }
        var solutions = [first]  // its certificate is checked by the first partition

        /// A reported assignment: the pairs it locks and forbids beyond `problem`, that problem,
        /// and its solution, whose free pairs in solution order are partitioned.
        struct Node {
            var locked: [Problem.Pair]
            var forbidden: [Problem.Pair]
            var solution: Solution
            var problem: Problem
            /// The solution's pairs that `problem` does not lock, in solution order.
            var free: [Problem.Pair]
            init(locked: [Problem.Pair], forbidden: [Problem.Pair], solution: Solution, problem: Problem) {
                (self.locked, self.forbidden, self.solution, self.problem) = (locked, forbidden, solution, problem)
                free = solution.assignments.map { Problem.Pair(mentee: $0.mentee, mentor: $0.mentor) }
                    .filter { !problem.lockedSet.contains(problem.key(of: $0)) }
            }
        }
        struct Child: Comparable {
            var objective: Double
            var parent: Int
            var index: Int
            var sense: Problem.Sense
            static func < (a: Child, b: Child) -> Bool {
                if a.objective != b.objective { return a.sense == .maximize ? a.objective > b.objective : a.objective < b.objective }
                return (a.parent, a.index) < (b.parent, b.index)
            }
        }
        var nodes = [Node(locked: [], forbidden: [], solution: first, problem: problem)]
        var queue = Heap<Child>()
        // The best `count - solutions.count` children queued, best first: a child that cannot
        // beat the last of them, even at its lower bound, can never be reported, so it is
        // neither searched nor queued (on rosters with many ties this skips most searches).
        var needed: [Child] = []
        func enqueue(_ child: Child) {
            queue.insert(child)
            let room = count - solutions.count
            let position = needed.firstIndex { child < $0 } ?? needed.endIndex
            if position < room { needed.insert(child, at: position) }
            if needed.count > room { needed.removeLast(needed.count - room) }
        }

        /// Prices every child of node `index` and queues those that keep the most pairs.
        func partition(_ index: Int) throws {
            let node = nodes[index]
            // The node's certificate is checked on the network its children are priced on.
            let network = try FlowNetwork(node.problem, solver: name)
            guard try node.problem.verify(node.solution, network: network) == .provenOptimal else {
                throw MatchingError.internalError("ranked assignment \(index + 1) has no certificate")
            }
            let keys = node.free.map { node.problem.key(of: $0) }
            var residual = try ResidualCycles(network: network, freePairs: Set(keys), certificate: node.solution.certificate!)
            var keep = [Bool](repeating: false, count: network.arcCount)
            for (position, key) in keys.enumerated() {
                try stop.check()
                guard let arc = residual.pairArc(mentee: key.mentee, mentor: key.mentor) else {
                    throw MatchingError.internalError("an assigned pair has no arc in the network")
                }
                defer { keep[arc] = true }
                if needed.count == count - solutions.count, let last = needed.last {
                    guard let bound = residual.costLowerBound(changing: arc) else { continue }
                    // Cost is minus the score when maximizing; the bound, loosened by rounding's
                    // margin, gives the best objective the child could have.
                    let margin = relativeTolerance * (1 + abs(node.solution.objective))
                    let hope = node.solution.objective + (problem.sense == .maximize ? -1 : 1) * max(0, bound - margin)
                    if !(Child(objective: hope, parent: index, index: position, sense: problem.sense) < last) { continue }
                }
                guard let cycle = residual.cheapestCycle(changing: arc, keeping: keep, keepingPairs: true) else { continue }
                // The child's objective from the pairs the cycle moves (exact for whole-number
                // scores; the solve of a popped child checks it).
                let changes = residual.pairChanges(of: cycle.steps)
                let objective = changes.added.reduce(node.solution.objective) { $0 + problem.score(mentee: $1.mentee, mentor: $1.mentor)! }
                    - changes.removed.reduce(0.0) { $0 + problem.score(mentee: $1.mentee, mentor: $1.mentor)! }
                enqueue(Child(objective: objective, parent: index, index: position, sense: problem.sense))
            }
        }

        while solutions.count < count {
            try partition(nodes.count - 1)
            guard let child = queue.popMin() else { break }
            if !needed.isEmpty { needed.removeFirst() }
            let started = clock.now
            let parent = nodes[child.parent]
            let locked = parent.locked + parent.free[..<child.index]
            let forbidden = parent.forbidden + [parent.free[child.index]]
            let subproblem = try problem.rescored(locking: locked, forbidding: forbidden)
            let best = try solve(subproblem)
            guard abs(best.objective - child.objective) <= relativeTolerance * (1 + abs(best.objective)) else {
                throw MatchingError.internalError("ranked assignment \(solutions.count + 1): predicted \(child.objective), solved \(best.objective)")
            }
            var ranked = best
            ranked.certificate = nil
            ranked.status = .ranked
            ranked.methods = Solution.Method.inOrder(best.methods + [.murtyRanking])
            ranked.seconds = (clock.now - started) / .seconds(1)
            try problem.verify(ranked)
            solutions.append(ranked)
            nodes.append(Node(locked: locked, forbidden: forbidden, solution: best, problem: subproblem))
        }
        return solutions
    }
}
