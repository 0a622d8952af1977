import MentorMatch

/// The integer program behind every GLPK path, in plain Swift arrays.
///
/// One 0/1 variable x_p per allowed pair p (locked pairs fixed to 1), and the constraints
/// - mentee i: sum of x over its pairs <= demand_i;
/// - mentor j: minimum_j <= sum of x over its pairs <= capacity_j;
/// - group g and mentor j: sum of x over the pairs of g's mentees with j <= maxPerMentor_g,
///   kept only where the group has more allowed pairs with j than its limit.
///
/// Demands and capacities are clamped to the number of allowed pairs (no effect on the answers),
/// so that every bound fits GLPK's integer network routines whenever the pair count does.
struct AssignmentModel {
    struct PairVariable {
        var mentee: Int
        var mentor: Int
        var score: Double
        var locked: Bool
    }

    struct GroupRow {
        var group: Int
        var mentor: Int
        var pairs: [Int]
        var limit: Int
    }

    let problem: Problem
    private(set) var pairs: [PairVariable] = []
    private(set) var pairsOfMentee: [[Int]]
    private(set) var pairsOfMentor: [[Int]]
    private(set) var demand: [Int]
    private(set) var capacity: [Int]
    private(set) var groupRows: [GroupRow] = []

    /// Builds the model and checks, before GLPK sees anything, the reasons for infeasibility that
    /// can be named directly.
    ///
    /// - Throws: `MatchingError/infeasible(_:)` with the reason, or
    ///   `MatchingError/unsupported(solver:feature:)` for more pairs than GLPK can index.
    init(_ problem: Problem) throws {
        self.problem = problem
        pairsOfMentee = Array(repeating: [], count: problem.mentees.count)
        pairsOfMentor = Array(repeating: [], count: problem.mentors.count)
        var pairs: [PairVariable] = []
        problem.forEachAllowedPair { mentee, mentor, score in
            guard problem.mentees[mentee].demand > 0 else { return }
            pairs.append(PairVariable(mentee: mentee, mentor: mentor, score: score, locked: problem.isLocked(mentee: mentee, mentor: mentor)))
        }
        guard pairs.count + problem.mentees.count + problem.mentors.count + 2 < Int(Int32.max) else {
            throw MatchingError.unsupported(solver: "glpk", feature: .size("more than 2^31 - 1 pairs and people"))
        }
        for (index, pair) in pairs.enumerated() {
            pairsOfMentee[pair.mentee].append(index)
            pairsOfMentor[pair.mentor].append(index)
        }
        self.pairs = pairs
        demand = zip(problem.mentees, pairsOfMentee).map { min($0.demand, $1.count) }
        capacity = zip(problem.mentors, pairsOfMentor).map { min($0.capacity, $1.count) }

        for (index, mentor) in problem.mentors.enumerated() where mentor.minimum > capacity[index] {
            throw MatchingError.infeasible(
                "mentor '\(mentor.id)' needs at least \(mentor.minimum) mentees but only \(pairsOfMentor[index].count) may be assigned to it")
        }
        try problem.checkLockedPairsAgainstGroupLimits()
        let totalMinimum = problem.mentors.reduce(0) { $0 + $1.minimum }
        let totalDemand = demand.reduce(0, +)
        if totalMinimum > totalDemand {
            throw MatchingError.infeasible("minimum loads need \(totalMinimum) mentees but the mentees can take at most \(totalDemand) pairs")
        }
        for (group, spec) in problem.groups.enumerated() {
            var pairsByMentor: [Int: [Int]] = [:]
            for mentee in problem.members(ofGroup: group) {
                for pair in pairsOfMentee[mentee] { pairsByMentor[pairs[pair].mentor, default: []].append(pair) }
            }
            for (mentor, groupPairs) in pairsByMentor.sorted(by: { $0.key < $1.key }) where groupPairs.count > spec.maxPerMentor {
                groupRows.append(GroupRow(group: group, mentor: mentor, pairs: groupPairs, limit: spec.maxPerMentor))
            }
        }
    }
}
