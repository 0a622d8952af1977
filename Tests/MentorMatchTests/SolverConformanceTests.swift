import Testing
import MentorMatch
import MentorMatchGLPK

/// The suite every solver must pass: the same optimum as brute force and as each other.
@Suite struct SolverConformanceTests {
    static let solvers: [any MatchingSolver] = [HungarianSolver(), GLPKSolver()]

    @Test(arguments: solvers.indices, [0.0, 0.25, 0.123_456_789])
    func smallProblemsMatchBruteForce(solverIndex: Int, fraction: Double) throws {
        let solver = Self.solvers[solverIndex]
        var generator = SeededGenerator(seed: 500 + UInt64(solverIndex))
        for round in 0..<120 {
            var shape = RandomProblemShape(mentees: 1...6, mentors: 1...4)
            shape.density = Double.random(in: 0.2...1, using: &generator)
            shape.sparse = round.isMultiple(of: 2)
            shape.fraction = fraction
            let sense: Problem.Sense = round.isMultiple(of: 3) ? .minimize : .maximize
            let problem = try randomProblem(shape, sense: sense, using: &generator)
            let solution = try solver.solve(problem)
            try problem.verify(solution)
            let best = try #require(bruteForceOptimum(problem))
            #expect(solution.assigned == best.assigned, "\(solver.name) round \(round)")
            #expect(abs(solution.objective - best.total) <= 1e-9 * (1 + abs(best.total)), "\(solver.name) round \(round)")
        }
    }

    @Test(arguments: [0.0, 0.5, 0.123_456_789])
    func solversAgreeOnLargerRandomProblems(fraction: Double) throws {
        var generator = SeededGenerator(seed: 77)
        for round in 0..<100 {
            var shape = RandomProblemShape(mentees: 5...40, mentors: 2...15, capacity: 0...4, scores: 0...50)
            shape.density = Double.random(in: 0.1...1, using: &generator)
            shape.lockChance = 0.02
            shape.sparse = round.isMultiple(of: 2)
            shape.fraction = fraction
            let problem = try randomProblem(shape, sense: round.isMultiple(of: 3) ? .minimize : .maximize, using: &generator)
            let solutions = try Self.solvers.map { try $0.solve(problem) }
            for solution in solutions { try problem.verify(solution) }
            #expect(solutions[0].assigned == solutions[1].assigned, "round \(round)")
            #expect(abs(solutions[0].objective - solutions[1].objective) <= 1e-9 * (1 + abs(solutions[0].objective)), "round \(round)")
        }
    }

    @Test func theSameProblemGivesTheSameAnswer() throws {
        var generator = SeededGenerator(seed: 5)
        let problem = try randomProblem(RandomProblemShape(mentees: 30...30, mentors: 8...8, scores: 0...3), sense: .maximize, using: &generator)
        for solver in Self.solvers {
            let first = try solver.solve(problem)
            #expect(try solver.solve(problem).assignments == first.assignments, "\(solver.name)")
        }
    }
}
