import Testing
import MentorMatch
import MentorMatchTestSupport

/// The suite every exact solver must pass (the GLPK backend runs it in its own tests).
@Suite struct SolverConformanceTests {
    @Test(arguments: [0.0, 0.25, 0.123_456_789])
    func smallProblemsMatchBruteForce(fraction: Double) throws {
        try expectSmallProblemsMatchBruteForce(HungarianSolver(), fraction: fraction, seed: 500)
    }

    @Test func theSameProblemGivesTheSameAnswer() throws {
        try expectDeterministic(HungarianSolver())
    }
}
