/// What an optimal assignment becomes when one pair is forced into it or kept out of it, and a
/// mentee's best alternatives: each answer exact, from the solution's certificate and one shortest
/// path, with no new solve.
///
/// ```swift
/// let problem = try Problem(
///     mentees: [.init(id: "ana"), .init(id: "bo")], mentors: [.init(id: "kim"), .init(id: "lee")],
///     scores: .matrix(ScoreMatrix([[9, 5], [8, 1]])))
/// let best = try HungarianSolver().solve(problem)          // ana-lee, bo-kim: 13
/// let whatIf = try WhatIf(problem, optimal: best)
/// let forced = try whatIf.locking(.init(mentee: "bo", mentor: "lee"))
/// // forced?.scoreChange == -3 (ana-kim, bo-lee: 10); forced?.moves lists both mentees
/// ```
///
/// **Exact.** The answer to "lock this pair" is an optimal assignment of the problem with the pair
/// locked (most pairs, then best score), and to "forbid this pair" of the problem with it
/// forbidden: the cheapest cycle through the pair in the residual graph of the optimal assignment
/// is enough (see ResidualCycles.swift for the proof), so the change costs at most one pair.
///
/// - Complexity: The initializer verifies the certificate and builds the residual graph, O(*n* +
///   *m* + *e*) for *e* allowed pairs; each question is one Dijkstra search on lexicographic
///   lengths, O(*e* log(*n* + *m*)) at worst and usually far less (it stops at its target).
public struct WhatIf: Sendable {
    /// One change and its consequences.
    public struct Outcome: Sendable {
        /// The pair that was locked or forbidden.
        public var pair: Problem.Pair
        /// An optimal assignment of the problem with that pair locked (or forbidden).
        public var solution: Solution
        /// The change in the number of pairs: 0, or -1 when the change leaves one mentee
        /// (one place of demand) without a mentor.
        public var pairChange: Int
        /// The change in the objective (negative is worse when maximizing).
        public var scoreChange: Double
        /// Every mentee whose mentors change, in problem order.
        public var moves: [Move]
    }

    /// A mentee's mentors before and after a change.
    public struct Move: Sendable, Hashable {
        public var mentee: String
        /// Mentor ids, in problem order.
        public var before: [String]
        public var after: [String]
    }

    public let problem: Problem
    /// The optimal solution the questions start from.
    public let solution: Solution
    private let residual: ResidualCycles
    private let assigned: Set<PairKey>
    private let assignedPairs: [(mentee: Int, mentor: Int)]
    /// Per mentee, its mentors in the solution, in problem order.
    private let mentorsOf: [[Int]]

    /// Prepares questions about `solution`.
    ///
    /// - Throws: ``MatchingError/verificationFailed(_:)`` when `solution` has no certificate
    ///   (solve with `HungarianSolver`) or does not pass ``Problem/verify(_:)``;
    ///   ``MatchingError/unsupported(solver:feature:)`` for a problem with incumbents.
    public init(_ problem: Problem, optimal solution: Solution) throws {
        guard problem.incumbents.isEmpty else { throw MatchingError.unsupported(solver: "what-if", feature: .capabilities(.incumbents)) }
        guard let certificate = solution.certificate else {
            throw MatchingError.verificationFailed("what-if questions need an optimal solution with a certificate (from HungarianSolver)")
        }
        // One network for the certificate's check and the residual graph.
        let network = try FlowNetwork(problem, solver: solution.solver)
        _ = try problem.verify(solution, network: network)  // with a certificate: proven optimal, or it throws
        let assigned = Set(solution.assignments.map { problem.key(of: Problem.Pair(mentee: $0.mentee, mentor: $0.mentor)) })
        self.problem = problem
        self.solution = solution
        self.assigned = assigned
        assignedPairs = assigned.map { ($0.mentee, $0.mentor) }
        var mentorsOf = [[Int]](repeating: [], count: problem.mentees.count)
        for pair in assigned { mentorsOf[pair.mentee].append(pair.mentor) }
        self.mentorsOf = mentorsOf.map { $0.sorted() }
        residual = try ResidualCycles(
            network: network, freePairs: assigned.filter { !problem.lockedSet.contains($0) }, certificate: certificate)
    }

    /// The best assignment that contains `pair`.
    ///
    /// - Returns: The outcome (no change if the solution has the pair), or `nil` if no assignment
    ///   meeting the problem's rules contains it.
    /// - Throws: ``MatchingError`` for an unknown id or a pair that is not allowed.
    public func locking(_ pair: Problem.Pair) throws -> Outcome? {
        let key = try indices(of: pair)
        guard problem.score(mentee: key.mentee, mentor: key.mentor) != nil else {
            throw MatchingError.lockedPairNotAllowed(mentee: pair.mentee, mentor: pair.mentor)
        }
        if assigned.contains(key) { return unchanged(pair) }
        return change(key).map { outcome(pair, $0) }
    }

    /// The best assignment without `pair`.
    ///
    /// - Returns: The outcome (no change if the solution lacks the pair), or `nil` if every
    ///   assignment meeting the problem's rules needs it.
    /// - Throws: ``MatchingError`` for an unknown id or a locked pair.
    public func forbidding(_ pair: Problem.Pair) throws -> Outcome? {
        let key = try indices(of: pair)
        if problem.lockedSet.contains(key) { throw MatchingError.lockedPairForbidden(mentee: pair.mentee, mentor: pair.mentor) }
        if !assigned.contains(key) { return unchanged(pair) }
        return change(key).map { outcome(pair, $0) }
    }

    /// The `count` best mentors for mentee `id` other than its current ones: for each, the
    /// outcome of locking that pair, best first (fewest pairs lost, then best score, then
    /// problem order of mentors).
    ///
    /// - Throws: ``MatchingError/unknownMentee(_:context:)``.
    /// - Complexity: One backward search from the mentee, which prices every candidate at once;
    ///   a full outcome only for the `count` best.
    public func alternatives(forMentee id: String, count: Int) throws -> [Outcome] {
        guard let mentee = problem.menteeIndex[id] else { throw MatchingError.unknownMentee(id, context: "alternatives") }
        let clock = ContinuousClock()
        let started = clock.now
        let cycles = residual.cheapestCyclesAdding(pairsOf: residual.network.node(ofMentee: mentee))
        let seconds = (clock.now - started) / .seconds(1)
        var candidates: [(key: PairKey, change: Change)] = []
        problem.table.forEachPair(ofMentee: mentee) { mentor, _ in
            let key = PairKey(mentee: mentee, mentor: mentor)
            guard !assigned.contains(key), let arc = residual.pairArc(mentee: mentee, mentor: mentor), let cycle = cycles[arc] else { return }
            candidates.append((key, change(of: cycle.steps, seconds: seconds)))
        }
        let better: (Double, Double) -> Bool = problem.sense == .maximize ? { $0 > $1 } : { $0 < $1 }
        let ranked = candidates.enumerated().sorted { a, b in
            let (x, y) = (a.element.change, b.element.change)
            if x.pairChange != y.pairChange { return x.pairChange > y.pairChange }
            if x.scoreChange != y.scoreChange { return better(x.scoreChange, y.scoreChange) }
            return a.offset < b.offset
        }
        return ranked.prefix(max(0, count)).map { outcome(problem.pair($0.element.key.mentee, $0.element.key.mentor), $0.element.change) }
    }

    private func indices(of pair: Problem.Pair) throws -> PairKey {
        guard let mentee = problem.menteeIndex[pair.mentee] else { throw MatchingError.unknownMentee(pair.mentee, context: "what-if pair") }
        guard let mentor = problem.mentorIndex[pair.mentor] else { throw MatchingError.unknownMentor(pair.mentor, context: "what-if pair") }
        return PairKey(mentee: mentee, mentor: mentor)
    }

    private func unchanged(_ pair: Problem.Pair) -> Outcome {
        Outcome(pair: pair, solution: solution, pairChange: 0, scoreChange: 0, moves: [])
    }

    /// The pairs one cycle adds and removes, and what that changes.
    private struct Change {
        var added: [(mentee: Int, mentor: Int)]
        var removed: [(mentee: Int, mentor: Int)]
        var pairChange: Int
        var scoreChange: Double
        var seconds: Double
    }

    /// The cheapest change that moves the pair `key` into or out of the solution, `nil` if none.
    ///
    /// - Complexity: One search, plus the length of the cycle.
    private func change(_ key: PairKey) -> Change? {
        let clock = ContinuousClock()
        let started = clock.now
        var residual = residual
        guard let arc = residual.pairArc(mentee: key.mentee, mentor: key.mentor),
            let cycle = residual.cheapestCycle(changing: arc)
        else { return nil }
        return change(of: cycle.steps, seconds: (clock.now - started) / .seconds(1))
    }

    private func change(of steps: [ResidualCycles.Step], seconds: Double) -> Change {
        let (added, removed) = residual.pairChanges(of: steps)
        func total(_ pairs: [(mentee: Int, mentor: Int)]) -> Double { pairs.reduce(0) { $0 + problem.score(mentee: $1.mentee, mentor: $1.mentor)! } }
        return Change(
            added: added, removed: removed, pairChange: added.count - removed.count, scoreChange: total(added) - total(removed),
            seconds: seconds)
    }

    /// The full outcome of a change: the new solution (its objective recomputed) and the moves.
    ///
    /// - Complexity: O(*p* log *p*) for *p* assigned pairs.
    private func outcome(_ pair: Problem.Pair, _ change: Change) -> Outcome {
        let removed = Set(change.removed.map(PairKey.init))
        let changed = Solution(
            problem: problem, solver: solution.solver, methods: solution.methods + [.residualCycle],
            pairs: assignedPairs.filter { !removed.contains(PairKey($0)) } + change.added, seconds: change.seconds)
        let touched = Set(change.added.map(\.mentee)).union(change.removed.map(\.mentee)).sorted()
        let moves = touched.map { mentee -> Move in
            let before = mentorsOf[mentee]
            let after = (before.filter { !removed.contains(PairKey(mentee: mentee, mentor: $0)) } + change.added.filter { $0.mentee == mentee }.map(\.mentor)).sorted()
            return Move(mentee: problem.mentees[mentee].id, before: before.map { problem.mentors[$0].id }, after: after.map { problem.mentors[$0].id })
        }
        return Outcome(
            pair: pair, solution: changed, pairChange: changed.assigned - solution.assigned,
            scoreChange: changed.objective - solution.objective, moves: moves)
    }
}
