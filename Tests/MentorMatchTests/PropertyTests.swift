import PropertyBased
import Testing
import MentorMatch

/// Solver invariants stated as properties over generated problems (swift-property-based shrinks
/// a failing case to a small one).
@Suite struct PropertyTests {
    /// A random problem from generated parameters.
    static func problem(seed: Int, mentees: Int, mentors: Int, maximize: Bool) throws -> Problem {
        var generator = SeededGenerator(seed: UInt64(seed))
        var shape = RandomProblemShape(mentees: mentees...mentees, mentors: mentors...mentors, capacity: 0...3)
        shape.density = Double.random(in: 0.2...1, using: &generator)
        return try randomProblem(shape, sense: maximize ? .maximize : .minimize, using: &generator)
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
        await propertyCheck(count: 150, input: Gen.int(in: 0...1_000_000), Gen.int(in: 0...6), Gen.int(in: 0...4), Gen.bool) {
            seed, mentees, mentors, maximize in
            let problem = try! Self.problem(seed: seed, mentees: mentees, mentors: mentors, maximize: maximize)
            let solution = try! HungarianSolver().solve(problem)
            // Feasible, with a certificate that checks out.
            #expect((try? problem.verify(solution)) == .provenOptimal)
            // Optimal against brute force.
            let best = bruteForceOptimum(problem)!
            #expect(solution.assigned == best.assigned && solution.objective == best.total)
            // Reordering mentees and mentors changes neither the size nor the objective.
            let other = try! HungarianSolver().solve(try! Self.reversed(problem))
            #expect(other.assigned == solution.assigned && other.objective == solution.objective)
            // Deterministic.
            #expect(try! HungarianSolver().solve(problem).assignments == solution.assignments)
        }
    }
}
