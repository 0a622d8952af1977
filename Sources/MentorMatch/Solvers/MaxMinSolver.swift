/// Fairness first: among assignments with the most pairs, one whose worst pair is as good as
/// possible (the highest lowest score when maximizing, the lowest highest score when
/// minimizing), and among those the best total: the bottleneck objective, around any solver.
///
/// ```swift
/// let fair = try MaxMinSolver().solve(problem)   // no one stuck with a poor match, if avoidable
/// ```
///
/// **Method.** A maximum assignment gives the largest number of pairs *p*. The distinct scores of the
/// pairs that are not locked are then bisected for the best threshold *t* at which the problem
/// restricted to pairs scoring *t* or better (locked pairs always kept) still has *p* pairs and
/// meets every constraint (a locked pair worse than *t* lowers *t* to its score: it is the worst
/// pair anyway); each test is one maximum assignment (or maximum flow) of the
/// restricted problem, or a solve where no network expresses it (groups that overlap). The base
/// solver then solves the restricted problem for the best total. With an exact base solver the
/// answer is exact under this objective; its status is the base solver's, and it carries no
/// certificate (the base solver's proves optimality only for the restricted problem).
///
/// - Complexity: O(log *e*) maximum assignments plus one solve of the base solver, for *e*
///   allowed pairs.
public struct MaxMinSolver: MatchingSolver {
    /// The solver of the restricted problem.
    public var base: any MatchingSolver

    public init(base: any MatchingSolver = HungarianSolver()) {
        self.base = base
    }

    public var name: String { base is HungarianSolver ? "maxmin" : "\(base.name)-maxmin" }

    /// The base solver's.
    public var capabilities: SolverCapabilities { base.capabilities.subtracting(.incumbents) }

    /// - Throws: what the base solver throws.
    public func solve(_ problem: Problem) throws -> Solution {
        try checkSupport(of: problem)
        let clock = ContinuousClock()
        let started = clock.now
        // The most pairs: a maximum assignment (or flow); a solve only where no network expresses
        // the problem.
        let most = try problem.largestAssignmentSize() ?? base.solve(problem).assigned
        let better: (Double, Double) -> Bool = problem.sense == .maximize ? (>) : (<)
        var thresholds = Set<Double>()
        problem.forEachAllowedPair { mentee, mentor, score in
            if !problem.isLocked(mentee: mentee, mentor: mentor) { thresholds.insert(score) }
        }
        let candidates = thresholds.sorted(by: better)  // best first
        func restricted(to threshold: Double) throws -> Problem {
            try problem.keepingPairs { mentee, mentor, score in
                !better(threshold, score) || problem.isLocked(mentee: mentee, mentor: mentor)
            }
        }
        func reachesMost(_ threshold: Double) throws -> Bool {
            do {
                let candidate = try restricted(to: threshold)
                if let size = try candidate.largestAssignmentSize() { return size == most }
                return try base.solve(candidate).assigned == most
            } catch MatchingError.infeasible {
                return false
            }
        }
        // The last candidate admits every pair, so it reaches the most; bisect for the first.
        var low = 0, high = max(candidates.count - 1, 0)
        while low < high {
            let middle = (low + high) / 2
            if try reachesMost(candidates[middle]) { high = middle } else { low = middle + 1 }
        }
        // A locked pair worse than the threshold is the bottleneck anyway: then every pair at
        // least as good as it may serve the total.
        let worstLocked = problem.lockedPairs.compactMap { problem.score(mentee: $0.mentee, mentor: $0.mentor) }.min(by: { better($1, $0) })
        var threshold = candidates.isEmpty ? nil : candidates[low]
        if let chosen = threshold, let worstLocked, better(chosen, worstLocked) { threshold = worstLocked }
        let solution = try base.solve(try threshold.map(restricted(to:)) ?? problem)
        let pairs = solution.assignments.map { (mentee: problem.menteeIndex[$0.mentee]!, mentor: problem.mentorIndex[$0.mentor]!) }
        return Solution(
            problem: problem, solver: name, methods: solution.methods + [.maxMinThresholdSearch], status: solution.status,
            pairs: pairs, seconds: (clock.now - started) / .seconds(1), gap: solution.gap)
    }
}
