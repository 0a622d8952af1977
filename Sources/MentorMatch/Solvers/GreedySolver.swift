/// The baseline many programs use by hand: take the best remaining pair first.
///
/// ```swift
/// let byHand = try GreedySolver().solve(problem)      // status .heuristic
/// let best = try HungarianSolver().solve(problem)
/// print(best.objective - byHand.objective)            // what optimization gains
/// ```
///
/// **Method.** Locked pairs are taken first. Then every other allowed pair is visited from the
/// best score to the worst (highest first when maximizing, lowest first when minimizing; ties by
/// mentee, then mentor, in problem order), and a pair is taken when its mentee still wants a
/// mentor, its mentor has room and no group limit would be broken. The answer is feasible and
/// maximal (no further pair fits), but neither the most pairs nor the best score is guaranteed:
/// its status is ``Solution/Status/heuristic``.
///
/// - Complexity: O(*e* log *e* + *e* × *g*) time and O(*n* + *m* + *e*) memory, where *e* is the
///   number of allowed pairs, *g* the number of groups a mentee belongs to at most, *n* the
///   number of mentees and *m* of mentors.
public struct GreedySolver: MatchingSolver {
    public init() {}

    public var name: String { "greedy" }

    /// Mentee demand and group limits are honoured; minimum loads are not (greedy cannot promise them).
    public var capabilities: SolverCapabilities { [.menteeDemand, .groupLimits] }

    /// Always: a pair's fate depends on the pairs before it in the order, and only those of its
    /// own component share a mentee or a mentor with it.
    public func answersByComponent(requirements: SolverCapabilities) -> Bool { true }

    public func solve(_ problem: Problem) throws -> Solution {
        try checkSupport(of: problem)
        try problem.checkLockedPairsAgainstGroupLimits()
        let clock = ContinuousClock()
        let started = clock.now
        var pairs: [(mentee: Int, mentor: Int, score: Double)] = []
        problem.forEachAllowedPair { pairs.append(($0, $1, $2)) }
        let better: (Double, Double) -> Bool = problem.sense == .maximize ? (>) : (<)
        pairs.sort { a, b in
            a.score != b.score ? better(a.score, b.score) : (a.mentee, a.mentor) < (b.mentee, b.mentor)
        }
        var tracker = AssignmentTracker(problem)
        for pair in problem.lockedPairs { tracker.take(pair.mentee, pair.mentor) }
        for pair in pairs where !problem.isLocked(mentee: pair.mentee, mentor: pair.mentor) && tracker.fits(pair.mentee, pair.mentor) {
            tracker.take(pair.mentee, pair.mentor)
        }
        return Solution(
            problem: problem, solver: name, methods: [.greedy], status: .heuristic, pairs: tracker.taken,
            seconds: (clock.now - started) / .seconds(1))
    }
}

/// Loads of mentees, mentors and groups while pairs are taken one by one.
struct AssignmentTracker {
    let problem: Problem
    private var served: [Int]
    private var load: [Int]
    /// Per group, per mentor: members taken.
    private var groupLoad: [[Int: Int]]
    private let groupsOfMentee: [[Int]]
    private(set) var taken: [(mentee: Int, mentor: Int)] = []

    init(_ problem: Problem) {
        self.problem = problem
        served = Array(repeating: 0, count: problem.mentees.count)
        load = Array(repeating: 0, count: problem.mentors.count)
        groupLoad = Array(repeating: [:], count: problem.groups.count)
        var groupsOfMentee = [[Int]](repeating: [], count: problem.mentees.count)
        for group in problem.groups.indices {
            for mentee in problem.members(ofGroup: group) { groupsOfMentee[mentee].append(group) }
        }
        self.groupsOfMentee = groupsOfMentee
    }

    /// Whether the pair can be added: the mentee wants another mentor, the mentor has room and
    /// every group of the mentee is below its limit on that mentor. (Each pair is visited once.)
    func fits(_ mentee: Int, _ mentor: Int) -> Bool {
        served[mentee] < problem.mentees[mentee].demand && load[mentor] < problem.mentors[mentor].capacity
            && groupsOfMentee[mentee].allSatisfy { groupLoad[$0][mentor, default: 0] < problem.groups[$0].maxPerMentor }
    }

    mutating func take(_ mentee: Int, _ mentor: Int) {
        served[mentee] += 1
        load[mentor] += 1
        for group in groupsOfMentee[mentee] { groupLoad[group][mentor, default: 0] += 1 }
        taken.append((mentee, mentor))
    }
}
