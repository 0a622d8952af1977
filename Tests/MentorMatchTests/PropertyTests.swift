import PropertyBased
import Testing
import MentorMatch
import MentorMatchTestSupport

/// Solver invariants stated as properties over generated problems. The generators build the
/// problem itself (rows of optional scores, capacities, the number of mentors), so that
/// swift-property-based shrinks a failing case to a small problem, not just to another seed.
@Suite struct PropertyTests {
    /// Up to 6 mentees by up to 4 mentors; `nil` scores are pairs that are not allowed.
    static let rows = Gen.int(in: -5...20).optional(valueRate: 0.7).array(of: 4).array(of: 0...6)
    static let capacities = Gen.int(in: 0...3).array(of: 4)

    static func problem(rows: [[Int?]], capacities: [Int], mentorCount: Int, maximize: Bool) throws -> Problem {
        try Problem(
            sense: maximize ? .maximize : .minimize, mentees: rows.indices.map { .init(id: "e\($0)") },
            mentors: (0..<mentorCount).map { .init(id: "m\($0)", capacity: capacities[$0]) },
            scores: .matrix(ScoreMatrix(rows.map { $0.prefix(mentorCount).map { $0.map(Double.init) } })))
    }

    /// The same problem with mentees and mentors listed in reverse order.
    static func reversed(_ problem: Problem) throws -> Problem {
        let mentees = Array(problem.mentees.reversed()), mentors = Array(problem.mentors.reversed())
        let rows: [[Double?]] = mentees.indices.map { row in
            mentors.indices.map { column in
                problem.score(mentee: problem.mentees.count - 1 - row, mentor: problem.mentors.count - 1 - column)
            }
        }
        return try Problem(sense: problem.sense, mentees: mentees, mentors: mentors, scores: .matrix(ScoreMatrix(rows)), locked: problem.locked)
    }

    @Test func feasibleOptimalOrderFreeAndDeterministic() async {
        await propertyCheck(count: 150, input: Self.rows, Self.capacities, Gen.int(in: 0...4), Gen.bool) { rows, capacities, mentorCount, maximize in
            let problem = try Self.problem(rows: rows, capacities: capacities, mentorCount: mentorCount, maximize: maximize)
            let solution = try HungarianSolver().solve(problem)
            // Feasible, with a certificate that checks out.
            #expect(try problem.verify(solution) == .provenOptimal)
            // Optimal against brute force.
            let best = try #require(bruteForceOptimum(problem))
            #expect(solution.assigned == best.assigned && solution.objective == best.total)
            // Reordering mentees and mentors changes neither the size nor the objective.
            let other = try HungarianSolver().solve(try Self.reversed(problem))
            #expect(other.assigned == solution.assigned && other.objective == solution.objective)
            // Deterministic.
            #expect(try HungarianSolver().solve(problem).assignments == solution.assignments)
        }
    }
}
