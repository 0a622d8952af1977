import Testing
import MentorMatch
import MentorMatchGLPK

/// Cancellation and time limits: solvers stop with a clear error and never return an unfinished
/// answer.
@Suite struct StopTests {
    func problem() throws -> Problem {
        var generator = SeededGenerator(seed: 3)
        return try randomProblem(RandomProblemShape(mentees: 300...300, mentors: 100...100, capacity: 1...3, scores: 0...99), sense: .maximize, using: &generator)
    }

    @Test(arguments: [0, 1])
    func aCancelledTaskStopsTheSolver(solverIndex: Int) async throws {
        let problem = try problem()
        let solver: any MatchingSolver = solverIndex == 0 ? HungarianSolver() : GLPKSolver()
        let task = Task { () throws -> Solution in
            while !Task.isCancelled { await Task.yield() }  // start solving only once cancelled
            return try solver.solve(problem)
        }
        task.cancel()
        await #expect(throws: MatchingError.cancelled) { try await task.value }
    }

    @Test func anElapsedTimeLimitThrowsInsteadOfAnswering() throws {
        #expect(throws: MatchingError.timeLimitReached("no optimal assignment yet; an unfinished one is never returned")) {
            try HungarianSolver(timeLimit: .zero).solve(try problem())
        }
        let solution = try HungarianSolver(timeLimit: .seconds(600)).solve(try problem())
        #expect(try problem().verify(solution) == .provenOptimal)
    }
}
