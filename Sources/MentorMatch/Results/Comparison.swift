/// Several solvers on one problem, side by side: "how much better is the optimum than what we did
/// by hand?", "is the optimal matching stable?".
///
/// ```swift
/// let comparison = Comparison(problem, solvers: [HungarianSolver(), GreedySolver(), StableSolver()])
/// for entry in comparison.entries { print(entry.solver, entry.objective, entry.gapToBest, entry.blockingPairs ?? -1) }
/// ```
public struct Comparison: Sendable {
    /// One solver's result, measured against the best result of the comparison.
    public struct Entry: Sendable, Hashable, Codable {
        public var solver: String
        public var methods: [Solution.Method]
        /// The solution's status; `nil` when the solver threw (see ``error``).
        public var status: Solution.Status?
        public var assigned: Int
        public var objective: Double
        /// How much worse the objective is than the best one with the same number of pairs
        /// (0 for the best; `nil` when fewer pairs were assigned than the best).
        public var gapToBest: Double?
        /// Pairs of this solution that the best solution does not have.
        public var pairsDifferingFromBest: Int
        /// The worst pair's score (the lowest when maximizing, the highest when minimizing).
        public var lowestScore: Double?
        public var meanScore: Double?
        /// Pairs whose score is worse than the comparison's threshold; `nil` without one.
        public var belowThreshold: Int?
        /// Pairs that would rather be matched together (see ``Problem/blockingPairs(in:)``);
        /// `nil` when a mentee's demand is above 1.
        public var blockingPairs: Int?
        /// Matched mentees who got their first choice, and the mean rank of what matched mentees
        /// got (see ``Problem/rankSummary(of:)``); `nil` when a mentee's demand is above 1.
        public var firstChoices: Int?
        public var meanRank: Double?
        public var seconds: Double
        /// How far the objective is from the LP bound (``Solution/lpBound``) of a solver in the
        /// comparison that computed one (GLPK), among assignments with as many pairs; `nil` when
        /// none did or when this solution has another number of pairs.
        public var gapToLPBound: Double?
        /// For ``Solution/Status/timeLimit``: the MIP gap.
        public var mipGap: Double?
        public var error: String?
    }

    /// What stability costs: the best solution against the best stable one (no blocking pair).
    public struct PriceOfStability: Sendable, Hashable, Codable {
        /// The best stable solver's name.
        public var stableSolver: String
        /// How much worse the best stable objective is than the best one (0 when equal).
        public var scoreGivenUp: Double
        /// How many fewer pairs the best stable solution has.
        public var pairsGivenUp: Int
        /// The blocking pairs of the best solution: how unstable the optimum is.
        public var blockingPairsOfBest: Int
    }

    /// One entry per solver, in the order given.
    public let entries: [Entry]
    /// `nil` unless some solution has no blocking pair and the best one was counted.
    public let priceOfStability: PriceOfStability?
    /// Each solver's verified solution, `nil` where it failed; indexed like ``entries``.
    public let solutions: [Solution?]
    /// The index in ``entries`` of the best solution: most pairs, then best objective, ties to the
    /// earlier solver.
    public let best: Int?

    /// Runs every solver on `problem` and verifies each answer; a solver that throws, or whose
    /// answer fails verification, gets an entry with its error. With a `threshold`, each entry
    /// counts the pairs scoring worse than it (below it when maximizing, above when minimizing).
    ///
    /// - Complexity: the solvers' own, plus O(*e* log *e*) per solver for blocking pairs, where *e*
    ///   is the number of allowed pairs.
    public init(_ problem: Problem, solvers: [any MatchingSolver], threshold: Double? = nil) {
        let judge = Judge(problem)
        self.init(
            sense: problem.sense, solvers: solvers.map(\.name), outcomes: solvers.map { solver in Result { try judge.run(solver) } }, threshold: threshold)
    }

    /// A verified solution with what a comparison measures against the problem's rankings.
    package struct Measured: Sendable {
        package var solution: Solution
        /// `nil` when a mentee's demand is above 1, as for ``Entry/blockingPairs``.
        package var blockingPairs: Int?
        package var firstChoices: Int?
        /// The sum of the matched mentees' 1-based ranks (see ``Problem/rankSummary(of:)``).
        package var rankTotal: Int?

        /// The measures of solutions of independent parts (no allowed pair between two parts, and
        /// each person's rankings within its part) added up, for `solution`, their union.
        package static func joined(_ parts: [Measured], as solution: Solution) -> Measured {
            func total(_ measure: (Measured) -> Int?) -> Int? {
                parts.reduce(Optional(0)) { sum, part in sum.flatMap { sum in measure(part).map { sum + $0 } } }
            }
            return Measured(solution: solution, blockingPairs: total(\.blockingPairs), firstChoices: total(\.firstChoices), rankTotal: total(\.rankTotal))
        }
    }

    /// Runs solvers on one problem and measures their answers, the rankings derived once.
    package struct Judge {
        private let problem: Problem
        /// `nil` when a mentee's demand is above 1: rankings judge one mentor per mentee.
        private let preferences: RankedLists?

        package init(_ problem: Problem) {
            self.problem = problem
            preferences = problem.mentees.allSatisfy { $0.demand <= 1 } ? RankedLists(problem) : nil
        }

        /// `solver`'s answer, verified and measured.
        ///
        /// - Throws: what the solver throws, or ``MatchingError/verificationFailed(_:)``.
        package func run(_ solver: any MatchingSolver) throws -> Measured {
            let solution = try solver.solve(problem)
            try problem.verify(solution)
            let ranks = preferences.map { problem.rankTotals(of: solution, preferences: $0) }
            return Measured(
                solution: solution, blockingPairs: preferences.map { problem.blockingPairs(in: solution, preferences: $0) },
                firstChoices: ranks?.firstChoices, rankTotal: ranks?.total)
        }
    }

    /// The comparison of measured answers (or the errors of the solvers named `solvers`, in the
    /// same order) of one problem maximized or minimized as `sense` says.
    package init(sense: Problem.Sense, solvers: [String], outcomes: [Result<Measured, any Error>], threshold: Double? = nil) {
        let solutions = outcomes.map { try? $0.get().solution }
        let better: (Double, Double) -> Bool = sense == .maximize ? (>) : (<)
        var best: Int?
        for (index, solution) in solutions.enumerated() {
            guard let solution else { continue }
            if let current = best, let leader = solutions[current] {
                if solution.assigned > leader.assigned || (solution.assigned == leader.assigned && better(solution.objective, leader.objective)) {
                    best = index
                }
            } else {
                best = index
            }
        }
        let bestSolution = best.flatMap { solutions[$0] }
        let bounded = solutions.lazy.compactMap { $0 }.first { $0.lpBound != nil }
        let bestPairs = Set((bestSolution?.assignments ?? []).map { "\($0.mentee)\u{1F}\($0.mentor)" })
        entries = zip(solvers, outcomes).map { solver, outcome in
            let measures: Measured
            switch outcome {
            case .success(let success): measures = success
            case .failure(let error):
                return Entry(
                    solver: solver, methods: [], status: nil, assigned: 0, objective: 0, gapToBest: nil, pairsDifferingFromBest: 0,
                    lowestScore: nil, meanScore: nil, belowThreshold: nil, blockingPairs: nil, firstChoices: nil, meanRank: nil, seconds: 0, gapToLPBound: nil,
                    mipGap: nil, error: "\(error)")
            }
            let solution = measures.solution
            let scores = solution.assignments.map(\.score)
            let gap = bestSolution.flatMap { leader in
                leader.assigned == solution.assigned ? abs(leader.objective - solution.objective) : nil
            }
            let gapToLPBound = bounded.flatMap { bounded in
                bounded.assigned == solution.assigned ? bounded.lpBound.map { abs($0 - solution.objective) } : nil
            }
            return Entry(
                solver: solution.solver, methods: solution.methods, status: solution.status, assigned: solution.assigned,
                objective: solution.objective, gapToBest: gap,
                pairsDifferingFromBest: solution.assignments.filter { !bestPairs.contains("\($0.mentee)\u{1F}\($0.mentor)") }.count,
                lowestScore: sense == .maximize ? scores.min() : scores.max(),
                meanScore: scores.isEmpty ? nil : scores.reduce(0, +) / Double(scores.count),
                belowThreshold: threshold.map { limit in scores.filter { better(limit, $0) }.count },
                blockingPairs: measures.blockingPairs, firstChoices: measures.firstChoices,
                meanRank: measures.rankTotal.flatMap { total in scores.isEmpty ? nil : Double(total) / Double(scores.count) }, seconds: solution.seconds,
                gapToLPBound: gapToLPBound, mipGap: solution.gap,
                error: nil)
        }
        self.best = best
        self.solutions = solutions
        priceOfStability = Self.priceOfStability(entries, best: best, better: better)
    }

    /// The best entry with no blocking pair (most pairs, then best objective, earliest) against
    /// the best entry.
    private static func priceOfStability(_ entries: [Entry], best: Int?, better: (Double, Double) -> Bool) -> PriceOfStability? {
        guard let best, let blocking = entries[best].blockingPairs else { return nil }
        var stable: Entry?
        for entry in entries where entry.error == nil && entry.blockingPairs == 0 {
            if let leader = stable, entry.assigned < leader.assigned || (entry.assigned == leader.assigned && !better(entry.objective, leader.objective)) {
                continue
            }
            stable = entry
        }
        guard let stable else { return nil }
        return PriceOfStability(
            stableSolver: stable.solver, scoreGivenUp: abs(entries[best].objective - stable.objective),
            pairsGivenUp: entries[best].assigned - stable.assigned, blockingPairsOfBest: blocking)
    }

    /// How a solution differs from an earlier one, mentee by mentee.
    public struct Changes: Sendable, Hashable, Codable {
        /// Pairs in both.
        public var kept = 0
        /// Mentees matched in both, to different mentors.
        public var moved = 0
        /// Mentees matched now but not before.
        public var added = 0
        /// Mentees matched before but not now.
        public var dropped = 0
    }

    /// Compares `solution` with `previous` pairs (for example last round's matches).
    ///
    /// - Complexity: O(*p*), where *p* is the number of pairs in both.
    public static func changes(from previous: [Problem.Pair], to solution: Solution) -> Changes {
        var before: [String: Set<String>] = [:], after: [String: Set<String>] = [:]
        for pair in previous { before[pair.mentee, default: []].insert(pair.mentor) }
        for pair in solution.assignments { after[pair.mentee, default: []].insert(pair.mentor) }
        var changes = Changes()
        for mentee in Set(before.keys).union(after.keys) {
            let old = before[mentee] ?? [], new = after[mentee] ?? []
            let kept = old.intersection(new).count
            changes.kept += kept
            let moved = min(old.count, new.count) - kept
            changes.moved += moved
            changes.added += max(0, new.count - old.count)
            changes.dropped += max(0, old.count - new.count)
        }
        return changes
    }
}
