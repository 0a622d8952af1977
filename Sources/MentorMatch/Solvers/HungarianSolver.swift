/// The native exact solver: shortest augmenting paths with dual potentials (the Kuhn-Munkres,
/// Jonker-Volgenant and Crouse family), with mentor capacities handled directly, and min-cost
/// flow for the side constraints that keep the problem a flow network.
///
/// ```swift
/// let solution = try HungarianSolver().solve(problem)
/// try problem.verify(solution)   // .provenOptimal: the certificate checks out
/// ```
///
/// **Method** (which step runs on which problem is decided in one place, the engine's plan, and
/// named in ``Solution/methods``). Locked pairs are fixed first and the free capacities computed.
/// Edge input (and a matrix with under a quarter of its pairs allowed) is split into connected
/// components (for example one per state when the same state is required), solved concurrently on
/// all cores and merged. Within a component, a maximum-cardinality pass (augmenting paths) finds
/// how many mentees can be assigned and splits the rest of the problem in two: mentees that every
/// largest assignment serves, and mentors that every largest assignment fills. A part given as
/// compressed rows whose scores are all integers is solved by Goldberg and Kennedy's cost scaling
/// (1995, doi:10.1007/BF01585996) on the mentors' places (spare places for the room left in the
/// first part, an "outside" mentor for the mentees left out in the second), whose prices are turned
/// into exact integer potentials (CostScalingAssignment.swift); the scaling stops at the first
/// phase after which that proof of optimality succeeds. Other parts are solved by successive
/// shortest augmenting paths with potentials (Crouse 2016, doi:10.1109/TAES.2016.140952; Jonker and
/// Volgenant 1987): the first part from the mentees' side, the second from the mentors' side. A
/// complete square part with unit capacities starts with Jonker and Volgenant's column reduction
/// and augmenting row reduction, which leave few mentees to the searches, and searches by levels of
/// equal distance as their augmentation does. This achieves the two-level objective on ``Problem``
/// exactly, with no big-M weights, and the final potentials form the ``Solution/Certificate``.
///
/// **Side constraints** (mentee demand above 1, minimum loads, group limits whose groups are
/// disjoint or nested) make the problem the flow network described on ``Solution/Certificate``; it is
/// solved by a maximum flow that meets the minimum loads, the minimum cut it reveals, and
/// successive shortest paths with node potentials (MinimumCostFlow.swift). Groups that overlap
/// without nesting are no network: they are refused, naming two of them.
///
/// **Ties.** The same problem always gives the same assignment. Searches process mentees in
/// problem order and prefer, among mentors at equal distance, one with room, then the lower index
/// (the Jonker-Volgenant start has fixed rules of its own, see JonkerVolgenant.swift); the answer
/// does not depend on the components the problem splits into. Cost scaling gives each mentee it
/// places the first among its best mentors at that moment, so where it runs (whole-number scores
/// on sparse parts) the optimum among equals can differ from the one the same problem with a
/// matrix (dense parts) or fractional scores gets. Side-constrained problems process flow nodes in
/// index order and pop by (distance, node index).
///
/// **Arithmetic.** Scores and potentials are `Double`. Integer scores give exact results while
/// every total stays below 2^53; otherwise results are optimal up to rounding, which
/// ``Problem/verify(_:)`` tolerates at a relative 10^-9.
///
/// - Complexity: O(*n* × *m* × *s*) time and O(*n* × *m*) memory for matrix input, and
///   O(*n* × *e* log *m*) time and O(*n* + *m* + *e*) memory for edge input (O(√*n* × *e* log(*n* *C*))
///   by cost scaling, for largest score magnitude *C*), in the worst case,
///   where *n* is the number of mentees, *m* the number of mentors, *e* the number of allowed
///   pairs and *s* ≤ *m* the number of mentors popped per search. Typical instances need far fewer
///   steps than the bound.
public struct HungarianSolver: MatchingSolver {
    /// The wall-clock budget; `nil` for none. The solver checks it (and task cancellation) between
    /// augmentations and throws when it passes: an unfinished assignment is never returned.
    public var timeLimit: Duration?

    public init(timeLimit: Duration? = nil) {
        self.timeLimit = timeLimit
    }

    public var name: String { "hungarian" }

    /// Every side constraint that keeps the problem a flow network: minimum loads, mentee demand
    /// above 1, and group limits whose groups are disjoint or nested; and incumbents, as exact
    /// whole-number weights (see ``Problem/incumbents``).
    public var capabilities: SolverCapabilities { [.minimumLoads, .menteeDemand, .groupLimits, .incumbents] }

    /// Without side constraints: the solve splits a problem by its components itself, and every
    /// tie rule compares indices within one. Side constraints take one flow network of the whole
    /// problem, and previous pairs a bonus that depends on it.
    public func answersByComponent(requirements: SolverCapabilities) -> Bool { requirements.isEmpty }

    /// Solves `problem` exactly and attaches a ``Solution/Certificate``.
    ///
    /// - Throws: ``MatchingError/unsupported(solver:feature:)`` naming two groups that overlap
    ///   without one containing the other (no network expresses them: use `GLPKSolver` of `MentorMatchGLPK`);
    ///   ``MatchingError/infeasible(_:)`` when the minimum loads, locked pairs and group limits
    ///   cannot all be met; ``MatchingError/cancelled`` when the calling task is cancelled, and
    ///   ``MatchingError/timeLimitReached(_:)`` when ``timeLimit`` passes.
    public func solve(_ problem: Problem) throws -> Solution {
        try checkSupport(of: problem)
        let clock = ContinuousClock()
        let started = clock.now
        let stop = StopCheck(timeLimit: timeLimit)
        switch Plan.route(problem) {
        case .weightPreviousPairs:
            // Most incumbents as a score bonus that outweighs any score difference, exactly
            // (Problem.incumbentWeighted); the certificate speaks about that problem.
            let weighted = try solve(problem.incumbentWeighted(solver: name))
            return Solution(
                problem: problem, solver: name, methods: weighted.methods + [.previousPairsWeighted],
                pairs: weighted.assignments.map { (problem.menteeIndex[$0.mentee]!, problem.mentorIndex[$0.mentor]!) },
                seconds: (clock.now - started) / .seconds(1), certificate: weighted.certificate)
        case .minimumCostFlow:
            let (pairs, certificate) = try Self.solveByFlow(problem, solver: name, stop: stop)
            return Solution(
                problem: problem, solver: name, methods: [.minimumCostFlow], pairs: pairs,
                seconds: (clock.now - started) / .seconds(1), certificate: certificate)
        case .assignment:
            break
        }

        let (freeMentees, freeCapacity) = problem.unlockedPart()
        let graph = Self.costGraph(of: problem, mentees: freeMentees)
        let parts = try Self.solveFreePart(graph, freeCapacity: freeCapacity, stop: stop)

        // In network terms (see Solution.Certificate): a mentee's potential is minus its left potential,
        // a mentor's is its right potential, and the stranded side of the split is the source
        // side of the minimum cut.
        var certificate = Solution.Certificate(
            source: .init(potential: 0, sourceSide: true), sink: .init(potential: 0, sourceSide: false),
            mentees: Array(repeating: .init(potential: 0, sourceSide: false), count: problem.mentees.count),
            mentors: Array(repeating: .init(potential: 0, sourceSide: false), count: problem.mentors.count), groupNodes: [])
        for (left, potential) in parts.leftPotentials {
            certificate.mentees[freeMentees[left]] = .init(potential: 0 - potential, sourceSide: !parts.leftCovered[left])
        }
        for (right, potential) in parts.rightPotentials {
            certificate.mentors[right] = .init(potential: potential, sourceSide: parts.rightCovered[right])
        }
        return Solution(
            problem: problem, solver: name, methods: parts.methods,
            pairs: problem.lockedPairs + parts.assignments.map { (freeMentees[$0.left], $0.right) },
            seconds: (clock.now - started) / .seconds(1), certificate: certificate)
    }

    /// The side-constrained path: the problem's flow network (FlowNetwork.swift) solved by
    /// MinimumCostFlow.swift, with the final potentials and cut as the certificate.
    static func solveByFlow(_ problem: Problem, solver: String, stop: StopCheck) throws -> (pairs: [(mentee: Int, mentor: Int)], Solution.Certificate) {
        let network = try FlowNetwork(problem, solver: solver)
        var flow = MinimumCostFlow(network)
        _ = try flow.maximizeFlow(stop: stop)
        try flow.minimizeCost(stop: stop)
        var pairs = problem.lockedPairs
        for arc in network.pairArcs where flow.flow(onArc: arc) > 0 { pairs.append(network.pair(ofArc: arc)) }
        func node(_ index: Int) -> Solution.Certificate.Node { .init(potential: flow.potential[index], sourceSide: flow.sourceSide[index]) }
        let certificate = Solution.Certificate(
            source: node(network.source), sink: node(network.sink),
            mentees: problem.mentees.indices.map { node(network.node(ofMentee: $0)) },
            mentors: problem.mentors.indices.map { node(network.node(ofMentor: $0)) },
            groupNodes: network.groupNodes.enumerated().map { index, key in
                .init(group: key.group, mentor: key.mentor, node: node(network.node(ofGroupNode: index)))
            })
        return (pairs, certificate)
    }

    /// The free mentees (left) and all mentors (right), with costs to minimize, in the form of the
    /// problem's score table (which ``Plan/storesMatrix(arcCount:leftCount:rightCount:)`` chose
    /// for a score matrix): compressed rows shared with the table, or a matrix of their rows.
    static func costGraph(of problem: Problem, mentees: [Int]) -> CostGraphKind {
        let sign: Double = problem.sense == .minimize ? 1 : -1
        let mentorCount = problem.mentors.count
        switch problem.table.storage {
        case .dense(_, let scores):
            return denseCostGraph(scores: scores, mentees: mentees, mentorCount: mentorCount, sign: sign, as: Float.self)
                ?? denseCostGraph(scores: scores, mentees: mentees, mentorCount: mentorCount, sign: sign, as: Double.self)!
        case .sparse(let rowStart, let mentors, let scores):
            return .sparse(
                SparseCostGraph(
                    leftCount: mentees.count, rightCount: mentorCount, arcsOf: mentees.map { rowStart[$0]..<rowStart[$0 + 1] },
                    arcRight: mentors, arcValue: scores, costPerValue: sign))
        }
    }

    /// The graph of the given mentees' rows of a score matrix, with costs stored as `Cost`; `nil`
    /// as soon as a score is not exactly a `Cost` (one pass in the usual case, where every score
    /// is).
    private static func denseCostGraph<Cost: DenseCost>(
        scores: [Double], mentees: [Int], mentorCount: Int, sign: Double, as _: Cost.Type
    ) -> CostGraphKind? {
        // Four at a time, without branches: a NaN (not allowed) is stored as NaN, then replaced
        // by +infinity.
        var inexact = SIMDMask<SIMD4<Int64>>(repeating: false), notAllowed = inexact
        var notSmallWhole = SIMDMask<SIMD4<Int32>>(repeating: false)
        var costs = [Cost](unsafeUninitializedCapacity: mentees.count * mentorCount) { costs, count in
            scores.withUnsafeBufferPointer { scores in
                let wholeLanes = mentorCount - mentorCount % 4, signs = SIMD4<Double>(repeating: sign)
                for (left, mentee) in mentees.enumerated() where !inexact.hasSetLane {
                    let row = scores.baseAddress! + mentee * mentorCount, target = costs.baseAddress! + left * mentorCount
                    for mentor in stride(from: 0, to: wholeLanes, by: 4) {
                        let cost = signs * loadFour(row + mentor)
                        let stored = Cost.storeNarrowed(cost, at: target + mentor)
                        inexact .|= (stored .!= cost) .& (cost .== cost)
                        notAllowed .|= cost .!= cost
                        notSmallWhole .|= Cost.notSmallWhole(at: target + mentor)
                    }
                    for mentor in wholeLanes..<mentorCount {
                        let cost = sign * row[mentor]
                        target[mentor] = Cost(cost)
                        inexact[0] = inexact[0] || (Double(target[mentor]) != cost && !cost.isNaN)
                        notAllowed[0] = notAllowed[0] || cost.isNaN
                        notSmallWhole[0] = notSmallWhole[0] || !(cost.rounded() == cost && abs(cost) <= DenseCostGraph<Cost>.smallWholeBound)
                    }
                }
            }
            count = inexact.hasSetLane ? 0 : mentees.count * mentorCount
        }
        guard !inexact.hasSetLane else { return nil }
        var missing = 0
        if notAllowed.hasSetLane {
            for index in costs.indices where costs[index].isNaN {
                costs[index] = .infinity
                missing += 1
            }
        }
        return Cost.kind(
            DenseCostGraph(
                leftCount: mentees.count, rightCount: mentorCount, costs: costs, isComplete: missing == 0, hasSmallWholeCosts: !any(notSmallWhole)))
    }

    /// The optimal assignment of the free part of a problem, with its certificate, in the
    /// graph's own indices (left = free mentee, right = mentor).
    struct Parts {
        var assignments: [(left: Int, right: Int)] = []
        var leftPotentials: [(Int, Double)] = []
        var rightPotentials: [(Int, Double)] = []
        var leftCovered: [Bool]
        var rightCovered: [Bool]
        /// How the parts were solved, for ``Solution/methods``.
        var methods: Set<Solution.Method> = []
    }

    /// Solves `graph` as ``Plan/step(for:demand:capacity:)`` says.
    static func solveServingEveryLeft<G: AugmentingPathGraph>(_ graph: G, demand: [Int], capacity: [Int], stop: StopCheck) throws -> (
        state: AugmentingPathState, method: Solution.Method
    ) {
        let step = Plan.step(for: graph, demand: demand, capacity: capacity)
        switch step {
        case .costScaling(let scaling):
            return (try scaling.solvedState(of: graph, stop: stop), step.method)
        case .searches(let start):
            return (try ShortestAugmentingPaths.solve(graph, demand: demand, capacity: capacity, start: start, stop: stop), step.method)
        }
    }

    /// Solves `graph` (the free part of a problem) whole or by its connected components, as
    /// ``Plan/splitsIntoComponents(_:)`` says.
    static func solveFreePart<G: AugmentingPathGraph>(_ graph: G, freeCapacity: [Int], stop: StopCheck) throws -> Parts {
        Plan.splitsIntoComponents(graph)
            ? try solveByComponents(graph, freeCapacity: freeCapacity, stop: stop) : try solveParts(graph, freeCapacity: freeCapacity, stop: stop)
    }

    /// Splits `graph` by a maximum assignment (see MaximumAssignment.swift), where ``Plan`` needs
    /// one, and solves both parts as it says: the lefts that are always served, from the left
    /// side; the rights that are always filled, by cost scaling or from the right side.
    static func solveParts<G: AugmentingPathGraph>(_ graph: G, freeCapacity: [Int], stop: StopCheck) throws -> Parts {
        let maximum =
            Plan.needsMaximumAssignment(graph, capacity: freeCapacity) ? try MaximumAssignment(graph: graph, capacity: freeCapacity, stop: stop) : nil
        let strandedLeft = maximum?.strandedLeft ?? Array(repeating: false, count: graph.leftCount)
        let strandedRight = maximum?.strandedRight ?? Array(repeating: false, count: graph.rightCount)
        let servedLefts = (0..<graph.leftCount).filter { !strandedLeft[$0] }
        let openRights = (0..<graph.rightCount).filter { !strandedRight[$0] }
        let strandedLefts = (0..<graph.leftCount).filter { strandedLeft[$0] }
        let filledRights = (0..<graph.rightCount).filter { strandedRight[$0] }
        var parts = Parts(leftCovered: strandedLeft.map(!), rightCovered: strandedRight)

        // Part 1: every served left gets one open right.
        let demand = Array(repeating: 1, count: servedLefts.count), capacity = openRights.map { freeCapacity[$0] }
        let (first, firstMethod) =
            try filledRights.isEmpty && strandedLefts.isEmpty
            ? solveServingEveryLeft(graph, demand: demand, capacity: capacity, stop: stop)
            : solveServingEveryLeft(
                CostGraphBuilder.subgraph(of: graph, lefts: servedLefts, rights: openRights, transposed: false), demand: demand,
                capacity: capacity, stop: stop)
        for (index, right) in openRights.enumerated() {
            for slot in first.slots.filled(index) { parts.assignments.append((servedLefts[first.slots.left[slot]], right)) }
            parts.rightPotentials.append((right, first.v[index]))
        }
        for (index, left) in servedLefts.enumerated() { parts.leftPotentials.append((left, first.u[index])) }
        if !servedLefts.isEmpty { parts.methods.insert(firstMethod) }

        // Part 2: every filled right is filled from stranded lefts, as Plan.fillingStep says.
        guard !strandedLefts.isEmpty, let maximum else { return parts }
        let loads = filledRights.map { maximum.slots.load[$0] }
        if let scaling = Plan.fillingStep(graph, lefts: strandedLefts, rights: filledRights, load: loads) {
            let (assignment, u, v) = try scaling.solve(stop: stop)
            for (index, left) in strandedLefts.enumerated() {
                if assignment.rightOf[index] >= 0 { parts.assignments.append((left, filledRights[assignment.rightOf[index]])) }
                parts.leftPotentials.append((left, u[index]))
            }
            for (index, right) in filledRights.enumerated() { parts.rightPotentials.append((right, v[index])) }
            parts.methods.insert(.costScaling)
            return parts
        }
        let crowded = CostGraphBuilder.subgraph(of: graph, lefts: strandedLefts, rights: filledRights, transposed: true)
        let (second, secondMethod) = try solveServingEveryLeft(
            crowded, demand: loads, capacity: Array(repeating: 1, count: strandedLefts.count), stop: stop)
        for (index, left) in strandedLefts.enumerated() {
            for slot in second.slots.filled(index) { parts.assignments.append((left, filledRights[second.slots.left[slot]])) }
            parts.leftPotentials.append((left, second.v[index]))
        }
        for (index, right) in filledRights.enumerated() { parts.rightPotentials.append((right, second.u[index])) }
        parts.methods.insert(secondMethod)
        return parts
    }
}

extension Problem {
    /// What is left to decide after the locked pairs, when every demand is at most 1: the mentees
    /// still to place (not locked, demand 1) and each mentor's capacity left.
    func unlockedPart() -> (mentees: [Int], capacity: [Int]) {
        var capacity = mentors.map(\.capacity)
        var isLocked = [Bool](repeating: false, count: mentees.count)
        for pair in lockedPairs {
            capacity[pair.mentor] -= 1
            isLocked[pair.mentee] = true
        }
        return (mentees.indices.filter { !isLocked[$0] && mentees[$0].demand == 1 }, capacity)
    }
}
